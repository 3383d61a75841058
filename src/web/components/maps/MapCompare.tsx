import '@xyflow/react/dist/style.css';
import './maps.css';
import { Badge, Box, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { ConnectionMode, Controls, ReactFlow, ReactFlowProvider, useEdgesState, useNodesState } from '@xyflow/react';
import { useId, useMemo, useRef } from 'react';
import { centreOf } from '../../../domain/maps/map';
import { ecomapScene } from '../../../domain/maps/svg';
import { api } from '../../api';
import { formatDate } from '../dates';
import { LoadError, Loading } from '../States';
import { compareDrawing } from './compare';
import { edgeTypes, fitToRings, nodeTypes, syncEdges, syncNodes } from './flow';
import { LevelRings, ReadableLabels } from './LevelRings';
import { MapLegend } from './MapLegend';
import { type MapComparison, type MapVersionSummary, mapKeys, mapUrl } from './types';

const versionName = (v: MapVersionSummary | null) => (v ? `version ${v.number} (${formatDate(v.savedAt)})` : 'the map as it is now');

/**
 * Two versions of the map compared: one drawing holding both, with every difference marked in
 * words on the canvas (new, lost, stronger, weaker, what a quality was), the changes listed as
 * sentences and counted.
 */
export function MapCompare({ clientId, from, to, onClose }: { clientId: string; from: string; to: string; onClose: () => void }) {
  const id = useId();
  const query = useQuery({
    queryKey: mapKeys.compare(clientId, from, to),
    queryFn: () => api.get<MapComparison>(`${mapUrl(clientId)}/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
  });

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`${id}-title`} style={{ borderColor: 'var(--mantine-color-dusk-3)' }}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={3} size="h4" id={`${id}-title`}>
            {query.data ? `What changed from ${versionName(query.data.from)} to ${versionName(query.data.to)}` : 'Comparing two versions'}
          </Title>
          <Button variant="subtle" color="gray" size="compact-sm" leftSection={<IconX size={14} aria-hidden />} onClick={onClose}>
            Close the comparison
          </Button>
        </Group>
        {query.isPending ? (
          <Loading label="Comparing the two versions…" />
        ) : query.isError ? (
          <LoadError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Comparison key={query.dataUpdatedAt} comparison={query.data} />
        )}
      </Stack>
    </Paper>
  );
}

function Comparison({ comparison }: { comparison: MapComparison }) {
  const { counts, sentences } = comparison;
  const drawing = useMemo(() => compareDrawing(comparison.before, comparison.after, comparison.diff), [comparison]);
  // Kept in flow state so the canvas can measure the nodes (and draw the ties between them).
  const [nodes, , onNodesChange] = useNodesState(syncNodes([], drawing.map.nodes, { markOf: (id) => drawing.nodeMarks.get(id) ?? null, readOnly: true }));
  const [edges, , onEdgesChange] = useEdgesState(syncEdges([], drawing.map, { marksOf: (t) => drawing.tieMarks.get(t.id) ?? [], readOnly: true }));
  const canvasRef = useRef<HTMLDivElement>(null);
  const rings = useMemo(() => ecomapScene({ nodes: drawing.map.nodes, ties: [], alterTiesRecorded: false }).rings, [drawing]);
  const centre = centreOf(drawing.map);
  const countWords = [
    { n: counts.added, label: counts.added === 1 ? 'tie added' : 'ties added' },
    { n: counts.lost, label: counts.lost === 1 ? 'tie lost' : 'ties lost' },
    { n: counts.strengthened, label: 'stronger' },
    { n: counts.weakened, label: 'weaker' },
    { n: counts.qualityChanged, label: 'changed in quality' },
  ];

  return (
    <Stack gap="md">
      <Group gap="xs" component="ul" aria-label="Changes in the client’s ties, counted" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {countWords.map((c) => (
          <Badge component="li" key={c.label} variant={c.n ? 'light' : 'outline'} color={c.n ? 'dusk' : 'gray'} size="lg" tt="none" radius="sm">
            {c.n} {c.label}
          </Badge>
        ))}
      </Group>
      <Stack gap={4}>
        <Title order={4} size="h6">
          In words
        </Title>
        {sentences.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing changed in the relationships between these two versions.
          </Text>
        ) : (
          <List size="sm" spacing={4} aria-label="What changed, in words">
            {sentences.map((s, i) => (
              <List.Item key={i}>{s}</List.Item>
            ))}
          </List>
        )}
      </Stack>
      <Box className="lm-canvas" ref={canvasRef}>
        <ReactFlowProvider>
          <ReactFlow
              aria-label="Both versions drawn together: new ties and people are marked “+ new”, lost ones are faded, dashed and marked “lost”, changed ties say how. The same changes are listed in words above."
            nodes={nodes}
            edges={edges}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            nodeOrigin={[0.5, 0.5]}
            // Every node has one handle, of the "source" kind: ties may end at it too.
            connectionMode={ConnectionMode.Loose}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            deleteKeyCode={null}
            minZoom={0.15}
            maxZoom={2}
            onInit={(instance) => fitToRings(instance, drawing.map)}
          >
            <LevelRings rings={rings} cx={centre?.x ?? 0} cy={centre?.y ?? 0} />
            <ReadableLabels target={canvasRef} />
            <Controls showInteractive={false} position="bottom-left" />
          </ReactFlow>
        </ReactFlowProvider>
      </Box>
      <MapLegend compare />
    </Stack>
  );
}
