import { useEffect, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import {
  IconArrowBackUp,
  IconCalendarTime,
  IconCircleCheck,
  IconCircleX,
  IconPlus,
  IconUserOff,
  IconX,
} from '@tabler/icons-react';
import { ApiError, api } from '../../api';
import { useDocumentTitle } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { FormError, fieldError } from '../../components/FormError';
import { useDraft } from '../../components/useDraft';
import {
  checkStatusChange,
  formatLabels,
  modalityLabels,
  sessionFormats,
  sessionModalities,
  statusLabels,
  type SessionStatus,
} from '../../../domain/sessions/rules';
import { StatusBadge, StatusThemeIcon } from '../../components/clinical/badges';
import { formatLongDate, formatTimeRange, isoToLocal, localToIso } from '../../components/clinical/format';
import { usePractice } from '../../components/clinical/queries';
import { SessionCheckin } from '../../components/measures/CheckinBadge';
import { SessionNotes } from '../../components/notes/SessionNotes';
import { notesKeys, type ProgressNoteAnswer } from '../../components/notes/types';
import { unitSessionWord } from '../../components/notes/unitWords';
import { isAdmin, useMe } from '../../session/SessionContext';
import type { Attendance, NamedPrompt, Session, SessionAttendee, SessionFormat, SessionModality } from '../../components/clinical/types';

type Mode = null | 'reschedule' | 'held' | 'no_show' | 'cancelled' | 'scheduled';

/** Why a status change is not possible now (from the shared domain rule), or null when it is. */
function whyNot(s: Session, to: SessionStatus): string | null {
  try {
    checkStatusChange(s.status, to, new Date(s.startsAt), new Date());
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : 'Not possible now.';
  }
}

const ordinal = (n: number) => (n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`);

/** One session: the facts, and what can happen to it next. */
export function SessionPage() {
  const { sessionId = '' } = useParams();
  const queryClient = useQueryClient();
  const session = useQuery({
    queryKey: ['session', sessionId],
    queryFn: () => api.get<Session>(`/api/sessions/${sessionId}`),
    enabled: Boolean(sessionId),
  });
  useDocumentTitle(
    session.data ? (session.data.unitId ? `${unitSessionWord(session.data.unitKind)}: ${session.data.unitName ?? ''}` : `Session with ${session.data.clientName}`) : 'Session',
  );
  const practice = usePractice();
  const [mode, setMode] = useState<Mode>(null);
  const me = useMe();
  const progressNote = useQuery({
    queryKey: notesKeys.progress(sessionId),
    queryFn: () => api.get<ProgressNoteAnswer>(`/api/sessions/${sessionId}/progress-note`),
    enabled: session.data?.status === 'held',
  });
  const noteStatus = progressNote.data?.note?.status ?? null;
  const [done, setDone] = useState<string | null>(null);
  const [attendanceUnsaved, setAttendanceUnsaved] = useState(false);
  // Kept here: the attendance form starts again from the saved list, and still says it was saved.
  const [attendanceSaved, setAttendanceSaved] = useState(false);

  const afterChange = async (updated: Session, message: string) => {
    queryClient.setQueryData(['session', sessionId], updated);
    setMode(null);
    setDone(message);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['sessions'] }),
      ...journeysOf(updated).map((id) => queryClient.invalidateQueries({ queryKey: ['journey', id] })),
      queryClient.invalidateQueries({ queryKey: ['clients'] }),
      // Marking a unit session held turns who was expected into who attended: the note's sections follow.
      queryClient.invalidateQueries({ queryKey: notesKeys.progress(updated.id) }),
    ]);
  };
  /** On a stale version, load the latest so the person sees what changed; their typing stays in the draft. */
  const onConflict = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'conflict') void session.refetch();
  };

  if (session.isLoading) {
    return (
      <Loading label="Loading the session…" />
    );
  }
  if (session.error || !session.data) {
    return (
      <Stack>
        <Anchor component={Link} to="/calendar">
          Back to the calendar
        </Anchor>
        <FormError error={session.error ?? new Error('This session could not be found.')} />
      </Stack>
    );
  }
  const s = session.data;
  // Only the session's practitioner (or an admin) changes its status; a signed note fixes it as held.
  const canChangeStatus = (s.practitionerId === me.user.id || isAdmin(me)) && noteStatus !== 'signed';
  const movements = practice.data?.forceMovements ?? [];
  const nameOf = (k: string) => movements.find((m) => m.key === k)?.name ?? k;

  const open = (m: Mode) => {
    setDone(null);
    setMode((cur) => (cur === m ? null : m));
  };

  const unitPath = s.unitId ? `/units/${s.unitId}` : null;

  return (
    <Stack gap="lg" maw={s.status === 'held' ? 1200 : 960}>
      <Breadcrumbs>
        <Anchor component={Link} to="/calendar">
          Calendar
        </Anchor>
        <Anchor component={Link} to={unitPath ?? `/clients/${s.clientId}`}>
          {unitPath ? s.unitName : s.clientName}
        </Anchor>
        <Text>Session</Text>
      </Breadcrumbs>

      <Paper withBorder radius="md" p="lg">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Group gap="md" align="flex-start" wrap="nowrap">
            <StatusThemeIcon status={s.status} size={40} />
            <div>
              <Title order={1} size="h2">
                {unitPath ? (
                  <>
                    {unitSessionWord(s.unitKind)}:{' '}
                    <Anchor component={Link} to={unitPath} inherit>
                      {s.unitName}
                    </Anchor>
                  </>
                ) : (
                  <>
                    Session with{' '}
                    <Anchor component={Link} to={`/clients/${s.clientId}`} inherit>
                      {s.clientName}
                    </Anchor>
                  </>
                )}
              </Title>
              <Text size="lg">
                {formatLongDate(s.startsAt)}, {formatTimeRange(s.startsAt, s.minutes)}
              </Text>
            </div>
          </Group>
          <StatusBadge status={s.status} />
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }} mt="lg" spacing="md">
          <Fact label="Length" value={`${s.minutes} minutes`} />
          <Fact label="Format" value={formatLabels[s.format]} />
          <Fact label="Modality" value={modalityLabels[s.modality]} />
          <Fact label="With" value={s.practitionerName} />
        </SimpleGrid>
        {s.statusNote && (
          <Text mt="md" size="sm">
            <Text span fw={600}>
              {s.status === 'cancelled' ? 'Reason for cancelling: ' : 'Note: '}
            </Text>
            {s.statusNote}
          </Text>
        )}
        {s.status === 'held' && (
          <Stack gap={6} mt="md">
            <Text fw={600} size="sm">
              FORCE movements visited
            </Text>
            {s.movements.length === 0 ? (
              <Text size="sm" c="dimmed">
                None were recorded.
              </Text>
            ) : (
              <SequenceView keys={s.movements} nameOf={nameOf} />
            )}
          </Stack>
        )}
      </Paper>

      {done && (
        <Alert color="dusk" variant="light" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}

      {unitPath && (
        <AttendancePanel
          key={attendanceKey(s)}
          session={s}
          canWrite={s.practitionerId === me.user.id || isAdmin(me)}
          noteSigned={noteStatus === 'signed'}
          justSaved={attendanceSaved}
          onUnsaved={(unsaved) => {
            setAttendanceUnsaved(unsaved);
            if (unsaved) setAttendanceSaved(false);
          }}
          onSaved={(u) => {
            setAttendanceSaved(true);
            queryClient.setQueryData(['session', sessionId], u);
            void queryClient.invalidateQueries({ queryKey: notesKeys.progress(u.id) });
            void queryClient.invalidateQueries({ queryKey: ['sessions'] });
          }}
        />
      )}

      {/* The relationship check-in is one client's; a unit session's attendees each give their own on their page. */}
      {!unitPath && <SessionCheckin clientId={s.clientId} sessionId={s.id} held={s.status === 'held'} />}

      {s.status === 'held' && <SessionNotes session={s} />}

      {canChangeStatus && (
        <Stack gap="sm">
          <Title order={2} size="h3">
            {s.status === 'held' ? 'The session’s status' : 'What happens next'}
          </Title>
          <Group gap="sm" wrap="wrap">
            {s.status === 'scheduled' && (
              <Button variant={mode === 'reschedule' ? 'filled' : 'light'} leftSection={<IconCalendarTime size={16} aria-hidden />} onClick={() => open('reschedule')}>
                Reschedule
              </Button>
            )}
            <StatusButton session={s} to="held" mode={mode} onClick={() => open('held')} icon={<IconCircleCheck size={16} aria-hidden />} label="Mark held" color="dusk" />
            <StatusButton session={s} to="no_show" mode={mode} onClick={() => open('no_show')} icon={<IconUserOff size={16} aria-hidden />} label="Mark no-show" color="orange" />
            <StatusButton session={s} to="cancelled" mode={mode} onClick={() => open('cancelled')} icon={<IconCircleX size={16} aria-hidden />} label="Cancel session" color="gray" />
            <StatusButton
              session={s}
              to="scheduled"
              mode={mode}
              onClick={() => open('scheduled')}
              icon={<IconArrowBackUp size={16} aria-hidden />}
              label={s.status === 'cancelled' ? 'Restore as scheduled' : 'Correct back to scheduled'}
              color="blue"
            />
          </Group>
          {s.status === 'scheduled' && whyNot(s, 'held')?.includes('once its time has come') && (
            <Text size="sm" c="dimmed">
              Held and no-show can be marked once the session’s time has come.
            </Text>
          )}
          {s.status === 'scheduled' && !whyNot(s, 'held') && (
            <Text size="sm" c="dimmed">
              Once it is marked held, its progress note and your relational note are written here.
            </Text>
          )}
        </Stack>
      )}

      {mode === 'reschedule' && (
        <RescheduleForm session={s} onDone={(u) => afterChange(u, 'The session has been moved.')} onConflict={onConflict} onCancel={() => setMode(null)} />
      )}
      {mode === 'held' && (
        <HeldForm session={s} movements={movements} attendanceUnsaved={attendanceUnsaved} onDone={(u) => afterChange(u, 'Marked held.')} onConflict={onConflict} onCancel={() => setMode(null)} />
      )}
      {(mode === 'no_show' || mode === 'cancelled' || mode === 'scheduled') && (
        <StatusNoteForm
          session={s}
          to={mode}
          onDone={(u) => afterChange(u, `Marked ${statusLabels[u.status].toLowerCase()}.`)}
          onConflict={onConflict}
          onCancel={() => setMode(null)}
        />
      )}
    </Stack>
  );
}

/** The clients whose journeys show this session: the client, or every client on a unit session's list. */
function journeysOf(s: Session): string[] {
  const ids = s.attendees.flatMap((a) => (a.clientId ? [a.clientId] : []));
  return ids.length ? [...new Set(ids)] : [s.clientId];
}

/** Changes whenever the server's attendance changes, so the form starts again from it. */
const attendanceKey = (s: Session) => `${s.version}:${s.attendees.map((a) => `${a.memberId}=${a.attendance}/${a.note}`).join('|')}`;

const attendanceLabels: Record<Attendance, string> = { attended: 'Attended', absent: 'Absent', expected: 'Expected' };
const attendanceColors: Record<Attendance, string> = { attended: 'teal', absent: 'orange', expected: 'gray' };

/** Why attendance cannot be changed now, in plain words, or null when it can. */
function attendanceLocked(s: Session, canWrite: boolean, noteSigned: boolean): string | null {
  if (noteSigned) return 'The progress note is signed, so the attendance it was written for is kept as it was. Anything to correct goes in an addendum to the note.';
  if (!canWrite) return `Only ${s.practitionerName}, who holds this session, records its attendance.`;
  if (s.status === 'cancelled') return 'The session was cancelled, so there is no attendance to record.';
  if (new Date(s.startsAt).getTime() > Date.now()) return `Attendance can be recorded once the session has begun, at ${formatTimeRange(s.startsAt, s.minutes).split('–')[0]} on ${formatLongDate(s.startsAt)}.`;
  return null;
}

/** Who came to a unit session: each person on the attendance list, attended or absent, with an optional note. */
function AttendancePanel({
  session: s,
  canWrite,
  noteSigned,
  justSaved,
  onSaved,
  onUnsaved,
}: {
  session: Session;
  canWrite: boolean;
  noteSigned: boolean;
  justSaved: boolean;
  onSaved: (updated: Session) => void;
  /** Tells the page when there are changes not saved yet, so marking the session held waits for them. */
  onUnsaved: (unsaved: boolean) => void;
}) {
  const locked = attendanceLocked(s, canWrite, noteSigned);
  const initial = Object.fromEntries(s.attendees.map((a) => [a.memberId, { attendance: a.attendance, note: a.note }]));
  const [draft, setDraft] = useState<Record<string, { attendance: Attendance; note: string }>>(initial);
  const changed = s.attendees.some((a) => draft[a.memberId]?.attendance !== a.attendance || (draft[a.memberId]?.note ?? '') !== a.note);
  useEffect(() => {
    onUnsaved(changed && !locked);
    return () => onUnsaved(false);
  }, [changed, locked]);
  const save = useMutation({
    mutationFn: () =>
      api.put<Session>(`/api/sessions/${s.id}/attendance`, {
        attendees: s.attendees.map((a) => {
          const d = draft[a.memberId] ?? { attendance: a.attendance, note: a.note };
          return { memberId: a.memberId, attendance: d.attendance, note: d.note.trim() };
        }),
      }),
    onSuccess: onSaved,
  });
  const set = (memberId: string, patch: Partial<{ attendance: Attendance; note: string }>) => {
    setDraft((d) => {
      const cur = d[memberId] ?? { attendance: 'expected' as Attendance, note: '' };
      return { ...d, [memberId]: { ...cur, ...patch } };
    });
  };
  const stillExpected = s.attendees.filter((a) => (draft[a.memberId]?.attendance ?? a.attendance) === 'expected');
  const choices: Attendance[] = s.status === 'held' ? ['attended', 'absent'] : ['attended', 'absent', 'expected'];

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="attendance-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="attendance-title">
            Attendance
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            Who came to this session, person by person. Each client who attended gets a section of their own in the progress note.
            {s.status !== 'held' && ' Marking the session held counts everyone still “expected” as attended, so you need only mark who did not come.'}
          </Text>
        </div>
        {s.attendees.length === 0 ? (
          <Text size="sm" c="dimmed">
            No one is on the attendance list of this session.
          </Text>
        ) : locked ? (
          <>
            <Text size="sm" role="note">
              {locked}
            </Text>
            <Stack gap="xs" component="ul" aria-label="Attendance list" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {s.attendees.map((a) => (
                <Group key={a.memberId} component="li" gap="sm" wrap="wrap" py={6} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
                  <AttendeeName attendee={a} />
                  <Badge variant="light" color={attendanceColors[a.attendance]} tt="none">
                    {attendanceLabels[a.attendance]}
                  </Badge>
                  {a.note && (
                    <Text size="sm" c="dimmed">
                      {a.note}
                    </Text>
                  )}
                </Group>
              ))}
            </Stack>
          </>
        ) : (
          <form
            aria-label="Record attendance"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate();
            }}
          >
            <Stack gap={0}>
              {s.attendees.map((a) => {
                const d = draft[a.memberId] ?? { attendance: a.attendance, note: a.note };
                return (
                  <SimpleGrid
                    key={a.memberId}
                    cols={{ base: 1, sm: 2 }}
                    spacing="md"
                    py="sm"
                    style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
                  >
                    <Radio.Group
                      label={a.name}
                      description={attendeeDescription(a)}
                      value={d.attendance}
                      onChange={(v) => set(a.memberId, { attendance: v as Attendance })}
                    >
                      <Group gap="lg" mt={6}>
                        {choices.map((c) => (
                          <Radio key={c} value={c} label={attendanceLabels[c]} />
                        ))}
                      </Group>
                    </Radio.Group>
                    <TextInput
                      label={`Note on ${a.name}’s attendance (optional)`}
                      description="For example: joined by phone, left early"
                      maxLength={500}
                      value={d.note}
                      onChange={(e) => set(a.memberId, { note: e.currentTarget.value })}
                    />
                  </SimpleGrid>
                );
              })}
              {stillExpected.length > 0 && s.status !== 'held' && (
                <Text size="sm" c="dimmed" mt="xs">
                  Still expected: {stillExpected.map((a) => a.name).join(', ')}. They count as attended when the session is marked held.
                </Text>
              )}
              <FormError error={save.error} />
              <Group gap="sm" mt="sm">
                <Button type="submit" loading={save.isPending} disabled={!changed}>
                  Save attendance
                </Button>
                {justSaved && !changed && (
                  <Text size="sm" c="teal.8" role="status">
                    Attendance saved.
                  </Text>
                )}
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

/** "daughter, 7 · related person without a record of their own" */
function attendeeDescription(a: SessionAttendee): string {
  const parts = [a.relationship.trim(), a.clientId ? '' : 'related person, without a record of their own'].filter(Boolean);
  return parts.join(' · ');
}

function AttendeeName({ attendee: a }: { attendee: SessionAttendee }) {
  return (
    <Stack gap={0} miw={200}>
      <Text fw={600}>{a.name}</Text>
      {attendeeDescription(a) && (
        <Text size="xs" c="dimmed">
          {attendeeDescription(a)}
        </Text>
      )}
    </Stack>
  );
}

/** After a 409 the page has reloaded the session; what the person typed is still in the form. */
function ConflictHint({ error }: { error: unknown }) {
  if (!(error instanceof ApiError) || error.code !== 'conflict') return null;
  return (
    <Text size="sm" c="dimmed">
      The latest version is shown above. What you entered here is kept: check it, then try again.
    </Text>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" tt="uppercase" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
}

function StatusButton(props: {
  session: Session;
  to: SessionStatus;
  mode: Mode;
  onClick: () => void;
  icon: React.ReactNode;
  label: string;
  color: string;
}) {
  if (props.session.status === props.to) return null;
  const reason = whyNot(props.session, props.to);
  // Transitions the rules never allow from here are not offered; ones that wait for the time to come are shown, disabled.
  if (reason && !reason.includes('once its time has come')) return null;
  const button = (
    <Button
      variant={props.mode === props.to ? 'filled' : 'light'}
      color={props.color}
      leftSection={props.icon}
      onClick={props.onClick}
      disabled={Boolean(reason)}
    >
      {props.label}
    </Button>
  );
  return reason ? (
    <Tooltip label={reason}>
      <span>{button}</span>
    </Tooltip>
  ) : (
    button
  );
}

function SequenceView({ keys, nameOf }: { keys: string[]; nameOf: (k: string) => string }) {
  return (
    <Group gap={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Sequence of movements visited">
      {keys.map((k, i) => (
        <Group key={`${k}-${i}`} gap={6} component="li" wrap="nowrap">
          {i > 0 && (
            <Text c="dimmed" aria-hidden>
              →
            </Text>
          )}
          <Text size="sm" px={8} py={2} style={{ borderRadius: 6, background: 'var(--mantine-color-dusk-0)', color: 'var(--mantine-color-dusk-9)' }}>
            {i + 1}. {nameOf(k)}
          </Text>
        </Group>
      ))}
    </Group>
  );
}

interface FormProps {
  session: Session;
  onDone: (updated: Session) => void;
  onConflict: (error: unknown) => void;
  onCancel: () => void;
}

function RescheduleForm({ session: s, onDone, onConflict, onCancel }: FormProps) {
  const start = isoToLocal(s.startsAt);
  const [draft, setDraft, clearDraft] = useDraft(`session:${s.id}:reschedule`, {
    date: start.date,
    time: start.time,
    minutes: s.minutes as number | string,
    format: s.format as SessionFormat,
    modality: s.modality as SessionModality,
  });
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<Session>(`/api/sessions/${s.id}`, body),
    onSuccess: (u) => {
      clearDraft();
      onDone(u);
    },
    onError: onConflict,
  });
  return (
    <Paper withBorder p="md" radius="md">
      <form
        aria-label="Reschedule the session"
        onSubmit={(e) => {
          e.preventDefault();
          setLocalError(null);
          const startsAt = localToIso(draft.date, draft.time);
          if (!startsAt) return setLocalError('Give the new date and start time.');
          save.mutate({ version: s.version, startsAt, minutes: Number(draft.minutes), format: draft.format, modality: draft.modality });
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            Reschedule
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput type="date" label="New date" value={draft.date} onChange={(e) => {
                const value = e.currentTarget.value;
                setDraft((d) => ({ ...d, date: value }));
              }} error={fieldError(save.error, 'startsAt')} />
            <TextInput type="time" label="New start time" value={draft.time} step={300} onChange={(e) => {
                const value = e.currentTarget.value;
                setDraft((d) => ({ ...d, time: value }));
              }} />
            <NumberInput label="Length in minutes" min={5} max={480} step={5} value={draft.minutes} onChange={(v) => setDraft((d) => ({ ...d, minutes: v }))} error={fieldError(save.error, 'minutes')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <NativeSelect
              label="Format"
              data={sessionFormats.map((f) => ({ value: f, label: formatLabels[f] }))}
              value={draft.format}
              onChange={(e) => {
                const value = e.currentTarget.value as SessionFormat;
                setDraft((d) => ({ ...d, format: value }));
              }}
            />
            <NativeSelect
              label="Modality"
              data={sessionModalities.map((m) => ({ value: m, label: modalityLabels[m] }))}
              value={draft.modality}
              onChange={(e) => {
                const value = e.currentTarget.value as SessionModality;
                setDraft((d) => ({ ...d, modality: value }));
              }}
            />
          </SimpleGrid>
          {localError && (
            <Text role="alert" c="red" size="sm">
              {localError}
            </Text>
          )}
          <FormError error={save.error} />
          <ConflictHint error={save.error} />
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              Move the session
            </Button>
            <Button
              variant="subtle"
              color="gray"
              onClick={() => {
                clearDraft();
                onCancel();
              }}
            >
              Leave it as it is
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function HeldForm({
  session: s,
  movements,
  attendanceUnsaved,
  onDone,
  onConflict,
  onCancel,
}: FormProps & { movements: NamedPrompt[]; attendanceUnsaved: boolean }) {
  const [draft, setDraft, clearDraft] = useDraft<{ sequence: string[]; note: string }>(`session:${s.id}:held`, { sequence: [], note: '' });
  const save = useMutation({
    mutationFn: () =>
      api.post<Session>(`/api/sessions/${s.id}/status`, {
        version: s.version,
        status: 'held',
        movements: draft.sequence,
        ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
      }),
    onSuccess: (u) => {
      clearDraft();
      onDone(u);
    },
    onError: onConflict,
  });
  const nameOf = (k: string) => movements.find((m) => m.key === k)?.name ?? k;
  const countOf = (k: string) => draft.sequence.filter((x) => x === k).length;
  return (
    <Paper withBorder p="md" radius="md">
      <form
        aria-label="Mark the session held"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <div>
            <Title order={3} size="h4">
              Mark held: the FORCE movements visited
            </Title>
            <Text size="sm" c="dimmed">
              Add each movement as the session visited it. Movements are iterative: add one again when the conversation returned to it.
            </Text>
          </div>
          {s.unitId && <HeldAttendanceLine session={s} unsaved={attendanceUnsaved} />}
          {movements.length === 0 ? (
            <Text c="dimmed" size="sm">
              Loading the practice’s movements…
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
              {movements.map((m, i) => (
                <Card key={m.key} withBorder radius="md" padding="sm">
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                    <div>
                      <Text fw={600}>
                        {i + 1}. {m.name}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {m.prompt}
                      </Text>
                    </div>
                    <ThemeIcon variant="light" color="dusk" radius="xl" size="sm" style={{ visibility: countOf(m.key) ? 'visible' : 'hidden' }}>
                      <Text size="xs" fw={700} aria-hidden>
                        {countOf(m.key)}
                      </Text>
                    </ThemeIcon>
                  </Group>
                  <Button
                    mt="sm"
                    size="xs"
                    variant="light"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    onClick={() => setDraft((d) => ({ ...d, sequence: [...d.sequence, m.key] }))}
                  >
                    Add {m.name}
                  </Button>
                </Card>
              ))}
            </SimpleGrid>
          )}
          <Paper p="sm" radius="md" bg="var(--mantine-color-gray-0)">
            <Group justify="space-between" mb={6}>
              <Text fw={600} size="sm" id={`seq-${s.id}`}>
                Sequence visited{draft.sequence.length ? ` (${draft.sequence.length})` : ''}
              </Text>
              {draft.sequence.length > 0 && (
                <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setDraft((d) => ({ ...d, sequence: [] }))}>
                  Clear the sequence
                </Button>
              )}
            </Group>
            {draft.sequence.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nothing added yet. Add the movements above, in the order they were visited.
              </Text>
            ) : (
              <Group gap={6} component="ol" aria-labelledby={`seq-${s.id}`} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {draft.sequence.map((k, i) => (
                  <Group key={`${k}-${i}`} gap={4} component="li" wrap="nowrap">
                    {i > 0 && (
                      <Text c="dimmed" aria-hidden>
                        →
                      </Text>
                    )}
                    <Group
                      gap={2}
                      wrap="nowrap"
                      pl={8}
                      pr={2}
                      py={2}
                      style={{ borderRadius: 6, background: 'var(--mantine-color-dusk-1)', color: 'var(--mantine-color-dusk-9)' }}
                    >
                      <Text size="sm">
                        {i + 1}. {nameOf(k)}
                      </Text>
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        color="dusk"
                        aria-label={`Remove ${nameOf(k)} (${ordinal(i + 1)} in the sequence)`}
                        onClick={() => setDraft((d) => ({ ...d, sequence: d.sequence.filter((_, j) => j !== i) }))}
                      >
                        <IconX size={14} aria-hidden />
                      </ActionIcon>
                    </Group>
                  </Group>
                ))}
              </Group>
            )}
          </Paper>
          <Textarea
            label="Note (optional)"
            description="A line for the record; the full notes are written separately"
            autosize
            minRows={2}
            value={draft.note}
            onChange={(e) => {
                const value = e.currentTarget.value;
                setDraft((d) => ({ ...d, note: value }));
              }}
            error={fieldError(save.error, 'note')}
          />
          {fieldError(save.error, 'movements') && (
            <Text c="red" size="sm" role="alert">
              {fieldError(save.error, 'movements')}
            </Text>
          )}
          <FormError error={save.error} />
          <ConflictHint error={save.error} />
          <Group gap="sm">
            <Button type="submit" color="dusk" loading={save.isPending} disabled={attendanceUnsaved} leftSection={<IconCircleCheck size={16} aria-hidden />}>
              Record as held{draft.sequence.length ? ` with ${draft.sequence.length} movement${draft.sequence.length === 1 ? '' : 's'}` : ''}
            </Button>
            <Button variant="subtle" color="gray" onClick={onCancel}>
              Not now
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** In the held form of a unit session: who marking it held will count as attended. */
function HeldAttendanceLine({ session: s, unsaved }: { session: Session; unsaved: boolean }) {
  const expected = s.attendees.filter((a) => a.attendance === 'expected').map((a) => a.name);
  const attended = s.attendees.filter((a) => a.attendance === 'attended').map((a) => a.name);
  const coming = [...attended, ...expected];
  return (
    <Alert variant="light" color="dusk" title="Attendance">
      <Text size="sm">
        {expected.length > 0
          ? `Everyone still expected (${expected.join(', ')}) is counted as attended when you mark the session held. `
          : ''}
        {coming.length > 0 ? `Attending: ${coming.join(', ')}.` : 'No one is marked as attending: mark who came in the attendance above first.'}
      </Text>
      {unsaved && (
        <Text size="sm" fw={600} mt={6}>
          The attendance above has changes that are not saved yet. Save the attendance first, then record the session as held.
        </Text>
      )}
    </Alert>
  );
}

function StatusNoteForm({ session: s, to, onDone, onConflict, onCancel }: FormProps & { to: 'no_show' | 'cancelled' | 'scheduled' }) {
  const [note, setNote, clearNote] = useDraft(`session:${s.id}:${to}`, '');
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      api.post<Session>(`/api/sessions/${s.id}/status`, { version: s.version, status: to, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: (u) => {
      clearNote();
      onDone(u);
    },
    onError: onConflict,
  });
  const copy = {
    cancelled: {
      title: 'Cancel this session',
      label: 'Reason for cancelling',
      description: 'Who cancelled, and why; it stays on the journey',
      button: 'Cancel the session',
      color: 'red',
    },
    no_show: {
      title: 'Mark as no-show',
      label: 'Note (optional)',
      description: 'Anything known: a message later, a follow-up planned',
      button: 'Mark no-show',
      color: 'orange',
    },
    scheduled: {
      title: s.status === 'cancelled' ? 'Restore this session' : 'Correct the status back to scheduled',
      label: 'Why (optional)',
      description: 'For example: marked by mistake',
      button: s.status === 'cancelled' ? 'Restore as scheduled' : 'Set back to scheduled',
      color: 'blue',
    },
  }[to];
  return (
    <Paper withBorder p="md" radius="md">
      <form
        aria-label={copy.title}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setLocalError(null);
          if (to === 'cancelled' && !note.trim()) {
            setLocalError('Give a reason for cancelling.');
            return;
          }
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            {copy.title}
          </Title>
          {to === 'scheduled' && s.status === 'held' && s.movements.length > 0 && (
            <Text size="sm" c="dimmed">
              The movements recorded for this session will be cleared when it goes back to scheduled.
            </Text>
          )}
          <Textarea
            label={copy.label}
            description={copy.description}
            required={to === 'cancelled'}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={localError ?? fieldError(save.error, 'note')}
          />
          <FormError error={save.error} />
          <ConflictHint error={save.error} />
          <Group gap="sm">
            <Button type="submit" color={copy.color} loading={save.isPending}>
              {copy.button}
            </Button>
            <Button variant="subtle" color="gray" onClick={onCancel}>
              Not now
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
