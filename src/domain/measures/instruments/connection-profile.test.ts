import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors.js';
import { allItems, answerableItems, ordinalValue, parseInstrumentDefinition, requiredItems } from '../definition.js';
import { answersFromList, scoreResponse } from '../score.js';
import { connectionPlaces, connectionProfile, itemTextFor, wellbeingLevels } from './connection-profile.js';
import { shippedInstrumentIds } from './index.js';

const places = connectionPlaces.map((p) => p.linkId);
const levels = wellbeingLevels.map((l) => l.linkId);

/** Ten answers adding up to `sum`: each item filled to 10 in order, the rest left at 0. */
function answersSumming(sum: number): Record<string, number> {
  let left = sum;
  return Object.fromEntries(
    requiredItems(connectionProfile).map((item) => {
      const value = Math.min(10, left);
      left -= value;
      return [item.linkId, value];
    }),
  );
}

const same = (ids: readonly string[], value: number) => Object.fromEntries(ids.map((id) => [id, value]));

describe('the connection profile definition', () => {
  it('passes the checks an imported instrument must pass, and takes no shipped id', () => {
    expect(parseInstrumentDefinition(connectionProfile, { reservedIds: shippedInstrumentIds })).toEqual({ ok: true, definition: connectionProfile });
  });

  it('asks the five places of isolation, then the five levels of wellbeing, each from 0 (isolated) to 10 (connected)', () => {
    expect(requiredItems(connectionProfile).map((i) => i.linkId)).toEqual([
      'relationships', 'emotions', 'thoughts', 'body-environment', 'physical-health',
      'personal', 'familial', 'social', 'ecological', 'spiritual',
    ]);
    for (const item of answerableItems(connectionProfile)) {
      const options = item.answerOption ?? [];
      expect(options.map(ordinalValue)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect([options[0]?.valueCoding.display, options[10]?.valueCoding.display]).toEqual(['0 — isolated', '10 — connected']);
    }
  });

  it('speaks to the client in the item text and about the client in the practitioner’s prompt', () => {
    const worded = allItems(connectionProfile.questionnaire.item).filter((i) => i.type !== 'group');
    expect(worded).toHaveLength(11);
    for (const item of worded) {
      expect(itemTextFor(item, 'client')).toBe(item.text);
      expect(item.text).not.toMatch(/client/i);
      expect(itemTextFor(item, 'practitioner')).not.toBe(item.text);
      expect(itemTextFor(item, 'practitioner')).toMatch(/client/);
    }
  });

  it('labels its bands and sources as Liminal’s own and names the approach it follows, with no risk rules', () => {
    expect(connectionProfile.scoring.severity.source).toMatch(/^Liminal’s own/);
    expect(connectionProfile.citations.join(' ')).toMatch(/written for this product/);
    expect(connectionProfile.citations.join(' ')).toMatch(/Integrative Relational Health/);
    expect(connectionProfile.scoring.rules).toBeUndefined();
  });
});

describe('scoring the connection profile', () => {
  it('scores all answers at 0 as a mean of 0, largely isolated, with nothing raised', () => {
    const r = scoreResponse(connectionProfile, answersFromList(connectionProfile, Array(10).fill(0)));
    expect(r).toMatchObject({ total: 0, range: { min: 0, max: 10 }, subscales: { places: 0, levels: 0 }, risk: false, riskRules: [], flags: [] });
    expect(r.severity.key).toBe('largely-isolated');
  });

  it('scores all answers at 10 as a mean of 10, largely connected', () => {
    const r = scoreResponse(connectionProfile, answersFromList(connectionProfile, Array(10).fill(10)));
    expect([r.total, r.subscales, r.severity.key]).toEqual([10, { places: 10, levels: 10 }, 'largely-connected']);
  });

  it('keeps the places and the levels apart in their subscales', () => {
    const r = scoreResponse(connectionProfile, { ...same(places, 2), ...same(levels, 8) });
    expect([r.total, r.subscales]).toEqual([5, { places: 2, levels: 8 }]);
  });

  it('averages uneven answers within each subscale', () => {
    const r = scoreResponse(connectionProfile, answersFromList(connectionProfile, [1, 2, 3, 4, 5, 10, 10, 9, 7, 6]));
    expect([r.total, r.subscales]).toEqual([5.7, { places: 3, levels: 8.4 }]);
  });

  // Liminal's own bands: 0–1.9, 2–3.9, 4–6, 6.1–8, 8.1–10 on the mean of the ten answers.
  const bandTable: [number, string][] = [
    [0, 'largely-isolated'], [1.9, 'largely-isolated'],
    [2, 'leaning-isolated'], [3.9, 'leaning-isolated'],
    [4, 'in-between'], [5, 'in-between'], [6, 'in-between'],
    [6.1, 'leaning-connected'], [8, 'leaning-connected'],
    [8.1, 'largely-connected'], [10, 'largely-connected'],
  ];
  it.each(bandTable)('a mean of %s reads as %s', (mean, key) => {
    const r = scoreResponse(connectionProfile, answersSumming(Math.round(mean * 10)));
    expect(r.total).toBe(mean);
    expect(r.severity).toMatchObject({ key, source: connectionProfile.scoring.severity.source });
  });

  it('refuses a rating beyond the line, naming the question', () => {
    const answers = { ...answersSumming(50), spiritual: 11 };
    expect(() => scoreResponse(connectionProfile, answers)).toThrow(DomainError);
    expect(() => scoreResponse(connectionProfile, answers)).toThrow(/connection-profile question 10 .* must be one of 0, 1, 2, .*10; 11 is out of range/);
  });
});
