import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, Textarea, ThemeIcon, Title } from '@mantine/core';
import { IconEyeOff, IconLock, IconUsersGroup } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api } from '../../api';
import { emptyRelationalFields, relationalFieldKeys, relationalFieldLabels, type RelationalFieldKey } from '../../../domain/notes/relational';
import { FormError } from '../FormError';
import { formatDateTime } from '../dates';
import { useAutosave } from '../useAutosave';
import { useMe } from '../../session/SessionContext';
import { AutosaveStatus } from './AutosaveStatus';
import { ConflictView } from './ConflictView';
import { ThemePicker, themeNames, useClientThemes } from './ThemePicker';
import { notesKeys, type RelationalDraft, type RelationalNote } from './types';

export interface RelationalNoteAnswer {
  note: RelationalNote | null;
  /** The author's own supervisors, when the server lists them. */
  supervisors?: Array<{ id: string; displayName: string }>;
}

const draftOf = (n: RelationalNote): RelationalDraft => ({ fields: { ...emptyRelationalFields(), ...n.fields }, themeIds: n.themeIds });

/** Who may be chosen to read a shared relational note: the author's supervisors (the server has the last word). */
function useSupervisorChoices(fromAnswer: RelationalNoteAnswer['supervisors']) {
  const me = useMe();
  const people = useQuery({
    queryKey: ['practitioners'],
    queryFn: () => api.get<Array<{ id: string; displayName: string; roles: string[] }>>('/api/practitioners'),
    enabled: fromAnswer === undefined,
  });
  if (fromAnswer) return fromAnswer;
  return (people.data ?? []).filter((p) => p.roles.includes('supervisor') && p.id !== me.user.id);
}

/**
 * The relational (process) note: the author's private reflection on the relationship. Kept apart
 * from the record, readable by its author only, unless shared with one of their supervisors.
 */
export function RelationalNoteEditor({ sessionId, clientId, clientName }: { sessionId: string; clientId: string; clientName: string }) {
  const query = useQuery({
    queryKey: notesKeys.relational(sessionId),
    queryFn: () => api.get<RelationalNoteAnswer>(`/api/sessions/${sessionId}/relational-note`),
  });
  return (
    <Paper radius="md" p="lg" component="section" aria-labelledby="relational-title" bg="var(--mantine-color-dusk-0)" withBorder>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Group gap="sm" align="flex-start" wrap="nowrap">
            <ThemeIcon variant="light" color="dusk" radius="xl" size="lg">
              <IconLock size={18} aria-hidden />
            </ThemeIcon>
            <div>
              <Group gap="sm">
                <Title order={2} size="h3" id="relational-title">
                  Relational note
                </Title>
                <Badge variant="filled" color="dusk" tt="none">
                  Private to you
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                Your process note on the relationship with {clientName}.
              </Text>
            </div>
          </Group>
        </Group>
        <Alert variant="light" color="dusk" icon={<IconEyeOff size={18} aria-hidden />} title="Only you can read this">
          This note is not part of {clientName}’s record. It never appears in the portal, in PDFs, exports or searches, and nobody else can open
          it. It leaves your hands only if you share it for supervision, with one of your supervisors; every time they read it, that is logged,
          and you can stop sharing at any time.
        </Alert>
        {query.isPending ? (
          <Text size="sm" c="dimmed" role="status">
            Loading your relational note…
          </Text>
        ) : query.isError ? (
          <FormError error={query.error} />
        ) : (
          <RelationalForm sessionId={sessionId} clientId={clientId} answer={query.data} />
        )}
      </Stack>
    </Paper>
  );
}

function RelationalForm({ sessionId, clientId, answer }: { sessionId: string; clientId: string; answer: RelationalNoteAnswer }) {
  const qc = useQueryClient();
  const me = useMe();
  const themes = useClientThemes(clientId);
  const empty = useMemo<RelationalDraft>(() => ({ fields: emptyRelationalFields(), themeIds: [] }), []);
  const autosave = useAutosave<RelationalDraft, RelationalNote>({
    draftKey: `relational-note:${sessionId}`,
    record: answer.note,
    valueOf: draftOf,
    versionOf: (n) => n.version,
    updatedAtOf: (n) => n.updatedAt,
    empty,
    save: (value, version, options) => api.put<RelationalNote>(`/api/sessions/${sessionId}/relational-note`, { version, ...value }, options),
    onSaved: (note) => qc.setQueryData<RelationalNoteAnswer>(notesKeys.relational(sessionId), (old) => (old ? { ...old, note } : { note })),
  });
  const v = autosave.value;
  const setField = (key: RelationalFieldKey, text: string) => autosave.setValue((prev) => ({ ...prev, fields: { ...prev.fields, [key]: text } }));
  const note = autosave.record;

  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <AutosaveStatus status={autosave.status} text={autosave.statusText} label="Relational note" />
      </Group>
      {autosave.conflict && (
        <ConflictView
          title="This relational note was changed elsewhere"
          rows={[
            ...relationalFieldKeys.map((k) => ({
              key: k,
              label: relationalFieldLabels[k].label,
              mine: autosave.conflict?.mine.fields[k] ?? '',
              theirs: autosave.conflict?.theirs.fields[k] ?? '',
            })),
            {
              key: 'themeIds',
              label: 'Themes',
              mine: themeNames(themes.data?.themes, autosave.conflict.mine.themeIds).join(', '),
              theirs: themeNames(themes.data?.themes, autosave.conflict.theirs.themeIds).join(', '),
            },
          ]}
          savedBy="you, in another tab or device"
          savedAt={autosave.conflict.theirs.updatedAt}
          onKeepMine={autosave.keepMine}
          onTakeTheirs={autosave.takeTheirs}
          onCombine={(theirsFor) => {
            const c = autosave.conflict;
            if (!c) return;
            const fields = { ...c.mine.fields };
            for (const k of relationalFieldKeys) if (theirsFor.has(k)) fields[k] = c.theirs.fields[k];
            autosave.resolveWith({ fields, themeIds: theirsFor.has('themeIds') ? c.theirs.themeIds : c.mine.themeIds });
          }}
        />
      )}
      {autosave.error && <FormError error={autosave.error} title="Not saved" />}
      {autosave.status === 'retrying' && (
        <Alert color="orange" variant="light">
          The server cannot be reached just now. Your text is kept in this tab and will be saved as soon as the connection returns.
        </Alert>
      )}
      {relationalFieldKeys.map((k) => (
        <Textarea
          key={k}
          label={relationalFieldLabels[k].label}
          description={relationalFieldLabels[k].prompt}
          value={v.fields[k]}
          onChange={(e) => setField(k, e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={18}
          styles={{ input: { background: 'white' } }}
        />
      ))}
      <ThemePicker
        clientId={clientId}
        label="Themes"
        description="Tag what emerged. Tags from this note count toward the client’s themes, but only you see that they came from here."
        value={v.themeIds}
        onChange={(u) => autosave.setValue((prev) => ({ ...prev, themeIds: u(prev.themeIds) }))}
      />
      <SupervisionSharing sessionId={sessionId} note={note} supervisors={answer.supervisors} authorIsMe={!note || note.authorId === me.user.id} />
    </Stack>
  );
}

function SupervisionSharing({
  sessionId,
  note,
  supervisors,
  authorIsMe,
}: {
  sessionId: string;
  note: RelationalNote | null;
  supervisors: RelationalNoteAnswer['supervisors'];
  authorIsMe: boolean;
}) {
  const qc = useQueryClient();
  const choices = useSupervisorChoices(supervisors);
  const [chosen, setChosen] = useState<string | null>(null);
  const share = useMutation({
    mutationFn: (supervisorId: string | null) => api.put<RelationalNote>(`/api/relational-notes/${note?.id ?? ''}/supervision`, { supervisorId }),
    onSuccess: (n) => {
      setChosen(null);
      qc.setQueryData<RelationalNoteAnswer>(notesKeys.relational(sessionId), (old) => (old ? { ...old, note: n } : { note: n }));
    },
  });
  if (!authorIsMe) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="supervision-sharing-title">
      <Stack gap="sm">
        <Group gap="sm">
          <IconUsersGroup size={18} aria-hidden />
          <Title order={3} size="h5" id="supervision-sharing-title">
            Share for supervision
          </Title>
        </Group>
        {note?.sharedWithSupervisorId ? (
          <>
            <Text size="sm">
              Shared with {note.sharedWithSupervisorName ?? 'your supervisor'}
              {note.sharedAt ? ` since ${formatDateTime(note.sharedAt)}` : ''}. They can read it, not change it; each reading is logged.
            </Text>
            <Group>
              <Button variant="light" color="gray" onClick={() => share.mutate(null)} loading={share.isPending}>
                Stop sharing
              </Button>
            </Group>
          </>
        ) : !note ? (
          <Text size="sm" c="dimmed">
            Once you have written something, you can share this note with one of your supervisors.
          </Text>
        ) : choices.length === 0 ? (
          <Text size="sm" c="dimmed">
            You have no supervisor in this practice to share it with.
          </Text>
        ) : (
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select
              label="Supervisor to share with"
              description="Only this person will be able to read the note."
              data={choices.map((c) => ({ value: c.id, label: c.displayName }))}
              value={chosen}
              onChange={setChosen}
              placeholder="Choose a supervisor"
              w={320}
              comboboxProps={{ withinPortal: true }}
            />
            <Button onClick={() => chosen && share.mutate(chosen)} disabled={!chosen} loading={share.isPending}>
              Share for supervision
            </Button>
          </Group>
        )}
        <FormError error={share.error} />
      </Stack>
    </Paper>
  );
}
