import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconClipboardList } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { formatDate, formatDateTime } from '../../components/dates';
import { QuestionnaireForm } from '../../components/measures/QuestionnaireForm';
import { type Completed, measureKeys, type PortalMeasure } from '../../components/measures/types';
import { LoadError, Loading } from '../../components/States';

/** The questionnaires a client's practitioner asked for, each answered here, one question at a time. */
export function PortalQuestionnaires() {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: measureKeys.portal, queryFn: () => api.get<PortalMeasure[]>('/api/portal/measures') });
  // The one being answered is held here, so its thank-you (and any crisis resources) stays after the list refreshes.
  const [active, setActive] = useState<PortalMeasure | null>(null);
  // The "Answer now" button is disabled (and "Back to your page" goes) once pressed, so the keyboard
  // is taken to the questionnaire when it opens and back to the list's heading when it closes.
  const sectionHeading = useRef<HTMLHeadingElement>(null);
  const activeHeading = useRef<HTMLHeadingElement>(null);
  const wasActive = useRef(false);
  useEffect(() => {
    if (active) activeHeading.current?.focus();
    else if (wasActive.current) sectionHeading.current?.focus();
    wasActive.current = active !== null;
  }, [active]);

  if (list.isPending) {
    return (
      <Section headingRef={sectionHeading}>
        <Loading label="Looking for questionnaires…" />
      </Section>
    );
  }
  if (list.isError) {
    return (
      <Section headingRef={sectionHeading}>
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      </Section>
    );
  }
  const waiting = list.data.filter((r) => r.id !== active?.id);

  return (
    <Section headingRef={sectionHeading}>
      {active && (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} bg="var(--mantine-color-gray-0)" aria-labelledby={`portal-measure-${active.id}`} component="section">
          <Title order={3} size="h5" id={`portal-measure-${active.id}`} mb="sm" ref={activeHeading} tabIndex={-1}>
            {active.definition.questionnaire.title}
          </Title>
          <QuestionnaireForm
            definition={active.definition}
            draftKey={`portal:${active.id}`}
            send={(answers, idempotencyKey) => api.post<Completed>(`/api/portal/measures/${active.id}`, { answers }, { idempotencyKey })}
            onSent={() => void queryClient.invalidateQueries({ queryKey: measureKeys.portal })}
            after={() => (
              <Button variant="light" onClick={() => setActive(null)}>
                Back to your page
              </Button>
            )}
          />
          {!list.data.some((r) => r.id === active.id) ? null : (
            <Group mt="sm">
              <Button variant="subtle" size="xs" onClick={() => setActive(null)}>
                Finish later
              </Button>
            </Group>
          )}
        </Paper>
      )}
      {waiting.length === 0 && !active ? (
        <Text c="dimmed">Nothing to answer at the moment. When your practitioner asks for a questionnaire, it will appear here.</Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {waiting.map((r) => (
            <Paper component="li" key={r.id} withBorder radius="md" p="md">
              <Group justify="space-between" wrap="wrap" gap="sm">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text fw={600}>{r.definition.questionnaire.title}</Text>
                  <Text size="sm" c="dimmed">
                    Asked {formatDate(r.createdAt)}
                    {r.expiresAt ? ` · open until ${formatDateTime(r.expiresAt)}` : ''}
                    {r.definition.questionnaire.description ? ` · ${r.definition.questionnaire.description}` : ''}
                  </Text>
                </Stack>
                <Button
                  variant="light"
                  disabled={active !== null}
                  onClick={() => setActive(r)}
                  aria-label={`Answer ${r.definition.questionnaire.title}`}
                >
                  Answer now
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function Section({ children, headingRef }: { children: ReactNode; headingRef: RefObject<HTMLHeadingElement | null> }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="portal-questionnaires">
      <Group gap="sm" mb="md">
        <IconClipboardList size={22} color="var(--mantine-color-dusk-7)" aria-hidden />
        <Title order={2} size="h4" id="portal-questionnaires" ref={headingRef} tabIndex={-1}>
          Questionnaires from your practitioner
        </Title>
      </Group>
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}
