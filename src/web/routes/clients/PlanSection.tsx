import { useState } from 'react';
import { Accordion, Badge, Group, List, NativeSelect, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconCircleCheck, IconClockHour4 } from '@tabler/icons-react';
import { api } from '../../api';
import { Empty, Loading, LoadError } from '../../components/States';
import { formatDateTime } from '../../components/dates';
import { useClientThemes, themeNames } from '../../components/notes/ThemePicker';
import type { Theme } from '../../components/notes/types';
import { usePractice } from '../../components/clinical/queries';
import type { Chapter, Client, Journey } from '../../components/clinical/types';
import { formatDay, isPast } from '../../components/record/dates';
import { PdfDownload } from '../../components/record/PdfDownload';
import { PlanView } from '../../components/record/PlanView';
import { recordKeys, type Plan, type PlanAnswer, type PlanVersion } from '../../components/record/types';
import { PlanEditor } from './PlanEditor';

function chapterLabel(c: Chapter): string {
  return c.endedAt ? `Chapter ${c.number} (ended ${formatDay(c.endedAt.slice(0, 10))})` : `Chapter ${c.number} (open)`;
}

/** The treatment plan of one chapter: a living draft, its versions, and the client's acknowledgements. */
export function PlanSection({ client }: { client: Client }) {
  const journey = useQuery({
    queryKey: recordKeys.journey(client.id),
    queryFn: () => api.get<Journey>(`/api/clients/${client.id}/journey`),
  });
  const [chosen, setChosen] = useState<string | null>(null);

  if (journey.isPending) return <Loading label="Loading the chapters…" />;
  if (journey.isError) return <LoadError error={journey.error} onRetry={() => void journey.refetch()} />;
  const chapters = journey.data.chapters;
  if (chapters.length === 0) return <Empty>No chapter of care yet: a plan belongs to a chapter.</Empty>;
  const open = chapters.find((c) => !c.endedAt);
  const chapter = chapters.find((c) => c.id === chosen) ?? open ?? chapters[chapters.length - 1];
  if (!chapter) return null;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4} maw={720}>
          <Title order={2} size="h3">
            Treatment plan
          </Title>
          <Text size="sm" c="dimmed">
            Two voices in one plan: {client.name}’s intentions in their own words first, then the institution’s problems, goals,
            objectives and interventions, with the themes that emerged linked in.
          </Text>
        </Stack>
        {chapters.length > 1 && (
          <NativeSelect
            label="Chapter"
            w={260}
            value={chapter.id}
            onChange={(e) => setChosen(e.currentTarget.value)}
            data={[...chapters].reverse().map((c) => ({ value: c.id, label: chapterLabel(c) }))}
          />
        )}
      </Group>
      <ChapterPlan key={chapter.id} client={client} chapter={chapter} />
    </Stack>
  );
}

function ChapterPlan({ client, chapter }: { client: Client; chapter: Chapter }) {
  const plan = useQuery({
    queryKey: recordKeys.plan(client.id, chapter.id),
    queryFn: () => api.get<PlanAnswer>(`/api/clients/${client.id}/chapters/${chapter.id}/plan`),
  });
  const themes = useClientThemes(client.id);
  const practice = usePractice();
  const reviewDays = (practice.data as { settings?: { planReviewDays?: number } } | undefined)?.settings?.planReviewDays ?? 90;
  const canEdit = (client.access === 'care') && !chapter.endedAt;

  if (plan.isError) return <LoadError error={plan.error} onRetry={() => void plan.refetch()} />;
  const p: Plan | null | undefined = plan.data?.plan;
  const latest = p?.versions[0] ?? null;
  const themeList = themes.data?.themes ?? [];

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="plan-current">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={3} size="h4" id="plan-current">
                Chapter {chapter.number}: {latest ? `version ${latest.version} in effect` : 'no version saved yet'}
              </Title>
              {latest?.reviewDate && isPast(latest.reviewDate) && (
                <Badge color="orange" variant="light">
                  Review due
                </Badge>
              )}
            </Group>
            {plan.isPending ? (
              <Text size="sm" c="dimmed">
                Loading the plan…
              </Text>
            ) : latest ? (
              <Text size="sm" c="dimmed">
                Saved {formatDateTime(latest.createdAt)} by {latest.createdByName || 'a former colleague'} · review by {formatDay(latest.reviewDate)}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {canEdit ? 'Write the draft below, then save it as version 1.' : 'Nobody has saved a version of this chapter’s plan.'}
              </Text>
            )}
            {latest && <AcknowledgementLine version={latest} clientName={client.name} />}
          </Stack>
          <Group gap="sm" align="flex-start">
            {latest && (
              <PdfDownload
                href={`/api/clients/${client.id}/chapters/${chapter.id}/plan/versions/${latest.version}/pdf`}
                fileName={`treatment-plan-chapter-${chapter.number}-v${latest.version}.pdf`}
              >
                Plan version {latest.version} (PDF)
              </PdfDownload>
            )}
            <PdfDownload href={`/api/clients/${client.id}/chapters/${chapter.id}/summary.pdf`} fileName={`chapter-${chapter.number}-summary.pdf`} variant="default">
              Chapter summary (PDF)
            </PdfDownload>
          </Group>
        </Group>
        {!canEdit && latest && (
          <Stack mt="md">
            <PlanView plan={latest.content} themes={themeNames(themeList, latest.content.themeIds)} />
          </Stack>
        )}
      </Paper>

      {canEdit &&
        (plan.isPending ? (
          <Loading label="Opening the plan draft…" />
        ) : (
          <PlanEditor
            clientId={client.id}
            clientName={client.name}
            chapterId={chapter.id}
            plan={p}
            themes={themeList}
            reviewDays={reviewDays}
          />
        ))}
      {chapter.endedAt && (
        <Text size="sm" c="dimmed">
          This chapter has ended; its plan is kept as it was. A return opens a new chapter with a plan of its own.
        </Text>
      )}

      {p && p.versions.length > 0 && <PlanHistory client={client} chapter={chapter} versions={p.versions} themes={themeList} />}
    </Stack>
  );
}

function AcknowledgementLine({ version, clientName }: { version: PlanVersion; clientName: string }) {
  const ack = version.acknowledgements.at(-1);
  return ack ? (
    <Group gap={6} wrap="nowrap">
      <IconCircleCheck size={16} aria-hidden color="var(--mantine-color-teal-7)" />
      <Text size="sm">
        Acknowledged by {ack.name} on {formatDateTime(ack.at)}
      </Text>
    </Group>
  ) : (
    <Group gap={6} wrap="nowrap">
      <IconClockHour4 size={16} aria-hidden color="var(--mantine-color-gray-6)" />
      <Text size="sm" c="dimmed">
        {clientName} has not acknowledged version {version.version} in the portal yet.
      </Text>
    </Group>
  );
}

function PlanHistory({ client, chapter, versions, themes }: { client: Client; chapter: Chapter; versions: PlanVersion[]; themes: Theme[] }) {
  return (
    <section aria-labelledby="plan-history">
      <Title order={3} size="h4" id="plan-history" mb="sm">
        Version history
      </Title>
      <Accordion variant="separated" multiple chevronPosition="left">
        {versions.map((v) => (
          <Accordion.Item key={v.version} value={String(v.version)}>
            <Accordion.Control aria-label={`Version ${v.version}, saved ${formatDateTime(v.createdAt)}`}>
              <Group gap="sm" wrap="wrap">
                <Text fw={600}>Version {v.version}</Text>
                <Text size="sm" c="dimmed">
                  {formatDateTime(v.createdAt)} · {v.createdByName || 'a former colleague'}
                </Text>
                {v.acknowledgements.length > 0 ? (
                  <Badge variant="light" color="teal" leftSection={<IconCircleCheck size={12} aria-hidden />}>
                    Acknowledged
                  </Badge>
                ) : (
                  <Badge variant="light" color="gray">
                    Not acknowledged
                  </Badge>
                )}
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="md">
                <Stack gap={4}>
                  <Text size="xs" tt="uppercase" fw={700} c="dimmed">
                    What changed
                  </Text>
                  <List size="sm" spacing={2}>
                    {v.changes.map((c, i) => (
                      <List.Item key={i}>{c}</List.Item>
                    ))}
                  </List>
                </Stack>
                <Stack gap={4}>
                  <Text size="xs" tt="uppercase" fw={700} c="dimmed">
                    The client’s acknowledgements
                  </Text>
                  {v.acknowledgements.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      Not yet acknowledged by {client.name}.
                    </Text>
                  ) : (
                    v.acknowledgements.map((a, i) => (
                      <Group key={i} gap="xs" wrap="nowrap">
                        <ThemeIcon size={20} radius="xl" variant="light" color="teal">
                          <IconCircleCheck size={14} aria-hidden />
                        </ThemeIcon>
                        <Text size="sm">
                          Read and acknowledged by {a.name}, {formatDateTime(a.at)}
                        </Text>
                      </Group>
                    ))
                  )}
                </Stack>
                <Text size="sm">Review by {formatDay(v.reviewDate)}</Text>
                <PlanView plan={v.content} themes={themeNames(themes, v.content.themeIds)} headingLevel={5} />
                <Group>
                  <PdfDownload
                    href={`/api/clients/${client.id}/chapters/${chapter.id}/plan/versions/${v.version}/pdf`}
                    fileName={`treatment-plan-chapter-${chapter.number}-v${v.version}.pdf`}
                    size="xs"
                  >
                    Download version {v.version} (PDF)
                  </PdfDownload>
                </Group>
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </section>
  );
}
