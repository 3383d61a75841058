import { describe, expect, it } from 'vitest';
import {
  clinicalSignificance,
  DEFAULT_NOT_ON_TRACK_AFTER,
  nhsTalkingTherapiesOutcome,
  notOnTrackFor,
  reliableChange,
  reliableChangeFor,
} from './change.js';
import { gad7, k10, phq9, ucla3 } from './instruments/index.js';
import { inventedDayRatings, inventedGardenCheck } from './testing/invented.js';

describe('Jacobson & Truax reliable change', () => {
  // Jacobson & Truax 1991 (J Consult Clin Psychol 59:12–19): SEdiff = SD·√2·√(1−r), RCI = change/SEdiff, reliable at |RCI| ≥ 1.96.
  const table: [string, { sd: number; reliability: number; before: number; after: number; higherIsBetter?: boolean }, { seDiff: number; rci: number; reliable: boolean; direction: string }][] = [
    ['exactly 1.96 SEdiff down is reliable', { sd: 1, reliability: 0.5, before: 10, after: 8.04 }, { seDiff: 1, rci: -1.96, reliable: true, direction: 'improvement' }],
    ['just under 1.96 SEdiff is not', { sd: 1, reliability: 0.5, before: 10, after: 8.05 }, { seDiff: 1, rci: -1.95, reliable: false, direction: 'none' }],
    ['exactly 1.96 SEdiff up is a reliable deterioration', { sd: 1, reliability: 0.5, before: 10, after: 11.96 }, { seDiff: 1, rci: 1.96, reliable: true, direction: 'deterioration' }],
    ['up is improvement when higher is better', { sd: 1, reliability: 0.5, before: 10, after: 11.96, higherIsBetter: true }, { seDiff: 1, rci: 1.96, reliable: true, direction: 'improvement' }],
    ['down is deterioration when higher is better', { sd: 1, reliability: 0.5, before: 10, after: 8, higherIsBetter: true }, { seDiff: 1, rci: -2, reliable: true, direction: 'deterioration' }],
    ['SD 5, r 0.8: a 10-point fall', { sd: 5, reliability: 0.8, before: 20, after: 10 }, { seDiff: 5 * Math.sqrt(2) * Math.sqrt(0.2), rci: -10 / (5 * Math.sqrt(2) * Math.sqrt(0.2)), reliable: true, direction: 'improvement' }],
    ['SD 5, r 0.8: a 6-point fall is short of 6.20', { sd: 5, reliability: 0.8, before: 20, after: 14 }, { seDiff: 5 * Math.sqrt(0.4), rci: -6 / (5 * Math.sqrt(0.4)), reliable: false, direction: 'none' }],
    ['r 0: SEdiff is SD·√2', { sd: 2, reliability: 0, before: 0, after: 6 }, { seDiff: 2 * Math.SQRT2, rci: 6 / (2 * Math.SQRT2), reliable: true, direction: 'deterioration' }],
    ['no change', { sd: 3, reliability: 0.9, before: 7, after: 7 }, { seDiff: 3 * Math.sqrt(0.2), rci: 0, reliable: false, direction: 'none' }],
  ];

  it.each(table)('%s', (_what, input, expected) => {
    const r = reliableChange(input);
    expect(r.seDiff).toBeCloseTo(expected.seDiff, 10);
    expect(r.rci).toBeCloseTo(expected.rci, 10);
    expect(r.criticalChange).toBeCloseTo(1.96 * expected.seDiff, 10);
    expect([r.reliable, r.direction, r.change]).toEqual([expected.reliable, expected.direction, input.after - input.before]);
    expect(r.rule).toMatch(/^Jacobson & Truax 1991/);
  });

  it.each([
    [{ sd: 0, reliability: 0.5 }, 'The SD must be above 0; 0 was given.'],
    [{ sd: -2, reliability: 0.5 }, 'The SD must be above 0; -2 was given.'],
    [{ sd: 2, reliability: -0.1 }, 'The reliability must be at least 0 and below 1; -0.1 was given.'],
    [{ sd: 2, reliability: 1 }, 'The reliability must be at least 0 and below 1; 1 was given.'],
    [{ sd: 2, reliability: 1.2 }, 'The reliability must be at least 0 and below 1; 1.2 was given.'],
    [{ sd: Number.NaN, reliability: 0.5 }, 'The SD must be a number.'],
  ])('refuses %o', (settings, message) => {
    expect(() => reliableChange({ before: 1, after: 2, ...settings })).toThrow(message);
  });
});

describe('reliable change for an instrument', () => {
  // NHS Talking Therapies manual: reliable change is 6 points on the PHQ-9 and 4 on the GAD-7.
  const table: [string, typeof phq9, number, number, boolean, string][] = [
    ['PHQ-9', phq9, 15, 9, true, 'improvement'],
    ['PHQ-9', phq9, 15, 10, false, 'none'],
    ['PHQ-9', phq9, 9, 15, true, 'deterioration'],
    ['PHQ-9', phq9, 10, 15, false, 'none'],
    ['GAD-7', gad7, 12, 8, true, 'improvement'],
    ['GAD-7', gad7, 12, 9, false, 'none'],
    ['GAD-7', gad7, 4, 8, true, 'deterioration'],
  ];
  it.each(table)('%s %i → %i: reliable %s, %s', (_name, d, before, after, reliable, direction) => {
    const r = reliableChangeFor(d, before, after);
    expect([r.reliable, r.direction]).toEqual([reliable, direction]);
    expect(r.rule).toMatch(/^NHS Talking Therapies/);
  });

  it("uses the practice's SD and reliability instead, when set", () => {
    const r = reliableChangeFor(phq9, 15, 10, { sd: 2, reliability: 0.5 });
    expect(r.seDiff).toBe(2);
    expect([r.reliable, r.direction]).toEqual([true, 'improvement']);
    expect(r.rule).toMatch(/set by the practice/);
  });

  it("uses an imported instrument's own SD and reliability", () => {
    const garden = inventedGardenCheck();
    const r = reliableChangeFor(garden, 14, 10);
    // SD 3, r 0.82: SEdiff = 3·√0.36 = 1.8; RCI = −4/1.8 ≈ −2.22.
    expect(r.seDiff).toBeCloseTo(1.8, 12);
    expect(r.rci).toBeCloseTo(-2.2222, 4);
    expect([r.reliable, r.direction]).toEqual([true, 'improvement']);
  });

  it('asks for SD and reliability when the instrument has no rule', () => {
    expect(() => reliableChangeFor(ucla3, 8, 4)).toThrow('Three-item loneliness scale (UCLA-3) with the direct loneliness question has no reliable-change rule; set its SD and reliability in the practice settings.');
    expect(reliableChangeFor(k10, 30, 18, { sd: 6, reliability: 0.9 }).direction).toBe('improvement');
  });

  it('refuses totals the instrument cannot give', () => {
    expect(() => reliableChangeFor(phq9, 28, 10)).toThrow('Patient Health Questionnaire (PHQ-9) totals run from 0 to 27; the score before (28) is out of range.');
    expect(() => reliableChangeFor(k10, 20, 9, { sd: 6, reliability: 0.9 })).toThrow(/totals run from 10 to 50; the score after \(9\)/);
  });
});

describe('clinically significant change', () => {
  // Jacobson & Truax 1991 against the PHQ-9 cut-off of 10 (NHS Talking Therapies manual).
  const table: [number, number, boolean, string][] = [
    [15, 8, true, 'recovered'],
    [20, 13, false, 'improved'],
    [12, 10, false, 'unchanged'],
    [12, 9, false, 'unchanged'],
    [8, 15, false, 'deteriorated'],
    [9, 2, false, 'improved'],
  ];
  it.each(table)('PHQ-9 %i → %i: clinically significant %s (%s)', (before, after, significant, category) => {
    const r = clinicalSignificance(phq9, reliableChangeFor(phq9, before, after));
    expect([r.clinicallySignificant, r.category]).toEqual([significant, category]);
  });

  it('respects instruments where higher is better and the cut-off is below', () => {
    const days = inventedDayRatings();
    const r = clinicalSignificance(days, reliableChangeFor(days, 4, 15, { sd: 3, reliability: 0.8 }));
    expect(r).toMatchObject({ caseAtStart: true, caseAtEnd: false, clinicallySignificant: true, category: 'recovered' });
  });

  it('cannot be judged without a cut-off', () => {
    expect(() => clinicalSignificance(k10, reliableChangeFor(k10, 30, 12, { sd: 6, reliability: 0.9 }))).toThrow(/has no clinical cut-off/);
  });
});

describe('NHS Talking Therapies outcomes', () => {
  // NHS Talking Therapies for anxiety and depression Manual: caseness PHQ-9 ≥ 10 or GAD-7 ≥ 8; reliable change 6 (PHQ-9) and 4 (GAD-7);
  // reliable improvement on one measure with no reliable deterioration on the other (and the mirror image);
  // recovery = a case at the start and below both cut-offs at the end; reliable recovery = recovery with reliable improvement.
  const table: [string, [number, number], [number, number], Record<string, boolean | string>][] = [
    ['both fall below the cut-offs with reliable falls', [15, 7], [12, 5], { caseAtStart: true, caseAtEnd: false, reliableImprovement: true, reliableDeterioration: false, recovery: true, reliableRecovery: true, category: 'reliable-recovery' }],
    ['below the cut-offs without a reliable fall', [12, 9], [9, 7], { caseAtStart: true, caseAtEnd: false, reliableImprovement: false, recovery: true, reliableRecovery: false, category: 'recovery' }],
    ['exactly at the PHQ-9 cut-off at the start', [10, 9], [7, 7], { caseAtStart: true, caseAtEnd: false, recovery: true, category: 'recovery' }],
    ['exactly at the GAD-7 cut-off at the start', [9, 9], [8, 7], { caseAtStart: true, caseAtEnd: false, recovery: true, category: 'recovery' }],
    ['just below both cut-offs at the start', [9, 3], [7, 1], { caseAtStart: false, recovery: false, reliableImprovement: true, category: 'reliable-improvement' }],
    ['a reliable fall that stays a case', [20, 12], [15, 10], { caseAtStart: true, caseAtEnd: true, reliableImprovement: true, recovery: false, category: 'reliable-improvement' }],
    ['exactly the reliable PHQ-9 fall of 6', [16, 10], [5, 5], { reliableImprovement: true, caseAtEnd: true, category: 'reliable-improvement' }],
    ['a PHQ-9 fall of 5 is not reliable', [16, 11], [5, 5], { reliableImprovement: false, category: 'no-reliable-change' }],
    ['exactly the reliable GAD-7 fall of 4', [5, 5], [12, 8], { reliableImprovement: true, caseAtEnd: true, category: 'reliable-improvement' }],
    ['a GAD-7 fall of 3 is not reliable', [5, 5], [12, 9], { reliableImprovement: false, category: 'no-reliable-change' }],
    ['a reliable rise on the PHQ-9', [10, 16], [8, 9], { reliableDeterioration: true, reliableImprovement: false, category: 'reliable-deterioration' }],
    ['a reliable rise on the GAD-7 of exactly 4', [4, 4], [3, 7], { caseAtStart: false, reliableDeterioration: true, category: 'reliable-deterioration' }],
    ['one improves, the other deteriorates: neither counts', [18, 10], [6, 12], { reliableImprovement: false, reliableDeterioration: false, caseAtEnd: true, category: 'no-reliable-change' }],
    ['recovery with a reliable GAD-7 rise is shown as deterioration', [10, 9], [3, 7], { recovery: true, reliableRecovery: false, reliableDeterioration: true, category: 'reliable-deterioration' }],
    ['never a case, no change', [3, 4], [2, 2], { caseAtStart: false, caseAtEnd: false, recovery: false, category: 'no-reliable-change' }],
  ];

  it.each(table)('%s', (_what, phq, gad, expected) => {
    const r = nhsTalkingTherapiesOutcome({ phq9: phq, gad7: gad });
    expect(r).toMatchObject(expected);
    expect(Object.keys(r.rules).sort()).toEqual(['caseAtEnd', 'caseAtStart', 'category', 'recovery', 'reliableDeterioration', 'reliableImprovement', 'reliableRecovery']);
    expect(r.rules.recovery).toMatch(/^NHS Talking Therapies/);
  });

  it('reports each measure on its own too', () => {
    expect(nhsTalkingTherapiesOutcome({ phq9: [15, 7], gad7: [6, 9] }).gad7).toEqual({ first: 6, last: 9, change: 3, caseAtStart: false, caseAtEnd: true, reliableImprovement: false, reliableDeterioration: false });
  });

  it.each([
    [[28, 10], [10, 5], 'The first PHQ-9 score must be a whole number from 0 to 27; 28 was given.'],
    [[10, 5], [10, -1], 'The last GAD-7 score must be a whole number from 0 to 21; -1 was given.'],
    [[10.5, 5], [10, 5], 'The first PHQ-9 score must be a whole number from 0 to 27; 10.5 was given.'],
  ] as [[number, number], [number, number], string][])('refuses %o with %o', (phq, gad, message) => {
    expect(() => nhsTalkingTherapiesOutcome({ phq9: phq, gad7: gad })).toThrow(message);
  });
});

describe('not on track', () => {
  // Liminal's rule: reliably worse than the first score, or no reliable improvement by a set number of scores
  // (reliable change for the PHQ-9: 6 points, NHS Talking Therapies manual).
  const table: [string, number[], number | undefined, string[]][] = [
    ['a reliable rise from the first score', [12, 14, 18], undefined, ['reliably-worse']],
    ['a rise of 5 is not yet reliable', [12, 14, 17], undefined, []],
    ['no reliable fall by the sixth score', [15, 14, 13, 14, 13, 12], undefined, ['no-reliable-improvement']],
    ['five scores without a reliable fall are not yet late', [15, 14, 13, 14, 13], undefined, []],
    ['a reliable fall by the sixth score is on track', [15, 13, 11, 10, 9, 9], undefined, []],
    ['worse and late at once', [10, 12, 14, 15, 16, 16], undefined, ['reliably-worse', 'no-reliable-improvement']],
    ['a practice that expects improvement by the third score', [15, 14, 13], 3, ['no-reliable-improvement']],
    ['one score is too early to tell', [27], undefined, []],
  ];

  it.each(table)('%s', (_what, scores, after, reasons) => {
    const r = notOnTrackFor(phq9, scores, after === undefined ? {} : { after });
    expect(r.reasons.map((x) => x.key)).toEqual(reasons);
    expect(r.notOnTrack).toBe(reasons.length > 0);
    for (const reason of r.reasons) expect(reason.rule).toMatch(/^Liminal not-on-track rule: .*NHS Talking Therapies/);
  });

  it('defaults to six scores and refuses a count below two', () => {
    expect(DEFAULT_NOT_ON_TRACK_AFTER).toBe(6);
    expect(() => notOnTrackFor(phq9, [10, 11], { after: 1 })).toThrow('The not-on-track session count must be a whole number of at least 2; 1 was given.');
  });

  it('judges instruments where higher is better the right way round', () => {
    const days = inventedDayRatings();
    const setting = { sd: 2, reliability: 0.5 };
    expect(notOnTrackFor(days, [15, 10], { setting }).reasons.map((x) => x.key)).toEqual(['reliably-worse']);
    expect(notOnTrackFor(days, [5, 10], { setting }).notOnTrack).toBe(false);
  });
});
