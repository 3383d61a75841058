import { describe, expect, it } from 'vitest';
import { canonicalNoteContent, inEffectOn, needsCosign, signingProblems, suggestServiceCode } from './progress.js';

const fields = { clientReport: 'a', observations: 'b', interventions: 'c', response: 'd', assessment: 'e', plan: 'f' };
const none = { level: 'none' as const, summary: '', actions: '' };
const facts = { date: '2026-11-02T15:00:00.000Z', minutes: 50, modality: 'video', format: 'individual', participants: ['A', 'B'], serviceCode: '90834', diagnoses: [], movements: [] };

describe('what signing needs', () => {
  it('accepts a complete note', () => {
    expect(signingProblems({ format: 'soap', fields, risk: none, serviceCode: '90834' })).toEqual({});
  });

  it('asks for each empty section, a risk description when risk is noted, and the service code', () => {
    const problems = signingProblems({ format: 'birp', fields: { ...fields, interventions: '', plan: ' ' }, risk: { level: 'high', summary: ' ', actions: '' }, serviceCode: '' });
    expect(Object.keys(problems)).toEqual(['interventions', 'plan', 'risk.summary', 'serviceCode']);
    expect(problems['interventions']).toMatch(/Intervention section is empty/);
  });
});

describe('the content a signature covers', () => {
  it('covers each person’s section of a unit’s note, in any order, and leaves notes without sections as they were', () => {
    const base = { format: 'dap' as const, fields, risk: none, serviceCode: '90847', facts, signedBy: 'u1', signedAt: '2026-11-02T16:00:00.000Z' };
    // A note signed before units existed hashes the same with an empty list of sections.
    expect(canonicalNoteContent({ ...base, personSections: [] })).toBe(canonicalNoteContent(base));
    const two = [
      { clientId: 'b', text: 'For B.' },
      { clientId: 'a', text: 'For A.' },
    ];
    const withSections = canonicalNoteContent({ ...base, personSections: two });
    expect(withSections).not.toBe(canonicalNoteContent(base));
    expect(canonicalNoteContent({ ...base, personSections: [...two].reverse() })).toBe(withSections);
    expect(canonicalNoteContent({ ...base, personSections: [{ clientId: 'b', text: 'For B, changed.' }, { clientId: 'a', text: 'For A.' }] })).not.toBe(withSections);
  });

  it('is the same whatever order the fields arrive in, and changes when any word does', () => {
    const base = { format: 'dap' as const, fields, risk: none, serviceCode: '90834', facts, signedBy: 'u1', signedAt: '2026-11-02T16:00:00.000Z' };
    const reordered = { ...base, fields: Object.fromEntries(Object.entries(fields).reverse()) as typeof fields };
    expect(canonicalNoteContent(reordered)).toBe(canonicalNoteContent(base));
    expect(canonicalNoteContent({ ...base, fields: { ...fields, plan: 'F' } })).not.toBe(canonicalNoteContent(base));
    expect(canonicalNoteContent({ ...base, signedAt: '2026-11-02T16:00:01.000Z' })).not.toBe(canonicalNoteContent(base));
    // Stored as jsonb, nested keys come back in another order: the hash must not change.
    const dx = { ...base, facts: { ...facts, diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder', primary: true }] } };
    const reread = { ...dx, facts: { ...dx.facts, diagnoses: [{ primary: true, code: 'F41.1', description: 'Generalized anxiety disorder' }] } };
    expect(canonicalNoteContent(reread)).toBe(canonicalNoteContent(dx));
  });
});

describe('session facts', () => {
  it('suggests the service code from length and format', () => {
    expect(suggestServiceCode('individual', 30)).toBe('90832');
    expect(suggestServiceCode('individual', 37)).toBe('90832');
    expect(suggestServiceCode('individual', 38)).toBe('90834');
    expect(suggestServiceCode('individual', 52)).toBe('90834');
    expect(suggestServiceCode('individual', 53)).toBe('90837');
    expect(suggestServiceCode('couple', 50)).toBe('90847');
    expect(suggestServiceCode('group', 90)).toBe('90853');
    expect(suggestServiceCode('individual', 10)).toBe('');
  });

  it('keeps the diagnoses in effect on the day: started by then and not yet ended', () => {
    const list = [
      { code: 'A', startsOn: '2026-01-01', endsOn: null },
      { code: 'B', startsOn: '2026-01-01', endsOn: '2026-03-01' },
      { code: 'C', startsOn: '2026-03-02', endsOn: null },
      { code: 'D', startsOn: '2026-02-01', endsOn: '2026-03-01' },
    ];
    expect(inEffectOn(list, '2026-03-01').map((d) => d.code)).toEqual(['A', 'B', 'D']);
    expect(inEffectOn(list, '2026-03-02').map((d) => d.code)).toEqual(['A', 'C']);
  });

  it('sends an associate’s signed note for co-signature, nobody else’s', () => {
    expect(needsCosign(['associate'])).toBe(true);
    expect(needsCosign(['practitioner', 'supervisor'])).toBe(false);
  });
});
