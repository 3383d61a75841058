import { Alert, Anchor, Breadcrumbs, Paper, Stack, Text, Title } from '@mantine/core';
import { IconEyeOff } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api';
import { relationalFieldKeys, relationalFieldLabels } from '../../../domain/notes/relational';
import { formatDateTime } from '../../components/dates';
import { PageHeader } from '../../components/PageHeader';
import { LoadError, Loading } from '../../components/States';
import { notesKeys, type RelationalNote, type SharedRelationalItem } from '../../components/notes/types';

/** A relational note a supervisee shared for supervision: read-only; the server logs the reading. */
export function SharedRelationalNotePage() {
  const { noteId = '' } = useParams();
  const qc = useQueryClient();
  const note = useQuery({
    queryKey: ['relational-note-shared', noteId],
    queryFn: () => api.get<RelationalNote>(`/api/relational-notes/${noteId}`),
    enabled: Boolean(noteId),
    // Every reading is audited: read it when opened, not again in the background.
    staleTime: Infinity,
  });
  const listed = qc.getQueryData<SharedRelationalItem[]>(notesKeys.sharedRelational)?.find((n) => n.noteId === noteId);
  const title = listed ? `${listed.authorName}’s relational note` : 'Shared relational note';

  return (
    <>
      <Breadcrumbs mb="sm">
        <Anchor component={Link} to="/supervision">
          Supervision
        </Anchor>
        <Text>Relational note</Text>
      </Breadcrumbs>
      <PageHeader
        title={title}
        description={listed ? `Client ${listed.clientInitials} · session ${formatDateTime(listed.sessionStartsAt)}${listed.sharedAt ? ` · shared ${formatDateTime(listed.sharedAt)}` : ''}` : undefined}
      />
      <Stack gap="md" maw={860}>
        <Alert variant="light" color="dusk" icon={<IconEyeOff size={18} aria-hidden />}>
          Shared with you for supervision. It is not part of the client’s record; it stays private to its author, and this reading is logged.
          Its author can stop sharing at any time.
        </Alert>
        {note.isPending ? (
          <Loading label="Opening the note…" />
        ) : note.isError ? (
          <LoadError error={note.error} />
        ) : (
          <Paper withBorder radius="md" p="lg" bg="var(--mantine-color-dusk-0)">
            <Stack gap="md">
              {relationalFieldKeys.map((k) => (
                <div key={k}>
                  <Title order={2} size="h5">
                    {relationalFieldLabels[k].label}
                  </Title>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={note.data.fields[k]?.trim() ? undefined : 'dimmed'}>
                    {note.data.fields[k]?.trim() ? note.data.fields[k] : 'Nothing written.'}
                  </Text>
                </div>
              ))}
              <Text size="xs" c="dimmed">
                Last changed {formatDateTime(note.data.updatedAt)}
              </Text>
            </Stack>
          </Paper>
        )}
      </Stack>
    </>
  );
}
