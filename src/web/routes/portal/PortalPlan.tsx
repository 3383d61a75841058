import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconCircleCheck, IconMap2 } from '@tabler/icons-react';
import { ApiError, api } from '../../api';
import { FormError, fieldError } from '../../components/FormError';
import { Empty, Loading, LoadError } from '../../components/States';
import { formatDateTime } from '../../components/dates';
import { formatLongDay } from '../../components/record/dates';
import { PlanView } from '../../components/record/PlanView';
import { recordKeys, type PortalPlanAnswer } from '../../components/record/types';
import { useMe } from '../../session/SessionContext';

/** The client's plan in plain words, their intentions first, and "I have read this plan". */
export function PortalPlan() {
  const me = useMe();
  const qc = useQueryClient();
  const plan = useQuery({ queryKey: recordKeys.portalPlan, queryFn: () => api.get<PortalPlanAnswer>('/api/portal/plan') });
  const [name, setName] = useState(me.user.displayName);
  const acknowledge = useMutation({
    mutationFn: (p: { planId: string; version: number }) => api.post<PortalPlanAnswer>('/api/portal/plan/acknowledge', { ...p, name }),
    onSuccess: (answer) => qc.setQueryData(recordKeys.portalPlan, answer),
    onError: (e) => {
      // The plan changed meanwhile: show the new one to read first.
      if (e instanceof ApiError && e.status === 409) void plan.refetch();
    },
  });

  const p = plan.data?.plan;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="portal-plan">
      <Stack gap="md">
        <Stack gap={4}>
          <Group gap="xs">
            <IconMap2 size={20} aria-hidden color="var(--mantine-color-dusk-7)" />
            <Title order={2} size="h4" id="portal-plan">
              Your plan
            </Title>
          </Group>
          <Text size="sm" c="dimmed">
            The plan you and your practitioner are making together. It starts with what you hope for, in your words. It can change
            whenever you need it to.
          </Text>
        </Stack>
        {plan.isPending ? (
          <Loading label="Opening your plan…" />
        ) : plan.isError ? (
          <LoadError error={plan.error} onRetry={() => void plan.refetch()} />
        ) : !p ? (
          <Empty>Your plan is not written down yet. You and your practitioner will shape it together.</Empty>
        ) : (
          <Stack gap="md">
            <Text size="sm">
              Version {p.version}
              {p.reviewDate ? ` · we will look at it again together around ${formatLongDay(p.reviewDate)}` : ''}
            </Text>
            <PlanView plan={p} voice="client" headingLevel={3} />
            {p.acknowledged ? (
              <Group gap="sm" wrap="nowrap" role="status">
                <ThemeIcon radius="xl" color="teal" variant="light">
                  <IconCircleCheck size={18} aria-hidden />
                </ThemeIcon>
                <Text>
                  You read this plan: <strong>{p.acknowledged.name}</strong>, {formatDateTime(p.acknowledged.at)}
                </Text>
              </Group>
            ) : (
              <Paper p="md" radius="md" bg="var(--mantine-color-gray-0)">
                <form
                  aria-label="I have read this plan"
                  onSubmit={(e) => {
                    e.preventDefault();
                    acknowledge.mutate({ planId: p.planId, version: p.version });
                  }}
                >
                  <Stack gap="sm">
                    <Text size="sm">
                      When you have read it, you can say so here. It does not mean you agree with every word: anything you would change is
                      something to talk about with your practitioner.
                    </Text>
                    <TextInput
                      label="Your name"
                      required
                      maw={360}
                      value={name}
                      onChange={(e) => setName(e.currentTarget.value)}
                      error={fieldError(acknowledge.error, 'name')}
                    />
                    {acknowledge.error instanceof ApiError && acknowledge.error.status === 409 ? (
                      <Alert color="yellow" variant="light" role="alert" title="Your plan was updated">
                        {acknowledge.error.message}
                      </Alert>
                    ) : (
                      <FormError error={acknowledge.error} />
                    )}
                    <Group>
                      <Button type="submit" loading={acknowledge.isPending} disabled={!name.trim()}>
                        I have read this plan
                      </Button>
                    </Group>
                  </Stack>
                </form>
              </Paper>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
