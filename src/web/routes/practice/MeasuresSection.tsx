import { Checkbox, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { reliableChange } from '../../../domain/measures/change';
import { api } from '../../api';
import { fieldError, FormError } from '../../components/FormError';
import { measureKeys, type Instrument } from '../../components/measures/types';
import { SaveBar } from '../../components/SaveBar';
import { Section } from '../../components/Section';
import { LoadError, Loading } from '../../components/States';
import { useDraft } from '../../components/useDraft';
import { outcomesKey } from '../outcomes/types';
import { shortTitle } from '../outcomes/words';
import { practiceKey, type PracticeDetail } from './types';

/** GET /api/instruments, with the published reliable-change rule each instrument ships with. */
interface InstrumentWithRule extends Instrument {
  reliableChange: { rule: string; threshold?: number; sd?: number; reliability?: number } | null;
  higherIsBetter: boolean;
}

interface Override {
  on: boolean;
  sd: number | string;
  reliability: number | string;
}

interface MeasuresForm {
  notOnTrackAfter: number | string;
  overrides: Record<string, Override>;
}

interface MeasureChangeBody {
  notOnTrackAfter: number;
  instruments: Array<{ instrumentKey: string; sd: number; reliability: number }>;
}

const asNumber = (v: number | string): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/** The smallest reliable change (Jacobson & Truax: 1.96 × SD × √2 × √(1 − r)), or null until both values make sense. */
function threshold(sd: number | null, reliability: number | null): number | null {
  if (sd === null || reliability === null || sd <= 0 || reliability < 0 || reliability >= 1) return null;
  return reliableChange({ before: 0, after: 0, sd, reliability }).criticalChange ?? null;
}

const points = (n: number) => `${n.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} points`;

/** The rule an instrument ships with, in words. */
function PublishedRule({ rule }: { rule: InstrumentWithRule['reliableChange'] }) {
  if (!rule) {
    return (
      <Text size="sm" c="dimmed">
        None published. Without your own SD and reliability, no change on this instrument is judged reliable or not.
      </Text>
    );
  }
  const critical = rule.threshold === undefined ? threshold(rule.sd ?? null, rule.reliability ?? null) : null;
  return (
    <Stack gap={2}>
      <Text size="sm">
        {rule.threshold !== undefined
          ? `Reliable change of ${rule.threshold} point${rule.threshold === 1 ? '' : 's'}`
          : `SD ${rule.sd}, reliability ${rule.reliability}${critical !== null ? ` (a change of ${points(critical)})` : ''}`}
      </Text>
      <Text size="xs" c="dimmed">
        Source: {rule.rule}
      </Text>
    </Stack>
  );
}

/**
 * The practice's measure-change settings: when a client counts as not on track, and per
 * instrument an SD and reliability to use instead of the published reliable-change rule.
 */
export function MeasuresSection({ practice, canEdit }: { practice: PracticeDetail; canEdit: boolean }) {
  const qc = useQueryClient();
  const location = useLocation();
  // Linked from the outcomes page as /practice#measures; the page loads after the browser looked for the anchor.
  useEffect(() => {
    if (location.hash === '#measures') document.getElementById('measures')?.scrollIntoView({ block: 'start' });
  }, [location.hash]);
  const instruments = useQuery({
    queryKey: [...measureKeys.instruments, 'with-rules'],
    queryFn: () => api.get<InstrumentWithRule[]>('/api/instruments'),
    staleTime: 5 * 60_000,
  });
  const saved = practice.settings.measureChange ?? {};
  const server: MeasuresForm = {
    notOnTrackAfter: practice.settings.notOnTrackAfter ?? 6,
    overrides: Object.fromEntries(Object.entries(saved).map(([key, v]) => [key, { on: true, sd: v.sd, reliability: v.reliability }])),
  };
  const [draft, setDraft, clearDraft] = useDraft<MeasuresForm | null>('practice:measures', null);
  const form = draft ?? server;
  const dirty = draft !== null && JSON.stringify(body(draft)) !== JSON.stringify(body(server));
  const set = (patch: Partial<MeasuresForm>) => setDraft((prev) => ({ ...(prev ?? server), ...patch }));
  const setOverride = (key: string, patch: Partial<Override>) =>
    setDraft((prev) => {
      const base = prev ?? server;
      const current = base.overrides[key] ?? { on: false, sd: '', reliability: '' };
      return { ...base, overrides: { ...base.overrides, [key]: { ...current, ...patch } } };
    });

  /** What the server is sent: only the instruments with the box ticked, in the order they are listed. */
  function body(f: MeasuresForm): { notOnTrackAfter: number | null; instruments: Array<{ instrumentKey: string; sd: number | null; reliability: number | null }> } {
    const order = (instruments.data ?? []).map((i) => i.id);
    const keys = Object.keys(f.overrides).filter((k) => f.overrides[k]?.on);
    keys.sort((a, b) => (order.indexOf(a) === -1 ? 1e9 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 1e9 : order.indexOf(b)) || a.localeCompare(b));
    return {
      notOnTrackAfter: asNumber(f.notOnTrackAfter),
      instruments: keys.map((instrumentKey) => ({ instrumentKey, sd: asNumber(f.overrides[instrumentKey]!.sd), reliability: asNumber(f.overrides[instrumentKey]!.reliability) })),
    };
  }

  const save = useMutation({
    mutationFn: (b: MeasureChangeBody) => api.put<PracticeDetail>('/api/practice/measure-change', b),
    onSuccess: (p) => {
      qc.setQueryData(practiceKey, p);
      clearDraft();
      void qc.invalidateQueries({ queryKey: practiceKey });
      void qc.invalidateQueries({ queryKey: outcomesKey });
      void qc.invalidateQueries({ queryKey: ['client-measures'] });
      notifications.show({ color: 'teal', title: 'Measure settings saved', message: 'Outcomes and client charts judge change by them from now on.' });
    },
  });

  // Problems the browser can name before asking the server.
  const local: Record<string, string> = {};
  const current = body(form);
  if (current.notOnTrackAfter === null || !Number.isInteger(current.notOnTrackAfter) || current.notOnTrackAfter < 2 || current.notOnTrackAfter > 52) {
    local.notOnTrackAfter = 'A whole number of scores from 2 to 52.';
  }
  for (const i of current.instruments) {
    if (i.sd === null || i.sd <= 0) local[`${i.instrumentKey}.sd`] = 'Give an SD above 0.';
    if (i.reliability === null || i.reliability < 0 || i.reliability >= 1) local[`${i.instrumentKey}.reliability`] = 'Give a reliability from 0 up to, but not including, 1.';
  }
  const [showLocal, setShowLocal] = useState(false);

  /** A field's message: the browser's own check once a save was tried, else the server's. */
  const errorFor = (instrumentKey: string, field: 'sd' | 'reliability') => {
    if (showLocal && local[`${instrumentKey}.${field}`]) return local[`${instrumentKey}.${field}`];
    const index = save.variables?.instruments.findIndex((i) => i.instrumentKey === instrumentKey) ?? -1;
    return index >= 0 ? (fieldError(save.error, `instruments.${index}.${field}`) ?? fieldError(save.error, `instruments.${index}.instrumentKey`)) : undefined;
  };

  return (
    <Section
      id="measures"
      title="Measures"
      description="When a client counts as not on track, and how big a change must be before it counts as reliable rather than chance. These settings shape the outcomes report and every client’s measure charts."
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (Object.keys(local).length > 0) {
            setShowLocal(true);
            return;
          }
          setShowLocal(false);
          save.mutate(current as MeasureChangeBody);
        }}
        noValidate
      >
        <Stack gap="md">
          <FormError error={save.error} />
          {showLocal && Object.keys(local).length > 0 && (
            <Text role="alert" size="sm" c="red.8">
              Some values need a look before they can be saved; each is marked below.
            </Text>
          )}
          <NumberInput
            label="Flag a client as not on track when there is still no reliable improvement by this score"
            description="Counted from a client’s first score on a measure, from 2 to 52. With 6, a client whose 6th PHQ-9 shows no reliable improvement on their first is flagged. A client whose latest score is reliably worse than their first is always flagged."
            value={form.notOnTrackAfter}
            onChange={(v) => set({ notOnTrackAfter: v })}
            min={2}
            max={52}
            allowDecimal={false}
            error={(showLocal ? local.notOnTrackAfter : undefined) ?? fieldError(save.error, 'notOnTrackAfter')}
            readOnly={!canEdit}
            maw={560}
          />

          <Stack gap={4}>
            <Text fw={600} size="sm">
              Reliable change, instrument by instrument
            </Text>
            <Text size="sm" c="dimmed" maw={760}>
              Each instrument uses its published rule unless you give your own standard deviation (SD) and reliability, for example from a study of a population like
              yours. Change then counts as reliable when it is at least 1.96 × SD × √2 × √(1 − reliability) points (Jacobson &amp; Truax, 1991).
            </Text>
          </Stack>

          {instruments.isPending ? (
            <Loading label="Loading the instruments…" />
          ) : instruments.isError ? (
            <LoadError error={instruments.error} onRetry={() => void instruments.refetch()} />
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table withTableBorder verticalSpacing="md" captionSide="top">
                <Table.Caption>Reliable-change rule by instrument</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w="24%">
                      Instrument
                    </Table.Th>
                    <Table.Th scope="col" w="32%">
                      Published rule
                    </Table.Th>
                    <Table.Th scope="col">Your practice’s setting</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {instruments.data.map((i) => {
                    const o = form.overrides[i.id] ?? { on: false, sd: '', reliability: '' };
                    const short = shortTitle(i.title);
                    const critical = o.on ? threshold(asNumber(o.sd), asNumber(o.reliability)) : null;
                    return (
                      <Table.Tr key={i.id}>
                        <Table.Th scope="row" fw={400}>
                          <Text size="sm" fw={600}>
                            {i.title}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {i.higherIsBetter ? 'Higher scores are better' : 'Lower scores are better'}
                          </Text>
                        </Table.Th>
                        <Table.Td>
                          <PublishedRule rule={i.reliableChange} />
                        </Table.Td>
                        <Table.Td>
                          <Stack gap="xs">
                            <Checkbox
                              label="Use our own SD and reliability"
                              aria-label={`Use our own SD and reliability for ${short}`}
                              checked={o.on}
                              onChange={(e) => setOverride(i.id, { on: e.currentTarget.checked })}
                              disabled={!canEdit}
                            />
                            {o.on && (
                              <>
                                <Group gap="sm" align="flex-start" wrap="wrap">
                                  <NumberInput
                                    label="SD"
                                    aria-label={`${short} SD`}
                                    description="Standard deviation"
                                    value={o.sd}
                                    onChange={(v) => setOverride(i.id, { sd: v })}
                                    min={0}
                                    step={0.1}
                                    decimalScale={3}
                                    error={errorFor(i.id, 'sd')}
                                    readOnly={!canEdit}
                                    w={150}
                                  />
                                  <NumberInput
                                    label="Reliability"
                                    aria-label={`${short} reliability`}
                                    description="α or test–retest r"
                                    value={o.reliability}
                                    onChange={(v) => setOverride(i.id, { reliability: v })}
                                    min={0}
                                    max={0.999}
                                    step={0.01}
                                    decimalScale={3}
                                    error={errorFor(i.id, 'reliability')}
                                    readOnly={!canEdit}
                                    w={150}
                                  />
                                </Group>
                                <Text size="sm" aria-live="polite" c={critical === null ? 'dimmed' : undefined} fw={critical === null ? undefined : 600}>
                                  {critical === null
                                    ? 'Give an SD above 0 and a reliability below 1 to see the threshold.'
                                    : `Change of ${points(critical)} or more counts as reliable.`}
                                </Text>
                              </>
                            )}
                          </Stack>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}

          {canEdit ? (
            <SaveBar
              label="Save measure settings"
              saving={save.isPending}
              dirty={dirty}
              onDiscard={() => {
                clearDraft();
                setShowLocal(false);
                save.reset();
              }}
            />
          ) : (
            <Text size="sm" c="dimmed">
              Ask a practice admin if these should change.
            </Text>
          )}
        </Stack>
      </form>
    </Section>
  );
}
