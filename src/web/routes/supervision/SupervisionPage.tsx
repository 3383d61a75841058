import { Button, Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api';
import { formatDateTime } from '../../components/dates';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { Empty, LoadError, Loading } from '../../components/States';
import { notesKeys, type CosignItem, type SharedRelationalItem } from '../../components/notes/types';

export function useCosignQueue(enabled = true) {
  return useQuery({ queryKey: notesKeys.cosignQueue, queryFn: () => api.get<CosignItem[]>('/api/cosign-queue'), enabled, staleTime: 30_000 });
}

/** For supervisors: associates' notes waiting for a co-signature, and relational notes supervisees chose to share. */
export function SupervisionPage() {
  const queue = useCosignQueue();
  const shared = useQuery({
    queryKey: notesKeys.sharedRelational,
    queryFn: () => api.get<SharedRelationalItem[]>('/api/supervision/relational-notes'),
  });

  return (
    <>
      <PageHeader title="Supervision" description="The notes of the people you supervise that wait for you, and what they have shared with you for supervision." />
      <Stack gap="lg" maw={960}>
        <Section
          id="cosign-queue"
          title="Waiting for your co-signature"
          description="Progress notes your associates have signed. Read each one, then co-sign it or return it with a comment."
        >
          {queue.isPending ? (
            <Loading label="Loading the co-sign queue…" />
          ) : queue.isError ? (
            <LoadError error={queue.error} onRetry={() => void queue.refetch()} />
          ) : queue.data.length === 0 ? (
            <Empty>No notes are waiting for your co-signature.</Empty>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="sm" aria-label="Notes waiting for your co-signature">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Written by</Table.Th>
                    <Table.Th>Client</Table.Th>
                    <Table.Th>Session</Table.Th>
                    <Table.Th>Signed</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Action</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {queue.data.map((n) => (
                    <Table.Tr key={n.noteId}>
                      <Table.Td>{n.authorName}</Table.Td>
                      <Table.Td>{n.unitName ?? n.clientName}</Table.Td>
                      <Table.Td>{formatDateTime(n.sessionStartsAt)}</Table.Td>
                      <Table.Td>{n.signedAt ? formatDateTime(n.signedAt) : '—'}</Table.Td>
                      <Table.Td>
                        <Button
                          component={Link}
                          to={`/sessions/${n.sessionId}`}
                          size="xs"
                          variant="light"
                          aria-label={`Read and co-sign ${n.authorName}’s note for ${n.unitName ?? n.clientName}`}
                        >
                          Read and co-sign
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Section>

        <Section
          id="shared-relational-notes"
          title="Relational notes shared with you"
          description="Process notes your supervisees chose to bring to supervision. They are private to their authors: only you can read these, read-only, and each reading is logged. Clients are named by initials."
        >
          {shared.isPending ? (
            <Loading label="Loading shared notes…" />
          ) : shared.isError ? (
            <LoadError error={shared.error} onRetry={() => void shared.refetch()} />
          ) : shared.data.length === 0 ? (
            <Empty>Nobody has shared a relational note with you.</Empty>
          ) : (
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {shared.data.map((n) => (
                <Paper key={n.noteId} component="li" withBorder radius="md" p="sm">
                  <Group justify="space-between" wrap="wrap">
                    <div>
                      <Text fw={600} size="sm">
                        {n.authorName} · client {n.clientInitials}
                      </Text>
                      <Text size="sm" c="dimmed">
                        Session {formatDateTime(n.sessionStartsAt)}
                        {n.sharedAt ? ` · shared ${formatDateTime(n.sharedAt)}` : ''}
                      </Text>
                    </div>
                    <Button
                      component={Link}
                      to={`/supervision/relational-notes/${n.noteId}`}
                      size="xs"
                      variant="light"
                      aria-label={`Read ${n.authorName}’s relational note (client ${n.clientInitials})`}
                    >
                      Read the note
                    </Button>
                  </Group>
                </Paper>
              ))}
            </Stack>
          )}
        </Section>
      </Stack>
    </>
  );
}
