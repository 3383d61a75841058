import { Anchor, Button, Collapse, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { modalityLabels } from '../../../domain/sessions/rules';
import { unitKindLabels } from '../../../domain/units/units';
import { api } from '../../api';
import { StatusBadge } from '../../components/clinical/badges';
import { ScheduleSessionForm } from '../../components/clinical/ScheduleSessionForm';
import { formatDateTime } from '../../components/dates';
import { Section } from '../../components/Section';
import { LoadError, Loading } from '../../components/States';
import { type Unit, type UnitSession, unitKeys, unitUrl } from './types';
import { attendanceInWords, defaultMinutes } from './words';

/** The unit's sessions, upcoming then past, each with who came; scheduling one or a series for the unit. */
export function UnitSessions({ unit, canEdit }: { unit: Unit; canEdit: boolean }) {
  const qc = useQueryClient();
  const kind = unitKindLabels[unit.kind].toLowerCase();
  const sessions = useQuery({ queryKey: unitKeys.sessions(unit.id), queryFn: () => api.get<UnitSession[]>(`${unitUrl(unit.id)}/sessions`) });
  const [scheduling, setScheduling] = useState(false);
  const [justScheduled, setJustScheduled] = useState<number | null>(null);

  const now = Date.now();
  const all = sessions.data ?? [];
  const upcoming = all.filter((s) => new Date(s.startsAt).getTime() >= now).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = all.filter((s) => new Date(s.startsAt).getTime() < now).sort((a, b) => b.startsAt.localeCompare(a.startsAt));

  return (
    <Section
      id="sessions"
      title={`Sessions of the ${kind}`}
      description={`Each session of ${unit.name} has one progress note for the ${kind}, with a section for each person where needed; attendance is recorded per person on the session’s page.`}
      actions={
        canEdit && !scheduling ? (
          <Button
            leftSection={<IconCalendarPlus size={16} aria-hidden />}
            onClick={() => {
              setJustScheduled(null);
              setScheduling(true);
            }}
          >
            Schedule a session for the {kind}
          </Button>
        ) : undefined
      }
    >
      {justScheduled !== null && (
        <Text role="status" c="dusk.8" fw={500}>
          {justScheduled === 1 ? `The session of ${unit.name} is scheduled.` : `${justScheduled} sessions of ${unit.name} are scheduled.`}
        </Text>
      )}
      <Collapse in={scheduling}>
        <Paper withBorder p="md" radius="md" bg="var(--mantine-color-gray-0)">
          <Title order={3} size="h4" mb={4}>
            Schedule a session for {unit.name}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Every client in the {kind}, and each related person who comes to sessions, is put on the attendance list.
          </Text>
          {scheduling && (
            <ScheduleSessionForm
              unit={{ id: unit.id, name: unit.name, kind: unit.kind }}
              defaultMinutes={defaultMinutes(unit.kind)}
              draftKey={`unit:${unit.id}:schedule`}
              onCancel={() => setScheduling(false)}
              onScheduled={(s) => {
                setScheduling(false);
                setJustScheduled(s.length);
                void qc.invalidateQueries({ queryKey: unitKeys.sessions(unit.id) });
              }}
            />
          )}
        </Paper>
      </Collapse>

      {sessions.isPending ? (
        <Loading label="Loading the sessions…" />
      ) : sessions.isError ? (
        <LoadError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <>
          <UnitSessionTable title="Upcoming" sessions={upcoming} empty={`Nothing is scheduled for ${unit.name}.`} />
          <UnitSessionTable title="Past" sessions={past} empty={`${unit.name} has not met yet.`} />
        </>
      )}
    </Section>
  );
}

function UnitSessionTable({ title, sessions, empty }: { title: string; sessions: UnitSession[]; empty: string }) {
  return (
    <section aria-label={`${title} sessions`}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {sessions.length === 0 ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Length</Table.Th>
                <Table.Th>Modality</Table.Th>
                <Table.Th>With</Table.Th>
                <Table.Th>Attendance</Table.Th>
                <Table.Th>Status</Table.Th>
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
                  <Table.Td>{modalityLabels[s.modality]}</Table.Td>
                  <Table.Td>{s.practitionerName}</Table.Td>
                  <Table.Td>
                    <SessionAttendance session={s} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={s.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}

/** Who came, in words; a cancelled session met nobody, so it says so rather than listing who was expected. */
function SessionAttendance({ session: s }: { session: UnitSession }) {
  const dimmed = (text: string) => (
    <Text span size="sm" c="dimmed">
      {text}
    </Text>
  );
  if (s.status === 'cancelled') return dimmed('Did not meet');
  if (s.status === 'no_show' && s.attendees.every((a) => a.attendance !== 'attended')) return dimmed('Nobody came');
  return attendanceInWords(s.attendees) || dimmed('No attendance list');
}
