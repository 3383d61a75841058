import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.js';
import { importInstrumentDefinition, type InstrumentDefinition, parseInstrumentDefinition, totalRange, totalIsWhole } from './definition.js';
import { shippedInstrumentIds, shippedInstruments } from './instruments/index.js';
import { inventedDayRatings, inventedGardenCheck } from './testing/invented.js';

/** The problems a definition has, as `path: message` lines. */
function problemsOf(input: unknown): string[] {
  const result = parseInstrumentDefinition(input, { reservedIds: shippedInstrumentIds });
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}

function garden(change: (d: InstrumentDefinition & Record<string, unknown>) => void): unknown {
  const d = inventedGardenCheck() as InstrumentDefinition & Record<string, unknown>;
  change(d);
  return d;
}

const items = (d: InstrumentDefinition) => d.questionnaire.item as unknown as Record<string, unknown>[];

describe('importing an instrument definition', () => {
  it('accepts an invented instrument with groups, reverse-scored items, subscales and rules, unchanged', () => {
    const input = inventedGardenCheck();
    const result = parseInstrumentDefinition(input);
    expect(result).toEqual({ ok: true, definition: input });
    expect(totalRange(input)).toEqual({ min: 0, max: 16 });
  });

  it('accepts decimal items with a range and bands that leave room between decimals', () => {
    const input = inventedDayRatings();
    expect(problemsOf(input)).toEqual([]);
    expect(totalIsWhole(input)).toBe(false);
    expect(totalRange(input)).toEqual({ min: 0, max: 20 });
  });

  it('keeps FHIR fields it does not use, so an exported Questionnaire survives the round trip', () => {
    const input = garden((d) => Object.assign(d.questionnaire, { meta: { profile: ['http://hl7.org/fhir/StructureDefinition/Questionnaire'] }, date: '2026-01-01' }));
    const result = parseInstrumentDefinition(input);
    expect(result.ok && (result.definition.questionnaire as Record<string, unknown>).date).toBe('2026-01-01');
  });

  // Each row: what is wrong with the invented instrument, and the path and words the admin sees.
  const cases: [string, (d: InstrumentDefinition & Record<string, unknown>) => void, string][] = [
    ['a missing title', (d) => delete (d.questionnaire as Record<string, unknown>).title, 'questionnaire.title: is missing (text is needed)'],
    ['a resource that is not a Questionnaire', (d) => Object.assign(d.questionnaire, { resourceType: 'Observation' }), 'questionnaire.resourceType: must be "Questionnaire"'],
    ['an unknown status', (d) => Object.assign(d.questionnaire, { status: 'published' }), 'questionnaire.status: must be one of "draft", "active", "retired", "unknown"'],
    ['an id with capitals', (d) => Object.assign(d.questionnaire, { id: 'Garden_Check' }), 'questionnaire.id: the id names the instrument everywhere'],
    ['a url that is not a URL', (d) => Object.assign(d.questionnaire, { url: 'garden check' }), 'questionnaire.url: should be a URL'],
    ['an answer without a score', (d) => delete (items(d)[2]?.answerOption as Record<string, unknown>[])[2]?.extension, 'questionnaire.item[2].answerOption[2]: the answer “Sometimes” has no score'],
    ['two answers with the same score', (d) => ((items(d)[2]?.answerOption as { extension: { valueDecimal: number }[] }[])[1]!.extension[0]!.valueDecimal = 0), 'questionnaire.item[2].answerOption[1]: two answers of “s1” score 0'],
    ['a linkId used twice', (d) => Object.assign(items(d)[2]!, { linkId: 's2' }), 'questionnaire.item[3].linkId: the linkId “s2” is used twice'],
    ['an item type Liminal does not score', (d) => Object.assign(items(d)[2]!, { type: 'open-choice' }), 'questionnaire.item[2].type: must be one of "choice", "integer", "decimal", "display", "group"'],
    ['a total that counts an unknown item', (d) => d.scoring.total.items.push('w3'), 'scoring.total.items[4]: the total names “w3”, which is not an answered item'],
    ['a total that counts an optional item', (d) => d.scoring.total.items.push('note'), 'scoring.total.items[4]: the total counts “note”, so it must be required'],
    ['a misspelt scoring field', (d) => Object.assign(d.scoring, { revrseScored: ['w2'] }), 'scoring: has a field Liminal does not know: “revrseScored”'],
    ['a gap between bands', (d) => (d.scoring.severity.bands[1]!.min = 7), 'scoring.severity.bands[1].min: the band “patchy” starts at 7 but the band before ends at 5; with whole-number totals it must start at 6'],
    ['bands that stop short of the highest total', (d) => (d.scoring.severity.bands[2]!.max = 15), 'scoring.severity.bands[2].max: the last band must end at the highest possible total, 16, not 15'],
    ['bands that start above the lowest total', (d) => (d.scoring.severity.bands[0]!.min = 1), 'scoring.severity.bands[0].min: the first band must start at the lowest possible total, 0, not 1'],
    ['a band key that is not kebab-case', (d) => (d.scoring.severity.bands[0]!.key = 'Flourishing Well'), 'scoring.severity.bands[0].key: use lower-case letters, digits and single hyphens (kebab-case)'],
    ['a cut-off outside the possible totals', (d) => (d.scoring.caseness!.value = 17), 'scoring.caseness.value: 17 is outside the possible totals (0–16)'],
    ['a reliability of 1', (d) => (d.scoring.reliableChange!.reliability = 1), 'scoring.reliableChange.reliability: reliability must be below 1'],
    ['reliable change with neither a threshold nor both SD and reliability', (d) => delete d.scoring.reliableChange!.sd, 'scoring.reliableChange: give a threshold in points, or both sd and reliability'],
    ['a rule about an unknown item', (d) => Object.assign(d.scoring.rules![0]!.when, { linkId: 'n0te' }), 'scoring.rules[0].when.linkId: the rule “give-away” looks at “n0te”, which is not an answered item'],
    ['a rule of an unknown kind', (d) => Object.assign(d.scoring.rules![0]!, { kind: 'alarm' }), 'scoring.rules[0].kind: must be one of "risk", "flag"'],
    ['no citation', (d) => (d.citations = []), 'citations: needs at least 1 entry'],
    ['the id of a shipped instrument', (d) => Object.assign(d.questionnaire, { id: 'phq-9' }), 'questionnaire.id: “phq-9” is already the id of an instrument Liminal ships'],
  ];

  it.each(cases)('refuses %s, naming where and what', (_what, change, expected) => {
    const problems = problemsOf(garden(change));
    expect(problems.some((p) => p.startsWith(expected)), `${problems.join('\n')}\nwanted: ${expected}`).toBe(true);
  });

  it('refuses decimal bands that overlap, and decimal items without a range', () => {
    const overlapping = inventedDayRatings();
    overlapping.scoring.severity.bands[1]!.min = 9.5;
    expect(problemsOf(overlapping)).toEqual(['scoring.severity.bands[1].min: the band “good-day” starts at 9.5, inside the band before (which ends at 9.9)']);
    const unbounded = inventedDayRatings();
    delete unbounded.questionnaire.item[0]!.extension;
    expect(problemsOf(unbounded)[0]).toMatch(/^questionnaire\.item\[0\]\.extension: the decimal item “morning” needs minValue and maxValue/);
  });

  it('refuses an instrument whose totals could run past 499 either side of zero', () => {
    const huge = inventedDayRatings();
    for (const item of huge.questionnaire.item) (item.extension as Array<{ url: string; valueDecimal: number }>)[1]!.valueDecimal = 300;
    huge.scoring.severity.bands[1]!.max = 600;
    expect(problemsOf(huge)).toContain("scoring.total: totals must lie between −499 and 499; this instrument's run from 0 to 600");
  });

  it('reports every problem at once, not only the first', () => {
    const problems = problemsOf(
      garden((d) => {
        d.scoring.severity.bands[0]!.key = 'Bad Key';
        d.citations = [];
        delete (d.questionnaire as Record<string, unknown>).name;
      }),
    );
    expect(problems.length).toBeGreaterThanOrEqual(3);
  });

  it('says what is wrong with something that is not a definition at all', () => {
    expect(problemsOf('a spreadsheet')).toEqual(['(the whole definition): should be an object']);
    expect(problemsOf({})).toEqual(expect.arrayContaining(['questionnaire: is missing (an object is needed)', 'scoring: is missing (an object is needed)']));
  });

  it('throws an invalid DomainError with a field per problem when importing', () => {
    const input = garden((d) => (d.scoring.severity.bands[2]!.max = 15));
    try {
      importInstrumentDefinition(input);
      expect.unreachable('the import should be refused');
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe('invalid');
      expect(isDomainError(e) && e.fields).toEqual({ 'scoring.severity.bands[2].max': 'the last band must end at the highest possible total, 16, not 15' });
      expect((e as Error).message).toBe('The instrument definition cannot be imported: scoring.severity.bands[2].max: the last band must end at the highest possible total, 16, not 15.');
    }
  });
});

describe('the shipped instruments', () => {
  it.each(shippedInstruments.map((d) => [d.questionnaire.id, d] as const))('%s passes the same checks as an import, unchanged', (_id, d) => {
    expect(parseInstrumentDefinition(d)).toEqual({ ok: true, definition: d });
  });

  it('are the six the issue names, each citing its source', () => {
    expect(shippedInstrumentIds).toEqual(['phq-9', 'phq-2', 'gad-7', 'gad-2', 'ucla-3', 'k10']);
    for (const d of shippedInstruments) expect(d.citations.length).toBeGreaterThan(0);
  });
});
