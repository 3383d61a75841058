import { Badge, Box, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconHeartHandshake, IconMessageCircleHeart } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { relationshipCheckin } from '../../../domain/measures/instruments/relationship-checkin';
import { ApiError, api } from '../../api';
import { formatDateTime } from '../dates';
import { LoadError, Loading } from '../States';
import { measureKeys } from './types';

/** One relationship check-in as `GET /api/clients/:id/relationship-checkins` answers it. */
export interface RelationshipCheckin {
  responseId: string;
  sessionId: string | null;
  completedAt: string;
  total: number;
  max: number;
  /** Below the instrument's low-check-in flag. */
  low: boolean;
  /** Well below this client's own recent check-ins. */
  dropped: boolean;
  /** The drop rule in words, with this check-in's numbers. */
  rule: string;
  items: Array<{ linkId: string; text: string; answer: number | null }>;
}

/**
 * Under the client's measures, so that anything refreshing a client's measures (a check-in
 * completed in session) refreshes the check-ins beside the sessions as well.
 */
export const checkinKeys = {
  client: (clientId: string) => [...measureKeys.client(clientId), 'relationship-checkins'] as const,
};

/** Every relationship check-in a client has given, oldest first: one query per client, shared by the list and the session page. */
export function useRelationshipCheckins(clientId: string | undefined) {
  return useQuery({
    queryKey: checkinKeys.client(clientId ?? ''),
    queryFn: () => api.get<{ checkins: RelationshipCheckin[] }>(`/api/clients/${clientId}/relationship-checkins`).then((r) => r.checkins),
    enabled: Boolean(clientId),
  });
}

/** The latest check-in given for each session; check-ins not tied to a session are left out. */
export function checkinsBySession(checkins: readonly RelationshipCheckin[] | undefined): Map<string, RelationshipCheckin> {
  const out = new Map<string, RelationshipCheckin>();
  for (const c of checkins ?? []) {
    if (!c.sessionId) continue;
    const seen = out.get(c.sessionId);
    if (!seen || seen.completedAt <= c.completedAt) out.set(c.sessionId, c);
  }
  return out;
}

/** Whether the person simply may not see this client's check-ins (then nothing is shown, not an error). */
export function notForMe(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 403 || error.status === 404);
}

const lowRule = relationshipCheckin.scoring.rules?.find((r) => r.key === 'low-checkin');

/**
 * "Check-in 42/50" beside a session and, when it dropped or is low, a gentle flag (a soft colour,
 * never a risk alert) whose button opens the rule behind it, in words with the numbers: a
 * disclosure anyone can reach with Tab and open with Enter or Space.
 */
export function CheckinBadge({ checkin }: { checkin: RelationshipCheckin }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const flagged = checkin.dropped || checkin.low;
  return (
    <Stack gap={4} align="flex-start">
      <Group gap={6} wrap="wrap">
        <Badge variant="light" color="dusk" tt="none" size="md" leftSection={<IconHeartHandshake size={12} aria-hidden />}>
          Check-in {checkin.total}/{checkin.max}
        </Badge>
        {flagged && (
          <Button
            variant="light"
            color="clay"
            size="compact-xs"
            radius="xl"
            leftSection={<IconMessageCircleHeart size={14} aria-hidden />}
            rightSection={open ? <IconChevronUp size={12} aria-hidden /> : <IconChevronDown size={12} aria-hidden />}
            aria-expanded={open}
            aria-controls={id}
            onClick={() => setOpen((o) => !o)}
            styles={{ label: { fontWeight: 500 } }}
          >
            {checkin.dropped ? 'Lower than usual' : 'Worth talking about'}
          </Button>
        )}
      </Group>
      {flagged && (
        <Box id={id} hidden={!open} maw={440}>
          {open && (
            <Paper p="xs" radius="sm" bg="var(--mantine-color-clay-0)">
              <Stack gap={4}>
                <Text size="sm">
                  {checkin.dropped
                    ? 'This check-in is lower than the ones before it. Worth raising gently next session: how did the session feel?'
                    : 'A lower check-in. Worth raising gently next session: how did the session feel?'}
                </Text>
                {/* Darker than "dimmed", to stay readable on the warm background. */}
                {checkin.dropped && (
                  <Text size="xs" c="gray.7">
                    {checkin.rule}
                  </Text>
                )}
                {checkin.low && lowRule && (
                  <Text size="xs" c="gray.7">
                    {lowRule.source}
                  </Text>
                )}
              </Stack>
            </Paper>
          )}
        </Box>
      )}
    </Stack>
  );
}

const answerWords = (answer: number | null) => (answer === null ? 'Left out' : `${answer} of 10`);

/**
 * The session page's check-in: the total, any gentle flag, and the five sentences with the client's
 * answers. `held` says whether one could be expected yet; before that the section shows only if one exists.
 */
export function SessionCheckin({ clientId, sessionId, held }: { clientId: string; sessionId: string; held: boolean }) {
  const checkins = useRelationshipCheckins(clientId);
  const headingId = useId();
  if (checkins.isError && notForMe(checkins.error)) return null;
  const checkin = checkinsBySession(checkins.data).get(sessionId);
  if (!held && !checkin) return null;

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={headingId}>
      <Group gap="sm" mb="xs">
        <IconHeartHandshake size={22} color="var(--mantine-color-dusk-7)" aria-hidden />
        <Title order={2} size="h4" id={headingId}>
          Relationship check-in
        </Title>
      </Group>
      {checkins.isPending ? (
        <Loading label="Looking for the client’s check-in…" />
      ) : checkins.isError ? (
        <LoadError error={checkins.error} onRetry={() => void checkins.refetch()} />
      ) : !checkin ? (
        <Text c="dimmed" size="sm">
          No check-in for this session yet.
        </Text>
      ) : (
        <Stack gap="sm">
          <Group gap="sm" wrap="wrap" align="flex-start">
            <CheckinBadge checkin={checkin} />
            <Text size="sm" c="dimmed">
              Given {formatDateTime(checkin.completedAt)}
            </Text>
          </Group>
          <Stack gap={0} component="ol" aria-label="The client’s answers" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {checkin.items.map((item) => (
              <Group
                component="li"
                key={item.linkId}
                justify="space-between"
                wrap="nowrap"
                gap="md"
                py={8}
                style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
              >
                <Text size="sm" style={{ minWidth: 0 }}>
                  {item.text}
                </Text>
                <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
                  {item.answer !== null && <Progress value={item.answer * 10} w={80} size="sm" radius="xl" color="dusk.5" aria-hidden />}
                  <Text size="sm" fw={600} w={64} ta="right">
                    {answerWords(item.answer)}
                  </Text>
                </Group>
              </Group>
            ))}
          </Stack>
          <Text size="xs" c="dimmed">
            Each sentence rated from 0 (not at all true of the session) to 10 (completely true), {checkin.max} in all. Higher is better.
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
