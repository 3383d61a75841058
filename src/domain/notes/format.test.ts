import { describe, expect, it } from 'vitest';
import { emptySections, fieldLabels, renderNote } from './format.js';

const fields = {
  clientReport: 'Felt alone at work.',
  observations: 'Quiet, slowed speech.',
  interventions: 'Grounding; ecomap.',
  response: 'Brightened at the map.',
  assessment: 'Isolation easing.',
  plan: 'Weekly.',
};

describe('rendering one set of fields into each format', () => {
  it('SOAP puts the client’s words under Subjective and what was done with the plan', () => {
    const soap = renderNote('soap', fields);
    expect(soap.map((s) => s.heading)).toEqual(['Subjective', 'Objective', 'Assessment', 'Plan']);
    expect(soap[0]?.text).toBe('Felt alone at work.');
    expect(soap[2]?.text).toBe('Response: Brightened at the map.\n\nAssessment: Isolation easing.');
    expect(soap[3]?.text).toBe('Interventions used: Grounding; ecomap.\n\nPlan: Weekly.');
  });

  it('DAP folds report, observations and interventions into Data', () => {
    const dap = renderNote('dap', fields);
    expect(dap.map((s) => s.heading)).toEqual(['Data', 'Assessment', 'Plan']);
    expect(dap[0]?.text).toBe('Client report: Felt alone at work.\n\nObservations: Quiet, slowed speech.\n\nInterventions used: Grounding; ecomap.');
    expect(dap[2]?.text).toBe('Weekly.');
  });

  it('BIRP gives interventions and response their own sections', () => {
    const birp = renderNote('birp', fields);
    expect(birp.map((s) => s.heading)).toEqual(['Behaviour', 'Intervention', 'Response', 'Plan']);
    expect(birp[1]?.text).toBe('Grounding; ecomap.');
    expect(birp[2]?.text).toBe('Response: Brightened at the map.\n\nAssessment: Isolation easing.');
  });

  it('loses nothing when the format changes: every written field appears in every format', () => {
    for (const format of ['soap', 'dap', 'birp'] as const) {
      const all = renderNote(format, fields).map((s) => s.text).join('\n');
      for (const value of Object.values(fields)) expect(all).toContain(value);
    }
  });

  it('says "Nothing recorded." for an empty section and names only the parts written', () => {
    const dap = renderNote('dap', { ...fields, clientReport: '', interventions: '  ' });
    expect(dap[0]?.text).toBe('Observations: Quiet, slowed speech.');
    const empty = renderNote('soap', { ...fields, observations: '' });
    expect(empty[1]).toEqual({ heading: 'Objective', text: 'Nothing recorded.' });
  });

  it('reports empty sections by their heading, and labels fields with the section they feed', () => {
    expect(emptySections('birp', { ...fields, interventions: '' })).toEqual(['Intervention']);
    expect(emptySections('dap', { ...fields, interventions: '' })).toEqual([]);
    expect(fieldLabels('birp').map((f) => [f.key, f.section])).toEqual([
      ['clientReport', 'Behaviour'],
      ['observations', 'Behaviour'],
      ['interventions', 'Intervention'],
      ['response', 'Response'],
      ['assessment', 'Response'],
      ['plan', 'Plan'],
    ]);
  });
});
