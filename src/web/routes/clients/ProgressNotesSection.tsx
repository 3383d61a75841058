import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { IconMessageCircle, IconShare } from '@tabler/icons-react';
import { api } from '../../api';
import { Empty, Loading, LoadError } from '../../components/States';
import { formatDateTime } from '../../components/dates';
import type { ProgressNote } from '../../components/notes/types';
import { recordKeys } from '../../components/record/types';
import type { Client, Session } from '../../components/clinical/types';
import { noteFormatLabels } from '../../../domain/notes/format';

/** Where a note stands, in words: draft, signed, waiting for a co-signature, co-signed, returned. */
export function NoteStatusBadge({ note }: { note: ProgressNote }) {
  if (note.cosign?.status === 'returned' && note.status === 'draft') {
    return (
      <Badge color="orange" variant="light">
        Returned for changes
      </Badge>
    );
  }
  if (note.status === 'draft') {
    return (
      <Badge color="gray" variant="light">
        Draft
      </Badge>
    );
  }
  if (note.cosign?.status === 'pending') {
    return (
      <Badge color="yellow" variant="light">
        Signed · co-sign pending
      </Badge>
    );
  }
  if (note.cosign?.status === 'cosigned') {
    return (
      <Badge color="teal" variant="light">
        Signed and co-signed
      </Badge>
    );
  }
  return (
    <Badge color="teal" variant="light">
      Signed
    </Badge>
  );
}

/** Every progress note of this client, newest first, each leading to its session. */
export function ProgressNotesSection({ client }: { client: Client }) {
  const notes = useQuery({
    queryKey: recordKeys.clientNotes(client.id),
    queryFn: () => api.get<ProgressNote[]>(`/api/clients/${client.id}/progress-notes`),
  });
  // A draft carries no snapshot of its session yet: its date comes from the client's sessions.
  const sessions = useQuery({
    queryKey: ['sessions', 'client', client.id],
    queryFn: () => api.get<Session[]>(`/api/clients/${client.id}/sessions`),
  });
  const startsAt = new Map((sessions.data ?? []).map((s) => [s.id, s.startsAt]));
  const when = (n: ProgressNote): string => n.facts?.date ?? startsAt.get(n.sessionId) ?? '';
  const rows = [...(notes.data ?? [])].sort((a, b) => when(b).localeCompare(when(a)));

  return (
    <Stack gap="md">
      <Stack gap={4} maw={720}>
        <Title order={2} size="h3">
          Progress notes
        </Title>
        <Text size="sm" c="dimmed">
          The institutional record of each held session. Relational notes are private to their author and never listed here. Open a
          session to write, sign or add an addendum.
        </Text>
      </Stack>
      {notes.isPending ? (
        <Loading label="Loading progress notes…" />
      ) : notes.isError ? (
        <LoadError error={notes.error} onRetry={() => void notes.refetch()} />
      ) : notes.data.length === 0 ? (
        <Empty>No progress notes yet. Once a session is held, its note is written from the session page.</Empty>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={680}>
            <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Progress notes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Session</Table.Th>
                  <Table.Th>Written by</Table.Th>
                  <Table.Th>Format</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>With the client</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((n) => (
                  <Table.Tr key={n.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/sessions/${n.sessionId}`}>
                        {when(n) ? formatDateTime(when(n)) : 'Open the session'}
                      </Anchor>
                      {n.unitName && (
                        <Text size="xs" c="dimmed">
                          Together with {n.unitName}
                          {/* In one client's list a unit note carries only that client's own section. */}
                          {n.personSections[0]?.text.trim() ? ` · a section for ${client.name} alone` : ''}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{n.authorName}</Table.Td>
                    <Table.Td>{noteFormatLabels[n.format]}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Group gap={4}>
                          <NoteStatusBadge note={n} />
                        </Group>
                        {n.signedAt && (
                          <Text size="xs" c="dimmed">
                            Signed {formatDateTime(n.signedAt)}
                            {n.signedByName ? ` by ${n.signedByName}` : ''}
                          </Text>
                        )}
                        {(n.addenda ?? []).length > 0 && (
                          <Text size="xs" c="dimmed">
                            {(n.addenda ?? []).length === 1 ? '1 addendum' : `${(n.addenda ?? []).length} addenda`}
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {n.unitName && !n.sharedWithClient && n.personSections.some((p) => p.shared) ? (
                        <Tooltip label={`${client.name} can read the section written for them alone, not the common part`}>
                          <Badge variant="outline" color="dusk" leftSection={<IconShare size={12} aria-hidden />}>
                            Own section shared
                          </Badge>
                        </Tooltip>
                      ) : n.sharedWithClient ? (
                        <Group gap={6} wrap="nowrap">
                          <Tooltip
                            label={
                              n.unitName
                                ? `Everyone who attended can read the common part${n.personSections.some((p) => p.shared) ? `; ${client.name} also reads their own section` : ''}`
                                : 'The client can read this note in the portal'
                            }
                          >
                            <Badge variant="outline" color="dusk" leftSection={<IconShare size={12} aria-hidden />}>
                              Shared
                            </Badge>
                          </Tooltip>
                          {(n.comments ?? []).length > 0 && (
                            <Group gap={2} wrap="nowrap">
                              <IconMessageCircle size={14} aria-hidden />
                              <Text size="xs">{(n.comments ?? []).length === 1 ? '1 comment' : `${(n.comments ?? []).length} comments`}</Text>
                            </Group>
                          )}
                        </Group>
                      ) : (
                        <Text size="sm" c="dimmed">
                          Not shared
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
