import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Textarea, ThemeIcon, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconLock, IconMessageCircle, IconNotes } from '@tabler/icons-react';
import { ApiError, api } from '../../api';
import { FormError, fieldError } from '../../components/FormError';
import { Empty, Loading, LoadError } from '../../components/States';
import { useDraft } from '../../components/useDraft';
import { useIdempotencyKey } from '../../components/useAutosave';
import { formatDate, formatDateTime } from '../../components/dates';
import { recordKeys, type PortalNote } from '../../components/record/types';
import { unitSessionWord } from '../../components/clinical/types';

const shownAtFirst = 3;

/** Open notes: the progress notes a practitioner chose to share, each with the client's own comments. */
export function SharedNotes() {
  const notes = useQuery({ queryKey: recordKeys.portalNotes, queryFn: () => api.get<PortalNote[]>('/api/portal/notes') });
  const [all, setAll] = useState(false);

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="portal-notes">
      <Stack gap="md">
        <Stack gap={4}>
          <Group gap="xs">
            <IconNotes size={20} aria-hidden color="var(--mantine-color-dusk-7)" />
            <Title order={2} size="h4" id="portal-notes">
              Notes your practitioner shared with you
            </Title>
          </Group>
          <Text size="sm" c="dimmed">
            Your practitioner writes a note after each session. These are the ones they chose to share with you. The note stays as they
            wrote it; you can add your own comments to it, and they will read them.
          </Text>
        </Stack>
        {notes.isPending ? (
          <Loading label="Finding your notes…" />
        ) : notes.isError ? (
          <LoadError error={notes.error} onRetry={() => void notes.refetch()} />
        ) : notes.data.length === 0 ? (
          <Empty>No notes have been shared with you yet. If you would like to read your notes, you can ask your practitioner.</Empty>
        ) : (
          <Stack gap="md">
            {(all ? notes.data : notes.data.slice(0, shownAtFirst)).map((n) => (
              <SharedNote key={n.id} note={n} />
            ))}
            {!all && notes.data.length > shownAtFirst && (
              <Group>
                <Button variant="subtle" onClick={() => setAll(true)}>
                  Show {notes.data.length - shownAtFirst} earlier {notes.data.length - shownAtFirst === 1 ? 'note' : 'notes'}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function SharedNote({ note: n }: { note: PortalNote }) {
  const qc = useQueryClient();
  const key = useIdempotencyKey();
  const [body, setBody, clearBody] = useDraft(`portal:note-comment:${n.id}`, '');
  const [sent, setSent] = useState(false);
  const comment = useMutation({
    mutationFn: () => api.post<PortalNote>(`/api/portal/notes/${n.id}/comments`, { body }, { idempotencyKey: key.key() }),
    onSuccess: (updated) => {
      key.done();
      clearBody();
      setSent(true);
      qc.setQueryData<PortalNote[]>(recordKeys.portalNotes, (old) => old?.map((x) => (x.id === updated.id ? updated : x)));
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status !== 0 && e.status < 500) key.done();
    },
  });
  const headingId = `note-${n.id}`;
  const together = Boolean(n.unitName);
  const mySectionId = `note-${n.id}-mine`;

  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby={headingId} bg="white">
      <Stack gap="sm">
        <Stack gap={0}>
          <Title order={3} size="h5" id={headingId}>
            {together ? `${unitSessionWord(n.unitKind)} · ${n.unitName ?? ''}, ${formatDate(n.sessionStartsAt)}` : `Your session on ${formatDate(n.sessionStartsAt)}`}
          </Title>
          <Text size="sm" c="dimmed">
            Written by {n.practitionerName}
            {n.signedAt ? `, signed ${formatDateTime(n.signedAt)}` : ''}
          </Text>
        </Stack>
        {together && n.sections.length > 0 && (
          <Text size="sm" c="dimmed">
            The note of the session you had together. Everyone who was there can read this part.
          </Text>
        )}
        {together && n.sections.length === 0 && (
          <Text size="sm" c="dimmed">
            The note of the session you had together is not shared; only the part written for you is.
          </Text>
        )}
        {n.sections.map((s, i) => (
          <Stack key={i} gap={2}>
            <Text fw={600} size="sm">
              {s.heading}
            </Text>
            <Text size="sm" className="prewrap">
              {s.text.trim() || '—'}
            </Text>
          </Stack>
        ))}
        {n.mySection !== null && n.mySection !== undefined && (
          <Paper p="sm" radius="sm" bg="var(--mantine-color-dusk-0)" component="section" aria-labelledby={mySectionId}>
            <Group gap={6} wrap="nowrap">
              <IconLock size={14} aria-hidden color="var(--mantine-color-dusk-7)" />
              <Text fw={600} size="sm" id={mySectionId}>
                Just for you
              </Text>
            </Group>
            <Text size="xs" c="dimmed" mb={4}>
              Written for you alone. No one else who was in the session can read it.
            </Text>
            <Text size="sm" className="prewrap">
              {n.mySection.trim() || '—'}
            </Text>
          </Paper>
        )}
        {n.addenda.length > 0 && (
          <Stack gap="xs">
            {n.addenda.map((a, i) => (
              <Paper key={i} p="sm" radius="sm" bg="var(--mantine-color-gray-0)">
                <Text size="xs" c="dimmed" fw={600}>
                  Added later by {a.authorName}, {formatDateTime(a.signedAt)}
                </Text>
                <Text size="sm" className="prewrap">
                  {a.body}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}

        <Stack gap="xs" mt="xs">
          {n.comments.length > 0 && (
            <Stack gap="xs" aria-label="Comments">
              {n.comments.map((c) => (
                <Group key={c.id} gap="sm" wrap="nowrap" align="flex-start">
                  <ThemeIcon size={26} radius="xl" variant="light" color="clay">
                    <IconMessageCircle size={15} aria-hidden />
                  </ThemeIcon>
                  <Stack gap={0}>
                    <Text size="xs" c="dimmed" fw={600}>
                      {c.mine ? 'Your comment' : 'A comment'}, {formatDateTime(c.createdAt)}
                    </Text>
                    <Text size="sm" className="prewrap">
                      {c.body}
                    </Text>
                  </Stack>
                </Group>
              ))}
            </Stack>
          )}
          {sent && !comment.isPending && body === '' && (
            <Text size="sm" c="teal.8" role="status">
              Your comment is sent. {n.practitionerName} will see it with this note.
            </Text>
          )}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              comment.mutate();
            }}
          >
            <Stack gap="xs">
              <Textarea
                label="Add a comment"
                description={
                  together
                    ? `Something to add, a different memory of the session, a question: in your own words. Only ${n.practitionerName} reads your comments, not the others who were there.`
                    : 'Something to add, a different memory of the session, a question: in your own words.'
                }
                autosize
                minRows={2}
                value={body}
                onChange={(e) => {
                  setSent(false);
                  setBody(e.currentTarget.value);
                }}
                error={fieldError(comment.error, 'body')}
              />
              <FormError error={comment.error} />
              <Group>
                <Button type="submit" variant="light" loading={comment.isPending} disabled={!body.trim()}>
                  Send comment
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      </Stack>
    </Paper>
  );
}
