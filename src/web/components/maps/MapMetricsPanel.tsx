import { Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { Fragment, useId, useState } from 'react';
import { type ConnectionMetrics, metricDefinitions } from '../../../domain/maps/definitions';
import { type ShownMetric, formatMetric, needsAlterTies, shownMetrics } from './metricFormat';

/**
 * The connection metrics of the map, each with its value; its formula and meaning open on demand
 * (the isolation index shows its formula always, since it is Liminal's own summary).
 */
export function MapMetricsPanel({ metrics, alterTiesRecorded, pending, title = 'Connection metrics' }: { metrics: ConnectionMetrics; alterTiesRecorded: boolean; pending: boolean; title?: string }) {
  const id = useId();
  const [open, setOpen] = useState<ReadonlySet<ShownMetric>>(new Set());
  const toggle = (key: ShownMetric) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="xs">
        <div>
          <Title order={3} size="h5" id={`${id}-title`}>
            {title}
          </Title>
          <Text size="xs" c="dimmed" role="status" aria-live="polite">
            {pending ? 'Working them out again as the map saves…' : 'Of the map as it is now. Each saved version keeps its own.'}
          </Text>
        </div>
        <Table verticalSpacing={6} horizontalSpacing="xs" aria-labelledby={`${id}-title`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Metric</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th>Formula</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shownMetrics.map((key) => {
              const def = metricDefinitions[key];
              const expanded = open.has(key);
              const rowId = `${id}-${key}`;
              const missing = metrics[key] === null && needsAlterTies.has(key);
              return (
                <Fragment key={key}>
                  <Table.Tr>
                    <Table.Th scope="row" fw={500}>
                      {def.label}
                    </Table.Th>
                    <Table.Td>
                      <Text size="sm" fw={600} data-metric={key}>
                        {formatMetric(key, metrics)}
                      </Text>
                      {missing && (
                        <Text size="xs" c="dimmed">
                          {alterTiesRecorded ? 'Needs at least two people in the network.' : 'Needs the client to say which of their people know each other (Table view).'}
                        </Text>
                      )}
                      {key === 'isolationIndex' && (
                        <Text size="xs" c="dimmed" mt={2}>
                          {def.formula}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-expanded={expanded}
                        aria-controls={rowId}
                        aria-label={`${expanded ? 'Hide' : 'Show'} how ${def.label.toLowerCase()} is worked out`}
                        rightSection={expanded ? <IconChevronUp size={12} aria-hidden /> : <IconChevronDown size={12} aria-hidden />}
                        onClick={() => toggle(key)}
                      >
                        {expanded ? 'Hide' : 'Show'}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                  {expanded && (
                    <Table.Tr id={rowId}>
                      <Table.Td colSpan={3} bg="var(--mantine-color-gray-0)">
                        <Stack gap={4}>
                          {key !== 'isolationIndex' && (
                            <Text size="sm">
                              <Text span fw={600}>
                                Formula:{' '}
                              </Text>
                              {def.formula}
                            </Text>
                          )}
                          <Text size="sm">
                            <Text span fw={600}>
                              What it means:{' '}
                            </Text>
                            {def.meaning}
                          </Text>
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
