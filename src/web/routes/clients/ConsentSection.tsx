import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Collapse,
  Group,
  Modal,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  type MantineColor,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconDownload, IconFileExport, IconPlus, IconShieldCheck } from '@tabler/icons-react';
import {
  categoryLabels,
  consentPurposes,
  purposeExplanations,
  purposeLabels,
  sharedCategories,
  type ConsentPurpose,
  type SharedCategory,
} from '../../../domain/consent/consent';
import { ApiError, api } from '../../api';
import { FormError, fieldError } from '../../components/FormError';
import { FieldAwareError } from '../../components/clinical/FieldAwareError';
import { Empty, Loading, LoadError } from '../../components/States';
import { formatDateTime } from '../../components/dates';
import { formatDay, today as browserToday } from '../../components/record/dates';
import { downloadFromServer } from '../../components/download';
import { useDraft } from '../../components/useDraft';
import { useIdempotencyKey } from '../../components/useAutosave';

/** Shapes of the consent API answers (src/server/routes, consents). */
export type ConsentStatusName = 'active' | 'expired' | 'revoked' | 'not_yet';
export type ConsentViaName = 'in_session' | 'on_paper' | 'portal';
export interface PersonRef {
  id: string;
  name: string;
}
export interface ConsentOut {
  id: string;
  purpose: ConsentPurpose;
  collaboratorName: string;
  collaboratorRole: string;
  categories: string[];
  scope: string;
  givenOn: string;
  expiresOn: string | null;
  via: ConsentViaName;
  recordedBy: PersonRef | null;
  recordedAt: string;
  revokedAt: string | null;
  revokedBy: PersonRef | null;
  revokedVia: string | null;
  revocationNote: string;
  status: ConsentStatusName;
}
export interface Disclosure {
  id: string;
  consentId: string;
  category: string;
  recordId: string;
  recordLabel: string;
  collaboratorName: string;
  disclosedBy: PersonRef;
  disclosedAt: string;
}
interface ConsentsAnswer {
  consents: ConsentOut[];
  today: string;
  disclosures: Disclosure[];
}
interface ReleasableDocument {
  category: string;
  recordId: string;
  label: string;
}

export const consentKeys = {
  client: (clientId: string) => ['client', clientId, 'consents'] as const,
  releasable: (clientId: string) => ['client', clientId, 'releasable'] as const,
  portal: ['portal', 'consents'] as const,
};

export const viaLabels: Record<string, string> = {
  in_session: 'in session',
  on_paper: 'on paper',
  portal: 'in the portal',
};

/** A part of the record as people name it ("Treatment plan"), whatever the server sends. */
export function categoryLabel(category: string): string {
  return (categoryLabels as Record<string, string>)[category] ?? category;
}

/** The short, plain name of a part of the record, for sentences ("the treatment plan"). */
const categoryShort: Record<SharedCategory, string> = {
  chapter_summary: 'chapter summary',
  plan: 'treatment plan',
  relational_map: 'relational map',
};
export function categoryShortLabel(category: string): string {
  return (categoryShort as Record<string, string>)[category] ?? category;
}

/** Consents in force first (active, then not yet in effect), then the rest; newest first within each, as the server sends them. */
export function inForceFirst<C extends { status: ConsentStatusName }>(consents: readonly C[]): C[] {
  const rank: Record<ConsentStatusName, number> = { active: 0, not_yet: 1, expired: 2, revoked: 2 };
  return consents
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank[a.c.status] - rank[b.c.status] || a.i - b.i)
    .map(({ c }) => c);
}

/** "a, b and c" */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The collaborator as they are named on a release: "Dr. Amal Haddad (family doctor)". */
export function collaboratorWords(c: Pick<ConsentOut, 'collaboratorName' | 'collaboratorRole'>): string {
  return c.collaboratorRole ? `${c.collaboratorName} (${c.collaboratorRole})` : c.collaboratorName;
}

const statusColors: Record<ConsentStatusName, MantineColor> = {
  active: 'teal',
  expired: 'gray',
  revoked: 'orange',
  not_yet: 'blue',
};

/** The status in words, short enough for a badge: "Active", "Expired on Tue 3 Mar 2026". */
export function consentStatusWords(c: Pick<ConsentOut, 'status' | 'expiresOn' | 'revokedAt' | 'givenOn'>): string {
  switch (c.status) {
    case 'active':
      return 'Active';
    case 'expired':
      return `Expired on ${formatDay(c.expiresOn)}`;
    case 'revoked':
      return c.revokedAt ? `Revoked on ${formatDay(c.revokedAt.slice(0, 10))}` : 'Revoked';
    case 'not_yet':
      return 'Not yet in effect';
  }
}

export function ConsentStatusBadge({ consent }: { consent: ConsentOut }) {
  return (
    <Badge variant="light" color={statusColors[consent.status]} tt="none" size="lg" fw={600}>
      {consentStatusWords(consent)}
    </Badge>
  );
}

/** Who revoked a consent, how and when, and their note. */
function RevocationLine({ consent: c }: { consent: ConsentOut }) {
  if (c.status !== 'revoked' || !c.revokedAt) return null;
  const via = c.revokedVia ? viaLabels[c.revokedVia] : undefined;
  return (
    <Text size="sm">
      Revoked on {formatDateTime(c.revokedAt)}
      {c.revokedBy ? ` by ${c.revokedBy.name}` : ''}
      {via ? `, ${via}` : ''}.
      {c.revocationNote.trim() ? (
        <>
          {' '}
          Note: <q>{c.revocationNote.trim()}</q>
        </>
      ) : (
        ' No note was left.'
      )}
    </Text>
  );
}

const groupTitles: Record<ConsentPurpose, string> = {
  treatment: 'Consent to treatment',
  sharing: 'Sharing with named collaborators',
  research: 'Outcome research (de-identified)',
};

const groupEmpty: Record<ConsentPurpose, string> = {
  treatment: 'None recorded.',
  sharing: 'No sharing consent recorded. Nothing from this record may be released to anyone outside the practice.',
  research: 'None recorded. Their scores are not counted in the practice’s outcome reports.',
};

/**
 * Consent, per person, on the client's Profile tab: what they have agreed to, each with its status,
 * recorded by their practitioner or given in the portal; revocable; and the release of a document to
 * a named collaborator under a sharing consent, with the accounting of every release.
 */
export function ConsentSection({ clientId, clientName, canEdit }: { clientId: string; clientName: string; canEdit: boolean }) {
  const consents = useQuery({
    queryKey: consentKeys.client(clientId),
    queryFn: () => api.get<ConsentsAnswer>(`/api/clients/${clientId}/consents`),
  });
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState<string | null>(null);

  const data = consents.data;
  const day = data?.today ?? browserToday();
  const hasActiveTreatment = (data?.consents ?? []).some((c) => c.purpose === 'treatment' && c.status === 'active');
  const hadTreatment = (data?.consents ?? []).some((c) => c.purpose === 'treatment');

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="consent-title">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={4} maw={720} style={{ flex: 1, minWidth: 240 }}>
            <Group gap="xs">
              <IconShieldCheck size={20} aria-hidden color="var(--mantine-color-dusk-7)" />
              <Title order={3} size="h4" id="consent-title">
                Consent
              </Title>
            </Group>
            <Text size="sm" c="dimmed">
              What {clientName} has agreed may be done with their information, each with its date, scope and end. A revoked or
              expired consent covers nothing, and the server refuses what a consent does not cover.
            </Text>
          </Stack>
          {canEdit && !recording && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => {
                setRecorded(null);
                setRecording(true);
              }}
            >
              Record a consent
            </Button>
          )}
        </Group>

        {recorded && (
          <Text role="status" c="dusk.8" fw={500}>
            {recorded}
          </Text>
        )}

        <Collapse in={recording}>
          {recording && data && (
            <RecordConsentForm
              clientId={clientId}
              clientName={clientName}
              today={day}
              onCancel={() => setRecording(false)}
              onRecorded={(c) => {
                setRecording(false);
                setRecorded(
                  c.purpose === 'sharing'
                    ? `The consent to share with ${collaboratorWords(c)} is recorded.`
                    : `The consent to ${c.purpose === 'treatment' ? 'treatment' : 'outcome research'} is recorded.`,
                );
              }}
            />
          )}
        </Collapse>

        {consents.isPending ? (
          <Loading label="Loading consents…" />
        ) : consents.isError ? (
          <LoadError error={consents.error} onRetry={() => void consents.refetch()} />
        ) : (
          <>
            {!hasActiveTreatment && (
              <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
                {hadTreatment
                  ? 'No consent to treatment is in effect now: the work cannot go on until a new one is recorded.'
                  : 'No consent to treatment recorded yet: the work cannot begin until it is.'}
              </Alert>
            )}
            {consentPurposes.map((purpose) => {
              const list = inForceFirst(consents.data.consents.filter((c) => c.purpose === purpose));
              return (
                <section key={purpose} aria-labelledby={`consent-group-${purpose}`}>
                  <Title order={4} size="h5" id={`consent-group-${purpose}`} mb="xs">
                    {groupTitles[purpose]}
                  </Title>
                  {list.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {groupEmpty[purpose]}
                    </Text>
                  ) : (
                    <Stack gap="sm">
                      {list.map((c) => (
                        <ConsentCard key={c.id} clientId={clientId} consent={c} canEdit={canEdit} />
                      ))}
                    </Stack>
                  )}
                </section>
              );
            })}
            <ShareWithCollaborator clientId={clientId} clientName={clientName} answer={consents.data} canEdit={canEdit} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

function ConsentCard({ clientId, consent: c, canEdit }: { clientId: string; consent: ConsentOut; canEdit: boolean }) {
  const [revoking, setRevoking] = useState(false);
  const title = c.purpose === 'sharing' ? `Sharing with ${collaboratorWords(c)}` : purposeLabels[c.purpose];
  const headingId = `consent-${c.id}`;
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={headingId} bg={c.status === 'active' ? undefined : 'var(--mantine-color-gray-0)'}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Group gap="sm" wrap="wrap">
            <Text fw={600} id={headingId}>
              {title}
            </Text>
            <ConsentStatusBadge consent={c} />
          </Group>
          {canEdit && c.status !== 'revoked' && (
            <Button variant="subtle" color="orange" size="xs" onClick={() => setRevoking(true)} aria-label={`Revoke: ${title}`}>
              Revoke
            </Button>
          )}
        </Group>
        <Text size="sm">
          Given on {formatDay(c.givenOn)}, {viaLabels[c.via] ?? c.via}
          {c.expiresOn ? `; ${c.status === 'expired' ? 'it covered up to' : 'covers up to'} ${formatDay(c.expiresOn)}` : '; no end date, until revoked'}.
        </Text>
        {c.purpose === 'sharing' && (
          <Text size="sm">
            <Text span fw={600}>
              May be shared:
            </Text>{' '}
            {c.categories.length ? listWords(c.categories.map(categoryLabel)) : 'nothing named'}
          </Text>
        )}
        {c.scope.trim() ? (
          <Text size="sm" className="prewrap">
            <Text span fw={600}>
              Scope:
            </Text>{' '}
            {c.scope.trim()}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            No scope written.
          </Text>
        )}
        <RevocationLine consent={c} />
        <Text size="xs" c="dimmed">
          {c.via === 'portal' ? 'Given by the client in the portal' : `Recorded${c.recordedBy ? ` by ${c.recordedBy.name}` : ''}`}, {formatDateTime(c.recordedAt)}
        </Text>
      </Stack>
      {revoking && <RevokeDialog url={`/api/clients/${clientId}/consents/${c.id}/revoke`} queryKey={consentKeys.client(clientId)} title={title} purpose={c.purpose} noteRequired onClose={() => setRevoking(false)} />}
    </Paper>
  );
}

const revokeConsequences: Record<ConsentPurpose, string> = {
  treatment: 'Without a consent to treatment the work cannot go on until a new one is recorded.',
  sharing: 'Nothing more may be released to this collaborator under it. What was already released stays in the accounting of disclosures.',
  research: 'Their scores stop counting in the practice’s outcome reports from the next report on.',
};

/**
 * The confirm dialog for revoking a consent, shared with the portal: staff must say why (and on
 * whose word); a client may leave the note empty.
 */
export function RevokeDialog(props: {
  url: string;
  queryKey: readonly unknown[];
  title: string;
  purpose: ConsentPurpose;
  noteRequired: boolean;
  voice?: 'staff' | 'client';
  onClose: () => void;
  onRevoked?: (c: ConsentOut) => void;
}) {
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const client = props.voice === 'client';
  const revoke = useMutation({
    mutationFn: () => api.post<ConsentOut>(props.url, { note: note.trim() }),
    onSuccess: async (c) => {
      await qc.invalidateQueries({ queryKey: props.queryKey });
      props.onRevoked?.(c);
      props.onClose();
    },
    onError: (e) => {
      // Revoked meanwhile (elsewhere, or in another tab): show the record as it now stands.
      if (e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: props.queryKey });
    },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (props.noteRequired && !note.trim()) {
      setMissing(true);
      return;
    }
    revoke.mutate();
  };
  return (
    <Modal opened onClose={props.onClose} title={client ? 'Revoke your consent?' : 'Revoke this consent?'} size="lg">
      <form onSubmit={submit} noValidate aria-label={client ? 'Revoke your consent' : 'Revoke this consent'}>
        <Stack gap="sm">
          <Text size="sm" fw={600}>
            {props.title}
          </Text>
          <Text size="sm">
            {client
              ? clientConsequences[props.purpose]
              : `From now on it covers nothing. ${revokeConsequences[props.purpose]} The consent stays in the record, marked revoked, with your name, the time and this note.`}
          </Text>
          <Textarea
            label={client ? 'Anything you would like your practitioner to know (optional)' : 'Note'}
            description={client ? undefined : 'Why it is revoked and on whose word, for example what the client said and when.'}
            required={props.noteRequired}
            autosize
            minRows={3}
            data-autofocus
            value={note}
            onChange={(e) => {
              setNote(e.currentTarget.value);
              if (e.currentTarget.value.trim()) setMissing(false);
            }}
            error={(missing ? 'A note is needed to revoke a consent.' : undefined) ?? fieldError(revoke.error, 'note')}
          />
          <FieldAwareError error={revoke.error} fields={['note']} />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="subtle" color="gray" onClick={props.onClose}>
              {client ? 'Keep it' : 'Keep the consent'}
            </Button>
            <Button type="submit" color="orange" loading={revoke.isPending}>
              {client ? 'Revoke my consent' : 'Revoke consent'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const clientConsequences: Record<ConsentPurpose, string> = {
  treatment:
    'Revoking it means the work together pauses until you give it again. It may help to talk it over with your practitioner first; either way, it is your choice.',
  sharing: 'Nothing more will be shared with them from today. Anything already sent before now cannot be called back, and it stays listed in your record.',
  research: 'Your scores will no longer be counted in the practice’s outcome research. Your care does not change in any way.',
};

interface ConsentDraft {
  purpose: ConsentPurpose;
  collaboratorName: string;
  collaboratorRole: string;
  categories: SharedCategory[];
  scope: string;
  givenOn: string;
  expiresOn: string;
  via: 'in_session' | 'on_paper';
}

const formFields = ['purpose', 'collaboratorName', 'collaboratorRole', 'categories', 'scope', 'givenOn', 'expiresOn', 'via'];

function RecordConsentForm(props: { clientId: string; clientName: string; today: string; onCancel: () => void; onRecorded: (c: ConsentOut) => void }) {
  const qc = useQueryClient();
  const key = useIdempotencyKey();
  const initial: ConsentDraft = {
    purpose: 'treatment',
    collaboratorName: '',
    collaboratorRole: '',
    categories: [],
    scope: '',
    givenOn: props.today,
    expiresOn: '',
    via: 'in_session',
  };
  const [draft, setDraft, clearDraft] = useDraft<ConsentDraft>(`client:${props.clientId}:consent-new`, initial);
  const set = <K extends keyof ConsentDraft>(k: K, v: ConsentDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const sharing = draft.purpose === 'sharing';

  const record = useMutation({
    mutationFn: () =>
      api.post<ConsentOut>(
        `/api/clients/${props.clientId}/consents`,
        {
          purpose: draft.purpose,
          // Only a sharing consent names a collaborator and parts of the record.
          collaboratorName: sharing ? draft.collaboratorName.trim() : '',
          collaboratorRole: sharing ? draft.collaboratorRole.trim() : '',
          categories: sharing ? draft.categories : [],
          scope: draft.scope.trim(),
          givenOn: draft.givenOn,
          expiresOn: draft.expiresOn || null,
          via: draft.via,
        },
        { idempotencyKey: key.key() },
      ),
    onSuccess: async (c) => {
      key.done();
      clearDraft();
      await qc.invalidateQueries({ queryKey: consentKeys.client(props.clientId) });
      props.onRecorded(c);
    },
    onError: (e) => {
      // A refusal is an answer: the next attempt is a new intention. Only a lost answer keeps the key.
      if (e instanceof ApiError && e.status !== 0 && e.status < 500) key.done();
    },
  });

  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      component="form"
      aria-label="Record a consent"
      noValidate
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        record.mutate();
      }}
    >
      <Stack gap="md">
        <Title order={4} size="h5">
          Record a consent {props.clientName} has given
        </Title>
        <Select
          label="Purpose"
          description={purposeExplanations[draft.purpose]}
          data={consentPurposes.map((p) => ({ value: p, label: purposeLabels[p] }))}
          value={draft.purpose}
          onChange={(v) => v && set('purpose', v as ConsentPurpose)}
          allowDeselect={false}
          maw={560}
          error={fieldError(record.error, 'purpose')}
        />
        {sharing && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Collaborator’s name"
                description="The person or service it may be shared with, as named on every release."
                required
                value={draft.collaboratorName}
                onChange={(e) => set('collaboratorName', e.currentTarget.value)}
                error={fieldError(record.error, 'collaboratorName')}
              />
              <TextInput
                label="Their role"
                description="For example: family doctor, school counsellor."
                value={draft.collaboratorRole}
                onChange={(e) => set('collaboratorRole', e.currentTarget.value)}
                error={fieldError(record.error, 'collaboratorRole')}
              />
            </SimpleGrid>
            <Checkbox.Group
              label="Parts of the record that may be shared"
              description="Relational notes are never shared."
              required
              value={draft.categories}
              onChange={(v) => set('categories', sharedCategories.filter((c) => v.includes(c)))}
              error={fieldError(record.error, 'categories')}
            >
              <Stack gap="xs" mt="xs">
                {sharedCategories.map((c) => (
                  <Checkbox key={c} value={c} label={categoryLabels[c]} />
                ))}
              </Stack>
            </Checkbox.Group>
          </>
        )}
        <Textarea
          label="Scope"
          description="In the client’s words: what is covered, and any limits they set."
          autosize
          minRows={2}
          value={draft.scope}
          onChange={(e) => set('scope', e.currentTarget.value)}
          error={fieldError(record.error, 'scope')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
          <TextInput
            type="date"
            label="Given on"
            description="The day the client agreed; today or earlier."
            required
            max={props.today}
            value={draft.givenOn}
            onChange={(e) => set('givenOn', e.currentTarget.value)}
            error={fieldError(record.error, 'givenOn')}
          />
          <TextInput
            type="date"
            label="Ends on (optional)"
            description="The last day it covers. Leave empty if it lasts until revoked."
            min={draft.givenOn || undefined}
            value={draft.expiresOn}
            onChange={(e) => set('expiresOn', e.currentTarget.value)}
            error={fieldError(record.error, 'expiresOn')}
          />
        </SimpleGrid>
        <Radio.Group label="How it was given" required value={draft.via} onChange={(v) => set('via', v as ConsentDraft['via'])} error={fieldError(record.error, 'via')}>
          <Group gap="lg" mt="xs">
            <Radio value="in_session" label="In session" />
            <Radio value="on_paper" label="On paper" />
          </Group>
        </Radio.Group>
        <FieldAwareError error={record.error} fields={formFields} />
        <Group>
          <Button type="submit" loading={record.isPending}>
            Record consent
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

/** Fetches a released document and hands it to the browser as a download; a refusal reads as the server's words. */
function downloadReleased(url: string, fallbackName: string): Promise<void> {
  return downloadFromServer(url, fallbackName, {
    unreachable: 'The server could not be reached. The release is recorded; try the download again.',
    failed: 'The document could not be made',
  });
}

function consentOptionLabel(c: ConsentOut): string {
  const parts = c.categories.map(categoryShortLabel);
  return `${collaboratorWords(c)}: ${listWords(parts)} (given ${formatDay(c.givenOn)})`;
}

/** Release one document to a named collaborator under an active sharing consent, and the accounting of disclosures. */
function ShareWithCollaborator({ clientId, clientName, answer, canEdit }: { clientId: string; clientName: string; answer: ConsentsAnswer; canEdit: boolean }) {
  const qc = useQueryClient();
  const active = answer.consents.filter((c) => c.purpose === 'sharing' && c.status === 'active');
  const [consentId, setConsentId] = useState<string | null>(null);
  const [documentKey, setDocumentKey] = useState<string | null>(null);
  const [released, setReleased] = useState<{ text: string; url: string; fileName: string } | null>(null);
  // One active consent is chosen for the person; a chosen one that is revoked meanwhile is not swapped for another.
  const chosen = consentId !== null ? active.find((c) => c.id === consentId) : active.length === 1 ? active[0] : undefined;

  const releasable = useQuery({
    queryKey: consentKeys.releasable(clientId),
    queryFn: () => api.get<{ documents: ReleasableDocument[] }>(`/api/clients/${clientId}/releasable`),
    enabled: canEdit && active.length > 0,
  });
  const documents = (releasable.data?.documents ?? []).filter((d) => chosen?.categories.includes(d.category));
  const docKey = (d: ReleasableDocument) => `${d.category}:${d.recordId}`;
  const chosenDocument = documents.find((d) => docKey(d) === documentKey);
  const grouped = sharedCategories
    .filter((cat) => documents.some((d) => d.category === cat))
    .map((cat) => ({
      group: categoryLabels[cat],
      items: documents.filter((d) => d.category === cat).map((d) => ({ value: docKey(d), label: d.label })),
    }));

  const download = useMutation({ mutationFn: (r: { url: string; fileName: string }) => downloadReleased(r.url, r.fileName) });
  const release = useMutation({
    mutationFn: (body: { consentId: string; category: string; recordId: string }) =>
      api.post<{ disclosure: Disclosure; downloadUrl: string }>(`/api/clients/${clientId}/disclosures`, body),
    onSuccess: async (answer, body) => {
      const doc = documents.find((d) => d.category === body.category && d.recordId === body.recordId);
      const fileName = `${clientName} ${doc?.label ?? categoryShortLabel(body.category)} for ${answer.disclosure.collaboratorName}`;
      setReleased({
        text: `Released to ${answer.disclosure.collaboratorName}: ${answer.disclosure.recordLabel}. The download has started; it is listed below.`,
        url: answer.downloadUrl,
        fileName,
      });
      setDocumentKey(null);
      await qc.invalidateQueries({ queryKey: consentKeys.client(clientId) });
      download.mutate({ url: answer.downloadUrl, fileName });
    },
    onError: (e) => {
      // Refused: the consent may have been revoked or have ended meanwhile, so show where things stand now.
      if (e instanceof ApiError && e.status === 403) void qc.invalidateQueries({ queryKey: consentKeys.client(clientId) });
    },
  });

  return (
    <section aria-labelledby="consent-share">
      <Stack gap="sm">
        <Stack gap={2}>
          <Group gap="xs">
            <IconFileExport size={18} aria-hidden color="var(--mantine-color-dusk-7)" />
            <Title order={4} size="h5" id="consent-share">
              Share with a collaborator
            </Title>
          </Group>
          <Text size="sm" c="dimmed">
            A document is released only to the collaborator a sharing consent names, and only the parts of the record it names. Each
            copy says on its first lines to whom it was released and under which consent.
          </Text>
        </Stack>

        {canEdit &&
          (active.length === 0 ? (
            <Text size="sm">No sharing consent is active, so nothing can be released. Record one above when {clientName} agrees to share.</Text>
          ) : (
            <Paper
              withBorder
              p="md"
              radius="md"
              component="form"
              aria-label="Release a document"
              onSubmit={(e: React.FormEvent) => {
                e.preventDefault();
                if (!chosen || !chosenDocument) return;
                setReleased(null);
                download.reset();
                release.mutate({ consentId: chosen.id, category: chosenDocument.category, recordId: chosenDocument.recordId });
              }}
            >
              <Stack gap="sm">
                <Stack gap="sm" maw={720}>
                  <Select
                    label="Under which consent"
                    description="The consent the release is made under: it names the collaborator and what may be shared."
                    data={active.map((c) => ({ value: c.id, label: consentOptionLabel(c) }))}
                    value={chosen?.id ?? null}
                    onChange={(v) => {
                      setConsentId(v);
                      setDocumentKey(null);
                      release.reset();
                    }}
                    allowDeselect={false}
                    required
                  />
                  <Select
                    label="Document"
                    description={chosen ? `Only what this consent names: ${listWords(chosen.categories.map(categoryShortLabel))}.` : 'Choose a consent first.'}
                    data={grouped}
                    value={chosenDocument ? documentKey : null}
                    onChange={(v) => {
                      setDocumentKey(v);
                      release.reset();
                    }}
                    disabled={!chosen || documents.length === 0}
                    allowDeselect={false}
                    required
                    nothingFoundMessage="Nothing to release"
                  />
                </Stack>
                {releasable.isError && <FormError error={releasable.error} />}
                {chosen && releasable.isSuccess && documents.length === 0 && (
                  <Text size="sm" c="dimmed">
                    There is no {listWords(chosen.categories.map(categoryShortLabel))} for {clientName} to release yet.
                  </Text>
                )}
                <FormError error={release.error} title={release.error instanceof ApiError && release.error.status === 403 ? 'Not covered by this consent' : undefined} />
                <Group>
                  <Button type="submit" leftSection={<IconDownload size={16} aria-hidden />} loading={release.isPending} disabled={!chosen || !chosenDocument}>
                    Release and download
                  </Button>
                </Group>
              </Stack>
            </Paper>
          ))}

        {released && (
          <Alert color="teal" variant="light" role="status" withCloseButton onClose={() => setReleased(null)} closeButtonLabel="Dismiss">
            <Stack gap={4} align="flex-start">
              <Text size="sm">{released.text}</Text>
              <Anchor component="button" type="button" size="sm" onClick={() => download.mutate({ url: released.url, fileName: released.fileName })}>
                Download the released copy again
              </Anchor>
            </Stack>
          </Alert>
        )}
        <FormError error={download.error} />

        <Disclosures disclosures={answer.disclosures} />
      </Stack>
    </section>
  );
}

function Disclosures({ disclosures }: { disclosures: Disclosure[] }) {
  if (disclosures.length === 0) {
    return <Empty>Nothing from this record has been released to anyone outside the practice.</Empty>;
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped withTableBorder verticalSpacing="xs" captionSide="top">
        <Table.Caption>Accounting of disclosures: every release from this record</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">What</Table.Th>
            <Table.Th scope="col">To whom</Table.Th>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">By whom</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {disclosures.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Text size="sm">{d.recordLabel}</Text>
                <Text size="xs" c="dimmed">
                  {categoryLabel(d.category)}
                </Text>
              </Table.Td>
              <Table.Td>{d.collaboratorName}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.disclosedAt)}</Table.Td>
              <Table.Td>{d.disclosedBy.name}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
