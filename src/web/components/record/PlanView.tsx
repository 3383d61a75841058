import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconTarget } from '@tabler/icons-react';
import { formatDay, formatLongDay } from './dates';

/** The parts of a plan both voices read; the client's portal gets the same shape without ids. */
export interface ReadablePlan {
  clientIntentions: string;
  problems: Array<{
    statement: string;
    goals: Array<{
      statement: string;
      targetDate: string | null;
      objectives?: Array<{ statement: string; measure?: string; targetDate: string | null }>;
      interventions?: Array<{ statement: string }>;
    }>;
  }>;
}

/**
 * A plan, read-only: the client's intentions first, then what the work aims at. `voice="client"`
 * speaks to the client ("your words") and leaves out the institution's vocabulary where it can.
 */
export function PlanView({ plan, themes, voice = 'clinician', headingLevel = 4 }: { plan: ReadablePlan; themes?: string[]; voice?: 'clinician' | 'client'; headingLevel?: 3 | 4 | 5 }) {
  const forClient = voice === 'client';
  const sub = (headingLevel + 1) as 4 | 5 | 6;
  const fmt = forClient ? formatLongDay : formatDay;
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={headingLevel} size="h5">
          {forClient ? 'What you hope for, in your own words' : 'The client’s intentions, in their own words'}
        </Title>
        {plan.clientIntentions.trim() ? (
          <Paper p="md" radius="md" bg="var(--mantine-color-dusk-0)" style={{ borderLeft: '3px solid var(--mantine-color-dusk-4)' }}>
            <Text className="prewrap" fs="italic">
              {plan.clientIntentions}
            </Text>
          </Paper>
        ) : (
          <Text c="dimmed" size="sm">
            {forClient ? 'Nothing written here yet. You can tell your practitioner in your own words what you hope for.' : 'Not written yet.'}
          </Text>
        )}
      </Stack>

      <Stack gap="sm">
        <Title order={headingLevel} size="h5">
          {forClient ? 'What we are working towards' : 'Problems, goals and objectives'}
        </Title>
        {plan.problems.length === 0 && (
          <Text c="dimmed" size="sm">
            {forClient ? 'No goals are written down yet.' : 'No problems or goals written yet.'}
          </Text>
        )}
        {plan.problems.map((p, i) => (
          <Paper key={i} withBorder radius="md" p="md">
            <Stack gap="sm">
              <Title order={sub} size="h6">
                {forClient ? p.statement : `Problem ${i + 1}: ${p.statement}`}
              </Title>
              {p.goals.map((g, j) => (
                <Stack key={j} gap={4} pl="sm" style={{ borderLeft: '2px solid var(--mantine-color-gray-3)' }}>
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <IconTarget size={18} aria-hidden color="var(--mantine-color-teal-7)" style={{ flexShrink: 0, marginTop: 2 }} />
                    <Text fw={500}>
                      {forClient ? '' : `Goal ${i + 1}.${j + 1}: `}
                      {g.statement}
                    </Text>
                  </Group>
                  {g.targetDate && (
                    <Text size="sm" c="dimmed" pl={26}>
                      {forClient ? 'Hoping to get there by ' : 'Target date: '}
                      {fmt(g.targetDate)}
                    </Text>
                  )}
                  {(g.objectives?.length ?? 0) > 0 && (
                    <Stack gap={2} pl={26}>
                      <Text size="sm" fw={500}>
                        {forClient ? 'Steps along the way' : 'Measurable objectives'}
                      </Text>
                      <List size="sm" spacing={2}>
                        {g.objectives?.map((o, k) => (
                          <List.Item key={k}>
                            {o.statement}
                            {o.measure?.trim() ? <Text span c="dimmed">{` — ${forClient ? 'how we will notice:' : 'measured by'} ${o.measure.trim()}`}</Text> : null}
                            {o.targetDate ? <Text span c="dimmed">{` (by ${fmt(o.targetDate)})`}</Text> : null}
                          </List.Item>
                        ))}
                      </List>
                    </Stack>
                  )}
                  {(g.interventions?.length ?? 0) > 0 && (
                    <Stack gap={2} pl={26}>
                      <Text size="sm" fw={500}>
                        {forClient ? 'What we will do together' : 'Interventions'}
                      </Text>
                      <List size="sm" spacing={2}>
                        {g.interventions?.map((v, k) => <List.Item key={k}>{v.statement}</List.Item>)}
                      </List>
                    </Stack>
                  )}
                </Stack>
              ))}
            </Stack>
          </Paper>
        ))}
      </Stack>

      {themes && (
        <Stack gap={4}>
          <Title order={headingLevel} size="h5">
            Emergent themes linked in
          </Title>
          {themes.length === 0 ? (
            <Text c="dimmed" size="sm">
              None linked.
            </Text>
          ) : (
            <Group gap={6}>
              {themes.map((t) => (
                <Badge key={t} variant="light" color="dusk" tt="none">
                  {t}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}
