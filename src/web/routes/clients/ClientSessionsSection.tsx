import { useState } from 'react';
import {
  Anchor,
  Button,
  Collapse,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { IconCalendarPlus } from '@tabler/icons-react';
import { api } from '../../api';
import { Loading } from '../../components/States';
import { FormError } from '../../components/FormError';
import { useMe } from '../../session/SessionContext';
import { formatLabels, modalityLabels } from '../../../domain/sessions/rules';
import { StatusBadge } from '../../components/clinical/badges';
import { formatDateTime } from '../../components/clinical/format';
import { ScheduleSessionForm } from '../../components/clinical/ScheduleSessionForm';
import { sessionWho, type Client, type Session } from '../../components/clinical/types';
import { CheckinBadge, checkinsBySession, notForMe, type RelationshipCheckin, useRelationshipCheckins } from '../../components/measures/CheckinBadge';

/** The client's sessions, upcoming first then past, and scheduling new ones. */
export function ClientSessionsSection({ client }: { client: Client }) {
  const me = useMe();
  const sessions = useQuery({
    queryKey: ['sessions', 'client', client.id],
    queryFn: () => api.get<Session[]>(`/api/clients/${client.id}/sessions`),
  });
  const checkins = useRelationshipCheckins(client.id);
  const bySession = checkinsBySession(checkins.data);
  const [scheduling, setScheduling] = useState(false);
  const [justScheduled, setJustScheduled] = useState<number | null>(null);
  const ended = client.currentPhase === 'ended';
  const canSchedule = (client.access === 'care' || client.access === 'admin') && !ended;

  // Only an admin (outside the care team) may schedule for someone else; everyone else schedules their own.
  const choices = client.access !== 'admin' ? [] : [...client.practitioners]
    .sort((a, b) => (a.id === me.user.id ? -1 : b.id === me.user.id ? 1 : a.kind === 'primary' ? -1 : b.kind === 'primary' ? 1 : 0))
    .map((p) => ({ value: p.id, label: p.displayName }));

  const now = Date.now();
  const all = sessions.data ?? [];
  const upcoming = all.filter((s) => new Date(s.startsAt).getTime() >= now).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = all.filter((s) => new Date(s.startsAt).getTime() < now).sort((a, b) => b.startsAt.localeCompare(a.startsAt));

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {ended ? 'No chapter is open: open a new chapter on the Journey tab to schedule again.' : 'Sessions belong to the open chapter.'}
        </Text>
        {canSchedule && !scheduling && (
          <Button leftSection={<IconCalendarPlus size={16} aria-hidden />} onClick={() => setScheduling(true)}>
            Schedule a session
          </Button>
        )}
      </Group>
      {justScheduled !== null && (
        <Text role="status" c="dusk.8" fw={500}>
          {justScheduled === 1 ? 'The session is scheduled.' : `${justScheduled} sessions are scheduled.`}
        </Text>
      )}
      <Collapse in={scheduling}>
        <Paper withBorder p="md" radius="md">
          <Title order={3} size="h4" mb="sm">
            Schedule a session with {client.name}
          </Title>
          {scheduling && (
            <ScheduleSessionForm
              client={{ id: client.id, name: client.name }}
              practitionerChoices={choices.length ? choices : undefined}
              draftKey={`client:${client.id}:schedule`}
              onCancel={() => setScheduling(false)}
              onScheduled={(s) => {
                setScheduling(false);
                setJustScheduled(s.length);
              }}
            />
          )}
        </Paper>
      </Collapse>

      <FormError error={sessions.error} />
      {sessions.isLoading ? (
        <Loading label="Loading sessions…" />
      ) : (
        <>
          <SessionTable title="Upcoming" sessions={upcoming} empty="Nothing scheduled yet." checkins={bySession} />
          <SessionTable title="Past" sessions={past} empty="No sessions have taken place yet." checkins={bySession} />
          {checkins.isError && !notForMe(checkins.error) && (
            <Text size="sm" c="dimmed">
              The relationship check-ins could not be loaded just now.{' '}
              <Anchor component="button" type="button" size="sm" onClick={() => void checkins.refetch()}>
                Try again
              </Anchor>
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

function SessionTable({
  title,
  sessions,
  empty,
  checkins,
}: {
  title: string;
  sessions: Session[];
  empty: string;
  /** The client's relationship check-ins by session: a column appears once any session here has one. */
  checkins?: Map<string, RelationshipCheckin>;
}) {
  const withCheckins = Boolean(checkins && sessions.some((s) => checkins.has(s.id)));
  return (
    <section aria-label={`${title} sessions`}>
      <Title order={3} size="h4" mb="xs">
        {title}
      </Title>
      {sessions.length === 0 ? (
        <Text c="dimmed">{empty}</Text>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={withCheckins ? 820 : 600}>
            <Table verticalSpacing="xs" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Length</Table.Th>
                  <Table.Th>Format</Table.Th>
                  <Table.Th>With</Table.Th>
                  {/* Room for the status badge beside an opened check-in explanation. */}
                  <Table.Th w={withCheckins ? 110 : undefined}>Status</Table.Th>
                  {withCheckins && <Table.Th>Relationship check-in</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/sessions/${s.id}`}>
                        {formatDateTime(s.startsAt)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{s.minutes} min</Table.Td>
                    <Table.Td>
                      {/* A session with a couple, family or group goes by the unit's name. */}
                      {s.unitId ? (
                        <Anchor component={Link} to={`/sessions/${s.id}`} aria-label={`${sessionWho(s)} session, ${formatDateTime(s.startsAt)}`}>
                          {sessionWho(s)}
                        </Anchor>
                      ) : (
                        formatLabels[s.format]
                      )}
                      , {modalityLabels[s.modality].toLowerCase()}
                    </Table.Td>
                    <Table.Td>{s.practitionerName}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={s.status} />
                    </Table.Td>
                    {withCheckins && (
                      <Table.Td>
                        <SessionCheckinCell checkin={checkins?.get(s.id)} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </section>
  );
}

/** A session with no check-in shows nothing. */
function SessionCheckinCell({ checkin }: { checkin: RelationshipCheckin | undefined }) {
  return checkin ? <CheckinBadge checkin={checkin} /> : null;
}
