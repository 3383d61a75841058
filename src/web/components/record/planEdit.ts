import type { PlanContent } from '../../../domain/plans/plan';
import { formatDay } from './dates';
import { newItemId } from './ids';

/** Small immutable edits of a plan's content, so the editor stays readable. */

type Problem = PlanContent['problems'][number];
type Goal = Problem['goals'][number];
type Objective = Goal['objectives'][number];
type Intervention = Goal['interventions'][number];

export const newProblem = (): Problem => ({ id: newItemId(), statement: '', goals: [newGoal()] });
export const newGoal = (): Goal => ({ id: newItemId(), statement: '', targetDate: null, objectives: [], interventions: [] });
export const newObjective = (): Objective => ({ id: newItemId(), statement: '', measure: '', targetDate: null });
export const newIntervention = (): Intervention => ({ id: newItemId(), statement: '' });

const replaceAt = <T>(list: readonly T[], index: number, next: T): T[] => list.map((x, i) => (i === index ? next : x));
const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);

export function updateProblem(c: PlanContent, i: number, f: (p: Problem) => Problem): PlanContent {
  const p = c.problems[i];
  return p ? { ...c, problems: replaceAt(c.problems, i, f(p)) } : c;
}

export function updateGoal(c: PlanContent, i: number, j: number, f: (g: Goal) => Goal): PlanContent {
  return updateProblem(c, i, (p) => {
    const g = p.goals[j];
    return g ? { ...p, goals: replaceAt(p.goals, j, f(g)) } : p;
  });
}

export const addProblem = (c: PlanContent): PlanContent => ({ ...c, problems: [...c.problems, newProblem()] });
export const removeProblem = (c: PlanContent, i: number): PlanContent => ({ ...c, problems: removeAt(c.problems, i) });
export const addGoal = (c: PlanContent, i: number): PlanContent => updateProblem(c, i, (p) => ({ ...p, goals: [...p.goals, newGoal()] }));
export const removeGoal = (c: PlanContent, i: number, j: number): PlanContent => updateProblem(c, i, (p) => ({ ...p, goals: removeAt(p.goals, j) }));

export function updateObjective(c: PlanContent, i: number, j: number, k: number, f: (o: Objective) => Objective): PlanContent {
  return updateGoal(c, i, j, (g) => {
    const o = g.objectives[k];
    return o ? { ...g, objectives: replaceAt(g.objectives, k, f(o)) } : g;
  });
}
export const addObjective = (c: PlanContent, i: number, j: number): PlanContent =>
  updateGoal(c, i, j, (g) => ({ ...g, objectives: [...g.objectives, newObjective()] }));
export const removeObjective = (c: PlanContent, i: number, j: number, k: number): PlanContent =>
  updateGoal(c, i, j, (g) => ({ ...g, objectives: removeAt(g.objectives, k) }));

export function updateIntervention(c: PlanContent, i: number, j: number, k: number, statement: string): PlanContent {
  return updateGoal(c, i, j, (g) => {
    const v = g.interventions[k];
    return v ? { ...g, interventions: replaceAt(g.interventions, k, { ...v, statement }) } : g;
  });
}
export const addIntervention = (c: PlanContent, i: number, j: number): PlanContent =>
  updateGoal(c, i, j, (g) => ({ ...g, interventions: [...g.interventions, newIntervention()] }));
export const removeIntervention = (c: PlanContent, i: number, j: number, k: number): PlanContent =>
  updateGoal(c, i, j, (g) => ({ ...g, interventions: removeAt(g.interventions, k) }));

export const toggleTheme = (c: PlanContent, themeId: string, on: boolean): PlanContent => ({
  ...c,
  themeIds: on ? [...new Set([...c.themeIds, themeId])] : c.themeIds.filter((t) => t !== themeId),
});

/** The problems, goals, objectives and interventions as indented text, for comparing two versions side by side. */
export function planOutline(c: PlanContent): string {
  const lines: string[] = [];
  c.problems.forEach((p, i) => {
    lines.push(`Problem ${i + 1}: ${p.statement.trim() || '(empty)'}`);
    p.goals.forEach((g, j) => {
      lines.push(`  Goal ${i + 1}.${j + 1}: ${g.statement.trim() || '(empty)'}${g.targetDate ? ` — by ${formatDay(g.targetDate)}` : ''}`);
      for (const o of g.objectives) {
        const measure = o.measure.trim() ? `; measured by ${o.measure.trim()}` : '';
        lines.push(`    Objective: ${o.statement.trim() || '(empty)'}${measure}${o.targetDate ? ` — by ${formatDay(o.targetDate)}` : ''}`);
      }
      for (const v of g.interventions) lines.push(`    Intervention: ${v.statement.trim() || '(empty)'}`);
    });
  });
  return lines.join('\n');
}
