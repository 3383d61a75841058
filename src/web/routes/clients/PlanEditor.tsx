import { ActionIcon, Alert, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { ApiError, api } from '../../api';
import { FormError } from '../../components/FormError';
import { sameValue, useAutosave, useIdempotencyKey } from '../../components/useAutosave';
import { AutosaveStatus } from '../../components/notes/AutosaveStatus';
import { ConflictView } from '../../components/notes/ConflictView';
import type { Theme } from '../../components/notes/types';
import { notesKeys } from '../../components/notes/types';
import { addDays, formatDay, today } from '../../components/record/dates';
import * as edit from '../../components/record/planEdit';
import { recordKeys, type Plan, type PlanDraft } from '../../components/record/types';
import { emptyPlan, type PlanContent } from '../../../domain/plans/plan';
import { themeStageLabels } from '../../../domain/themes/arc';

const emptyDraft: PlanDraft = { content: emptyPlan(), reviewDate: null };

/**
 * The plan draft of one chapter, autosaved: the client's intentions first, then problems, goals,
 * objectives and interventions, the emergent themes linked in, and a review date. "Save as
 * version N" publishes the draft as an immutable version.
 */
export function PlanEditor(props: {
  clientId: string;
  clientName: string;
  chapterId: string;
  plan: Plan | null | undefined;
  themes: Theme[];
  reviewDays: number;
}) {
  const qc = useQueryClient();
  const url = `/api/clients/${props.clientId}/chapters/${props.chapterId}/plan`;
  const autosave = useAutosave<PlanDraft, Plan>({
    draftKey: `plan:${props.clientId}:${props.chapterId}`,
    record: props.plan,
    valueOf: (p) => ({ content: p.draft, reviewDate: p.draftReviewDate }),
    versionOf: (p) => p.draftVersion,
    empty: emptyDraft,
    save: (v, version, options) => api.put<Plan>(`${url}/draft`, { draftVersion: version, content: v.content, reviewDate: v.reviewDate }, options),
    onSaved: (p) => qc.setQueryData(recordKeys.plan(props.clientId, props.chapterId), { plan: p }),
  });
  const key = useIdempotencyKey();
  const latest = (autosave.record ?? props.plan)?.versions[0] ?? null;
  const nextVersion = (latest?.version ?? 0) + 1;

  const publish = useMutation({
    mutationFn: async () => {
      const saved = await autosave.flush();
      if (!saved) throw new ApiError(400, 'invalid', 'Write the client’s intentions, or at least one problem, before saving a version.');
      return api.post<Plan>(`${url}/versions`, { draftVersion: saved.draftVersion }, { idempotencyKey: key.key() });
    },
    onSuccess: (p) => {
      key.done();
      autosave.adopt(p);
      qc.setQueryData(recordKeys.plan(props.clientId, props.chapterId), { plan: p });
      void qc.invalidateQueries({ queryKey: notesKeys.themes(props.clientId) });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status !== 0 && e.status < 500) key.done();
    },
  });

  const v = autosave.value;
  const c = v.content;
  const setContent = (f: (c: PlanContent) => PlanContent) => {
    publish.reset();
    autosave.setValue((prev) => ({ ...prev, content: f(prev.content) }));
  };
  const fieldErr = (name: string) => (publish.error instanceof ApiError ? publish.error.fields[name] : undefined);
  const themeName = (id: string) => props.themes.find((t) => t.id === id)?.name ?? 'a theme no longer listed';
  const unpublished = latest ? !sameValue(c, latest.content) || v.reviewDate !== latest.reviewDate : c.clientIntentions.trim() !== '' || c.problems.length > 0;

  if (autosave.conflict) {
    const mine = autosave.conflict.mine;
    const theirs = autosave.conflict.theirs;
    const rows = [
      { key: 'clientIntentions', label: 'The client’s intentions', mine: mine.content.clientIntentions, theirs: theirs.draft.clientIntentions },
      { key: 'problems', label: 'Problems, goals and objectives', mine: edit.planOutline(mine.content), theirs: edit.planOutline(theirs.draft.problems ? theirs.draft : emptyPlan()) },
      { key: 'themeIds', label: 'Emergent themes linked in', mine: mine.content.themeIds.map(themeName).join(', '), theirs: theirs.draft.themeIds.map(themeName).join(', ') },
      { key: 'reviewDate', label: 'Review date', mine: formatDay(mine.reviewDate), theirs: formatDay(theirs.draftReviewDate) },
    ];
    return (
      <ConflictView
        title="The plan draft was changed elsewhere"
        rows={rows}
        savedAt={(theirs as Plan & { updatedAt?: string }).updatedAt ?? null}
        onKeepMine={autosave.keepMine}
        onTakeTheirs={autosave.takeTheirs}
        onCombine={(theirsFor) =>
          autosave.resolveWith({
            content: {
              clientIntentions: theirsFor.has('clientIntentions') ? theirs.draft.clientIntentions : mine.content.clientIntentions,
              problems: theirsFor.has('problems') ? theirs.draft.problems : mine.content.problems,
              themeIds: theirsFor.has('themeIds') ? theirs.draft.themeIds : mine.content.themeIds,
            },
            reviewDate: theirsFor.has('reviewDate') ? theirs.draftReviewDate : mine.reviewDate,
          })
        }
      />
    );
  }

  return (
    <Paper withBorder radius="md" p="lg" component="form" aria-label="Treatment plan draft" onSubmit={(e) => e.preventDefault()}>
      <Stack gap="lg">
        <Group justify="space-between" wrap="wrap" align="flex-start">
          <Stack gap={2}>
            <Title order={3} size="h4">
              Draft {latest ? `(changes since version ${latest.version})` : 'of the first version'}
            </Title>
            <Text size="sm" c="dimmed" maw={640}>
              Written together with {props.clientName}. The draft saves itself as you type; nobody else sees it until you save it as a
              version.
            </Text>
          </Stack>
          <AutosaveStatus status={autosave.status} text={autosave.statusText} label="Plan draft" />
        </Group>
        {autosave.error && <FormError error={autosave.error} />}

        <Stack gap={6}>
          <Title order={4} size="h5">
            1. In their own words
          </Title>
          <Textarea
            label="The client’s intentions, in their own words"
            description="What they hope for, as they say it: their words, not a translation into goals. This comes first in every version and in their portal."
            autosize
            minRows={3}
            value={c.clientIntentions}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setContent((x) => ({ ...x, clientIntentions: text }));
            }}
            error={fieldErr('clientIntentions')}
          />
        </Stack>

        <Stack gap="sm">
          <Stack gap={2}>
            <Title order={4} size="h5">
              2. Problems, goals, objectives and interventions
            </Title>
            <Text size="sm" c="dimmed" maw={720}>
              What institutions ask for: each problem with the goals that answer it, measurable objectives (how you will both know: a GAD-7 score, two calls a week) and
              the interventions you will offer, with target dates.
            </Text>
          </Stack>
          {c.problems.length === 0 && (
            <Text size="sm" c="dimmed">
              No problems yet. Some plans begin with intentions alone; add a problem when it helps.
            </Text>
          )}
          {c.problems.map((p, i) => (
            <Paper key={p.id} withBorder radius="md" p="md">
              <Stack gap="sm">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Textarea
                    style={{ flex: 1 }}
                    label={`Problem ${i + 1}`}
                    description={i === 0 ? 'What is hard, in plain words; the relational and systemic context belongs here too.' : undefined}
                    autosize
                    minRows={1}
                    value={p.statement}
                    onChange={(e) => {
                      const text = e.currentTarget.value;
                      setContent((x) => edit.updateProblem(x, i, (pp) => ({ ...pp, statement: text })));
                    }}
                    error={fieldErr(`problems.${i}.statement`)}
                  />
                  <RemoveButton label={`Remove problem ${i + 1}`} onClick={() => setContent((x) => edit.removeProblem(x, i))} />
                </Group>

                {p.goals.map((g, j) => {
                  const n = `${i + 1}.${j + 1}`;
                  return (
                    <Stack key={g.id} gap="xs" pl="md" style={{ borderLeft: '2px solid var(--mantine-color-teal-3)' }}>
                      <Group align="flex-start" wrap="wrap" gap="sm">
                        <Textarea
                          style={{ flex: 1, minWidth: 240 }}
                          label={`Goal ${n}`}
                          autosize
                          minRows={1}
                          value={g.statement}
                          onChange={(e) => {
                            const text = e.currentTarget.value;
                            setContent((x) => edit.updateGoal(x, i, j, (gg) => ({ ...gg, statement: text })));
                          }}
                          error={fieldErr(`problems.${i}.goals.${j}.statement`)}
                        />
                        <TextInput
                          type="date"
                          w={180}
                          label={
                            <>
                              Target date<VisuallyHidden> for goal {n}</VisuallyHidden>
                            </>
                          }
                          value={g.targetDate ?? ''}
                          onChange={(e) => {
                            const d = e.currentTarget.value || null;
                            setContent((x) => edit.updateGoal(x, i, j, (gg) => ({ ...gg, targetDate: d })));
                          }}
                        />
                        <RemoveButton label={`Remove goal ${n}`} onClick={() => setContent((x) => edit.removeGoal(x, i, j))} mt={24} />
                      </Group>

                      {g.objectives.map((o, k) => (
                        <Group key={o.id} align="flex-start" wrap="wrap" gap="sm" pl="md">
                          <Textarea
                            style={{ flex: 2, minWidth: 220 }}
                            label={
                              <>
                                Objective {k + 1}
                                <VisuallyHidden> of goal {n}</VisuallyHidden>
                              </>
                            }
                            autosize
                            minRows={1}
                            value={o.statement}
                            onChange={(e) => {
                              const text = e.currentTarget.value;
                              setContent((x) => edit.updateObjective(x, i, j, k, (oo) => ({ ...oo, statement: text })));
                            }}
                          />
                          <TextInput
                            style={{ flex: 1, minWidth: 180 }}
                            label={
                              <>
                                How it is measured<VisuallyHidden> (objective {k + 1} of goal {n})</VisuallyHidden>
                              </>
                            }
                            value={o.measure}
                            onChange={(e) => {
                              const text = e.currentTarget.value;
                              setContent((x) => edit.updateObjective(x, i, j, k, (oo) => ({ ...oo, measure: text })));
                            }}
                          />
                          <TextInput
                            type="date"
                            w={170}
                            label={
                              <>
                                Target date<VisuallyHidden> for objective {k + 1} of goal {n}</VisuallyHidden>
                              </>
                            }
                            value={o.targetDate ?? ''}
                            onChange={(e) => {
                              const d = e.currentTarget.value || null;
                              setContent((x) => edit.updateObjective(x, i, j, k, (oo) => ({ ...oo, targetDate: d })));
                            }}
                          />
                          <RemoveButton label={`Remove objective ${k + 1} of goal ${n}`} onClick={() => setContent((x) => edit.removeObjective(x, i, j, k))} mt={24} />
                        </Group>
                      ))}

                      {g.interventions.map((iv, k) => (
                        <Group key={iv.id} align="flex-start" wrap="nowrap" gap="sm" pl="md">
                          <Textarea
                            style={{ flex: 1 }}
                            label={
                              <>
                                Intervention {k + 1}
                                <VisuallyHidden> for goal {n}</VisuallyHidden>
                              </>
                            }
                            autosize
                            minRows={1}
                            value={iv.statement}
                            onChange={(e) => {
                              const text = e.currentTarget.value;
                              setContent((x) => edit.updateIntervention(x, i, j, k, text));
                            }}
                          />
                          <RemoveButton label={`Remove intervention ${k + 1} of goal ${n}`} onClick={() => setContent((x) => edit.removeIntervention(x, i, j, k))} mt={24} />
                        </Group>
                      ))}

                      <Group gap="xs" pl="md">
                        <AddButton onClick={() => setContent((x) => edit.addObjective(x, i, j))}>
                          Add an objective<VisuallyHidden> to goal {n}</VisuallyHidden>
                        </AddButton>
                        <AddButton onClick={() => setContent((x) => edit.addIntervention(x, i, j))}>
                          Add an intervention<VisuallyHidden> to goal {n}</VisuallyHidden>
                        </AddButton>
                      </Group>
                    </Stack>
                  );
                })}
                <Group>
                  <AddButton onClick={() => setContent((x) => edit.addGoal(x, i))}>
                    Add a goal<VisuallyHidden> to problem {i + 1}</VisuallyHidden>
                  </AddButton>
                </Group>
              </Stack>
            </Paper>
          ))}
          <Group>
            <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setContent(edit.addProblem)}>
              Add a problem
            </Button>
          </Group>
        </Stack>

        <Stack gap={6}>
          <Title order={4} size="h5">
            3. What emerged
          </Title>
          {props.themes.length === 0 ? (
            <Text size="sm" c="dimmed">
              No themes have been named yet. Themes tagged in notes, or named on the Emergence tab, can be linked in here.
            </Text>
          ) : (
            <Checkbox.Group
              label="Emergent themes linked to this plan"
              description="Themes left unlinked stay visible on the Emergence tab as what nobody planned for."
              value={c.themeIds}
              onChange={(ids) => setContent((x) => ({ ...x, themeIds: ids }))}
              error={fieldErr('themeIds')}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
                {props.themes.map((t) => (
                  <Checkbox key={t.id} value={t.id} label={t.name} description={themeStageLabels[t.stage]} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          )}
        </Stack>

        <Stack gap={6}>
          <Title order={4} size="h5">
            4. Review
          </Title>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              type="date"
              w={220}
              label="Review date"
              description="When you will look at this plan again together."
              value={v.reviewDate ?? ''}
              min={today()}
              onChange={(e) => {
                const d = e.currentTarget.value || null;
                publish.reset();
                autosave.setValue((prev) => ({ ...prev, reviewDate: d }));
              }}
              error={fieldErr('reviewDate')}
            />
            {!v.reviewDate && (
              <Button variant="subtle" onClick={() => autosave.setValue((prev) => ({ ...prev, reviewDate: addDays(today(), props.reviewDays) }))}>
                Review in {props.reviewDays} days ({formatDay(addDays(today(), props.reviewDays))})
              </Button>
            )}
          </Group>
        </Stack>

        {publish.isSuccess && !unpublished && (
          <Alert color="teal" variant="light" role="status">
            Version {latest?.version} is saved. {props.clientName} can now read it in the portal and acknowledge it.
          </Alert>
        )}
        <FormError error={publish.error} title={publish.error instanceof ApiError && publish.error.status === 400 ? 'Not ready to save as a version yet' : undefined} />
        <Group gap="sm" wrap="wrap">
          <Button
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            loading={publish.isPending}
            disabled={!unpublished}
            onClick={() => publish.mutate()}
          >
            Save as version {nextVersion}
          </Button>
          <Text size="sm" c="dimmed">
            {unpublished
              ? 'A version is kept for good: its changes are described in words and the client can acknowledge it.'
              : latest
                ? `The draft is the same as version ${latest.version}.`
                : 'Write something first.'}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}

function RemoveButton({ label, onClick, mt }: { label: string; onClick: () => void; mt?: number }) {
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={onClick} mt={mt ?? 24}>
        <IconTrash size={16} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}

function AddButton({ onClick, children }: { onClick: () => void; children: React.ReactNode }) {
  return (
    <Button size="compact-sm" variant="subtle" leftSection={<IconPlus size={14} aria-hidden />} onClick={onClick}>
      {children}
    </Button>
  );
}
