import { LineChart } from '@mantine/charts';
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconTable } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ReferenceArea, ReferenceLine } from 'recharts';
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

const shortDate = (when: string | number) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' }).format(new Date(when));

/** What happened in the care around the scores: sessions held, and the chapter's phase moves. */
export interface ChartMarkers {
  /** When each held session started. */
  sessions: string[];
  /** Each phase move: when, and the phase's label ("The work"). */
  moves: Array<{ at: string; label: string }>;
}

const DAY = 24 * 60 * 60 * 1000;

/** The time axis: every score and marker, with a little room at each end (at least a week shown). */
function timeDomain(times: number[]): [number, number] {
  if (times.length === 0) return [Date.now() - 3.5 * DAY, Date.now() + 3.5 * DAY];
  let lo = Math.min(...times);
  let hi = Math.max(...times);
  if (hi - lo < 7 * DAY) {
    const mid = (lo + hi) / 2;
    lo = mid - 3.5 * DAY;
    hi = mid + 3.5 * DAY;
  }
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

/** At most `count` ticks, evenly picked from the score dates so labels do not crowd. */
function thin(times: number[], count: number): number[] {
  if (times.length <= count) return times;
  const step = (times.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => times[Math.round(i * step)] ?? 0);
}

function markerWords(m: ChartMarkers | undefined): string | null {
  if (!m || (m.sessions.length === 0 && m.moves.length === 0)) return null;
  const parts: string[] = [];
  if (m.sessions.length > 0) {
    parts.push(
      `The small grey ticks along the bottom mark the ${m.sessions.length} session${m.sessions.length === 1 ? '' : 's'} held` +
        (m.sessions.length <= 6 ? ` (${m.sessions.map((t) => shortDate(t)).join(', ')})` : `, from ${shortDate(m.sessions[0]!)} to ${shortDate(m.sessions[m.sessions.length - 1]!)}`) +
        '.',
    );
  }
  if (m.moves.length > 0) {
    parts.push(`The dashed lines mark the phase moves: ${m.moves.map((v) => `${v.label} from ${formatDateTime(v.at)}`).join('; ')}.`);
  }
  return parts.join(' ');
}

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
export function MeasureChart({ summary: s, markers }: { summary: MeasureSummary; markers?: ChartMarkers }) {
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

  // A time axis, so sessions and phase moves sit where they happened between the scores.
  const data = s.scores.map((p) => ({ when: new Date(p.at).getTime(), Total: p.total }));
  // The time span of the scores, with a little room either side: markers long before the first
  // score would squeeze the scores into one corner, so only those within the span are drawn.
  const first = Math.min(...data.map((d) => d.when));
  const last = Math.max(...data.map((d) => d.when));
  const pad = Math.max(7 * 86_400_000, (last - first) * 0.1);
  const within = (t: number) => data.length === 0 || (t >= first - pad && t <= last + pad);
  const sessionTimes = (markers?.sessions ?? []).map((t) => new Date(t).getTime()).filter(within);
  const moves = (markers?.moves ?? []).map((m) => ({ ...m, t: new Date(m.at).getTime() })).filter((m) => within(m.t));
  const [from, to] = timeDomain([...data.map((d) => d.when), ...sessionTimes, ...moves.map((m) => m.t)]);
  const tick = Math.max(1, (max - min) * 0.06);
  // The caption names only what is drawn: a screen reader hears the same chart a sighted person sees.
  const markerText = markerWords({
    sessions: (markers?.sessions ?? []).filter((t) => within(new Date(t).getTime())),
    moves: moves.map(({ at, label }) => ({ at, label })),
  });
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
            xAxisProps={{
              type: 'number',
              scale: 'time',
              domain: [from, to],
              ticks: thin(
                data.map((d) => d.when),
                6,
              ),
              tickFormatter: (t: number) => shortDate(t),
            }}
            lineChartProps={{ margin: { top: moves.length ? 22 : 8, right: 130, bottom: 0, left: 0 } }}
            tooltipAnimationDuration={150}
            tooltipProps={{ labelFormatter: (t: unknown) => (typeof t === 'number' ? formatDateTime(new Date(t)) : String(t)) }}
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
            {sessionTimes.map((t, i) => (
              <ReferenceLine
                key={`session-${i}-${t}`}
                yAxisId="left"
                ifOverflow="hidden"
                segment={[
                  { x: t, y: min },
                  { x: t, y: min + tick },
                ]}
                stroke="#868e96"
                strokeWidth={2}
              />
            ))}
            {moves.map((m, i) => (
              <ReferenceLine
                key={`move-${i}-${m.t}`}
                yAxisId="left"
                x={m.t}
                ifOverflow="hidden"
                stroke="#5c5f66"
                strokeDasharray="4 3"
                label={{ value: m.label, position: 'top', fontSize: 11, fill: '#373a40' }}
              />
            ))}
          </LineChart>
        </div>
        <figcaption id={`${id}-desc`}>
          <Text size="xs" c="dimmed" mt={4}>
            The shaded bands are the published severity bands
            {definition.data ? ` (${definition.data.scoring.severity.source})` : ''}.
          </Text>
          {markerText && (
            <Text size="xs" c="dimmed" mt={2}>
              {markerText}
            </Text>
          )}
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
            {s.scores.length < 2
              ? 'One score so far: change shows from the second.'
              : 'This measure has no published rule for reliable change, so no change is claimed from these scores.'}
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
