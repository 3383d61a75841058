import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Collapse,
  Grid,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { IconPlus, IconSparkles, IconTarget } from '@tabler/icons-react';
import { api } from '../../api';
import { FormError, fieldError } from '../../components/FormError';
import { Empty, Loading, LoadError } from '../../components/States';
import { useIdempotencyKey } from '../../components/useAutosave';
import { formatDate, formatDateTime } from '../../components/dates';
import { useClientThemes } from '../../components/notes/ThemePicker';
import { notesKeys, type Theme, type ThemesAnswer } from '../../components/notes/types';
import { EmergenceTimeline, stageColors } from '../../components/record/EmergenceTimeline';
import type { Client } from '../../components/clinical/types';
import { themeStageExplanations, themeStageLabels, themeStages, type ThemeStage } from '../../../domain/themes/arc';

/** Emergence: every theme of the work, when it first appeared, where it returned, how it moved — and which nobody planned. */
export function EmergenceSection({ client }: { client: Client }) {
  const canEdit = client.access === 'care';
  const themes = useClientThemes(client.id);
  const [naming, setNaming] = useState(false);

  if (themes.isPending) return <Loading label="Gathering the themes…" />;
  if (themes.isError) return <LoadError error={themes.error} onRetry={() => void themes.refetch()} />;
  const { themes: list, planGoals } = themes.data;
  const sorted = [...list].sort((a, b) => (a.firstSeenAt ?? '9').localeCompare(b.firstSeenAt ?? '9') || a.name.localeCompare(b.name));
  const unplanned = sorted.filter((t) => !t.inPlan);
  const planned = sorted.filter((t) => t.inPlan);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} maw={720}>
          <Title order={2} size="h3">
            Emergence
          </Title>
          <Text size="sm" c="dimmed">
            The themes and patterns of the work with {client.name}: when each first appeared, the sessions it returned in, and how it
            has moved. What nobody planned for is shown as such, beside the goals of the plan.
          </Text>
        </Stack>
        {canEdit && !naming && (
          <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setNaming(true)}>
            Name a theme
          </Button>
        )}
      </Group>
      <Collapse in={naming}>{naming && <NameThemeForm clientId={client.id} onDone={() => setNaming(false)} />}</Collapse>

      {list.length === 0 ? (
        <Empty>
          No themes yet. Tag themes while writing a session’s notes, or name one here; they gather on this page as the work unfolds.
        </Empty>
      ) : (
        <>
          <EmergenceTimeline themes={sorted} />
          <Grid gutter="lg">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Stack gap="lg">
                <section aria-labelledby="themes-unplanned">
                  <Group gap="xs" mb={4}>
                    <IconSparkles size={18} aria-hidden color="var(--mantine-color-clay-7)" />
                    <Title order={3} size="h4" id="themes-unplanned">
                      Arrived unplanned ({unplanned.length})
                    </Title>
                  </Group>
                  <Text size="sm" c="dimmed" mb="sm">
                    Not linked to the plan: patterns nobody set out to work on.
                  </Text>
                  {unplanned.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      Every theme is linked to the plan.
                    </Text>
                  ) : (
                    <Stack gap="sm">
                      {unplanned.map((t) => (
                        <ThemeCard key={t.id} clientId={client.id} theme={t} canEdit={canEdit} />
                      ))}
                    </Stack>
                  )}
                </section>
                <section aria-labelledby="themes-planned">
                  <Title order={3} size="h4" id="themes-planned" mb="sm">
                    Linked to the plan ({planned.length})
                  </Title>
                  {planned.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      No theme is linked to the plan yet. Link themes in on the Treatment plan tab.
                    </Text>
                  ) : (
                    <Stack gap="sm">
                      {planned.map((t) => (
                        <ThemeCard key={t.id} clientId={client.id} theme={t} canEdit={canEdit} />
                      ))}
                    </Stack>
                  )}
                </section>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Paper withBorder radius="md" p="md" component="section" aria-labelledby="plan-goals" bg="var(--mantine-color-gray-0)">
                <Group gap="xs" mb="sm">
                  <IconTarget size={18} aria-hidden color="var(--mantine-color-teal-7)" />
                  <Title order={3} size="h4" id="plan-goals">
                    The plan’s goals
                  </Title>
                </Group>
                {planGoals.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    No plan version has goals yet.
                  </Text>
                ) : (
                  <List size="sm" spacing="xs">
                    {planGoals.map((g, i) => (
                      <List.Item key={i}>
                        {g.goal}
                        <Text span size="xs" c="dimmed">
                          {' '}
                          ({'chapterNumber' in g && typeof g.chapterNumber === 'number' ? `chapter ${g.chapterNumber}, ` : ''}plan version {g.version})
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                )}
              </Paper>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}

function useThemeUpdate(clientId: string) {
  const qc = useQueryClient();
  return (theme: Theme) => {
    qc.setQueryData<ThemesAnswer>(notesKeys.themes(clientId), (old) =>
      old ? { ...old, themes: old.themes.some((t) => t.id === theme.id) ? old.themes.map((t) => (t.id === theme.id ? theme : t)) : [...old.themes, theme] } : old,
    );
    void qc.invalidateQueries({ queryKey: notesKeys.themes(clientId) });
  };
}

function NameThemeForm({ clientId, onDone }: { clientId: string; onDone: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const key = useIdempotencyKey();
  const update = useThemeUpdate(clientId);
  const create = useMutation({
    mutationFn: () => api.post<Theme>(`/api/clients/${clientId}/themes`, { name, description }, { idempotencyKey: key.key() }),
    onSuccess: (t) => {
      key.done();
      update(t);
      onDone();
    },
    onError: () => key.done(),
  });
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="form"
      aria-label="Name a theme"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Stack gap="sm">
        <TextInput
          label="Theme name"
          description="A few words, e.g. “being the strong one”. A name already used for this client reuses that theme."
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(create.error, 'name')}
        />
        <Textarea
          label="What it is about (optional)"
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={fieldError(create.error, 'description')}
        />
        <FormError error={create.error} />
        <Group>
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
            Name this theme
          </Button>
          <Button variant="subtle" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ThemeCard({ clientId, theme: t, canEdit }: { clientId: string; theme: Theme; canEdit: boolean }) {
  const [moving, setMoving] = useState(false);
  const next = themeStages[Math.min(themeStages.indexOf(t.stage) + 1, themeStages.length - 1)] ?? t.stage;
  const [stage, setStage] = useState<ThemeStage>(next);
  const [note, setNote] = useState('');
  const update = useThemeUpdate(clientId);
  const move = useMutation({
    mutationFn: () => api.post<Theme>(`/api/clients/${clientId}/themes/${t.id}/arc`, { stage, note }),
    onSuccess: (theme) => {
      update(theme);
      setMoving(false);
      setNote('');
    },
  });
  const distinct = [...new Map(t.sessions.map((s) => [s.sessionId, s])).values()];
  const returns = Math.max(0, distinct.length - 1);
  const headingId = `theme-${t.id}`;

  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Group gap="sm" wrap="wrap">
              <Title order={4} id={headingId}>
                {t.name}
              </Title>
              <Badge color={stageColors[t.stage]} variant="light">
                {themeStageLabels[t.stage]}
              </Badge>
              {t.inPlan ? (
                <Badge color="teal" variant="outline">
                  In the plan
                </Badge>
              ) : (
                <Badge color="clay" variant="outline">
                  Unplanned
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {t.firstSeenAt ? `First appeared ${formatDate(t.firstSeenAt)}` : 'Not tagged in a session note yet'}
              {distinct.length > 0 && ` · ${returns === 0 ? 'not returned yet' : returns === 1 ? 'returned in 1 more session' : `returned in ${returns} more sessions`}`}
            </Text>
          </Stack>
          {canEdit && !moving && (
            <Button size="compact-sm" variant="light" onClick={() => setMoving(true)} aria-label={`Update the arc of ${t.name}`}>
              Update the arc
            </Button>
          )}
        </Group>
        {t.description && (
          <Text size="sm" className="prewrap">
            {t.description}
          </Text>
        )}

        {distinct.length > 0 && (
          <Stack gap={4}>
            <Text size="xs" tt="uppercase" fw={700} c="dimmed">
              Sessions it appeared in
            </Text>
            <Group gap="xs" wrap="wrap" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {t.sessions.map((s) => (
                <li key={`${s.sessionId}-${s.layer}`}>
                  <Anchor component={Link} to={`/sessions/${s.sessionId}`} size="sm">
                    {formatDate(s.startsAt)}
                  </Anchor>
                  {s.layer === 'relational' && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      (your relational note)
                    </Text>
                  )}
                </li>
              ))}
            </Group>
          </Stack>
        )}

        <Stack gap={4}>
          <Text size="xs" tt="uppercase" fw={700} c="dimmed">
            Its arc
          </Text>
          {t.arc.length === 0 ? (
            <Text size="sm" c="dimmed">
              Emerging; no stage recorded yet.
            </Text>
          ) : (
            <Timeline bulletSize={14} lineWidth={2} active={t.arc.length - 1} color={stageColors[t.stage]}>
              {t.arc.map((a, i) => (
                <Timeline.Item key={i} title={<Text size="sm" fw={600}>{themeStageLabels[a.stage]}</Text>}>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(a.at)}
                    {a.byName ? ` · ${a.byName}` : ''}
                  </Text>
                  {a.note && (
                    <Text size="sm" className="prewrap">
                      {a.note}
                    </Text>
                  )}
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Stack>

        {moving && (
          <form
            aria-label={`Update the arc of ${t.name}`}
            onSubmit={(e) => {
              e.preventDefault();
              move.mutate();
            }}
          >
            <Stack gap="sm">
              <NativeSelect
                label="Stage now"
                description={themeStageExplanations[stage]}
                value={stage}
                onChange={(e) => setStage(e.currentTarget.value as ThemeStage)}
                data={themeStages.map((s) => ({ value: s, label: themeStageLabels[s] }))}
                maw={320}
              />
              <Textarea
                label="Note (optional)"
                description="What you noticed that tells you it has moved."
                autosize
                minRows={2}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
              />
              <FormError error={move.error} />
              <Group>
                <Button type="submit" loading={move.isPending}>
                  Record this stage
                </Button>
                <Button variant="subtle" onClick={() => setMoving(false)}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
