import { useEffect, useState } from 'react';
import { Box, Button, Group, Loader, Modal, Paper, ScrollArea, Select, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { IconCalendarPlus, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import dayjs, { type Dayjs } from 'dayjs';
import { api, qs } from '../../api';
import { useDocumentTitle } from '../../components/PageHeader';
import { FormError } from '../../components/FormError';
import { useMe } from '../../session/SessionContext';
import { formatLabels, modalityLabels, statusLabels } from '../../../domain/sessions/rules';
import { StatusIcon, statusColors } from '../../components/clinical/badges';
import { shortName } from '../../components/clinical/format';
import { canSeeOthers, practitionerOptions, usePractitioners } from '../../components/clinical/queries';
import { ScheduleSessionForm } from '../../components/clinical/ScheduleSessionForm';
import { sessionWho, type Session } from '../../components/clinical/types';
import classes from './calendar.module.css';

/** The hours shown: 7:00 to 21:00, widened for any session of the week outside them. */
const FIRST_HOUR = 7;
const LAST_HOUR = 21;
const HOUR_PX = 52;

function hourRange(sessions: Session[]): { first: number; last: number } {
  let first = FIRST_HOUR;
  let last = LAST_HOUR;
  for (const s of sessions) {
    const start = dayjs(s.startsAt);
    const end = start.add(s.minutes, 'minute');
    first = Math.min(first, start.hour());
    const endHour = end.isSame(start, 'day') ? end.hour() + (end.minute() > 0 ? 1 : 0) : 24;
    last = Math.max(last, endHour);
  }
  return { first, last };
}

function mondayOf(d: Dayjs): Dayjs {
  const dow = (d.day() + 6) % 7; // Monday = 0
  return d.startOf('day').subtract(dow, 'day');
}

/** Places overlapping sessions side by side: each gets a lane and the number of lanes in its group. */
function lanes(sessions: Session[]): Map<string, { lane: number; of: number }> {
  const sorted = [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const out = new Map<string, { lane: number; of: number }>();
  let group: Array<{ s: Session; lane: number; end: number }> = [];
  let groupEnd = -Infinity;
  const flush = () => {
    const of = Math.max(1, ...group.map((g) => g.lane + 1));
    for (const g of group) out.set(g.s.id, { lane: g.lane, of });
    group = [];
  };
  for (const s of sorted) {
    const start = new Date(s.startsAt).getTime();
    const end = start + s.minutes * 60_000;
    if (start >= groupEnd) {
      flush();
      groupEnd = -Infinity;
    }
    let lane = 0;
    while (group.some((g) => g.lane === lane && g.end > start)) lane++;
    group.push({ s, lane, end });
    groupEnd = Math.max(groupEnd, end);
  }
  flush();
  return out;
}

/** The week, Monday to Sunday, with sessions placed by time and length. */
export function CalendarPage() {
  useDocumentTitle('Calendar');
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const weekParam = params.get('week');
  const weekStart = mondayOf(weekParam && dayjs(weekParam).isValid() ? dayjs(weekParam) : dayjs());
  const weekEnd = weekStart.add(7, 'day');
  const mayChoose = canSeeOthers(me.user.roles);
  const practitionerId = (mayChoose && params.get('practitioner')) || me.user.id;
  const practitioners = usePractitioners();
  const [slot, setSlot] = useState<{ date: string; time: string } | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const [now, setNow] = useState(() => dayjs());
  useEffect(() => {
    const t = window.setInterval(() => setNow(dayjs()), 60_000);
    return () => window.clearInterval(t);
  }, []);

  const setParam = (k: string, v: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );

  const sessions = useQuery({
    queryKey: ['sessions', 'week', weekStart.format('YYYY-MM-DD'), practitionerId],
    queryFn: () =>
      api.get<Session[]>(`/api/sessions${qs({ from: weekStart.toISOString(), to: weekEnd.toISOString(), practitionerId })}`),
    placeholderData: keepPreviousData,
  });

  const days = Array.from({ length: 7 }, (_, i) => weekStart.add(i, 'day'));
  const all = sessions.data ?? [];
  const range = hourRange(all);
  const HOURS = Array.from({ length: range.last - range.first }, (_, i) => range.first + i);
  const isThisWeek = weekStart.isSame(mondayOf(dayjs()), 'day');
  const options = practitionerOptions(practitioners.data);
  if (!options.some((o) => o.value === me.user.id)) options.unshift({ value: me.user.id, label: me.user.displayName });
  const whose = practitioners.data?.find((p) => p.id === practitionerId)?.displayName ?? me.user.displayName;
  const mine = practitionerId === me.user.id;
  // The server lets people schedule only their own sessions; an admin may schedule for anyone.
  const maySchedule = mine || me.user.roles.includes('practice_admin');

  const weekLabel =
    weekStart.month() === weekEnd.subtract(1, 'day').month()
      ? `${weekStart.format('D')}–${weekEnd.subtract(1, 'day').format('D MMMM YYYY')}`
      : `${weekStart.format('D MMM')} – ${weekEnd.subtract(1, 'day').format('D MMM YYYY')}`;

  const openSchedule = (at: { date: string; time: string } | null) => {
    setSlot(at);
    setScheduling(true);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} size="h2">Calendar</Title>
          <Text c="dimmed">
            {mine ? 'Your week' : `${whose}’s week`}: {weekLabel}
          </Text>
        </div>
        <Group gap="sm" align="flex-end" wrap="wrap">
          {mayChoose && (
            <Select
              label="Practitioner"
              data={options}
              value={practitionerId}
              onChange={(v) => setParam('practitioner', v && v !== me.user.id ? v : null)}
              searchable
              allowDeselect={false}
              w={240}
            />
          )}
          <Group gap={6} wrap="wrap">
            <Button
              variant="default"
              onClick={() => setParam('week', weekStart.subtract(7, 'day').format('YYYY-MM-DD'))}
              leftSection={<IconChevronLeft size={16} aria-hidden />}
            >
              Previous week
            </Button>
            <Button variant="default" disabled={isThisWeek} onClick={() => setParam('week', null)}>
              This week
            </Button>
            <Button
              variant="default"
              onClick={() => setParam('week', weekStart.add(7, 'day').format('YYYY-MM-DD'))}
              rightSection={<IconChevronRight size={16} aria-hidden />}
            >
              Next week
            </Button>
          </Group>
          {maySchedule && (
            <Button leftSection={<IconCalendarPlus size={16} aria-hidden />} onClick={() => openSchedule(null)}>
              Schedule
            </Button>
          )}
        </Group>
      </Group>

      <FormError error={sessions.error} />

      <Paper withBorder radius="md" style={{ overflow: 'hidden' }} pos="relative">
        {sessions.isFetching && (
          <Loader size="xs" pos="absolute" top={8} right={8} aria-label="Loading the week" style={{ zIndex: 3 }} />
        )}
        <ScrollArea type="auto">
          <Box style={{ minWidth: 860, display: 'grid', gridTemplateColumns: '56px repeat(7, 1fr)' }}>
            {/* Header row */}
            <Box style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} />
            {days.map((d) => {
              const today = d.isSame(now, 'day');
              return (
                <Box
                  key={d.format('YYYY-MM-DD')}
                  py={8}
                  ta="center"
                  style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', borderLeft: '1px solid var(--mantine-color-gray-2)' }}
                  bg={today ? 'var(--mantine-color-dusk-0)' : undefined}
                  aria-hidden
                >
                  <Text size="xs" c={today ? 'dusk.8' : 'dimmed'} fw={600} tt="uppercase">
                    {d.format('ddd')}
                  </Text>
                  <Text fw={today ? 700 : 500} c={today ? 'dusk.8' : undefined}>
                    {d.format('D MMM')}
                  </Text>
                </Box>
              );
            })}

            {/* Hour labels */}
            <Box pos="relative" style={{ height: HOURS.length * HOUR_PX }} aria-hidden>
              {HOURS.map((h) => (
                <Text key={h} size="xs" c="dimmed" pos="absolute" top={Math.max(2, (h - range.first) * HOUR_PX - 7)} right={8}>
                  {`${String(h).padStart(2, '0')}:00`}
                </Text>
              ))}
            </Box>

            {days.map((d) => {
              const dayKey = d.format('YYYY-MM-DD');
              const daySessions = all.filter((s) => dayjs(s.startsAt).isSame(d, 'day'));
              const laneOf = lanes(daySessions);
              const today = d.isSame(now, 'day');
              const nowTop = ((now.hour() - range.first) * 60 + now.minute()) * (HOUR_PX / 60);
              return (
                <Box
                  key={dayKey}
                  pos="relative"
                  style={{ height: HOURS.length * HOUR_PX, borderLeft: '1px solid var(--mantine-color-gray-2)' }}
                  bg={today ? 'var(--mantine-color-dusk-0)' : undefined}
                >
                  {/* Empty hour slots: a click schedules there. Keyboard users use the Schedule button. */}
                  {HOURS.map((h) =>
                    [0, 30].map((m) => (
                      <Box
                        key={`${h}:${m}`}
                        aria-hidden
                        pos="absolute"
                        left={0}
                        right={0}
                        top={(h - range.first) * HOUR_PX + (m ? HOUR_PX / 2 : 0)}
                        h={HOUR_PX / 2}
                        style={{
                          borderTop: m ? '1px dashed var(--mantine-color-gray-1)' : '1px solid var(--mantine-color-gray-2)',
                          cursor: maySchedule ? 'pointer' : undefined,
                        }}
                        className={maySchedule ? classes.slot : undefined}
                        title={!maySchedule ? undefined : `Schedule on ${d.format('ddd D MMM')} at ${String(h).padStart(2, '0')}:${m ? '30' : '00'}`}
                        onClick={() => maySchedule && openSchedule({ date: dayKey, time: `${String(h).padStart(2, '0')}:${m ? '30' : '00'}` })}
                      />
                    )),
                  )}
                  {today && nowTop > 0 && nowTop < HOURS.length * HOUR_PX && (
                    <Box
                      aria-hidden
                      pos="absolute"
                      left={0}
                      right={0}
                      top={nowTop}
                      style={{ borderTop: '2px solid var(--mantine-color-red-5)', zIndex: 2, pointerEvents: 'none' }}
                    />
                  )}
                  <ul aria-label={`${d.format('dddd D MMMM')}: ${daySessions.length === 0 ? 'no sessions' : daySessions.length === 1 ? '1 session' : `${daySessions.length} sessions`}`} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                    {[...daySessions]
                      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
                      .map((s) => (
                        <SessionBlock key={s.id} session={s} range={range} lane={laneOf.get(s.id) ?? { lane: 0, of: 1 }} />
                      ))}
                  </ul>
                </Box>
              );
            })}
          </Box>
        </ScrollArea>
      </Paper>
      {!sessions.isLoading && all.length === 0 && (
        <Text c="dimmed" ta="center" size="sm">
          {maySchedule ? 'No sessions this week. Click an empty time, or use Schedule, to add one.' : 'No sessions this week.'}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        Times are shown in your browser’s time zone. Your calendar can also be followed from other calendar apps: see Account.
      </Text>

      <Modal opened={scheduling} onClose={() => setScheduling(false)} title="Schedule a session" size="lg">
        {scheduling && (
          <ScheduleSessionForm
            practitionerId={practitionerId}
            initialStart={slot ?? undefined}
            draftKey={`calendar:${practitionerId}:schedule`}
            onCancel={() => setScheduling(false)}
            onScheduled={() => setScheduling(false)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function SessionBlock({ session: s, lane, range }: { session: Session; lane: { lane: number; of: number }; range: { first: number; last: number } }) {
  const start = dayjs(s.startsAt);
  const fromTop = (start.hour() - range.first) * 60 + start.minute();
  const span = (range.last - range.first) * 60;
  const top = Math.max(0, Math.min(fromTop, span - 20));
  const height = Math.max(22, Math.min(s.minutes, span - top) * (HOUR_PX / 60) - 2);
  const color = statusColors[s.status];
  const outside = fromTop < 0 || fromTop >= span;
  // A unit session goes by its unit ("Dana & Kofi · couple"), not by its first client.
  const who = s.unitId ? sessionWho(s) : shortName(s.clientName);
  const label = `${start.format('ddd D MMM HH:mm')}, ${s.minutes} min, ${who}, ${statusLabels[s.status].toLowerCase()}`;
  const width = 100 / lane.of;
  return (
    <li>
      <UnstyledButton
        component={Link}
        to={`/sessions/${s.id}`}
        aria-label={label}
        className={classes.block}
        title={`${label} · ${formatLabels[s.format]}, ${modalityLabels[s.modality].toLowerCase()}${outside ? ' (outside the hours shown)' : ''}`}
        pos="absolute"
        top={top * (HOUR_PX / 60) + 1}
        left={`calc(${lane.lane * width}% + 3px)`}
        w={`calc(${width}% - 6px)`}
        h={height}
        px={6}
        py={2}
        style={{
          zIndex: 1,
          overflow: 'hidden',
          borderRadius: 6,
          background: s.status === 'cancelled' ? 'var(--mantine-color-gray-1)' : `var(--mantine-color-${color}-1)`,
          borderLeft: `3px solid var(--mantine-color-${color}-6)`,
          color: `var(--mantine-color-${color}-9)`,
          textDecoration: s.status === 'cancelled' ? 'line-through' : undefined,
          fontSize: 12,
          lineHeight: 1.25,
        }}
      >
        <Group gap={4} wrap="nowrap" aria-hidden>
          <StatusIcon status={s.status} size={12} />
          <Text span size="xs" fw={700} style={{ whiteSpace: 'nowrap' }}>
            {start.format('HH:mm')}
          </Text>
          <Text span size="xs" fw={600} truncate>
            {s.unitId ? s.unitName : who}
          </Text>
        </Group>
        {height > 36 && (
          <Text size="xs" aria-hidden truncate>
            {s.unitId ? `${formatLabels[s.format]} · ` : ''}
            {s.minutes} min · {modalityLabels[s.modality]}
          </Text>
        )}
      </UnstyledButton>
    </li>
  );
}
