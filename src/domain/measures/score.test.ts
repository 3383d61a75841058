import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { type InstrumentDefinition, itemRange, requiredItems } from './definition.js';
import { gad2, gad7, k10, phq2, phq9, ucla3 } from './instruments/index.js';
import { answersFromList, scoreResponse } from './score.js';
import { inventedDayRatings, inventedGardenCheck } from './testing/invented.js';

/**
 * Answers that add up to `total`: each scored item takes its lowest value, then items are filled
 * up in order. `keepZero` leaves those items at their lowest (e.g. PHQ-9 item 9, to keep risk out).
 */
function answersForTotal(definition: InstrumentDefinition, total: number, keepZero: readonly string[] = []): Record<string, number> {
  const items = requiredItems(definition);
  const answers = Object.fromEntries(items.map((i) => [i.linkId, itemRange(i)!.min]));
  let left = total - Object.values(answers).reduce((a, b) => a + b, 0);
  for (const item of items) {
    if (keepZero.includes(item.linkId)) continue;
    const room = itemRange(item)!.max - answers[item.linkId]!;
    const add = Math.min(room, left);
    answers[item.linkId]! += add;
    left -= add;
  }
  if (left !== 0) throw new Error(`cannot reach ${total}`);
  return answers;
}

const bandOf = (d: InstrumentDefinition, total: number, keepZero: readonly string[] = []) => {
  const r = scoreResponse(d, answersForTotal(d, total, keepZero));
  expect(r.total).toBe(total);
  return r.severity.key;
};

describe('severity bands at every boundary', () => {
  // Kroenke, Spitzer & Williams 2001 (J Gen Intern Med 16:606): 5, 10, 15, 20 → mild, moderate, moderately severe, severe.
  const phq9Table: [number, string][] = [
    [0, 'none-minimal'], [4, 'none-minimal'],
    [5, 'mild'], [9, 'mild'],
    [10, 'moderate'], [14, 'moderate'],
    [15, 'moderately-severe'], [19, 'moderately-severe'],
    [20, 'severe'], [27, 'severe'],
  ];
  it.each(phq9Table)('PHQ-9 total %i is %s', (total, key) => expect(bandOf(phq9, total, total <= 24 ? ['9'] : [])).toBe(key));

  // Spitzer, Kroenke, Williams & Löwe 2006 (Arch Intern Med 166:1092): 5, 10, 15 → mild, moderate, severe.
  const gad7Table: [number, string][] = [
    [0, 'minimal'], [4, 'minimal'],
    [5, 'mild'], [9, 'mild'],
    [10, 'moderate'], [14, 'moderate'],
    [15, 'severe'], [21, 'severe'],
  ];
  it.each(gad7Table)('GAD-7 total %i is %s', (total, key) => expect(bandOf(gad7, total)).toBe(key));

  // Andrews & Slade 2001 (Aust N Z J Public Health 25:494): 10–15 low, 16–21 moderate, 22–29 high, 30–50 very high.
  const k10Table: [number, string][] = [
    [10, 'low'], [15, 'low'],
    [16, 'moderate'], [21, 'moderate'],
    [22, 'high'], [29, 'high'],
    [30, 'very-high'], [50, 'very-high'],
  ];
  it.each(k10Table)('K10 total %i is %s', (total, key) => expect(bandOf(k10, total)).toBe(key));

  // Campaign to End Loneliness 2015 (after earlier research): 3–5 not lonely, 6–9 lonely.
  const ucla3Table: [number, string, boolean][] = [
    [3, 'not-lonely', false], [5, 'not-lonely', false],
    [6, 'lonely', true], [9, 'lonely', true],
  ];
  it.each(ucla3Table)('UCLA-3 total %i is %s', (total, key, isCase) => {
    const r = scoreResponse(ucla3, answersForTotal(ucla3, total));
    expect([r.total, r.severity.key, r.isCase]).toEqual([total, key, isCase]);
  });
});

describe('screeners', () => {
  // Kroenke, Spitzer & Williams 2003 (PHQ-2) and Kroenke et al. 2007 (GAD-2): a score of 3 or more is a positive screen.
  const table: [string, number, boolean, InstrumentDefinition][] = [
    ['PHQ-2', 0, false, phq2], ['PHQ-2', 2, false, phq2], ['PHQ-2', 3, true, phq2], ['PHQ-2', 6, true, phq2],
    ['GAD-2', 0, false, gad2], ['GAD-2', 2, false, gad2], ['GAD-2', 3, true, gad2], ['GAD-2', 6, true, gad2],
  ];
  it.each(table)('%s total %i: positive screen %s', (_name, total, positive, d) => {
    const r = scoreResponse(d, answersForTotal(d, total));
    expect(r.positiveScreen).toBe(positive);
    expect(r.severity.key).toBe(positive ? 'positive' : 'negative');
  });

  it('only screeners report a positive screen', () => {
    expect(scoreResponse(phq9, answersForTotal(phq9, 12, ['9']))).not.toHaveProperty('positiveScreen');
    expect(scoreResponse(k10, answersForTotal(k10, 12))).not.toHaveProperty('positiveScreen');
  });
});

describe('caseness', () => {
  // NHS Talking Therapies manual: PHQ-9 ≥ 10 and GAD-7 ≥ 8 are cases.
  const table: [string, number, boolean, InstrumentDefinition][] = [
    ['PHQ-9', 9, false, phq9], ['PHQ-9', 10, true, phq9],
    ['GAD-7', 7, false, gad7], ['GAD-7', 8, true, gad7],
  ];
  it.each(table)('%s total %i is a case: %s', (_name, total, isCase, d) => {
    expect(scoreResponse(d, answersForTotal(d, total, ['9'])).isCase).toBe(isCase);
  });
});

describe('risk', () => {
  it('PHQ-9 item 9 above “Not at all” alerts even at a minimal total', () => {
    const answers = answersFromList(phq9, [0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const r = scoreResponse(phq9, answers);
    expect(r.total).toBe(1);
    expect(r.severity.key).toBe('none-minimal');
    expect(r.risk).toBe(true);
    expect(r.riskRules.map((h) => h.key)).toEqual(['phq9-item-9']);
    expect(r.riskRules[0]!.source).toMatch(/Kroenke, Spitzer & Williams 2001/);
  });

  it('a severe PHQ-9 with item 9 at “Not at all” raises no alert', () => {
    const r = scoreResponse(phq9, answersFromList(phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0]));
    expect([r.total, r.severity.key, r.risk, r.riskRules]).toEqual([24, 'severe', false, []]);
  });

  it.each([1, 2, 3])('PHQ-9 item 9 answered %i alerts', (value) => {
    expect(scoreResponse(phq9, { ...answersForTotal(phq9, 0), 9: value }).risk).toBe(true);
  });

  it('the instruments without risk rules never alert', () => {
    for (const d of [phq2, gad7, gad2, ucla3, k10]) {
      const highest = answersForTotal(d, scoreRangeMax(d));
      expect(scoreResponse(d, highest).risk).toBe(false);
    }
  });
});

function scoreRangeMax(d: InstrumentDefinition): number {
  return requiredItems(d).reduce((sum, i) => sum + itemRange(i)!.max, 0);
}

describe('the UCLA-3 with the direct loneliness question', () => {
  it('scores the three scale items and reports the direct question beside them', () => {
    const r = scoreResponse(ucla3, { 1: 1, 2: 1, 3: 2, direct: 5 });
    expect(r.total).toBe(4);
    expect(r.answers.direct).toBe(5);
    expect(r.flags.map((f) => f.key)).toEqual(['lonely-often-or-always']);
    expect(r.risk).toBe(false);
  });

  it('does not need the direct question, and does not flag lower answers to it', () => {
    expect(scoreResponse(ucla3, { 1: 3, 2: 3, 3: 3 }).flags).toEqual([]);
    expect(scoreResponse(ucla3, { 1: 3, 2: 3, 3: 3, direct: 4 }).flags).toEqual([]);
  });
});

describe('refusing answers that cannot be scored', () => {
  const fail = (d: InstrumentDefinition, answers: Record<string, number>) => {
    try {
      scoreResponse(d, answers);
    } catch (e) {
      if (e instanceof DomainError) return { code: e.code, message: e.message, fields: e.fields };
      throw e;
    }
    throw new Error('expected a refusal');
  };
  const nine = answersFromList(phq9, [0, 1, 2, 3, 0, 1, 2, 3, 1]);

  it('names the one question left unanswered', () => {
    const { 3: _skipped, ...rest } = nine;
    expect(fail(phq9, rest)).toEqual({
      code: 'invalid',
      message: 'phq-9 question 3 (“Trouble falling or staying asleep, or sleeping…”) is not answered; every question of phq-9 needs an answer.',
      fields: { 3: 'needs an answer' },
    });
  });

  it('lists several unanswered questions', () => {
    expect(fail(gad7, { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }).message).toBe('gad-7 needs an answer to every question; questions 6, 7 are not answered.');
  });

  it.each([
    [4, 'must be one of 0, 1, 2, 3; 4 is out of range'],
    [-1, 'must be one of 0, 1, 2, 3; -1 is out of range'],
    [1.5, 'must be one of 0, 1, 2, 3; 1.5 is out of range'],
  ])('refuses %s on a PHQ-9 question', (value, words) => {
    expect(fail(phq9, { ...nine, 4: value }).message).toBe(`The answer to phq-9 question 4 (“Feeling tired or having little energy”) ${words}.`);
  });

  it('refuses NaN, unknown questions and out-of-range optional answers', () => {
    expect(fail(phq9, { ...nine, 2: Number.NaN }).message).toMatch(/is not a number/);
    expect(fail(phq9, { ...nine, 10: 0 }).message).toBe('“10” is not a question of phq-9.');
    expect(fail(ucla3, { 1: 1, 2: 1, 3: 1, direct: 6 }).message).toMatch(/question 4 \(“How often do you feel lonely\?”\) must be one of 1, 2, 3, 4, 5/);
    expect(fail(k10, { ...answersForTotal(k10, 10), 1: 0 }).message).toMatch(/must be one of 1, 2, 3, 4, 5; 0 is out of range/);
  });

  it('needs exactly one value per required question when answers come as a list', () => {
    expect(() => answersFromList(phq9, [0, 1, 2])).toThrow('phq-9 has 9 questions to answer; 3 answers were given.');
    expect(() => answersFromList(phq2, [0, 1, 2])).toThrow('phq-2 has 2 questions to answer; 3 answers were given.');
    expect(answersFromList(ucla3, [1, 2, 3])).toEqual({ 1: 1, 2: 2, 3: 3 });
  });
});

describe('scoring an imported instrument', () => {
  const garden = inventedGardenCheck();

  it('reverse-scores the items it names, in the total and the subscales', () => {
    // w2 and s2 are reverse-scored on 0–4: 4 − value.
    const r = scoreResponse(garden, { w1: 4, w2: 0, s1: 3, s2: 1 });
    expect(r.total).toBe(4 + 4 + 3 + 3);
    expect(r.subscales).toEqual({ weeds: 8, seedlings: 3 });
    expect(r.severity).toMatchObject({ key: 'overgrown', label: 'Overgrown' });
    expect(r.isCase).toBe(true);
  });

  it('fires risk rules on the answer as given, and flags on subscales', () => {
    const r = scoreResponse(garden, { w1: 0, w2: 4, s1: 3, s2: 1, note: 3 });
    expect(r.riskRules.map((h) => h.key)).toEqual(['give-away']);
    expect(r.flags.map((h) => h.key)).toEqual(['wilting']);
    expect(scoreResponse(garden, { w1: 0, w2: 4, s1: 0, s2: 4, note: 2 }).risk).toBe(false);
  });

  it('adds decimal answers without floating-point noise and finds the band between decimals', () => {
    const days = inventedDayRatings();
    expect(scoreResponse(days, { morning: 7.3, evening: 5.1 })).toMatchObject({ total: 12.4, severity: { key: 'good-day' }, isCase: false });
    expect(scoreResponse(days, { morning: 4.95, evening: 5 })).toMatchObject({ total: 9.95, severity: { key: 'hard-day' }, isCase: true });
    expect(() => scoreResponse(days, { morning: 10.5, evening: 5 })).toThrow(/must be a number from 0 to 10/);
  });

  it('leaves the answers it was given untouched', () => {
    const answers = Object.freeze({ w1: 1, w2: 2, s1: 3, s2: 4 });
    const r = scoreResponse(garden, answers);
    expect(answers).toEqual({ w1: 1, w2: 2, s1: 3, s2: 4 });
    expect(r.answers).not.toBe(answers);
  });
});
