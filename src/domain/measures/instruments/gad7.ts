import type { InstrumentDefinition } from '../definition.js';
import { choice, citations, difficultyItem, display, loinc, NHS_TT_MANUAL, PHQ_NOTICE, phqFrequency, questionnaireUrl } from './common.js';

/** GAD-7 items as published (Spitzer, Kroenke, Williams & Löwe 2006), with their LOINC codes. */
export const gad7Items = [
  ['1', '69725-0', 'Feeling nervous, anxious or on edge'],
  ['2', '68509-9', 'Not being able to stop or control worrying'],
  ['3', '69733-4', 'Worrying too much about different things'],
  ['4', '69734-2', 'Trouble relaxing'],
  ['5', '69735-9', 'Being so restless that it is hard to sit still'],
  ['6', '69689-8', 'Becoming easily annoyed or irritable'],
  ['7', '69736-7', 'Feeling afraid as if something awful might happen'],
] as const;

export const GAD_INTRO = 'Over the last 2 weeks, how often have you been bothered by the following problems?';

export const gad7: InstrumentDefinition = {
  questionnaire: {
    resourceType: 'Questionnaire',
    id: 'gad-7',
    url: questionnaireUrl('gad-7'),
    version: '1.0.0',
    name: 'GAD7',
    title: 'Generalized Anxiety Disorder scale (GAD-7)',
    status: 'active',
    publisher: 'Liminal (this encoding)',
    description: 'Seven questions about anxiety over the last two weeks, and how much the problems get in the way.',
    copyright: PHQ_NOTICE,
    code: [loinc('69737-5', 'Generalized anxiety disorder 7 item (GAD-7)')],
    subjectType: ['Patient'],
    item: [
      display('intro', GAD_INTRO),
      ...gad7Items.map(([linkId, code, text]) => choice(linkId, text, phqFrequency(), loinc(code, text))),
      difficultyItem(),
    ],
  },
  scoring: {
    total: {
      method: 'sum',
      items: gad7Items.map(([linkId]) => linkId),
      code: loinc('70274-6', 'Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]'),
    },
    direction: 'higher-is-worse',
    severity: {
      source: 'Spitzer, Kroenke, Williams & Löwe 2006: cut-points 5, 10 and 15 for mild, moderate and severe anxiety',
      bands: [
        { min: 0, max: 4, key: 'minimal', label: 'Minimal' },
        { min: 5, max: 9, key: 'mild', label: 'Mild' },
        { min: 10, max: 14, key: 'moderate', label: 'Moderate' },
        { min: 15, max: 21, key: 'severe', label: 'Severe' },
      ],
    },
    caseness: { operator: '>=', value: 8, label: 'Above the clinical cut-off', source: `${NHS_TT_MANUAL}: GAD-7 caseness is a score of 8 or more` },
    reliableChange: { threshold: 4, source: `${NHS_TT_MANUAL}: a change of 4 or more points on the GAD-7 is reliable` },
  },
  citations: [citations.spitzer2006, NHS_TT_MANUAL],
};
