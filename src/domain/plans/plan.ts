import { z } from 'zod';
import { draftText } from '../shared/text.js';

/**
 * A treatment plan holds two voices: the client's intentions in their own words first, then the
 * institution's problems, goals, measurable objectives and interventions. Items carry ids made
 * by the client app so that versions can be compared item by item.
 */
const id = z.string().uuid('Each plan item needs an id.');
const statement = draftText(2000, 'Keep each statement under 2,000 characters.');
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-31.')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'That date does not exist.');

export const planObjectiveSchema = z.object({ id, statement, measure: statement.default(''), targetDate: day.nullable().default(null) });
export const planInterventionSchema = z.object({ id, statement });
export const planGoalSchema = z.object({
  id,
  statement,
  targetDate: day.nullable().default(null),
  objectives: z.array(planObjectiveSchema).max(30).default([]),
  interventions: z.array(planInterventionSchema).max(30).default([]),
});
export const planProblemSchema = z.object({ id, statement, goals: z.array(planGoalSchema).max(20).default([]) });
export const planContentSchema = z.object({
  clientIntentions: draftText(10_000).default(''),
  problems: z.array(planProblemSchema).max(20).default([]),
  themeIds: z.array(z.string().uuid()).max(100).default([]),
});
export type PlanContent = z.infer<typeof planContentSchema>;
export type PlanGoal = z.infer<typeof planGoalSchema>;
export const planDaySchema = day;

export const emptyPlan = (): PlanContent => ({ clientIntentions: '', problems: [], themeIds: [] });

/** What a draft needs before it becomes a version, as field messages. */
export function publishProblems(content: PlanContent, reviewDate: string | null, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (content.clientIntentions.trim() === '' && content.problems.length === 0) {
    problems['clientIntentions'] = 'Write the client’s intentions, or at least one problem, before saving a version.';
  }
  if (reviewDate === null) problems['reviewDate'] = 'Set a review date: plans are living documents.';
  else if (reviewDate < today) problems['reviewDate'] = 'The review date has passed; choose one from today on.';
  content.problems.forEach((p, i) => {
    if (p.statement.trim() === '') problems[`problems.${i}.statement`] = 'Describe this problem or remove it.';
    p.goals.forEach((g, j) => {
      if (g.statement.trim() === '') problems[`problems.${i}.goals.${j}.statement`] = 'Describe this goal or remove it.';
    });
  });
  return problems;
}

/** Every goal of a plan, flattened, for "beside the goals of the plan". */
export function planGoals(content: PlanContent): PlanGoal[] {
  return content.problems.flatMap((p) => p.goals);
}

const short = (s: string): string => {
  const t = s.trim().replace(/\s+/g, ' ');
  return `“${t.length > 60 ? `${t.slice(0, 57)}…` : t}”`;
};

interface Item {
  id: string;
  statement: string;
  kind: string;
  targetDate?: string | null;
  measure?: string;
}

function items(content: PlanContent): Map<string, Item> {
  const out = new Map<string, Item>();
  for (const p of content.problems) {
    out.set(p.id, { id: p.id, statement: p.statement, kind: 'Problem' });
    for (const g of p.goals) {
      out.set(g.id, { id: g.id, statement: g.statement, kind: 'Goal', targetDate: g.targetDate });
      for (const o of g.objectives) out.set(o.id, { id: o.id, statement: o.statement, kind: 'Objective', targetDate: o.targetDate, measure: o.measure });
      for (const v of g.interventions) out.set(v.id, { id: v.id, statement: v.statement, kind: 'Intervention' });
    }
  }
  return out;
}

/**
 * What changed from one plan version to the next, in words a reader can follow:
 * items added, removed, reworded, target dates moved, intentions rewritten, themes linked.
 */
export function describePlanChanges(
  before: PlanContent | null,
  after: PlanContent,
  themeName: (id: string) => string = (x) => x,
): string[] {
  if (!before) return ['First version of the plan.'];
  const out: string[] = [];
  if (before.clientIntentions.trim() !== after.clientIntentions.trim()) out.push('The client’s intentions were rewritten.');
  const a = items(before);
  const b = items(after);
  for (const [key, item] of b) {
    const old = a.get(key);
    if (!old) {
      out.push(`${item.kind} added: ${short(item.statement)}.`);
      continue;
    }
    if (old.statement.trim() !== item.statement.trim()) out.push(`${item.kind} reworded: ${short(old.statement)} became ${short(item.statement)}.`);
    if ((old.targetDate ?? null) !== (item.targetDate ?? null)) {
      out.push(`${item.kind} ${short(item.statement)}: target date ${old.targetDate ?? 'none'} → ${item.targetDate ?? 'none'}.`);
    }
    if ((old.measure ?? '').trim() !== (item.measure ?? '').trim()) out.push(`${item.kind} ${short(item.statement)}: how it is measured changed.`);
  }
  for (const [key, item] of a) if (!b.has(key)) out.push(`${item.kind} removed: ${short(item.statement)}.`);
  for (const t of after.themeIds) if (!before.themeIds.includes(t)) out.push(`Theme linked in: ${themeName(t)}.`);
  for (const t of before.themeIds) if (!after.themeIds.includes(t)) out.push(`Theme no longer linked: ${themeName(t)}.`);
  return out.length > 0 ? out : ['No changes from the previous version.'];
}

/** A plan review is due on or before this day when its current version's review date has come. */
export const reviewDue = (reviewDate: string | null, today: string): boolean => reviewDate !== null && reviewDate <= today;
