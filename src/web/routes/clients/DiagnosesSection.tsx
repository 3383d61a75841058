import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Collapse, Group, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconHistory, IconPlus, IconStethoscope } from '@tabler/icons-react';
import { ApiError, api } from '../../api';
import { FormError, fieldError } from '../../components/FormError';
import { Empty, Loading, LoadError } from '../../components/States';
import { useDraft } from '../../components/useDraft';
import { useIdempotencyKey } from '../../components/useAutosave';
import { FieldAwareError } from '../../components/clinical/FieldAwareError';
import { formatDateTime } from '../../components/dates';
import { formatDay, today } from '../../components/record/dates';
import { IcdSearch } from '../../components/record/IcdSearch';
import { recordKeys, type Diagnosis, type IcdCode } from '../../components/record/types';
import type { Client } from '../../components/clinical/types';

const contextPrompt =
  'The story around this diagnosis: what brought it, the relationships, culture and circumstances it sits within — and what it does not capture about this person.';

/** A diagnosis is in effect until the day after its end date. */
const inEffect = (d: Diagnosis, day: string) => d.startsOn <= day && (d.endsOn === null || d.endsOn >= day);

/** Diagnosis as a starting point: ICD-10-CM codes, each held in its context; the history stays visible. */
export function DiagnosesSection({ client }: { client: Client }) {
  const canEdit = client.access === 'care';
  const diagnoses = useQuery({
    queryKey: recordKeys.diagnoses(client.id),
    queryFn: () => api.get<Diagnosis[]>(`/api/clients/${client.id}/diagnoses`),
  });
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  const day = today();
  const all = diagnoses.data ?? [];
  const byStart = (a: Diagnosis, b: Diagnosis) => Number(b.primary) - Number(a.primary) || b.startsOn.localeCompare(a.startsOn);
  const current = all.filter((d) => inEffect(d, day) || d.startsOn > day).sort(byStart);
  const history = all.filter((d) => !current.includes(d)).sort((a, b) => (b.endsOn ?? '').localeCompare(a.endsOn ?? ''));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} maw={720}>
          <Title order={2} size="h3">
            Diagnosis as a starting point
          </Title>
          <Text size="sm" c="dimmed">
            A code gives institutions the name they need. Beside it sits the story it belongs to: the relationships, the culture and
            the circumstances, and what a code can never say about {client.name}. Progress notes carry the diagnoses in effect on
            their date.
          </Text>
        </Stack>
        {canEdit && !adding && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
            Add a diagnosis
          </Button>
        )}
      </Group>

      {added && (
        <Text role="status" c="dusk.8" fw={500}>
          {added}
        </Text>
      )}

      <Collapse in={adding}>
        {adding && (
          <AddDiagnosisForm
            client={client}
            hasPrimary={current.some((d) => d.primary)}
            onCancel={() => setAdding(false)}
            onAdded={(d) => {
              setAdding(false);
              setAdded(`${d.code} ${d.description} is added.`);
            }}
          />
        )}
      </Collapse>

      {diagnoses.isPending ? (
        <Loading label="Loading diagnoses…" />
      ) : diagnoses.isError ? (
        <LoadError error={diagnoses.error} onRetry={() => void diagnoses.refetch()} />
      ) : (
        <>
          <section aria-labelledby="diagnoses-current">
            <Title order={3} size="h4" id="diagnoses-current" mb="sm">
              In effect now
            </Title>
            {current.length === 0 ? (
              <Empty>
                No diagnosis is in effect. Many relationships of care begin without one; add one when it helps the work or an
                institution asks for it.
              </Empty>
            ) : (
              <Stack gap="sm">
                {current.map((d) => (
                  <DiagnosisCard key={d.id} client={client} diagnosis={d} canEdit={canEdit} />
                ))}
              </Stack>
            )}
          </section>

          <section aria-labelledby="diagnoses-history">
            <Group gap="xs" mb="sm">
              <IconHistory size={18} aria-hidden color="var(--mantine-color-gray-6)" />
              <Title order={3} size="h4" id="diagnoses-history">
                Earlier diagnoses
              </Title>
            </Group>
            {history.length === 0 ? (
              <Text c="dimmed" size="sm">
                None yet. Ended diagnoses stay here with their dates, so the story of how the work was named is kept.
              </Text>
            ) : (
              <Stack gap="sm">
                {history.map((d) => (
                  <DiagnosisCard key={d.id} client={client} diagnosis={d} canEdit={canEdit} />
                ))}
              </Stack>
            )}
          </section>
        </>
      )}
    </Stack>
  );
}

interface NewDiagnosis {
  code: IcdCode | null;
  context: string;
  primary: boolean;
  startsOn: string;
  endsOn: string;
}

function AddDiagnosisForm(props: { client: Client; hasPrimary: boolean; onCancel: () => void; onAdded: (d: Diagnosis) => void }) {
  const qc = useQueryClient();
  const key = useIdempotencyKey();
  const initial: NewDiagnosis = { code: null, context: '', primary: !props.hasPrimary, startsOn: today(), endsOn: '' };
  const [draft, setDraft, clearDraft] = useDraft<NewDiagnosis>(`client:${props.client.id}:diagnosis-new`, initial);
  const set = <K extends keyof NewDiagnosis>(k: K, v: NewDiagnosis[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const add = useMutation({
    mutationFn: () =>
      api.post<Diagnosis>(
        `/api/clients/${props.client.id}/diagnoses`,
        {
          code: draft.code?.code ?? '',
          context: draft.context,
          primary: draft.primary,
          startsOn: draft.startsOn,
          ...(draft.endsOn ? { endsOn: draft.endsOn } : {}),
        },
        { idempotencyKey: key.key() },
      ),
    onSuccess: (d) => {
      key.done();
      clearDraft();
      void qc.invalidateQueries({ queryKey: recordKeys.diagnoses(props.client.id) });
      props.onAdded(d);
    },
    onError: (e) => {
      // A refusal is an answer: the next attempt is a new intention. Only a lost answer keeps the key.
      if (e instanceof ApiError && e.status !== 0 && e.status < 500) key.done();
    },
  });

  return (
    <Paper withBorder radius="md" p="lg" component="form" aria-label="Add a diagnosis" onSubmit={(e) => {
      e.preventDefault();
      add.mutate();
    }}>
      <Stack gap="md">
        <Group gap="xs">
          <IconStethoscope size={20} aria-hidden />
          <Title order={3} size="h4">
            Add a diagnosis for {props.client.name}
          </Title>
        </Group>
        <IcdSearch value={draft.code} onChange={(c) => set('code', c)} error={fieldError(add.error, 'code')} />
        <Textarea
          label="Context narrative"
          description={contextPrompt}
          required
          autosize
          minRows={4}
          value={draft.context}
          onChange={(e) => set('context', e.currentTarget.value)}
          error={fieldError(add.error, 'context')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            type="date"
            label="In effect from"
            required
            value={draft.startsOn}
            onChange={(e) => set('startsOn', e.currentTarget.value)}
            error={fieldError(add.error, 'startsOn')}
          />
          <TextInput
            type="date"
            label="Ended on (optional)"
            description="Leave empty while it is in effect."
            value={draft.endsOn}
            onChange={(e) => set('endsOn', e.currentTarget.value)}
            error={fieldError(add.error, 'endsOn')}
          />
          <Checkbox
            mt={{ base: 0, sm: 28 }}
            label="Primary diagnosis"
            description="Named first on claims and notes; only one is primary at a time."
            checked={draft.primary}
            onChange={(e) => set('primary', e.currentTarget.checked)}
          />
        </SimpleGrid>
        <FieldAwareError error={add.error} fields={['code', 'context', 'startsOn', 'endsOn']} />
        <Group>
          <Button type="submit" loading={add.isPending} disabled={!draft.code}>
            Add diagnosis
          </Button>
          <Button
            variant="subtle"
            onClick={() => {
              clearDraft();
              props.onCancel();
            }}
          >
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

interface DiagnosisEdit {
  context: string;
  primary: boolean;
  startsOn: string;
  endsOn: string;
}

function DiagnosisCard({ client, diagnosis: d, canEdit }: { client: Client; diagnosis: Diagnosis; canEdit: boolean }) {
  const qc = useQueryClient();
  const [mode, setMode] = useState<'view' | 'edit' | 'end'>('view');
  const [edit, setEdit] = useState<DiagnosisEdit>({ context: d.context, primary: d.primary, startsOn: d.startsOn, endsOn: d.endsOn ?? '' });
  const [endsOn, setEndsOn] = useState(today());
  const [conflictSeen, setConflictSeen] = useState(false);
  const ended = d.endsOn !== null && d.endsOn < today();
  const headingId = `diagnosis-${d.id}`;

  const save = useMutation({
    mutationFn: (body: Partial<Omit<DiagnosisEdit, 'endsOn'>> & { endsOn?: string | null }) =>
      api.patch<Diagnosis>(`/api/clients/${client.id}/diagnoses/${d.id}`, { version: d.version, ...body }),
    onSuccess: (updated) => {
      qc.setQueryData<Diagnosis[]>(recordKeys.diagnoses(client.id), (old) => old?.map((x) => (x.id === updated.id ? updated : x)));
      void qc.invalidateQueries({ queryKey: recordKeys.diagnoses(client.id) });
      setConflictSeen(false);
      setMode('view');
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) {
        // Someone saved meanwhile: show the latest, keep what this person typed, and the next save starts from the latest.
        setConflictSeen(true);
        const current = (e.body as { current?: Diagnosis } | undefined)?.current;
        if (current) qc.setQueryData<Diagnosis[]>(recordKeys.diagnoses(client.id), (old) => old?.map((x) => (x.id === current.id ? current : x)));
        void qc.invalidateQueries({ queryKey: recordKeys.diagnoses(client.id) });
      }
    },
  });

  const startEdit = () => {
    setEdit({ context: d.context, primary: d.primary, startsOn: d.startsOn, endsOn: d.endsOn ?? '' });
    save.reset();
    setConflictSeen(false);
    setMode('edit');
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="article"
      aria-labelledby={headingId}
      bg={ended ? 'var(--mantine-color-gray-0)' : undefined}
      style={ended ? { opacity: 0.85 } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Group gap="sm" wrap="wrap">
              <Badge variant={ended ? 'outline' : 'filled'} color={ended ? 'gray' : 'dusk'} radius="sm" size="lg" tt="none">
                {d.code}
              </Badge>
              <Title order={4} id={headingId} c={ended ? 'dimmed' : undefined}>
                {d.description}
              </Title>
              {d.primary && (
                <Badge variant="light" color={ended ? 'gray' : 'clay'}>
                  Primary
                </Badge>
              )}
              {ended && (
                <Badge variant="light" color="gray">
                  Ended
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {d.endsOn
                ? `In effect ${formatDay(d.startsOn)} – ${formatDay(d.endsOn)}`
                : d.startsOn > today()
                  ? `In effect from ${formatDay(d.startsOn)}`
                  : `In effect since ${formatDay(d.startsOn)}`}
              {' · '}added by {d.createdByName ?? 'a former colleague'}, {formatDateTime(d.createdAt)}
            </Text>
          </Stack>
          {canEdit && mode === 'view' && (
            <Group gap="xs">
              <Button size="compact-sm" variant="light" onClick={startEdit} aria-label={`Edit ${d.code} ${d.description}`}>
                Edit
              </Button>
              {!d.endsOn && (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="gray"
                  onClick={() => {
                    save.reset();
                    setEndsOn(today());
                    setMode('end');
                  }}
                  aria-label={`End ${d.code} ${d.description}`}
                >
                  End this diagnosis
                </Button>
              )}
            </Group>
          )}
        </Group>

        {mode !== 'edit' && (
          <Stack gap={2}>
            <Text size="xs" tt="uppercase" fw={700} c="dimmed">
              Context
            </Text>
            <Text size="sm" className="prewrap" c={ended ? 'dimmed' : undefined}>
              {d.context.trim() || 'No context written yet.'}
            </Text>
          </Stack>
        )}

        {mode === 'end' && (
          <form
            aria-label={`End ${d.code}`}
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ endsOn });
            }}
          >
            <Stack gap="sm">
              <Text size="sm">
                Ending a diagnosis keeps it in the history with its dates. Notes written while it was in effect keep carrying it.
              </Text>
              <TextInput
                type="date"
                label="Last day in effect"
                required
                maw={260}
                value={endsOn}
                onChange={(e) => setEndsOn(e.currentTarget.value)}
                error={fieldError(save.error, 'endsOn')}
              />
              {conflictSeen && <ConflictNote />}
              {!(save.error instanceof ApiError && save.error.status === 409) && <FieldAwareError error={save.error} fields={['endsOn']} />}
              <Group>
                <Button type="submit" loading={save.isPending}>
                  End diagnosis
                </Button>
                <Button variant="subtle" onClick={() => setMode('view')}>
                  Keep it in effect
                </Button>
              </Group>
            </Stack>
          </form>
        )}

        {mode === 'edit' && (
          <form
            aria-label={`Edit ${d.code}`}
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ context: edit.context, primary: edit.primary, startsOn: edit.startsOn, endsOn: edit.endsOn || null });
            }}
          >
            <Stack gap="sm">
              {conflictSeen && (
                <>
                  <ConflictNote />
                  <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
                    <Text size="xs" tt="uppercase" fw={700} c="dimmed">
                      The saved context now reads
                    </Text>
                    <Text size="sm" className="prewrap">
                      {d.context}
                    </Text>
                  </Paper>
                </>
              )}
              <Textarea
                label="Context narrative"
                description={contextPrompt}
                required
                autosize
                minRows={4}
                value={edit.context}
                onChange={(e) => setEdit((x) => ({ ...x, context: e.currentTarget.value }))}
                error={fieldError(save.error, 'context')}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  type="date"
                  label="In effect from"
                  required
                  value={edit.startsOn}
                  onChange={(e) => setEdit((x) => ({ ...x, startsOn: e.currentTarget.value }))}
                  error={fieldError(save.error, 'startsOn')}
                />
                <TextInput
                  type="date"
                  label="Ended on (optional)"
                  value={edit.endsOn}
                  onChange={(e) => setEdit((x) => ({ ...x, endsOn: e.currentTarget.value }))}
                  error={fieldError(save.error, 'endsOn')}
                />
                <Checkbox
                  mt={{ base: 0, sm: 28 }}
                  label="Primary diagnosis"
                  checked={edit.primary}
                  onChange={(e) => setEdit((x) => ({ ...x, primary: e.currentTarget.checked }))}
                />
              </SimpleGrid>
              {!(save.error instanceof ApiError && save.error.status === 409) && (
                <FieldAwareError error={save.error} fields={['context', 'startsOn', 'endsOn']} />
              )}
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {conflictSeen ? 'Save my changes over the latest' : 'Save changes'}
                </Button>
                <Button variant="subtle" onClick={() => setMode('view')}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

function ConflictNote() {
  return (
    <Alert color="yellow" variant="light" title="Someone changed this meanwhile" role="alert">
      The latest saved version is shown. What you typed is still here: check it against the latest, then save again to keep it.
    </Alert>
  );
}
