import { Sparkline } from '@mantine/charts';
import { Anchor, Button, Collapse, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconTopologyStar3 } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { metricDefinitions } from '../../../domain/maps/definitions';
import { ApiError, api } from '../../api';
import { formatDate } from '../dates';
import { formatMetric } from './metricFormat';
import { type MapVersionSummary, mapKeys, mapUrl } from './types';

const trended = [
  { key: 'networkSize', colour: 'dusk.6' },
  { key: 'strongSupportive', colour: 'teal.7' },
  { key: 'isolationIndex', colour: 'clay.6' },
] as const;

/**
 * A small trend of the map's connection metrics across its saved versions: network size, strong
 * supportive ties and the isolation index, each as a sparkline with its first and latest value in
 * words, and all the numbers in a table on demand. Fed by the versions the map page already has,
 * or by GET …/map/versions.
 */
export function MapMetricsTrend({ clientId, versions: given, linkToMap = false }: { clientId: string; versions?: MapVersionSummary[]; linkToMap?: boolean }) {
  const id = useId();
  const [table, setTable] = useState(false);
  const query = useQuery({
    queryKey: [...mapKeys.map(clientId), 'versions'],
    queryFn: () => api.get<{ versions: MapVersionSummary[] }>(`${mapUrl(clientId)}/versions`),
    enabled: given === undefined,
  });
  // Someone who may not see the map (or a server without maps) simply gets no trend.
  if (given === undefined && query.error instanceof ApiError && (query.error.status === 403 || query.error.status === 404)) return null;
  const versions = [...(given ?? query.data?.versions ?? [])].sort((a, b) => a.number - b.number);
  const first = versions[0];
  const last = versions[versions.length - 1];
  const when = (v: MapVersionSummary) => `version ${v.number}, ${formatDate(v.savedAt)}`;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="xs">
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Group gap="xs">
            <IconTopologyStar3 size={18} aria-hidden color="var(--mantine-color-dusk-7)" />
            <Title order={3} size="h5" id={`${id}-title`}>
              Relational map over time
            </Title>
          </Group>
          {linkToMap && (
            <Anchor component={Link} to={`/clients/${clientId}?tab=map`} size="sm">
              Open the relational map
            </Anchor>
          )}
        </Group>
        {given === undefined && query.isPending ? (
          <Text size="sm" c="dimmed">
            Gathering the map’s versions…
          </Text>
        ) : given === undefined && query.isError ? (
          <Text size="sm" c="dimmed">
            The map’s versions could not be loaded just now.
          </Text>
        ) : !first || !last ? (
          <Text size="sm" c="dimmed">
            No version of the relational map saved yet. Each saved version adds a point here.
          </Text>
        ) : (
          <>
            <Stack gap={6}>
              {trended.map(({ key, colour }) => (
                <Group key={key} gap="sm" wrap="nowrap" align="center">
                  <Text size="sm" w={170} fw={500}>
                    {metricDefinitions[key].label}
                  </Text>
                  {versions.length > 1 && (
                    <Sparkline w={120} h={32} data={versions.map((v) => v.metrics[key])} color={colour} curveType="linear" fillOpacity={0.25} strokeWidth={2} aria-hidden />
                  )}
                  <Text size="sm" c="dimmed">
                    {versions.length === 1
                      ? `${formatMetric(key, last.metrics)} (${when(last)})`
                      : `${formatMetric(key, first.metrics)} at version ${first.number} → ${formatMetric(key, last.metrics)} at version ${last.number}`}
                  </Text>
                </Group>
              ))}
            </Stack>
            <Text size="xs" c="dimmed">
              {versions.length === 1 ? 'One version saved so far.' : `${versions.length} versions, ${formatDate(first.savedAt)} to ${formatDate(last.savedAt)}.`} A lower isolation index
              means more connection.
            </Text>
            <Group>
              <Button size="compact-xs" variant="subtle" aria-expanded={table} onClick={() => setTable((t) => !t)}>
                {table ? 'Hide the numbers' : 'Show the numbers as a table'}
              </Button>
            </Group>
            <Collapse in={table}>
              <Table.ScrollContainer minWidth={420}>
                <Table verticalSpacing={4} horizontalSpacing="xs" fz="sm">
                  <Table.Caption>Connection metrics of each saved version of the relational map</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Version</Table.Th>
                      {trended.map(({ key }) => (
                        <Table.Th key={key}>{metricDefinitions[key].label}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {versions.map((v) => (
                      <Table.Tr key={v.id}>
                        <Table.Th scope="row" fw={500}>
                          {v.number} · {formatDate(v.savedAt)}
                        </Table.Th>
                        {trended.map(({ key }) => (
                          <Table.Td key={key}>{formatMetric(key, v.metrics)}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Collapse>
          </>
        )}
      </Stack>
    </Paper>
  );
}
