import { describe, expect, it } from 'vitest';
import { describePlanChanges, type PlanContent, publishProblems, reviewDue } from './plan.js';

const ids = { p: '00000000-0000-4000-8000-000000000001', g: '00000000-0000-4000-8000-000000000002', o: '00000000-0000-4000-8000-000000000003', i: '00000000-0000-4000-8000-000000000004' };
const base: PlanContent = {
  clientIntentions: 'To sleep again.',
  problems: [
    {
      id: ids.p,
      statement: 'Sleep broken since the accident',
      goals: [
        {
          id: ids.g,
          statement: 'Sleep through most nights',
          targetDate: '2027-02-01',
          objectives: [{ id: ids.o, statement: 'Five nights of six hours a week', measure: 'Sleep diary', targetDate: '2027-01-01' }],
          interventions: [{ id: ids.i, statement: 'Body-based grounding' }],
        },
      ],
    },
  ],
  themeIds: [],
};

describe('what changed between plan versions, in words', () => {
  it('calls the first version the first', () => {
    expect(describePlanChanges(null, base)).toEqual(['First version of the plan.']);
  });

  it('says so when nothing changed', () => {
    expect(describePlanChanges(base, structuredClone(base))).toEqual(['No changes from the previous version.']);
  });

  it('names rewording, moved target dates, new measures, removals, additions and linked themes', () => {
    const next = structuredClone(base);
    next.clientIntentions = 'To sleep, and to drive again.';
    const goal = next.problems[0]!.goals[0]!;
    goal.targetDate = '2027-03-01';
    goal.objectives[0]!.measure = 'Wearable';
    goal.interventions = [];
    goal.objectives.push({ id: '00000000-0000-4000-8000-000000000005', statement: 'Drives to the shop', measure: '', targetDate: null });
    next.themeIds = ['t1'];
    expect(describePlanChanges(base, next, (id) => (id === 't1' ? 'Control' : id))).toEqual([
      'The client’s intentions were rewritten.',
      'Goal “Sleep through most nights”: target date 2027-02-01 → 2027-03-01.',
      'Objective “Five nights of six hours a week”: how it is measured changed.',
      'Objective added: “Drives to the shop”.',
      'Intervention removed: “Body-based grounding”.',
      'Theme linked in: Control.',
    ]);
  });
});

describe('publishing a version', () => {
  it('needs content and a review date from today on', () => {
    expect(publishProblems({ clientIntentions: '', problems: [], themeIds: [] }, null, '2026-11-23')).toEqual({
      clientIntentions: expect.any(String),
      reviewDate: expect.any(String),
    });
    expect(Object.keys(publishProblems(base, '2026-11-22', '2026-11-23'))).toEqual(['reviewDate']);
    expect(publishProblems(base, '2026-11-23', '2026-11-23')).toEqual({});
  });

  it('asks for a statement on every problem and goal', () => {
    const blank = structuredClone(base);
    blank.problems[0]!.goals[0]!.statement = ' ';
    expect(Object.keys(publishProblems(blank, '2027-01-01', '2026-11-23'))).toEqual(['problems.0.goals.0.statement']);
  });

  it('makes a review due on its date, not before', () => {
    expect(reviewDue('2026-11-23', '2026-11-22')).toBe(false);
    expect(reviewDue('2026-11-23', '2026-11-23')).toBe(true);
    expect(reviewDue(null, '2026-11-23')).toBe(false);
  });
});
