import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Switch, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { IconCircleCheck, IconClockHour4, IconDownload, IconLock, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api';
import { renderNote } from '../../../domain/notes/format';
import { riskLevelLabels } from '../../../domain/notes/progress';
import { FormError, fieldError } from '../FormError';
import { formatDateTime } from '../dates';
import { useDraft } from '../useDraft';
import { useIdempotencyKey } from '../useAutosave';
import { useMe } from '../../session/SessionContext';
import { SessionFactsPanel } from './SessionFactsPanel';
import { ThemePicker } from './ThemePicker';
import { notesKeys, type PersonSection, type ProgressNote, type ProgressNoteAnswer } from './types';
import { callNames, type UnitOfSession } from './unitWords';

/** The short form of a content hash people can compare by eye. */
export const shortHash = (hash: string | null) => (hash ? hash.slice(0, 12) : '');

/** A signed progress note: read-only, with its signature, co-signature, addenda, sharing and PDF. */
export function SignedProgressNote({
  note,
  answer,
  clientName,
  unit = null,
}: {
  note: ProgressNote;
  answer: ProgressNoteAnswer;
  clientName: string;
  /** Set for a unit session: each attending client's own section shows, and sharing is per person. */
  unit?: UnitOfSession | null;
}) {
  const me = useMe();
  const qc = useQueryClient();
  const isAuthor = note.authorId === me.user.id;
  const sections = renderNote(note.format, note.fields);
  const update = (n: ProgressNote) => {
    qc.setQueryData<ProgressNoteAnswer>(notesKeys.progress(note.sessionId), (old) => (old ? { ...old, note: n, canWrite: old.canWrite && n.status === 'draft' } : old));
    void qc.invalidateQueries({ queryKey: notesKeys.todo });
    void qc.invalidateQueries({ queryKey: notesKeys.cosignQueue });
    void qc.invalidateQueries({ queryKey: ['progress-notes', note.clientId] });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Group gap="sm">
          <Title order={2} size="h3">
            Progress note
          </Title>
          <Badge variant="light" color="teal" leftSection={<IconLock size={12} aria-hidden />} tt="none">
            Signed and locked
          </Badge>
        </Group>
        <Button
          component="a"
          href={`/api/progress-notes/${note.id}/pdf`}
          download
          variant="light"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          Download PDF
        </Button>
      </Group>

      <Paper withBorder radius="md" p="md" bg="var(--mantine-color-teal-0)" component="section" aria-label="Signature">
        <Stack gap={4}>
          <Text size="sm">
            <Text span fw={600}>
              Signed by {note.signedByName ?? note.authorName}
            </Text>{' '}
            on {note.signedAt ? formatDateTime(note.signedAt) : '—'}
          </Text>
          {note.contentHash && (
            <Text size="sm" c="dimmed">
              Content fingerprint{' '}
              <Tooltip label={note.contentHash} multiline w={320}>
                <Text span ff="monospace" tabIndex={0} aria-label={`Content fingerprint ${note.contentHash}`}>
                  {shortHash(note.contentHash)}
                </Text>
              </Tooltip>{' '}
              — it changes if even one character of the signed note changes.
            </Text>
          )}
          <CosignLine note={note} />
        </Stack>
      </Paper>

      <CosignActions note={note} onDone={update} />

      <SessionFactsPanel facts={note.facts ?? answer.facts} serviceCode={note.serviceCode} frozen />

      <Paper withBorder radius="md" p="md" component="section" aria-label={`The note as ${note.format.toUpperCase()}`}>
        <Stack gap="md">
          {sections.map((s) => (
            <div key={s.heading}>
              <Title order={3} size="h5">
                {s.heading}
              </Title>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={s.text === 'Nothing recorded.' ? 'dimmed' : undefined}>
                {s.text}
              </Text>
            </div>
          ))}
          <div>
            <Title order={3} size="h5">
              Risk
            </Title>
            <Text size="sm">{riskLevelLabels[note.risk.level]}</Text>
            {note.risk.summary && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {note.risk.summary}
              </Text>
            )}
            {note.risk.actions && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                <Text span fw={600}>
                  Done or planned:{' '}
                </Text>
                {note.risk.actions}
              </Text>
            )}
          </div>
          <ThemePicker clientId={note.clientId} value={note.themeIds} onChange={() => undefined} readOnly />
        </Stack>
      </Paper>

      {unit && <PersonSectionsRead sections={note.personSections} />}

      <Addenda note={note} onAdded={update} />

      {isAuthor && (unit ? <UnitSharing note={note} onChanged={update} /> : <Sharing note={note} clientName={clientName} onChanged={update} />)}
    </Stack>
  );
}

function CosignLine({ note }: { note: ProgressNote }) {
  const c = note.cosign;
  if (!c) return null;
  if (c.status === 'pending') {
    return (
      <Group gap={6}>
        <IconClockHour4 size={16} aria-hidden />
        <Text size="sm">Waiting for the supervisor’s co-signature.</Text>
      </Group>
    );
  }
  if (c.status === 'cosigned') {
    return (
      <Group gap={6}>
        <IconCircleCheck size={16} aria-hidden color="var(--mantine-color-teal-7)" />
        <Text size="sm">
          Co-signed by {c.supervisorName ?? 'the supervisor'}
          {c.at ? ` on ${formatDateTime(c.at)}` : ''}
        </Text>
      </Group>
    );
  }
  return null;
}

/** For the author's supervisor, while the note waits: co-sign, or return it with a comment. */
function CosignActions({ note, onDone }: { note: ProgressNote; onDone: (n: ProgressNote) => void }) {
  const me = useMe();
  const [returning, setReturning] = useState(false);
  const [comment, setComment, clearComment] = useDraft(`cosign-return:${note.id}`, '');
  const cosign = useMutation({
    mutationFn: () => api.post<ProgressNote>(`/api/progress-notes/${note.id}/cosign`, {}),
    onSuccess: onDone,
  });
  const ret = useMutation({
    mutationFn: () => api.post<ProgressNote>(`/api/progress-notes/${note.id}/return`, { comment: comment.trim() }),
    onSuccess: (n) => {
      clearComment();
      setReturning(false);
      onDone(n);
    },
  });
  if (note.cosign?.status !== 'pending' || note.authorId === me.user.id || !me.user.roles.includes('supervisor')) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="cosign-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="cosign-title">
          Your co-signature
        </Title>
        <Text size="sm" c="dimmed">
          {note.authorName} signed this note and it waits for you. Co-signing adds your name and the time to it. If something needs changing,
          return it with a comment: it goes back to {note.authorName} as a draft.
        </Text>
        <FormError error={cosign.error ?? ret.error} />
        {!returning ? (
          <Group gap="sm">
            <Button leftSection={<IconCircleCheck size={16} aria-hidden />} onClick={() => cosign.mutate()} loading={cosign.isPending}>
              Co-sign
            </Button>
            <Button variant="light" color="clay" onClick={() => setReturning(true)}>
              Return with comment
            </Button>
          </Group>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              ret.mutate();
            }}
          >
            <Stack gap="sm">
              <Textarea
                label={`Comment for ${note.authorName}`}
                description="What to change or add before signing again."
                required
                autosize
                minRows={3}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                error={fieldError(ret.error, 'comment')}
              />
              <Group gap="sm">
                <Button type="submit" color="clay" loading={ret.isPending} disabled={!comment.trim()}>
                  Return the note with this comment
                </Button>
                <Button variant="subtle" color="gray" onClick={() => setReturning(false)}>
                  Not now
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

function Addenda({ note, onAdded }: { note: ProgressNote; onAdded: (n: ProgressNote) => void }) {
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [body, setBody, clearBody] = useDraft(`addendum:${note.id}`, '');
  const intent = useIdempotencyKey();
  const add = useMutation({
    mutationFn: () => api.post<ProgressNote>(`/api/progress-notes/${note.id}/addenda`, { body: body.trim() }, { idempotencyKey: intent.key() }),
    onSuccess: (n) => {
      intent.done();
      clearBody();
      setOpen(false);
      onAdded(n);
    },
    onError: (e) => {
      if (e && typeof e === 'object' && 'status' in e && typeof e.status === 'number' && e.status >= 400 && e.status < 500) intent.done();
    },
  });
  const canAdd = !me.user.roles.every((r) => r === 'practice_admin');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="addenda-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="addenda-title">
            Addenda
          </Title>
          {canAdd && !open && (
            <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setOpen(true)}>
              Add addendum
            </Button>
          )}
        </Group>
        {note.addenda.length === 0 ? (
          <Text size="sm" c="dimmed">
            No addenda. The note stands as signed.
          </Text>
        ) : (
          <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Addenda, oldest first">
            {note.addenda.map((a) => (
              <Paper key={a.id} component="li" radius="sm" p="sm" bg="var(--mantine-color-gray-0)">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {a.body}
                </Text>
                <Text size="xs" c="dimmed" mt={4}>
                  Signed by {a.authorName} on {formatDateTime(a.signedAt)} · fingerprint{' '}
                  <Text span ff="monospace" inherit>
                    {shortHash(a.contentHash)}
                  </Text>
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
        {open && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate();
            }}
          >
            <Stack gap="sm">
              <Textarea
                label="Addendum"
                description="Added below the signed note, which stays untouched. It is signed with your name and the time when you add it."
                required
                autosize
                minRows={3}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                error={fieldError(add.error, 'body')}
              />
              <FormError error={add.error} />
              <Group gap="sm">
                <Button type="submit" loading={add.isPending} disabled={!body.trim()}>
                  Sign and add the addendum
                </Button>
                <Button variant="subtle" color="gray" onClick={() => setOpen(false)}>
                  Not now
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

/** Open notes: the author decides whether the client reads this note in their portal. */
function Sharing({ note, clientName, onChanged }: { note: ProgressNote; clientName: string; onChanged: (n: ProgressNote) => void }) {
  // The choice shows as made from the click itself, until the server's answer replaces it (or an error puts it back).
  const [asked, setAsked] = useState<boolean | null>(null);
  const share = useMutation({
    mutationFn: (shared: boolean) => api.put<ProgressNote>(`/api/progress-notes/${note.id}/sharing`, { shared }),
    onSuccess: onChanged,
    onSettled: () => setAsked(null),
  });
  const waiting = note.cosign?.status === 'pending';
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="sharing-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="sharing-title">
          Open notes
        </Title>
        <Switch
          label={`Share with ${clientName}`}
          description={`${clientName} can then read this note in their portal and add comments to it. You can stop sharing at any time.`}
          checked={asked ?? note.sharedWithClient}
          disabled={share.isPending || (waiting && !note.sharedWithClient)}
          onChange={(e) => {
            const shared = e.currentTarget.checked;
            setAsked(shared);
            share.mutate(shared);
          }}
        />
        {waiting && !note.sharedWithClient && (
          <Text size="sm" c="dimmed">
            It can be shared once your supervisor has co-signed it.
          </Text>
        )}
        <FormError error={share.error} />
        {note.sharedWithClient && (
          <Alert variant="light" color="teal">
            {clientName} can read this note.{' '}
            <Anchor href="#client-voice" size="sm" inherit>
              Their comments appear below.
            </Anchor>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** The signed sections for each person, read-only, each saying whether its person can read it. */
export function PersonSectionsRead({ sections }: { sections: PersonSection[] }) {
  const names = callNames(sections);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="person-sections-read-title">
      <Stack gap="md">
        <div>
          <Title order={3} size="h4" id="person-sections-read-title">
            For each person
          </Title>
          <Text size="sm" c="dimmed">
            Each section is part of its person’s record alone.
          </Text>
        </div>
        {sections.length === 0 ? (
          <Text size="sm" c="dimmed">
            No client was marked as attending, so there are no sections of their own.
          </Text>
        ) : (
          sections.map((p) => {
            const call = names.get(p.clientId) ?? p.name;
            return (
              <div key={p.clientId}>
                <Group gap="sm">
                  <Title order={4} size="h5">
                    Only for {call}
                  </Title>
                  {p.text.trim() !== '' && (
                    <Badge variant="light" color={p.shared ? 'dusk' : 'gray'} tt="none">
                      {p.shared ? `Shared with ${call}` : 'Not shared'}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={p.text.trim() ? undefined : 'dimmed'}>
                  {p.text.trim() || `Nothing was written for ${call} alone.`}
                </Text>
              </div>
            );
          })
        )}
      </Stack>
    </Paper>
  );
}

/**
 * Open notes for a unit session: the common part with everyone who attended, and each person's own
 * section with that person alone. The server keeps the same rule; these words make it plain.
 */
function UnitSharing({ note, onChanged }: { note: ProgressNote; onChanged: (n: ProgressNote) => void }) {
  // As for one client's note: the choice shows from the click itself until the server answers.
  const [asked, setAsked] = useState<{ shared: boolean; sections: string[] } | null>(null);
  const share = useMutation({
    mutationFn: (body: { shared: boolean; sections: string[] }) => api.put<ProgressNote>(`/api/progress-notes/${note.id}/sharing`, body),
    onSuccess: onChanged,
    onSettled: () => setAsked(null),
  });
  const ask = (body: { shared: boolean; sections: string[] }) => {
    setAsked(body);
    share.mutate(body);
  };
  const people = note.personSections;
  const names = callNames(people);
  const callOf = (p: PersonSection) => names.get(p.clientId) ?? p.name;
  // While a change is on its way, show it as made.
  const common = asked ? asked.shared : note.sharedWithClient;
  const sharedIds = new Set(asked?.sections ?? people.filter((p) => p.shared).map((p) => p.clientId));
  const waiting = note.cosign?.status === 'pending';
  const everyone = people.map(callOf);
  const listed = everyone.length <= 1 ? (everyone[0] ?? 'No one') : `${everyone.slice(0, -1).join(', ')} and ${everyone[everyone.length - 1]}`;

  const toggleSection = (clientId: string, on: boolean) => {
    const next = new Set(sharedIds);
    if (on) next.add(clientId);
    else next.delete(clientId);
    ask({ shared: common, sections: people.map((p) => p.clientId).filter((id) => next.has(id)) });
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="sharing-title">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4" id="sharing-title">
            Open notes
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            Each person reads only what is shared with them. The common part can be shared with everyone who attended. A person’s own
            section can be shared with that person alone: no one else who attended ever reads it, whatever you choose here.
          </Text>
        </div>
        <Switch
          label="Share the note with everyone who attended"
          description={`${listed} can then read the common part of this note in their portal and comment on it. Their own sections are not part of it.`}
          checked={common}
          disabled={share.isPending || (waiting && !note.sharedWithClient)}
          // The per-person choices travel with it unchanged, so one request says the whole of what is shared.
          onChange={(e) => ask({ shared: e.currentTarget.checked, sections: people.map((p) => p.clientId).filter((id) => sharedIds.has(id)) })}
        />
        {people.map((p) => {
          const call = callOf(p);
          const empty = p.text.trim() === '';
          return (
            <Switch
              key={p.clientId}
              label={`Share ${call}’s own section with ${call}`}
              description={
                empty
                  ? `Nothing was written in ${call}’s own section, so there is nothing to share.`
                  : `Only ${call} reads it. ${people.length > 1 ? 'The others who attended never see it.' : ''}`.trim()
              }
              checked={sharedIds.has(p.clientId)}
              disabled={share.isPending || (empty && !p.shared) || (waiting && !p.shared)}
              onChange={(e) => toggleSection(p.clientId, e.currentTarget.checked)}
            />
          );
        })}
        {waiting && (
          <Text size="sm" c="dimmed">
            It can be shared once your supervisor has co-signed it.
          </Text>
        )}
        <FormError error={share.error} />
        <Alert variant="light" role="status" color={common || sharedIds.size > 0 ? 'teal' : 'gray'} title="What each person can read now">
          <List size="sm" spacing={2} aria-label="What each person can read now">
            {people.map((p) => {
              const call = callOf(p);
              const own = sharedIds.has(p.clientId);
              return (
                <List.Item key={p.clientId}>
                  {call}: {common && own ? 'the common part and their own section' : common ? 'the common part' : own ? 'their own section only' : 'nothing yet'}
                </List.Item>
              );
            })}
          </List>
          {(common || sharedIds.size > 0) && (
            <Anchor href="#client-voice" size="sm" mt={6} display="inline-block">
              Their comments appear below.
            </Anchor>
          )}
        </Alert>
      </Stack>
    </Paper>
  );
}
