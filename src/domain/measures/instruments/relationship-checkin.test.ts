import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors.js';
import { answerableItems, ordinalValue, parseInstrumentDefinition, requiredItems } from '../definition.js';
import { answersFromList, scoreResponse } from '../score.js';
import { shippedInstrumentIds } from './index.js';
import { checkinDropped, relationshipCheckin } from './relationship-checkin.js';

/** Five answers adding up to `total`: each filled to 10 in order, the rest left at 0. */
function answersSumming(total: number): Record<string, number> {
  let left = total;
  return Object.fromEntries(
    requiredItems(relationshipCheckin).map((item) => {
      const value = Math.min(10, left);
      left -= value;
      return [item.linkId, value];
    }),
  );
}

describe('the relationship check-in definition', () => {
  it('passes the checks an imported instrument must pass, and takes no shipped id', () => {
    expect(parseInstrumentDefinition(relationshipCheckin, { reservedIds: shippedInstrumentIds })).toEqual({ ok: true, definition: relationshipCheckin });
  });

  it('asks five statements of its own, each from 0 (not at all) to 10 (completely)', () => {
    expect(requiredItems(relationshipCheckin).map((i) => i.linkId)).toEqual(['listened', 'mattered', 'way-of-working', 'could-say', 'connected']);
    for (const item of answerableItems(relationshipCheckin)) {
      const options = item.answerOption ?? [];
      expect(options.map(ordinalValue)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect([options[0]?.valueCoding.display, options[10]?.valueCoding.display]).toEqual(['0 — not at all', '10 — completely']);
    }
  });

  it('labels its bands and its flag as Liminal’s own', () => {
    expect(relationshipCheckin.scoring.severity.source).toMatch(/^Liminal’s own/);
    expect(relationshipCheckin.scoring.rules?.map((r) => [r.key, r.kind, r.source.startsWith('Liminal’s own')])).toEqual([['low-checkin', 'flag', true]]);
  });
});

describe('scoring the relationship check-in', () => {
  it('adds the five answers, higher is better', () => {
    const r = scoreResponse(relationshipCheckin, answersFromList(relationshipCheckin, [10, 9, 8, 7, 6]));
    expect([r.total, r.range]).toEqual([40, { min: 0, max: 50 }]);
    expect(relationshipCheckin.scoring.direction).toBe('higher-is-better');
  });

  // Liminal's own bands: 0–34 worth talking about (and flagged), 35–42 mostly good, 43–50 going well.
  const table: [number, string, boolean][] = [
    [0, 'worth-talking-about', true], [34, 'worth-talking-about', true],
    [35, 'mostly-good', false], [42, 'mostly-good', false],
    [43, 'going-well', false], [50, 'going-well', false],
  ];
  it.each(table)('a total of %i reads as %s, flagged: %s', (total, key, flagged) => {
    const r = scoreResponse(relationshipCheckin, answersSumming(total));
    expect([r.total, r.severity.key]).toEqual([total, key]);
    expect(r.flags.map((f) => f.key)).toEqual(flagged ? ['low-checkin'] : []);
  });

  it('never raises a risk alert, however low the check-in', () => {
    const r = scoreResponse(relationshipCheckin, answersSumming(0));
    expect([r.risk, r.riskRules]).toEqual([false, []]);
  });
});

describe('a drop in the check-in', () => {
  it('is not a drop at the first check-in, with nothing to compare', () => {
    expect(checkinDropped([], 5)).toMatchObject({ dropped: false, rule: expect.stringMatching(/^The first check-in/) });
  });

  it('is a drop at exactly 20% below the mean of the last three, and not one point above that', () => {
    expect(checkinDropped([40, 40, 40], 32)).toEqual({
      dropped: true,
      rule: expect.stringMatching(/^Latest total 32 is 20% below 40, the mean of the last 3 check-ins\. Liminal’s own rule/),
    });
    expect(checkinDropped([40, 40, 40], 33)).toMatchObject({ dropped: false, rule: expect.stringMatching(/^Latest total 33 is 17% below 40/) });
  });

  it('compares against a mean that is not a whole number without rounding it away', () => {
    // Mean 40.67: 80% of it is 32.53, so 32 is a drop and 33 is not.
    expect(checkinDropped([40, 41, 41], 32).dropped).toBe(true);
    expect(checkinDropped([40, 41, 41], 33)).toMatchObject({ dropped: false, rule: expect.stringMatching(/is 18% below 40\.7/) });
  });

  it('looks only at the last three check-ins', () => {
    // With the 10 counted the mean would be 32.5 and 32 would be no drop.
    expect(checkinDropped([10, 40, 40, 40], 32).dropped).toBe(true);
    expect(checkinDropped([40, 40, 40, 10], 32).dropped).toBe(false);
  });

  it('uses the check-ins there are when there are fewer than three', () => {
    expect(checkinDropped([45], 36)).toMatchObject({ dropped: true, rule: expect.stringMatching(/below 45, the check-in before/) });
    expect(checkinDropped([45], 37).dropped).toBe(false);
    expect(checkinDropped([45, 35], 32)).toMatchObject({ dropped: true, rule: expect.stringMatching(/the mean of the last 2 check-ins/) });
  });

  it('is not a drop when the check-in holds steady or rises, even from nothing', () => {
    expect(checkinDropped([30, 30, 30], 30)).toMatchObject({ dropped: false, rule: expect.stringMatching(/is not below 30/) });
    expect(checkinDropped([30, 30, 30], 45).dropped).toBe(false);
    expect(checkinDropped([0, 0, 0], 0).dropped).toBe(false);
  });

  it('refuses totals that are not numbers', () => {
    expect(() => checkinDropped([40, Number.NaN], 30)).toThrow(DomainError);
    expect(() => checkinDropped([40], Number.POSITIVE_INFINITY)).toThrow(/must be numbers/);
  });
});
