import { Paper, Stack, Text, Title } from '@mantine/core';
import { IconQuote } from '@tabler/icons-react';
import { formatDateTime } from '../dates';
import type { ProgressNote, ProgressNoteAnswer } from './types';

/**
 * The client's own voice beside the record: their reflection after the session, and their comments on a shared note.
 * For a unit session (`together`), the voices of everyone who attended, each comment with its author's name.
 */
export function ClientVoice({
  answer,
  note,
  clientName,
  together = false,
}: {
  answer: ProgressNoteAnswer;
  note: ProgressNote | null;
  clientName: string;
  together?: boolean;
}) {
  const comments = note?.comments ?? [];
  const shared = Boolean(note?.sharedWithClient || note?.personSections.some((p) => p.shared));
  return (
    <Paper withBorder radius="md" p="md" component="section" id="client-voice" aria-labelledby="client-voice-title" bg="var(--mantine-color-clay-0)">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="client-voice-title">
            {together ? 'In their own words' : `In ${clientName}’s words`}
          </Title>
          <Text size="sm" c="dimmed">
            {together ? 'What the people who attended wrote in their portal.' : `What ${clientName} wrote in their portal.`} It sits beside your
            notes and is never mixed into them.
          </Text>
        </div>
        {together ? (
          <div>
            <Text size="sm" fw={600}>
              What stayed with each of them
            </Text>
            {answer.reflections.length === 0 ? (
              <Text size="sm" c="dimmed">
                No reflection has been written on this session yet.
              </Text>
            ) : (
              <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Reflections on this session">
                {answer.reflections.map((r) => (
                  <li key={r.clientId}>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      <IconQuote size={14} aria-hidden style={{ marginRight: 4, verticalAlign: 'text-top' }} />
                      {r.body}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.name}, {formatDateTime(r.updatedAt)}
                    </Text>
                  </li>
                ))}
              </Stack>
            )}
          </div>
        ) : (
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
        )}
        {note?.status === 'signed' && (
          <div>
            <Text size="sm" fw={600}>
              Comments on the shared note
            </Text>
            {comments.length === 0 ? (
              <Text size="sm" c="dimmed">
                {shared ? 'No comments yet.' : 'The note is not shared with them, so there are no comments.'}
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
