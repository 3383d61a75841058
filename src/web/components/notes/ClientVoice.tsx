import { Paper, Stack, Text, Title } from '@mantine/core';
import { IconQuote } from '@tabler/icons-react';
import { formatDateTime } from '../dates';
import type { ProgressNote, ProgressNoteAnswer } from './types';

/** The client's own voice beside the record: their reflection after the session, and their comments on a shared note. */
export function ClientVoice({ answer, note, clientName }: { answer: ProgressNoteAnswer; note: ProgressNote | null; clientName: string }) {
  const comments = note?.comments ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" id="client-voice" aria-labelledby="client-voice-title" bg="var(--mantine-color-clay-0)">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="client-voice-title">
            In {clientName}’s words
          </Title>
          <Text size="sm" c="dimmed">
            What {clientName} wrote in their portal. It sits beside your notes and is never mixed into them.
          </Text>
        </div>
        <div>
          <Text size="sm" fw={600}>
            What stayed with me
          </Text>
          {answer.reflection ? (
            <Stack gap={2}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                <IconQuote size={14} aria-hidden style={{ marginRight: 4, verticalAlign: 'text-top' }} />
                {answer.reflection.body}
              </Text>
              <Text size="xs" c="dimmed">
                Written {formatDateTime(answer.reflection.updatedAt)}
              </Text>
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {clientName} has not written a reflection on this session.
            </Text>
          )}
        </div>
        {note?.status === 'signed' && (
          <div>
            <Text size="sm" fw={600}>
              Comments on the shared note
            </Text>
            {comments.length === 0 ? (
              <Text size="sm" c="dimmed">
                {note.sharedWithClient ? 'No comments yet.' : 'The note is not shared with them, so there are no comments.'}
              </Text>
            ) : (
              <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {comments.map((c) => (
                  <Paper key={c.id} component="li" p="sm" radius="sm">
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {c.body}
                    </Text>
                    <Text size="xs" c="dimmed" mt={2}>
                      {c.authorName}, {formatDateTime(c.createdAt)}
                    </Text>
                  </Paper>
                ))}
              </Stack>
            )}
          </div>
        )}
      </Stack>
    </Paper>
  );
}
