import { LineChart } from '@mantine/charts';
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconTable } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ReferenceArea } from 'recharts';
import type { Band, InstrumentDefinition } from '../../../domain/measures/definition';
import { api } from '../../api';
import { formatDateTime } from '../dates';
import { measureKeys, type MeasureSummary } from './types';

// Calm to urgent: the least troubled band is the lightest.
const bandColours = ['#2f9e77', '#94c36b', '#f2c14e', '#f08c4a', '#d9485f', '#a61e4d'];

function bandColour(index: number, count: number, higherIsWorse: boolean): string {
  const step = count <= 1 ? 0 : Math.round((index / (count - 1)) * (bandColours.length - 1));
  return bandColours[higherIsWorse ? step : bandColours.length - 1 - step] ?? '#adb5bd';
}

const shortDate = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' }).format(new Date(iso));

function directionWords(s: MeasureSummary): string | null {
  const c = s.change;
  if (!c) return null;
  const points = `${c.change > 0 ? '+' : c.change < 0 ? '−' : ''}${Math.abs(c.change)} point${Math.abs(c.change) === 1 ? '' : 's'}`;
  const what = c.direction === 'improvement' ? 'a reliable improvement' : c.direction === 'deterioration' ? 'a reliable deterioration' : 'no reliable change yet';
  return `From ${c.before} at the first to ${c.after} at the latest (${points}): ${what}.`;
}

const clinicalWords = {
  recovered: 'Clinically significant change: reliably improved and now below the clinical cut-off.',
  improved: 'Reliably improved, though not (yet) across the clinical cut-off.',
  unchanged: 'No clinically significant change.',
  deteriorated: 'Reliably worse than at the start.',
} as const;

/** One measure over time: the severity bands behind the points, the change in words with its rules, and the same data as a table. */
export function MeasureChart({ summary: s }: { summary: MeasureSummary }) {
  const id = useId();
  const [asTable, setAsTable] = useState(false);
  const definition = useQuery({
    queryKey: measureKeys.instrument(s.instrumentKey),
    queryFn: () => api.get<InstrumentDefinition>(`/api/instruments/${s.instrumentKey}`),
    staleTime: 5 * 60_000,
  });
  const higherIsWorse = definition.data?.scoring.direction !== 'higher-is-better';
  const bands: Band[] = s.bands;
  const bandOf = (key: string) => bands.find((b) => b.key === key)?.label ?? key;
  const min = bands[0]?.min ?? Math.min(0, ...s.scores.map((p) => p.total));
  const max = bands[bands.length - 1]?.max ?? Math.max(...s.scores.map((p) => p.total));

  // Two points on one day need the time too, or the axis would show the same label twice.
  const days = s.scores.map((p) => shortDate(p.at));
  const repeated = days.some((d, i) => days.indexOf(d) !== i);
  const data = s.scores.map((p) => ({
    when: repeated ? `${shortDate(p.at)}, ${formatDateTime(p.at).split(', ').pop()}` : shortDate(p.at),
    Total: p.total,
  }));
  const title = `${s.title}${s.ratedBy === 'practitioner' ? ' (practitioner’s rating)' : ''}`;
  const description =
    s.scores.length === 0
      ? `${title}: no scores yet.`
      : `${title}, ${s.scores.length} score${s.scores.length === 1 ? '' : 's'}: ` +
        s.scores.map((p) => `${p.total} (${bandOf(p.severityKey).toLowerCase()}) on ${formatDateTime(p.at)}`).join('; ') +
        '.';
  const words = directionWords(s);
  const flagged = s.notOnTrack?.notOnTrack === true;

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={`${id}-title`}>
      <Group justify="space-between" wrap="wrap" mb="sm">
        <Group gap="sm">
          <Title order={2} size="h4" id={`${id}-title`}>
            {title}
          </Title>
          {flagged && (
            <Badge color="orange" variant="filled" tt="none">
              Not on track
            </Badge>
          )}
        </Group>
        <Button variant="subtle" size="xs" leftSection={<IconTable size={14} aria-hidden />} onClick={() => setAsTable((v) => !v)} aria-expanded={asTable} aria-controls={`${id}-table`}>
          {asTable ? 'Hide the table' : 'Show as table'}
        </Button>
      </Group>

      <figure style={{ margin: 0 }} aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
        <div role="img" aria-label={description}>
          <LineChart
            h={260}
            data={data}
            dataKey="when"
            series={[{ name: 'Total', color: 'dusk.7' }]}
            curveType="linear"
            withLegend={false}
            yAxisProps={{ domain: [min, max], allowDecimals: false, ticks: bands.length ? [...bands.map((b) => b.min), max] : undefined, interval: 0 }}
            dotProps={{ r: 5, strokeWidth: 2 }}
            activeDotProps={{ r: 6 }}
            gridAxis="y"
            lineChartProps={{ margin: { top: 8, right: 130, bottom: 0, left: 0 } }}
            tooltipAnimationDuration={150}
          >
            {bands.map((b, i) => (
              <ReferenceArea
                key={b.key}
                yAxisId="left"
                y1={Math.max(min, b.min - (i === 0 ? 0 : 0.5))}
                y2={Math.min(max, b.max + (i === bands.length - 1 ? 0 : 0.5))}
                fill={bandColour(i, bands.length, higherIsWorse)}
                fillOpacity={0.13}
                stroke="none"
                ifOverflow="hidden"
                label={{ value: b.label, position: 'right', fontSize: 11, fill: '#5c5f66' }}
              />
            ))}
          </LineChart>
        </div>
        <figcaption id={`${id}-desc`}>
          <Text size="xs" c="dimmed" mt={4}>
            The shaded bands are the published severity bands
            {definition.data ? ` (${definition.data.scoring.severity.source})` : ''}.
          </Text>
        </figcaption>
      </figure>

      {asTable && (
        <Table id={`${id}-table`} mt="md" striped withTableBorder captionSide="top" aria-label={`${title}: each score`}>
          <Table.Caption>{title}: each time it was completed</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Date</Table.Th>
              <Table.Th scope="col">Total</Table.Th>
              <Table.Th scope="col">Band</Table.Th>
              <Table.Th scope="col">Risk answer</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.scores.map((p) => (
              <Table.Tr key={p.responseId}>
                <Table.Td>{formatDateTime(p.at)}</Table.Td>
                <Table.Td>{p.total}</Table.Td>
                <Table.Td>{bandOf(p.severityKey)}</Table.Td>
                <Table.Td>{p.risk ? 'Yes' : 'No'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Stack gap="xs" mt="md">
        {words ? (
          <Stack gap={0}>
            <Text size="sm">{words}</Text>
            {s.change && (
              <Text size="xs" c="dimmed">
                {s.change.rule}
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            One score so far: change shows from the second.
          </Text>
        )}
        {s.clinical && (
          <Stack gap={0}>
            <Text size="sm">{clinicalWords[s.clinical.category]}</Text>
            <Text size="xs" c="dimmed">
              {s.clinical.rule}
            </Text>
          </Stack>
        )}
        {flagged
          ? s.notOnTrack?.reasons.map((r) => (
              <Stack gap={0} key={r.key}>
                <Text size="sm" c="orange.9">
                  Not on track: {r.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {r.rule}
                </Text>
              </Stack>
            ))
          : s.scores.length > 1 && (
              <Text size="sm" c="dimmed">
                On track so far.
              </Text>
            )}
      </Stack>
    </Paper>
  );
}
