import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { renderNote } from '../../../domain/notes/format';
import { LoadError, Loading } from '../States';
import { formatDateTime } from '../dates';
import { useMe } from '../../session/SessionContext';
import { ClientVoice } from './ClientVoice';
import { ProgressNoteEditor } from './ProgressNoteEditor';
import { RelationalNoteEditor } from './RelationalNoteEditor';
import { PersonSectionsRead, SignedProgressNote } from './SignedProgressNote';
import { notesKeys, type ProgressNoteAnswer } from './types';
import type { UnitOfSession } from './unitWords';
import type { UnitKind } from '../clinical/types';

interface SessionLike {
  id: string;
  clientId: string;
  clientName: string;
  practitionerId: string;
  practitionerName: string;
  status: string;
  unitId?: string | null;
  unitName?: string | null;
  unitKind?: UnitKind | null;
  attendees?: Array<{ clientId: string | null; name: string; attendance: string }>;
}

/** The documentation of a held session: the progress note (the record), the client's voice, and the private relational note. */
export function SessionNotes({ session }: { session: SessionLike }) {
  const me = useMe();
  const progress = useQuery({
    queryKey: notesKeys.progress(session.id),
    queryFn: () => api.get<ProgressNoteAnswer>(`/api/sessions/${session.id}/progress-note`),
  });
  const isPractitioner = session.practitionerId === me.user.id;
  const unit: UnitOfSession | null = session.unitId
    ? {
        name: session.unitName ?? 'the unit',
        kind: session.unitKind ?? null,
        attending: (session.attendees ?? []).flatMap((a) => (a.clientId !== null && a.attendance === 'attended' ? [{ clientId: a.clientId, name: a.name }] : [])),
      }
    : null;
  // A unit session's note is written for the unit: its sentences name the unit, not the first client.
  const whose = unit?.name ?? session.clientName;

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg" component="section" aria-label="Progress note">
        {progress.isPending ? (
          <Loading label="Loading the progress note…" />
        ) : progress.isError ? (
          <LoadError error={progress.error} onRetry={() => void progress.refetch()} />
        ) : progress.data.note?.status === 'signed' ? (
          <SignedProgressNote note={progress.data.note} answer={progress.data} clientName={session.clientName} unit={unit} />
        ) : progress.data.canWrite ? (
          <ProgressNoteEditor
            key={session.id}
            sessionId={session.id}
            clientId={session.clientId}
            clientName={session.clientName}
            answer={progress.data}
            unit={unit}
          />
        ) : (
          <DraftReadOnly answer={progress.data} practitionerName={session.practitionerName} unit={unit} />
        )}
      </Paper>

      {progress.data && <ClientVoice answer={progress.data} note={progress.data.note} clientName={whose} together={unit !== null} />}

      {isPractitioner && <RelationalNoteEditor key={session.id} sessionId={session.id} clientId={session.clientId} clientName={whose} />}
    </Stack>
  );
}

/** Someone else's note that is not signed yet (a supervisor or admin looking): what is there so far, read-only. */
function DraftReadOnly({ answer, practitionerName, unit }: { answer: ProgressNoteAnswer; practitionerName: string; unit: UnitOfSession | null }) {
  const note = answer.note;
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Title order={2} size="h3">
          Progress note
        </Title>
        <Badge variant="light" color="gray" tt="none">
          {note ? 'Draft' : 'Not started'}
        </Badge>
      </Group>
      {!note ? (
        <Text c="dimmed">{practitionerName} has not started the progress note for this session yet.</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {note.authorName} is still writing this note (last saved {formatDateTime(note.updatedAt)}). It can be read here; only its author
            edits and signs it.
          </Text>
          {renderNote(note.format, note.fields).map((s) => (
            <div key={s.heading}>
              <Text size="sm" fw={700}>
                {s.heading}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={s.text === 'Nothing recorded.' ? 'dimmed' : undefined}>
                {s.text}
              </Text>
            </div>
          ))}
          {unit && <PersonSectionsRead sections={note.personSections} />}
        </>
      )}
    </Stack>
  );
}
