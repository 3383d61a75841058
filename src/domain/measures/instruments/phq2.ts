import type { InstrumentDefinition } from '../definition.js';
import { choice, citations, display, loinc, PHQ_NOTICE, phqFrequency, questionnaireUrl } from './common.js';
import { PHQ_INTRO, phq9Items } from './phq9.js';

/** The PHQ-2: the first two PHQ-9 items (Kroenke, Spitzer & Williams 2003). */
export const phq2: InstrumentDefinition = {
  questionnaire: {
    resourceType: 'Questionnaire',
    id: 'phq-2',
    url: questionnaireUrl('phq-2'),
    version: '1.0.0',
    name: 'PHQ2',
    title: 'Patient Health Questionnaire-2 (PHQ-2)',
    status: 'active',
    publisher: 'Liminal (this encoding)',
    description: 'Two questions that screen for depression; a positive screen is followed by the PHQ-9.',
    copyright: PHQ_NOTICE,
    code: [loinc('55757-9', 'Patient Health Questionnaire 2 item (PHQ-2) [Reported]')],
    subjectType: ['Patient'],
    item: [display('intro', PHQ_INTRO), ...phq9Items.slice(0, 2).map(([linkId, code, text]) => choice(linkId, text, phqFrequency(), loinc(code, text)))],
  },
  scoring: {
    total: { method: 'sum', items: ['1', '2'], code: loinc('55758-7', 'Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]') },
    direction: 'higher-is-worse',
    severity: {
      source: 'Kroenke, Spitzer & Williams 2003: a score of 3 or more is the cut-point for a positive screen',
      bands: [
        { min: 0, max: 2, key: 'negative', label: 'Negative screen' },
        { min: 3, max: 6, key: 'positive', label: 'Positive screen' },
      ],
    },
    positiveScreen: { operator: '>=', value: 3, source: 'Kroenke, Spitzer & Williams 2003: PHQ-2 score of 3 or more' },
  },
  citations: [citations.kroenke2003],
};
