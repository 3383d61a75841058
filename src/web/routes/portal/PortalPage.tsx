import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCalendarEvent, IconLifebuoy } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { formatLabels, modalityLabels } from '../../../domain/sessions/rules';
import { api } from '../../api';
import { formatDateTime } from '../../components/dates';
import { useDocumentTitle } from '../../components/PageHeader';
import { Empty, Loading, LoadError } from '../../components/States';
import { useMe } from '../../session/SessionContext';
import { PortalQuestionnaires } from '../measures/PortalQuestionnaires';
import { PortalConsents } from './PortalConsents';
import { PortalPlan } from './PortalPlan';
import { Reflections } from './Reflections';
import { SharedNotes } from './SharedNotes';

interface Portal {
  client: { id: string; name: string; pronouns: string };
  practitioners: Array<{ displayName: string; pronouns: string; credentials: string }>;
  upcoming: Array<{ id: string; startsAt: string; minutes: number; format: string; modality: string; practitionerName: string }>;
  crisisResources: string;
}

/**
 * A client's own page: when they meet next, their voice after sessions, the notes shared with them,
 * their plan, who they work with, and where to turn in a crisis. One column, also on a phone.
 */
export function PortalPage() {
  useDocumentTitle('Your portal');
  const me = useMe();
  const portal = useQuery({ queryKey: ['portal'], queryFn: () => api.get<Portal>('/api/portal') });

  if (portal.isPending) return <Loading label="Opening your page…" />;
  if (portal.isError) return <LoadError error={portal.error} onRetry={() => void portal.refetch()} />;
  const p = portal.data;

  return (
    <Stack gap="lg" py="md">
      <Stack gap={4}>
        <Title order={1}>
          Hello, {p.client.name}
          {p.client.pronouns && (
            <Text span c="dimmed" size="lg" fw={400}>
              {' '}
              ({p.client.pronouns})
            </Text>
          )}
        </Title>
        <Text c="dimmed">Your page at {me.practice.name}.</Text>
      </Stack>

      <Paper withBorder p="lg" component="section" aria-labelledby="portal-upcoming">
        <Title order={2} size="h4" id="portal-upcoming" mb="md">
          Upcoming sessions
        </Title>
        {p.upcoming.length === 0 ? (
          <Empty>No sessions are booked yet. Your practitioner will arrange the next one with you.</Empty>
        ) : (
          <Stack gap="sm">
            {p.upcoming.map((s) => (
              <Paper key={s.id} withBorder p="md" bg="var(--mantine-color-gray-0)">
                <Group justify="space-between" wrap="wrap">
                  <Group gap="sm">
                    <IconCalendarEvent size={22} color="var(--mantine-color-dusk-7)" aria-hidden />
                    <Stack gap={0}>
                      <Text fw={600}>{formatDateTime(s.startsAt)}</Text>
                      <Text size="sm" c="dimmed">
                        {s.minutes} minutes with {s.practitionerName}
                      </Text>
                    </Stack>
                  </Group>
                  <Group gap="xs">
                    <Badge variant="light">{formatLabels[s.format as keyof typeof formatLabels] ?? s.format}</Badge>
                    <Badge variant="outline">{modalityLabels[s.modality as keyof typeof modalityLabels] ?? s.modality}</Badge>
                  </Group>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </Paper>

      <PortalQuestionnaires />
      <Reflections />
      <SharedNotes />
      <PortalPlan />
      <PortalConsents />

      <Paper withBorder p="lg" component="section" aria-labelledby="portal-practitioners">
        <Title order={2} size="h4" id="portal-practitioners" mb="md">
          {p.practitioners.length === 1 ? 'Your practitioner' : 'Your practitioners'}
        </Title>
        {p.practitioners.length === 0 ? (
          <Empty>No practitioner is linked to you yet.</Empty>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {p.practitioners.map((pr) => (
              <Stack key={pr.displayName} gap={0}>
                <Text fw={600}>
                  {pr.displayName}
                  {pr.pronouns && (
                    <Text span c="dimmed" fw={400}>
                      {' '}
                      ({pr.pronouns})
                    </Text>
                  )}
                </Text>
                {pr.credentials && (
                  <Text size="sm" c="dimmed">
                    {pr.credentials}
                  </Text>
                )}
              </Stack>
            ))}
          </SimpleGrid>
        )}
      </Paper>

      <Alert color="clay" variant="light" icon={<IconLifebuoy aria-hidden />} title="If you are in crisis">
        <Text size="sm" className="prewrap">
          {p.crisisResources?.trim() ||
            'If you are in danger or thinking of ending your life, call your local emergency number now, or a crisis line such as 988 (US), 116 123 (UK and Ireland, Samaritans) or 13 11 14 (Australia, Lifeline).'}
        </Text>
      </Alert>
    </Stack>
  );
}
