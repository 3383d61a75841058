import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { IconCalendarWeek, IconMail, IconPhone, IconUser, IconUsers, IconVideo, IconLeaf } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { api, qs } from '../../api';
import { useDocumentTitle } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { FormError } from '../../components/FormError';
import { useMe } from '../../session/SessionContext';
import { formatLabels, modalityLabels } from '../../../domain/sessions/rules';
import { StatusBadge, statusColors } from '../../components/clinical/badges';
import { formatTimeRange, greeting } from '../../components/clinical/format';
import { sessionWho, sessionWhoPath, unitSessionWord, type Inquiry, type Session, type SessionModality } from '../../components/clinical/types';
import { TodoList } from './TodoList';

const modalityIcons: Record<SessionModality, typeof IconUser> = { in_person: IconUsers, video: IconVideo, phone: IconPhone };

/** The clinician's home: today's sessions in order, and who is waiting to hear back. */
export function TodayPage() {
  useDocumentTitle('Today');
  const me = useMe();
  const today = useQuery({ queryKey: ['sessions', 'today'], queryFn: () => api.get<Session[]>('/api/sessions/today') });
  const inquiries = useQuery({
    queryKey: ['inquiries', 'new'],
    queryFn: () => api.get<Inquiry[]>(`/api/inquiries${qs({ status: 'new' })}`),
  });
  const firstName = me.user.displayName.split(/\s+/)[0] ?? me.user.displayName;
  const sessions = [...(today.data ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const waiting = inquiries.data?.length ?? 0;
  const active = sessions.filter((s) => s.status !== 'cancelled');
  const nowMs = Date.now();

  return (
    <Stack gap="lg" maw={900}>
      <div>
        <Title order={1} size="h2">
          {greeting()}, {firstName}
        </Title>
        <Text c="dimmed">{dayjs().format('dddd D MMMM')}</Text>
      </div>

      {waiting > 0 && (
        <Alert color="grape" variant="light" icon={<IconMail size={18} aria-hidden />}>
          <Group justify="space-between" wrap="wrap">
            <Text>{waiting === 1 ? '1 person reaching out is waiting to hear back.' : `${waiting} people reaching out are waiting to hear back.`}</Text>
            <Button component={Link} to="/inquiries" variant="light" color="grape" size="xs">
              Read {waiting === 1 ? 'the inquiry' : 'the inquiries'}
            </Button>
          </Group>
        </Alert>
      )}

      <Group justify="space-between">
        <Title order={2} size="h3">
          Today’s sessions
        </Title>
        <Anchor component={Link} to="/calendar" size="sm">
          <Group gap={4}>
            <IconCalendarWeek size={16} aria-hidden /> This week’s calendar
          </Group>
        </Anchor>
      </Group>
      <FormError error={today.error} />
      {today.isLoading ? (
        <Loading label="Loading today’s sessions…" />
      ) : sessions.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Stack align="center" gap="xs">
            <ThemeIcon size={44} radius="xl" variant="light" color="dusk">
              <IconLeaf size={24} aria-hidden />
            </ThemeIcon>
            <Text fw={600}>No sessions today. Time to breathe.</Text>
            <Text c="dimmed" size="sm">
              Your week is on the calendar whenever you need it.
            </Text>
          </Stack>
        </Paper>
      ) : (
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Today’s sessions in order">
          <Text size="sm" c="dimmed">
            {active.length === 1 ? '1 session' : `${active.length} sessions`}
            {sessions.length > active.length ? `, ${sessions.length - active.length} cancelled` : ''}
          </Text>
          {sessions.map((s) => {
            const ModalityIcon = modalityIcons[s.modality];
            const start = new Date(s.startsAt).getTime();
            const isNow = s.status === 'scheduled' && start <= nowMs && nowMs < start + s.minutes * 60_000;
            return (
              <Paper
                key={s.id}
                component="li"
                withBorder
                radius="md"
                p="md"
                style={{
                  borderLeft: `4px solid var(--mantine-color-${statusColors[s.status]}-5)`,
                  opacity: s.status === 'cancelled' ? 0.65 : 1,
                }}
              >
                <Group justify="space-between" wrap="wrap" gap="sm">
                  <Group gap="md" wrap="nowrap">
                    <Text fw={700} size="lg" style={{ fontVariantNumeric: 'tabular-nums', minWidth: 110 }}>
                      {formatTimeRange(s.startsAt, s.minutes)}
                    </Text>
                    <div>
                      <Anchor component={Link} to={sessionWhoPath(s)} fw={600} size="lg">
                        {s.unitId ? s.unitName : s.clientName}
                      </Anchor>
                      <Group gap={6} c="dimmed">
                        <ModalityIcon size={14} aria-hidden />
                        <Text size="sm">
                          {s.unitId ? unitSessionWord(s.unitKind) : formatLabels[s.format]} · {modalityLabels[s.modality]} · {s.minutes} min
                        </Text>
                      </Group>
                    </div>
                  </Group>
                  <Group gap="sm">
                    {isNow && (
                      <Text size="sm" c="dusk.8" fw={600}>
                        Now
                      </Text>
                    )}
                    <StatusBadge status={s.status} />
                    <Button
                      component={Link}
                      to={`/sessions/${s.id}`}
                      variant="light"
                      size="xs"
                      aria-label={`Open the session with ${s.unitId ? sessionWho(s) : s.clientName} at ${dayjs(s.startsAt).format('HH:mm')}`}
                    >
                      Open session
                    </Button>
                  </Group>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}

      <Stack gap="sm" component="section" aria-labelledby="todo-title">
        <Title order={2} size="h3" id="todo-title">
          To do
        </Title>
        <TodoList />
      </Stack>
    </Stack>
  );
}
