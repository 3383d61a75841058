import '@xyflow/react/dist/style.css';
import './maps.css';
import { Alert, Anchor, Box, Button, Checkbox, Group, List, Modal, NativeSelect, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconLink, IconPlus, IconTable, IconTrash } from '@tabler/icons-react';
import {
  ConnectionMode,
  Controls,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type OnConnect,
  type OnSelectionChangeParams,
  Panel,
  ReactFlow,
  type ReactFlowInstance,
  ReactFlowProvider,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
} from '@xyflow/react';
import { type ReactNode, type RefObject, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type MapTie, type RelationalMap, centreOf, levelLabels } from '../../../domain/maps/map';
import { ecomapScene } from '../../../domain/maps/svg';
import {
  type EcomapTie,
  type NewNodeFields,
  addNode,
  addTie,
  blankNode,
  defaultTieBetween,
  existingTie,
  isEcomapTie,
  moveNodes,
  removeNodes,
  removeTies,
  replaceTie,
  updateNode,
} from './mapEdit';
import { describeNode, describeTie, nameOf } from './mapWords';
import { type FlowNode } from './MapNodeView';
import { type FlowEdge } from './TieEdge';
import { LevelRings, ReadableLabels } from './LevelRings';
import { MapLegend } from './MapLegend';
import { NodeFields } from './NodeFields';
import { TieFields } from './TieFields';
import { edgeTypes, fitToRings, nodeProblems, nodeTypes, syncEdges, syncNodes } from './flow';

/** The class of a tie whose end is being dragged. */
const LIVE = 'lm-tie-live';

export type MapUpdate = (f: (map: RelationalMap) => RelationalMap) => void;

const ariaLabelConfig = {
  'node.a11yDescription.default': 'Press Enter or Space to select. Arrow keys then move it between the rings; Delete removes it. The Table view holds the same map.',
  'node.a11yDescription.keyboardDisabled': 'The Table view holds the same map for keyboard use.',
  'node.a11yDescription.ariaLiveMessage': ({ direction }: { direction: string; x: number; y: number }) => `Moved ${direction}.`,
  'edge.a11yDescription.default': 'Press Enter or Space to select this tie; Delete then removes it.',
  'controls.ariaLabel': 'Map view controls',
  'controls.zoomIn.ariaLabel': 'Zoom in',
  'controls.zoomOut.ariaLabel': 'Zoom out',
  'controls.fitView.ariaLabel': 'Fit everyone into view',
  'controls.interactive.ariaLabel': 'Lock or unlock moving',
  'handle.ariaLabel': 'Draw a tie from here',
};

/**
 * The ecomap editor: the client at the centre of five level rings, nodes shaped by kind, ties
 * drawn by dragging from one node's handle to another. Positions are kept when a drag ends (not
 * on every frame); the working copy autosaves through `onChange`.
 */
export function MapCanvas(props: { map: RelationalMap; onChange: MapUpdate | null; problems: Record<string, string>; onShowTable: () => void }) {
  return (
    <ReactFlowProvider>
      <Editor {...props} />
    </ReactFlowProvider>
  );
}

type TieDraft = { tie: EcomapTie; chooseEnds: boolean };

/** Beyond this many "know each other" lines, the canvas starts with them hidden (the table lists them all). */
const MANY_KNOWS = 150;

function Editor({ map, onChange, problems, onShowTable }: { map: RelationalMap; onChange: MapUpdate | null; problems: Record<string, string>; onShowTable: () => void }) {
  const readOnly = onChange === null;
  const mapRef = useRef(map);
  mapRef.current = map;
  const problemById = useMemo(() => nodeProblems(map, problems), [map, problems]);

  const [announcement, setAnnouncement] = useState('');
  const knowsCount = useMemo(() => map.ties.filter((t) => t.kind === 'knows').length, [map.ties]);
  const [showKnows, setShowKnows] = useState(() => knowsCount <= MANY_KNOWS);
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const canvasRef = useRef<HTMLDivElement>(null);
  // Someone just added: once drawn, bring them into view if they landed outside it.
  const reveal = useRef<string | null>(null);
  useEffect(() => {
    const id = reveal.current;
    const box = canvasRef.current?.getBoundingClientRect();
    const node = id ? map.nodes.find((n) => n.id === id) : undefined;
    if (!node || !box) return;
    reveal.current = null;
    const topLeft = flow.screenToFlowPosition({ x: box.left, y: box.top });
    const bottomRight = flow.screenToFlowPosition({ x: box.right, y: box.bottom });
    const margin = 60;
    const inside = node.x > topLeft.x + margin && node.x < bottomRight.x - margin && node.y > topLeft.y + margin && node.y < bottomRight.y - margin;
    if (!inside) fitToRings(flow, map, 300);
  }, [map, flow]);
  const [selection, setSelection] = useState<{ nodes: string[]; edges: string[] }>({ nodes: [], edges: [] });
  const [adding, setAdding] = useState<NewNodeFields | null>(null);
  const [tieDraft, setTieDraft] = useState<TieDraft | null>(null);

  /** Nodes moved on the canvas (a drag ended, or arrow keys): kept in the map, levels following the rings. */
  const onMoved = useCallback(
    (moved: ReadonlyMap<string, { x: number; y: number }>) => {
      if (!onChange) return;
      const before = mapRef.current;
      const after = moveNodes(before, moved);
      if (after === before) return;
      onChange(() => after);
      const crossed = after.nodes.filter((n) => moved.has(n.id) && before.nodes.find((b) => b.id === n.id)?.level !== n.level);
      if (crossed.length) setAnnouncement(crossed.map((n) => `${n.label || 'Unnamed'} is now at the ${levelLabels[n.level].toLowerCase()} level.`).join(' '));
    },
    [onChange],
  );

  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: FlowNode[]; edges: FlowEdge[] }) => {
      if (!onChange) return;
      onChange((m) => removeTies(removeNodes(m, gone.map((n) => n.id)), cut.map((e) => e.id)));
      const names = gone.map((n) => n.data.node.label || 'Unnamed');
      setAnnouncement(names.length ? `Removed ${names.join(', ')} and their ties.` : cut.length === 1 ? 'Removed the tie.' : `Removed ${cut.length} ties.`);
    },
    [onChange],
  );

  const startTie = useCallback((a: string, b: string) => {
    if (a === b) return;
    setTieDraft({ tie: defaultTieBetween(mapRef.current, a, b) as EcomapTie, chooseEnds: false });
  }, []);
  const onConnect: OnConnect = useCallback((c) => startTie(c.source, c.target), [startTie]);
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      // Dropped on a node's body rather than its handle: take the node under the pointer.
      if (state.isValid || !state.fromNode) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const target = document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node');
      const id = target?.getAttribute('data-id');
      if (id && id !== state.fromNode.id) startTie(state.fromNode.id, id);
    },
    [startTie],
  );
  const onSelectionChange = useCallback(({ nodes: n, edges: e }: OnSelectionChangeParams) => {
    setSelection((prev) => {
      const next = { nodes: n.map((x) => x.id), edges: e.map((x) => x.id) };
      return prev.nodes.join() === next.nodes.join() && prev.edges.join() === next.edges.join() ? prev : next;
    });
  }, []);

  const centre = centreOf(map);
  const selectedNode = selection.nodes.length === 1 ? map.nodes.find((n) => n.id === selection.nodes[0]) : undefined;
  const selectedTie = selection.nodes.length === 0 && selection.edges.length === 1 ? map.ties.find((t) => t.id === selection.edges[0]) : undefined;
  const problemList = Object.entries(problems);
  const tieCount = map.ties.length;

  const addFromForm = () => {
    if (!adding || !onChange) return;
    const fields = { ...adding, label: adding.label.trim() };
    const { node } = addNode(mapRef.current, fields);
    reveal.current = node.id;
    onChange((m) => ({ ...m, nodes: [...m.nodes, node] }));
    setAnnouncement(`${node.label} was added at the ${levelLabels[node.level].toLowerCase()} level.`);
    setAdding(null);
  };

  const duplicate = tieDraft ? existingTie(map, tieDraft.tie.kind, tieDraft.tie.a, tieDraft.tie.b) : undefined;
  const addFromTieForm = () => {
    if (!tieDraft || !onChange || duplicate || tieDraft.tie.a === tieDraft.tie.b) return;
    const tie = tieDraft.tie;
    onChange((m) => addTie(m, tie));
    setAnnouncement(`Tie added between ${nameOf(map, tie.a)} and ${nameOf(map, tie.b)}.`);
    setTieDraft(null);
  };

  const others = map.nodes.filter((n) => n.kind !== 'client');
  const panel = (
    <Paper withBorder radius="md" p="sm" shadow="sm" component="aside" aria-label="Selected on the map">
      {selectedNode ? (
        <SelectedNode
          key={selectedNode.id}
          map={map}
          nodeId={selectedNode.id}
          onChange={onChange}
          onDrawTie={() => {
            const other = map.nodes.find((n) => n.id !== selectedNode.id && !existingTie(map, 'connection', selectedNode.id, n.id));
            if (other) setTieDraft({ tie: defaultTieBetween(map, selectedNode.id, other.id) as EcomapTie, chooseEnds: true });
          }}
          onRemoved={(label) => setAnnouncement(`Removed ${label} and their ties.`)}
        />
      ) : selectedTie ? (
        <SelectedTie key={selectedTie.id} map={map} tie={selectedTie} onChange={onChange} onShowTable={onShowTable} onRemoved={() => setAnnouncement('Removed the tie.')} />
      ) : (
        <Text size="xs" c="dimmed">
          {selection.nodes.length > 1
            ? `${selection.nodes.length} selected: press Delete to remove them all.`
            : readOnly
              ? 'Click someone or a tie to read about it.'
              : 'Click someone or a tie to change or remove it. Drag someone into another ring to change their level.'}
        </Text>
      )}
    </Paper>
  );
  const nodeOptions = map.nodes.map((n) => ({ value: n.id, label: n.label || 'Unnamed' }));

  return (
    <Stack gap="sm">
      {!readOnly && (
        <Group gap="sm" wrap="wrap">
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(blankNode('person'))}>
            Add a person, group or place
          </Button>
          <Button
            variant="light"
            leftSection={<IconLink size={16} aria-hidden />}
            disabled={others.length === 0}
            onClick={() => centre && others[0] && setTieDraft({ tie: defaultTieBetween(map, centre.id, others[0].id) as EcomapTie, chooseEnds: true })}
          >
            Add a tie
          </Button>
          <Text size="sm" c="dimmed" style={{ flex: 1, minWidth: 260 }}>
            Drag from the small circle under someone to another to draw a tie. Keyboard or screen reader?{' '}
            <Anchor component="button" type="button" size="sm" onClick={onShowTable}>
              The Table view
            </Anchor>{' '}
            edits the same map.
          </Text>
        </Group>
      )}

      {problemList.length > 0 && (
        <Alert color="orange" variant="light" title={problemList.length === 1 ? 'One thing to settle before saving a version' : `${problemList.length} things to settle before saving a version`}>
          <Stack gap={6}>
            <List size="sm" spacing={2}>
              {problemList.slice(0, 6).map(([key, message]) => (
                <List.Item key={key}>{problemWhere(map, key)}{message}</List.Item>
              ))}
            </List>
            <Group>
              <Button size="compact-sm" variant="light" color="orange" leftSection={<IconTable size={14} aria-hidden />} onClick={onShowTable}>
                Show them in the table
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}

      {knowsCount > 0 && (
        <Checkbox
          label={`Show who knows whom (${knowsCount} ${knowsCount === 1 ? 'line' : 'lines'})`}
          description={knowsCount > MANY_KNOWS ? 'Hidden at first on a map this size, so the client’s own ties stay readable; the Table view lists them all.' : undefined}
          checked={showKnows}
          onChange={(e) => setShowKnows(e.currentTarget.checked)}
        />
      )}
      <FlowLayer
        map={map}
        hideKnows={!showKnows}
        problemById={problemById}
        readOnly={readOnly}
        canvasRef={canvasRef}
        ariaLabel={`Relational map of ${centre?.label ?? 'the client'}: ${others.length} ${others.length === 1 ? 'person, group or place' : 'people, groups and places'} and ${tieCount} ${tieCount === 1 ? 'tie' : 'ties'}, on five rings from personal to spiritual. Keyboard and screen-reader users: the Table view holds the same map.`}
        onMoved={onMoved}
        onDelete={onDelete}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onSelectionChange={onSelectionChange}
        panel={panel}
      />
      <MapLegend />
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>

      <Modal opened={adding !== null} onClose={() => setAdding(null)} title="Add to the map" size="md">
        {adding && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              addFromForm();
            }}
          >
            <Stack gap="md">
              <NodeFields
                value={adding}
                autoFocus
                onChange={(patch) => setAdding((a) => (a ? ({ ...a, ...normaliseKind(a, patch as Partial<NewNodeFields>) } as NewNodeFields) : a))}
              />
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={() => setAdding(null)}>
                  Cancel
                </Button>
                <Button type="submit" disabled={adding.label.trim() === ''}>
                  Add to the map
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>

      <Modal
        opened={tieDraft !== null}
        onClose={() => setTieDraft(null)}
        title={tieDraft ? `A tie between ${nameOf(map, tieDraft.tie.a)} and ${nameOf(map, tieDraft.tie.b)}` : 'A tie'}
        size="md"
      >
        {tieDraft && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              addFromTieForm();
            }}
          >
            <Stack gap="md">
              {tieDraft.chooseEnds && (
                <Group grow gap="sm">
                  <NativeSelect
                    label="From"
                    data={nodeOptions}
                    value={tieDraft.tie.a}
                    onChange={(e) => {
                      const a = e.currentTarget.value;
                      setTieDraft({ tie: defaultTieBetween(map, a, tieDraft.tie.b === a ? tieDraft.tie.a : tieDraft.tie.b) as EcomapTie, chooseEnds: true });
                    }}
                  />
                  <NativeSelect
                    label="To"
                    data={nodeOptions}
                    value={tieDraft.tie.b}
                    onChange={(e) => {
                      const b = e.currentTarget.value;
                      setTieDraft({ tie: defaultTieBetween(map, tieDraft.tie.a === b ? tieDraft.tie.b : tieDraft.tie.a, b) as EcomapTie, chooseEnds: true });
                    }}
                  />
                </Group>
              )}
              <TieFields map={map} tie={tieDraft.tie} onChange={(tie) => setTieDraft({ ...tieDraft, tie })} />
              {duplicate && (
                <Alert color="yellow" variant="light" role="alert">
                  These two already have a tie like this. Close this form and select that tie on the map to change it.
                </Alert>
              )}
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={() => setTieDraft(null)}>
                  Cancel
                </Button>
                <Button type="submit" disabled={Boolean(duplicate) || tieDraft.tie.a === tieDraft.tie.b}>
                  Add this tie
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Stack>
  );
}

/** A new kind brings its own usual level and sector. */
function normaliseKind(current: NewNodeFields, patch: Partial<NewNodeFields>): Partial<NewNodeFields> {
  if (!patch.kind || patch.kind === current.kind) return patch;
  const fresh = blankNode(patch.kind);
  return { ...patch, level: fresh.level, sector: fresh.sector };
}

/** "Ana: " — who a problem is about, from its key. */
export function problemWhere(map: RelationalMap, key: string): string {
  const node = /^nodes\.(\d+)\./.exec(key);
  if (node) return `${map.nodes[Number(node[1])]?.label || `Entry ${Number(node[1]) + 1}`}: `;
  const tie = /^ties\.(\d+)\./.exec(key);
  if (tie) {
    const t = map.ties[Number(tie[1])];
    return t ? `Tie between ${nameOf(map, t.a)} and ${nameOf(map, t.b)}: ` : `Tie ${Number(tie[1]) + 1}: `;
  }
  return '';
}

const SelectedNode = memo(function SelectedNode({
  map,
  nodeId,
  onChange,
  onDrawTie,
  onRemoved,
}: {
  map: RelationalMap;
  nodeId: string;
  onChange: MapUpdate | null;
  onDrawTie: () => void;
  onRemoved: (label: string) => void;
}) {
  const node = map.nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  const label = node.label || 'Unnamed';
  return (
    <Stack gap="sm">
      <div>
        <Title order={3} size="h5">
          {label}
        </Title>
        <Text size="xs" c="dimmed">
          {describeNode(node)}
        </Text>
      </div>
      <NodeFields value={node} disabled={!onChange} onChange={(patch) => onChange?.((m) => updateNode(m, nodeId, patch))} />
      {onChange && (
        <Group gap="sm">
          <Button size="xs" variant="light" leftSection={<IconLink size={14} aria-hidden />} onClick={onDrawTie} disabled={map.nodes.length < 2}>
            Add a tie from {label}
          </Button>
          {node.kind !== 'client' && (
            <Button
              size="xs"
              variant="light"
              color="red"
              leftSection={<IconTrash size={14} aria-hidden />}
              onClick={() => {
                onChange((m) => removeNodes(m, [nodeId]));
                onRemoved(label);
              }}
            >
              Remove {label}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
});

const SelectedTie = memo(function SelectedTie({
  map,
  tie,
  onChange,
  onShowTable,
  onRemoved,
}: {
  map: RelationalMap;
  tie: MapTie;
  onChange: MapUpdate | null;
  onShowTable: () => void;
  onRemoved: () => void;
}) {
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        Tie between {nameOf(map, tie.a)} and {nameOf(map, tie.b)}
      </Title>
      {isEcomapTie(tie) ? (
        <TieFields map={map} tie={tie} disabled={!onChange} onChange={(next) => onChange?.((m) => (existingTie(m, next.kind, next.a, next.b, next.id) ? m : replaceTie(m, next)))} />
      ) : (
        <Stack gap={6}>
          <Text size="sm">{describeTie(map, tie)}.</Text>
          <Text size="sm" c="dimmed">
            A family line, drawn in full in the Family structure view.{' '}
            <Anchor component="button" type="button" size="sm" onClick={onShowTable}>
              Change it in the table
            </Anchor>
            .
          </Text>
        </Stack>
      )}
      {onChange && (
        <Group>
          <Button
            size="xs"
            variant="light"
            color="red"
            leftSection={<IconTrash size={14} aria-hidden />}
            onClick={() => {
              onChange((m) => removeTies(m, [tie.id]));
              onRemoved();
            }}
          >
            Remove this tie
          </Button>
        </Group>
      )}
    </Stack>
  );
});

/**
 * The canvas itself, holding the flow's nodes and ties as local state: a drag re-renders this
 * layer only (the toolbar, forms and the selection panel stay as they are), every unchanged node
 * and tie keeps its object, and the map is told of a move once, when it ends.
 */
const FlowLayer = memo(function FlowLayer({
  map,
  hideKnows,
  problemById,
  readOnly,
  canvasRef,
  ariaLabel,
  onMoved,
  onDelete,
  onConnect,
  onConnectEnd,
  onSelectionChange,
  panel,
}: {
  map: RelationalMap;
  hideKnows: boolean;
  problemById: ReadonlyMap<string, string>;
  readOnly: boolean;
  canvasRef: RefObject<HTMLDivElement | null>;
  ariaLabel: string;
  onMoved: (moved: ReadonlyMap<string, { x: number; y: number }>) => void;
  onDelete: (deleted: { nodes: FlowNode[]; edges: FlowEdge[] }) => void;
  onConnect: OnConnect;
  onConnectEnd: (event: MouseEvent | TouchEvent, state: FinalConnectionState) => void;
  onSelectionChange: (params: OnSelectionChangeParams) => void;
  panel: ReactNode;
}) {
  const mapRef = useRef(map);
  mapRef.current = map;
  const [nodes, setNodes] = useState<FlowNode[]>(() => syncNodes([], map.nodes, { problemOf: (id) => problemById.get(id) ?? null, readOnly }));
  const [edges, setEdges] = useState<FlowEdge[]>(() => syncEdges([], map, { readOnly, hideKnows }));
  useEffect(() => {
    setNodes((prev) => syncNodes(prev, map.nodes, { problemOf: (id) => problemById.get(id) ?? null, readOnly }));
  }, [map.nodes, problemById, readOnly]);
  useEffect(() => {
    setEdges((prev) => syncEdges(prev, map, { readOnly, hideKnows }));
  }, [map, readOnly, hideKnows]);

  // The nodes being dragged: their ties go on their own layer for the drag (maps.css), so each
  // frame repaints those few ties rather than every tie beneath them.
  const dragging = useRef(new Set<string>());
  const markLive = useCallback((ids: ReadonlySet<string>) => {
    setEdges((prev) =>
      prev.map((e) => {
        const live = ids.has(e.source) || ids.has(e.target);
        if (live === (e.className === LIVE)) return e;
        return { ...e, className: live ? LIVE : undefined };
      }),
    );
  }, []);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      setNodes((prev) => applyNodeChanges(changes, prev));
      let draggingChanged = false;
      // A drag ends (or an arrow key moves a node) with a position change that is not "dragging":
      // only then is the move kept in the map and saved.
      const moved = new Map<string, { x: number; y: number }>();
      for (const c of changes) {
        if (c.type !== 'position') continue;
        if (c.dragging && !dragging.current.has(c.id)) {
          dragging.current.add(c.id);
          draggingChanged = true;
        } else if (!c.dragging && dragging.current.delete(c.id)) draggingChanged = true;
        if (c.position && !c.dragging) moved.set(c.id, c.position);
      }
      if (draggingChanged) markLive(new Set(dragging.current));
      if (moved.size > 0) onMoved(moved);
    },
    [markLive, onMoved],
  );
  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => setEdges((prev) => applyEdgeChanges(changes, prev)), []);
  const onInit = useCallback((instance: Pick<ReactFlowInstance, 'fitBounds'>) => fitToRings(instance, mapRef.current), []);

  const centre = centreOf(map);
  const rings = useMemo(() => ecomapScene({ nodes: map.nodes, ties: [], alterTiesRecorded: false }).rings, [map.nodes]);

  return (
    <Box className="lm-canvas" ref={canvasRef}>
      <ReactFlow<FlowNode, FlowEdge>
        aria-label={ariaLabel}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onSelectionChange={onSelectionChange}
        onInit={onInit}
        nodeOrigin={[0.5, 0.5]}
        connectionMode={ConnectionMode.Loose}
        connectionRadius={36}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        minZoom={0.15}
        maxZoom={2}
        ariaLabelConfig={ariaLabelConfig}
      >
        <LevelRings rings={rings} cx={centre?.x ?? 0} cy={centre?.y ?? 0} />
        <ReadableLabels target={canvasRef} />
        <Controls showInteractive={false} position="bottom-left" />
        <Panel position="top-right" className="lm-selection-panel">
          {panel}
        </Panel>
      </ReactFlow>
    </Box>
  );
});
