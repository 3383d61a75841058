import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClipboardHeart, IconDeviceLaptop, IconLink, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { phaseLabels } from '../../../domain/journey/phases';
import type { InstrumentDefinition } from '../../../domain/measures/definition';
import type { NhsTalkingTherapiesOutcome } from '../../../domain/measures/change';
import { api, newIdempotencyKey } from '../../api';
import { CopyField } from '../../components/CopyField';
import { formatDate, formatDateTime } from '../../components/dates';
import { FormError } from '../../components/FormError';
import type { Journey, Session } from '../../components/clinical/types';
import { ConnectionRadar } from '../../components/measures/ConnectionRadar';
import { type ChartMarkers, MeasureChart } from '../../components/measures/MeasureChart';
import { QuestionnaireForm } from '../../components/measures/QuestionnaireForm';
import { type ClientMeasures, type Completed, type Instrument, type MeasureRequest, measureKeys } from '../../components/measures/types';
import { Empty, LoadError, Loading } from '../../components/States';

// The relational map's trend (with its graph code) loads on its own, after the measures.
const MapMetricsTrend = lazy(() => import('../../components/maps/MapMetricsTrend').then((m) => ({ default: m.MapMetricsTrend })));

interface ClientLike {
  id: string;
  name: string;
  access?: string;
}

type Made = MeasureRequest & { title: string; linkUrl: string | null };

/** A client's measures: give one (portal, single-use link, in session), what is still open, and each measure over time. */
export function ClientMeasuresSection({ client }: { client: ClientLike }) {
  const measures = useQuery({ queryKey: measureKeys.client(client.id), queryFn: () => api.get<ClientMeasures>(`/api/clients/${client.id}/measures`) });
  const instruments = useQuery({ queryKey: measureKeys.instruments, queryFn: () => api.get<Instrument[]>('/api/instruments'), staleTime: 5 * 60_000 });
  const canGive = client.access === undefined || client.access === 'care';
  const markers = useCareMarkers(client.id);

  return (
    <Stack gap="lg">
      {canGive && <GiveMeasure client={client} instruments={instruments.data ?? []} loading={instruments.isPending} error={instruments.error} />}
      {measures.isPending ? (
        <Loading label="Gathering the measures…" />
      ) : measures.isError ? (
        <LoadError error={measures.error} onRetry={() => void measures.refetch()} />
      ) : (
        <>
          <OpenRequests requests={measures.data.openRequests} instruments={instruments.data ?? []} />
          {measures.data.nhsTalkingTherapies && <NhsOutcome outcome={measures.data.nhsTalkingTherapies} />}
          <ConnectionRadar clientId={client.id} summaries={measures.data.summaries} />
          {/* The relational map's connection metrics, beside the connection profile. */}
          <Suspense fallback={null}>
            <MapMetricsTrend clientId={client.id} linkToMap />
          </Suspense>
          {measures.data.summaries.length === 0 ? (
            <Empty>No measures completed yet. When {client.name} answers one, it will be drawn here over time.</Empty>
          ) : (
            measures.data.summaries.map((s) => <MeasureChart key={`${s.instrumentKey}-${s.ratedBy}`} summary={s} markers={markers} />)
          )}
        </>
      )}
    </Stack>
  );
}

/**
 * Held sessions and phase moves, to mark on the measure charts. Shares its caches with the
 * client page's sessions and journey; if either cannot be read, the charts simply go without.
 */
function useCareMarkers(clientId: string): ChartMarkers | undefined {
  const sessions = useQuery({ queryKey: ['sessions', 'client', clientId], queryFn: () => api.get<Session[]>(`/api/clients/${clientId}/sessions`) });
  const journey = useQuery({ queryKey: ['journey', clientId], queryFn: () => api.get<Journey>(`/api/clients/${clientId}/journey`) });
  if (!sessions.data && !journey.data) return undefined;
  const held = (sessions.data ?? []).filter((s) => s.status === 'held').map((s) => s.startsAt);
  const moves = (journey.data?.chapters ?? [])
    .flatMap((c) => c.moves)
    // The first move opens the chapter; only changes of phase are marked.
    .filter((m) => m.fromPhase !== null)
    .map((m) => ({ at: m.movedAt, label: phaseLabels[m.toPhase] ?? m.toPhase }))
    .sort((a, b) => a.at.localeCompare(b.at));
  return { sessions: held.sort(), moves };
}

function GiveMeasure({ client, instruments, loading, error }: { client: ClientLike; instruments: Instrument[]; loading: boolean; error: unknown }) {
  const queryClient = useQueryClient();
  const [key, setKey] = useState<string | null>('phq-9');
  const [made, setMade] = useState<Made | null>(null);
  const [inSession, setInSession] = useState<string | null>(null);
  const [formRun, setFormRun] = useState(0);
  const chosen = instruments.find((i) => i.id === key);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: measureKeys.client(client.id) });

  const request = useMutation({
    mutationFn: (channel: 'portal' | 'link') =>
      api.post<Made>(`/api/clients/${client.id}/measure-requests`, { instrumentKey: key, channel }, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: (r) => {
      refresh();
      if (r.linkUrl) setMade(r);
      else {
        setMade(null);
        notifications.show({ color: 'teal', message: `${r.title} is waiting for ${client.name} in their portal.` });
      }
    },
  });

  const definition = useQuery({
    queryKey: measureKeys.instrument(inSession ?? ''),
    queryFn: () => api.get<InstrumentDefinition>(`/api/instruments/${inSession}`),
    enabled: inSession !== null,
    staleTime: 5 * 60_000,
  });

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="give-measure">
      <Group gap="sm" mb="md">
        <IconClipboardHeart size={22} color="var(--mantine-color-dusk-7)" aria-hidden />
        <Title order={2} size="h4" id="give-measure">
          Give a measure
        </Title>
      </Group>
      <Stack gap="md">
        <Select
          label="Instrument"
          description={loading ? 'Loading the instruments…' : undefined}
          data={instruments.map((i) => ({ value: i.id, label: i.title }))}
          value={key}
          onChange={(v) => {
            setKey(v);
            setMade(null);
            setInSession(null);
          }}
          allowDeselect={false}
          maw={480}
        />
        <FormError error={error} />
        {chosen && (
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {chosen.questions} scored questions{chosen.source === 'imported' ? ' · imported by your practice' : ''}. Source:
            </Text>
            {chosen.citations.map((c) => (
              <Text key={c} size="xs" c="dimmed" component="cite" style={{ fontStyle: 'normal' }}>
                {c}
              </Text>
            ))}
          </Stack>
        )}
        <Group gap="sm">
          <Button variant="light" leftSection={<IconSend size={16} aria-hidden />} disabled={!key} loading={request.isPending && request.variables === 'portal'} onClick={() => request.mutate('portal')}>
            Send to the portal
          </Button>
          <Button variant="light" leftSection={<IconLink size={16} aria-hidden />} disabled={!key} loading={request.isPending && request.variables === 'link'} onClick={() => request.mutate('link')}>
            Make a single-use link
          </Button>
          <Button
            variant="light"
            leftSection={<IconDeviceLaptop size={16} aria-hidden />}
            disabled={!key}
            onClick={() => {
              setMade(null);
              setInSession(key);
              setFormRun((n) => n + 1);
            }}
          >
            Complete now, in session
          </Button>
        </Group>
        <FormError error={request.error} />
        {made?.linkUrl && (
          <Paper withBorder radius="md" p="md" bg="var(--mantine-color-gray-0)">
            <Stack gap="xs">
              <CopyField label={`Single-use link for ${made.title}`} value={made.linkUrl} copyLabel="Copy the link" />
              <Text size="sm" c="dimmed">
                Works once{made.expiresAt ? `, until ${formatDateTime(made.expiresAt)}` : ''}. It is shown only now: copy it and send it to {client.name} the way you
                usually reach them. Whoever holds it sees only these questions.
              </Text>
              <Group>
                <Button variant="subtle" size="xs" onClick={() => setMade(null)}>
                  Done, hide the link
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}
        {inSession && (
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} bg="var(--mantine-color-gray-0)" component="section" aria-label="Complete in session">
            {definition.isPending ? (
              <Loading label="Opening the questionnaire…" />
            ) : definition.isError ? (
              <LoadError error={definition.error} onRetry={() => void definition.refetch()} />
            ) : (
              <Stack gap="sm">
                <Title order={3} size="h5">
                  {definition.data.questionnaire.title}, in session with {client.name}
                </Title>
                <QuestionnaireForm
                  key={formRun}
                  definition={definition.data}
                  draftKey={`session:${client.id}:${inSession}`}
                  voice="session"
                  send={(answers, idempotencyKey) =>
                    api.post<Completed>(`/api/clients/${client.id}/measures`, { instrumentKey: inSession, answers }, { idempotencyKey })
                  }
                  onSent={() => {
                    refresh();
                    void queryClient.invalidateQueries({ queryKey: measureKeys.riskAlerts });
                  }}
                  after={() => (
                    <Button variant="light" onClick={() => setInSession(null)}>
                      Close the questionnaire
                    </Button>
                  )}
                />
              </Stack>
            )}
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}

const channelLabels: Record<string, string> = { portal: 'In the portal', link: 'Single-use link', in_session: 'In session' };

function OpenRequests({ requests, instruments }: { requests: MeasureRequest[]; instruments: Instrument[] }) {
  if (requests.length === 0) return null;
  const title = (k: string) => instruments.find((i) => i.id === k)?.title ?? k.toUpperCase();
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="open-measure-requests">
      <Title order={2} size="h5" id="open-measure-requests" mb="sm">
        Waiting to be answered
      </Title>
      <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {requests.map((r) => (
          <Group component="li" key={r.id} justify="space-between" wrap="wrap" gap="sm" py={8} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Text size="sm" fw={600}>
              {title(r.instrumentKey)}
            </Text>
            <Group gap="xs">
              <Badge variant="light" tt="none">
                {channelLabels[r.channel] ?? r.channel}
              </Badge>
              <Text size="sm" c="dimmed">
                asked {formatDate(r.createdAt)}
                {r.expiresAt ? ` · expires ${formatDateTime(r.expiresAt)}` : ''}
              </Text>
            </Group>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

const nhsLabels: Record<NhsTalkingTherapiesOutcome['category'], string> = {
  'reliable-recovery': 'Reliable recovery',
  recovery: 'Recovery',
  'reliable-improvement': 'Reliable improvement',
  'reliable-deterioration': 'Reliable deterioration',
  'no-reliable-change': 'No reliable change',
};

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** The NHS Talking Therapies outcome from the first and latest PHQ-9 and GAD-7, each label with its rule. */
function NhsOutcome({ outcome }: { outcome: NhsTalkingTherapiesOutcome }) {
  const rows: Array<[string, string, string]> = [
    ['A case at the start', yesNo(outcome.caseAtStart), outcome.rules.caseAtStart],
    ['A case now', yesNo(outcome.caseAtEnd), outcome.rules.caseAtEnd],
    ['Reliable improvement', yesNo(outcome.reliableImprovement), outcome.rules.reliableImprovement],
    ['Reliable deterioration', yesNo(outcome.reliableDeterioration), outcome.rules.reliableDeterioration],
    ['Recovery', yesNo(outcome.recovery), outcome.rules.recovery],
    ['Reliable recovery', yesNo(outcome.reliableRecovery), outcome.rules.reliableRecovery],
  ];
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="nhs-tt-outcome">
      <Group gap="sm" mb="xs" wrap="wrap">
        <Title order={2} size="h5" id="nhs-tt-outcome">
          NHS Talking Therapies outcome
        </Title>
        <Badge variant="light" color={outcome.category === 'reliable-deterioration' ? 'red' : outcome.category === 'no-reliable-change' ? 'gray' : 'teal'} tt="none">
          {nhsLabels[outcome.category]}
        </Badge>
      </Group>
      <Text size="sm" mb="sm">
        PHQ-9 {outcome.phq9.first} → {outcome.phq9.last}, GAD-7 {outcome.gad7.first} → {outcome.gad7.last}.
      </Text>
      <Text size="xs" c="dimmed" mb="sm">
        {outcome.rules.category}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {rows.map(([label, value, rule]) => (
          <Stack key={label} gap={0}>
            <Text size="sm">
              {label}: <strong>{value}</strong>
            </Text>
            <Text size="xs" c="dimmed">
              {rule}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
