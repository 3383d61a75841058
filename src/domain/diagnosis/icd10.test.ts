import { describe, expect, it } from 'vitest';
import data from './icd10cm.json' with { type: 'json' };
import { icd10AttributionText, icd10Edition } from './attribution.js';
import { findCode, icd10Attribution, isBillable, searchIcd10 } from './icd10.js';

const codes = (results: { code: string }[]) => results.map((r) => r.code);

describe('looking a code up', () => {
  it('finds F41.1 as generalized anxiety disorder, a billable code', () => {
    expect(findCode('F41.1')).toEqual({ code: 'F41.1', description: 'Generalized anxiety disorder', billable: true });
    expect(isBillable('F41.1')).toBe(true);
  });

  it('knows F41 as a category heading that cannot be recorded', () => {
    expect(findCode('F41')).toEqual({ code: 'F41', description: 'Other anxiety disorders', billable: false });
    expect(isBillable('F41')).toBe(false);
  });

  it('accepts a code typed in lower case, without its dot or with spaces around it', () => {
    expect(findCode('f41.1')?.code).toBe('F41.1');
    expect(findCode('F411')?.code).toBe('F41.1');
    expect(findCode(' z59.811 ')?.code).toBe('Z59.811');
    expect(findCode('f32a')?.code).toBe('F32.A');
  });

  it('answers null for a code it does not hold and false for its billability', () => {
    expect(findCode('J45.909')).toBeNull();
    expect(findCode('')).toBeNull();
    expect(isBillable('Z63.2')).toBe(false);
  });

  it('follows FY2026: F43.8 is now a heading over prolonged grief disorder', () => {
    expect(isBillable('F43.8')).toBe(false);
    expect(findCode('F43.81')).toEqual({ code: 'F43.81', description: 'Prolonged grief disorder', billable: true });
  });
});

describe('searching', () => {
  it('lists the billable codes under a category before the heading itself', () => {
    const found = searchIcd10('F41');
    expect(codes(found)).toEqual(['F41.0', 'F41.1', 'F41.3', 'F41.8', 'F41.9', 'F41']);
  });

  it('puts the exact code first when it is billable, typed with or without the dot', () => {
    expect(searchIcd10('f41.1')[0]?.code).toBe('F41.1');
    expect(searchIcd10('F411')[0]?.code).toBe('F41.1');
  });

  it('ranks an exact billable code above longer codes that start with it', () => {
    expect(codes(searchIcd10('R45.85'))).toEqual(['R45.850', 'R45.851', 'R45.85']);
    expect(codes(searchIcd10('Z59.8', 3))).toEqual(['Z59.811', 'Z59.812', 'Z59.819']);
  });

  it('finds the housing circumstances (Z59) by the word housing, billable codes first', () => {
    const found = searchIcd10('housing', 50);
    expect(found.length).toBeGreaterThan(5);
    expect(found.every((r) => r.code.startsWith('Z59'))).toBe(true);
    expect(found.map((r) => r.code)).toContain('Z59.811');
    const firstHeading = found.findIndex((r) => !r.billable);
    expect(found.slice(firstHeading).every((r) => !r.billable)).toBe(true);
  });

  it('finds family and systemic circumstances by words such as divorce and discrimination', () => {
    expect(codes(searchIcd10('divorce'))).toEqual(['Z63.5']);
    expect(codes(searchIcd10('discrimination'))).toEqual(['Z60.5']);
    expect(codes(searchIcd10('racism'))).toEqual(['Z60.5']);
    expect(codes(searchIcd10('loneliness'))).toEqual(['Z60.2', 'Z60.4']);
  });

  it('matches words in any order and at the start of words', () => {
    const a = codes(searchIcd10('anxiety generalized'));
    const b = codes(searchIcd10('general anx'));
    expect(a).toContain('F41.1');
    expect(b).toEqual(a);
  });

  it('needs every word to match', () => {
    expect(codes(searchIcd10('divorce housing'))).toEqual([]);
  });

  it('ignores case and accents', () => {
    expect(codes(searchIcd10('DÉPRESSION'))).toEqual(codes(searchIcd10('depression')));
    expect(searchIcd10('Dépression').length).toBeGreaterThan(0);
  });

  it('reads hyphenated words either way', () => {
    expect(codes(searchIcd10('burnout'))).toEqual(['Z73.0']);
    expect(codes(searchIcd10('burn-out'))).toEqual(['Z73.0']);
    expect(searchIcd10('self-harm', 5)[0]?.code).toBe('R45.88');
  });

  it('mixes a code and words', () => {
    expect(codes(searchIcd10('F43 grief'))).toEqual(['F43.81']);
  });

  it('returns nothing for an empty or blank query', () => {
    expect(searchIcd10('')).toEqual([]);
    expect(searchIcd10('   ')).toEqual([]);
    expect(searchIcd10('...')).toEqual([]);
  });

  it('returns at most the limit, 20 by default', () => {
    expect(searchIcd10('F')).toHaveLength(20);
    expect(searchIcd10('disorder', 7)).toHaveLength(7);
  });

  it('keeps tabular order among matches of the same kind', () => {
    const found = searchIcd10('suicidal', 50);
    const index = (code: string) => data.codes.findIndex((row) => row[0] === code);
    const orders = found.filter((r) => r.billable).map((r) => index(r.code));
    expect(orders).toEqual([...orders].sort((x, y) => x - y));
  });
});

describe('the data file', () => {
  it('holds the whole FY2026 mental-health table in tabular order', () => {
    expect(data.edition).toBe('ICD-10-CM FY2026');
    expect(data.codes).toHaveLength(1572);
    expect(data.codes.filter((row) => row[2] === 1)).toHaveLength(1223);
    expect(data.codes[0]).toEqual(['F01', 'Vascular dementia', 0]);
  });

  it('gives the About page the same credit line as the data file', () => {
    expect(icd10AttributionText).toBe(data.attribution);
    expect(icd10Edition).toBe(data.edition);
    expect(icd10Attribution.attribution).toMatch(/Source: CDC\/NCHS/);
    expect(icd10Attribution.attribution).toMatch(/does not imply endorsement by CDC or HHS/);
  });
});
