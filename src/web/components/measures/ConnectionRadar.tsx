import { RadarChart } from '@mantine/charts';
import { Button, Group, Paper, SimpleGrid, Slider, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlayerPauseFilled, IconPlayerPlayFilled, IconRadar } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { ORDINAL_VALUE_URL } from '../../../domain/measures/definition';
import { connectionPlaces, wellbeingLevels } from '../../../domain/measures/instruments/connection-profile';
import { api } from '../../api';
import { formatDate } from '../dates';
import { Empty, LoadError, Loading } from '../States';
import type { MeasureSummary, ScorePoint } from './types';

export const CONNECTION_PROFILE = 'connection-profile';

type Rater = 'client' | 'practitioner';
type Answers = Record<string, number>;

interface Rating {
  responseId: string;
  at: string;
  ratedBy: Rater;
}

const raterLabels: Record<Rater, string> = { client: 'Client’s rating', practitioner: 'Practitioner’s rating' };
const raterColours: Record<Rater, string> = { client: 'dusk.6', practitioner: 'clay.6' };
const raters: Rater[] = ['client', 'practitioner'];

const groups = [
  { key: 'places', title: 'Places of isolation and connection', axes: connectionPlaces },
  { key: 'levels', title: 'Levels of wellbeing', axes: wellbeingLevels },
] as const;

/** How often "Play" moves on to the next date. */
const PLAY_STEP_MS = 1500;

interface FhirItem {
  linkId?: string;
  item?: FhirItem[];
  answer?: Array<{
    valueCoding?: { code?: string; extension?: Array<{ url?: string; valueDecimal?: number; valueInteger?: number }> };
    valueInteger?: number;
    valueDecimal?: number;
  }>;
}

interface FhirBundle {
  entry?: Array<{ resource?: { resourceType?: string; item?: FhirItem[] } }>;
}

/** The number each answer scored, by linkId, read from the QuestionnaireResponse in a FHIR Bundle. */
export function answersFromBundle(bundle: FhirBundle): Answers {
  const out: Answers = {};
  const walk = (items: FhirItem[] | undefined) => {
    for (const item of items ?? []) {
      walk(item.item);
      const a = item.answer?.[0];
      if (!item.linkId || !a) continue;
      const ordinal = a.valueCoding?.extension?.find((e) => e.url === ORDINAL_VALUE_URL);
      const code = a.valueCoding?.code !== undefined ? Number(a.valueCoding.code) : undefined;
      const value = ordinal?.valueDecimal ?? ordinal?.valueInteger ?? a.valueInteger ?? a.valueDecimal ?? (code !== undefined && Number.isFinite(code) ? code : undefined);
      if (value !== undefined) out[item.linkId] = value;
    }
  };
  const response = bundle.entry?.find((e) => e.resource?.resourceType === 'QuestionnaireResponse')?.resource;
  walk(response?.item);
  return out;
}

/** Answers the summary already carries, when the server sends them with each score. */
function answersOnScore(p: ScorePoint): Answers | undefined {
  const answers = (p as ScorePoint & { answers?: unknown }).answers;
  return answers && typeof answers === 'object' ? (answers as Answers) : undefined;
}

const dayKey = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
};

const endOfDay = (iso: string) => {
  const d = new Date(iso);
  d.setHours(23, 59, 59, 999);
  return d.getTime();
};

/**
 * The connection profile as two radars (the five places and the five levels), the client's and the
 * practitioner's ratings drawn over each other, with an "As of" slider and Play to watch it move
 * over time, and the same numbers as a table.
 */
export function ConnectionRadar({ clientId, summaries }: { clientId: string; summaries: MeasureSummary[] }) {
  const id = useId();
  const profile = summaries.filter((s) => s.instrumentKey === CONNECTION_PROFILE);
  const ratings: Array<Rating & { given?: Answers }> = profile
    .flatMap((s) =>
      s.ratedBy === 'client' || s.ratedBy === 'practitioner'
        ? s.scores.map((p) => ({ responseId: p.responseId, at: p.at, ratedBy: s.ratedBy as Rater, given: answersOnScore(p) }))
        : [],
    )
    .sort((a, b) => a.at.localeCompare(b.at));

  // Each completed response never changes, so its answers are fetched once and kept.
  const fetched = useQueries({
    queries: ratings
      .filter((r) => !r.given)
      .map((r) => ({
        queryKey: ['measure-answers', clientId, r.responseId] as const,
        queryFn: async () => answersFromBundle(await api.get<FhirBundle>(`/api/clients/${clientId}/measures/${r.responseId}/fhir`)),
        staleTime: Infinity,
      })),
  });
  const fetchedById = new Map<string, Answers>();
  ratings
    .filter((r) => !r.given)
    .forEach((r, i) => {
      const data = fetched[i]?.data;
      if (data) fetchedById.set(r.responseId, data);
    });
  const loaded = ratings.map((r) => ({ ...r, answers: r.given ?? fetchedById.get(r.responseId) }));

  // One step per day rated: a client and a practitioner rating the same day show together.
  const byDay = new Map<string, string>();
  for (const r of ratings) if (!byDay.has(dayKey(r.at))) byDay.set(dayKey(r.at), r.at);
  const steps = [...byDay.values()];

  const last = Math.max(0, steps.length - 1);
  const [chosen, setChosen] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const index = Math.min(chosen ?? last, last);

  useEffect(() => {
    if (!playing) return;
    if (index >= last) {
      setPlaying(false);
      return;
    }
    const timer = window.setTimeout(() => setChosen(index + 1), PLAY_STEP_MS);
    return () => window.clearTimeout(timer);
  }, [playing, index, last]);

  if (ratings.length === 0) {
    return (
      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={`${id}-title`}>
        <RadarTitle id={`${id}-title`} />
        <Empty>No connection profile yet — complete one with the client, or rate it yourself, from Give a measure.</Empty>
      </Paper>
    );
  }

  const failed = fetched.filter((q) => q.isError);
  const pending = fetched.some((q) => q.isPending);
  const asOfIso = steps[index] ?? steps[last] ?? ratings[0]!.at;
  const asOf = endOfDay(asOfIso);
  const latest = (rater: Rater) => [...loaded].reverse().find((r) => r.ratedBy === rater && new Date(r.at).getTime() <= asOf);
  const current: Record<Rater, (typeof loaded)[number] | undefined> = { client: latest('client'), practitioner: latest('practitioner') };
  const shown = raters.filter((r) => current[r]?.answers);
  const valueOf = (rater: Rater, linkId: string) => current[rater]?.answers?.[linkId];
  const show = (v: number | undefined) => (v === undefined ? '—' : String(v));

  const play = () => {
    if (playing) {
      setPlaying(false);
      return;
    }
    if (index >= last) setChosen(0);
    setPlaying(true);
  };

  const whoRated = raters
    .map((r) => (current[r] ? `${raterLabels[r].toLowerCase()} from ${formatDate(current[r].at)}` : `no ${raterLabels[r].toLowerCase()} yet`))
    .join('; ');

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={`${id}-title`}>
      <RadarTitle id={`${id}-title`} />
      <Text size="sm" c="dimmed" mb="md">
        Each line runs from isolated (0, the centre) to connected (10, the edge). The client and the practitioner rate separately; where the shapes differ is worth
        exploring together.
      </Text>

      {steps.length > 1 && (
        <Group gap="md" align="center" wrap="nowrap" mb="md">
          <Button
            variant="light"
            size="xs"
            onClick={play}
            leftSection={playing ? <IconPlayerPauseFilled size={14} aria-hidden /> : <IconPlayerPlayFilled size={14} aria-hidden />}
            aria-pressed={playing}
          >
            {playing ? 'Stop playing' : 'Play over time'}
          </Button>
          <Stack gap={2} style={{ flex: 1 }}>
            <Text size="xs" c="dimmed" aria-hidden>
              As of
            </Text>
            <Slider
              min={0}
              max={last}
              step={1}
              value={index}
              onChange={(v) => {
                setPlaying(false);
                setChosen(v);
              }}
              label={(v) => formatDate(steps[v] ?? asOfIso)}
              marks={steps.length <= 12 ? steps.map((_, i) => ({ value: i })) : undefined}
              thumbLabel="As of"
              thumbProps={{ 'aria-valuetext': formatDate(asOfIso) } as Record<string, string>}
            />
          </Stack>
        </Group>
      )}
      <Text size="sm" fw={600} mb="xs">
        As of {formatDate(asOfIso)}
        <Text span size="sm" fw={400} c="dimmed">
          {' '}
          ({whoRated})
        </Text>
      </Text>

      {failed.length > 0 && <LoadError error={failed[0]?.error} onRetry={() => failed.forEach((q) => void q.refetch())} />}
      {pending && shown.length === 0 ? (
        <Loading label="Gathering the ratings…" />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {groups.map((g) => {
            const data = g.axes.map((a) => {
              const row: Record<string, string | number> = { axis: a.label };
              for (const r of shown) {
                const v = valueOf(r, a.linkId);
                if (v !== undefined) row[r] = v;
              }
              return row;
            });
            const description =
              `${g.title}, as of ${formatDate(asOfIso)}: ` +
              g.axes.map((a) => `${a.label} ${raters.map((r) => `${r === 'client' ? 'client' : 'practitioner'} ${show(valueOf(r, a.linkId))}`).join(', ')}`).join('; ') +
              '.';
            return (
              <Stack key={g.key} gap={4}>
                <Title order={3} size="h6" ta="center">
                  {g.title}
                </Title>
                <div role="img" aria-label={description}>
                  <RadarChart
                    h={280}
                    data={data}
                    dataKey="axis"
                    series={shown.map((r) => ({ name: r, label: raterLabels[r], color: raterColours[r], opacity: 0.2 }))}
                    withLegend
                    withDots
                    withPolarRadiusAxis
                    polarRadiusAxisProps={{ domain: [0, 10], tickCount: 6, angle: 90, tick: { fontSize: 10 } }}
                    polarAngleAxisProps={{ tick: { fontSize: 12 } }}
                  />
                </div>
              </Stack>
            );
          })}
        </SimpleGrid>
      )}

      <Table mt="md" striped withTableBorder captionSide="top" aria-label={`Connection profile as of ${formatDate(asOfIso)}`}>
        <Table.Caption>Each line as of {formatDate(asOfIso)}, from isolated (0) to connected (10)</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Line</Table.Th>
            <Table.Th scope="col">{raterLabels.client}</Table.Th>
            <Table.Th scope="col">{raterLabels.practitioner}</Table.Th>
            <Table.Th scope="col">Difference</Table.Th>
          </Table.Tr>
        </Table.Thead>
        {groups.map((g) => (
          <Table.Tbody key={g.key}>
            <Table.Tr>
              <Table.Th scope="colgroup" colSpan={4}>
                {g.title}
              </Table.Th>
            </Table.Tr>
            {g.axes.map((a) => {
              const c = valueOf('client', a.linkId);
              const p = valueOf('practitioner', a.linkId);
              const gap = c !== undefined && p !== undefined ? Math.abs(c - p) : undefined;
              return (
                <Table.Tr key={a.linkId}>
                  <Table.Th scope="row" fw={400}>
                    {a.label}
                  </Table.Th>
                  <Table.Td>{show(c)}</Table.Td>
                  <Table.Td>{show(p)}</Table.Td>
                  <Table.Td>{gap === undefined ? '—' : gap === 0 ? 'the same' : `${gap} point${gap === 1 ? '' : 's'} apart`}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        ))}
      </Table>
    </Paper>
  );
}

function RadarTitle({ id }: { id: string }) {
  return (
    <Group gap="sm" mb="xs">
      <IconRadar size={22} color="var(--mantine-color-dusk-7)" aria-hidden />
      <Title order={2} size="h4" id={id}>
        Connection profile, side by side
      </Title>
    </Group>
  );
}
