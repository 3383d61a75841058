import type { InstrumentDefinition } from '../definition.js';
import { choice, citations, display, loinc, PHQ_NOTICE, phqFrequency, questionnaireUrl } from './common.js';
import { GAD_INTRO, gad7Items } from './gad7.js';

/**
 * The GAD-2: the first two GAD-7 items (Kroenke et al. 2007). LOINC has codes for the two items
 * but none we could confirm for the GAD-2 panel or its total, so those are left out.
 */
export const gad2: InstrumentDefinition = {
  questionnaire: {
    resourceType: 'Questionnaire',
    id: 'gad-2',
    url: questionnaireUrl('gad-2'),
    version: '1.0.0',
    name: 'GAD2',
    title: 'Generalized Anxiety Disorder 2-item screener (GAD-2)',
    status: 'active',
    publisher: 'Liminal (this encoding)',
    description: 'Two questions that screen for anxiety; a positive screen is followed by the GAD-7.',
    copyright: PHQ_NOTICE,
    subjectType: ['Patient'],
    item: [display('intro', GAD_INTRO), ...gad7Items.slice(0, 2).map(([linkId, code, text]) => choice(linkId, text, phqFrequency(), loinc(code, text)))],
  },
  scoring: {
    total: { method: 'sum', items: ['1', '2'] },
    direction: 'higher-is-worse',
    severity: {
      source: 'Kroenke et al. 2007: a score of 3 or more is the cut-point for a positive screen',
      bands: [
        { min: 0, max: 2, key: 'negative', label: 'Negative screen' },
        { min: 3, max: 6, key: 'positive', label: 'Positive screen' },
      ],
    },
    positiveScreen: { operator: '>=', value: 3, source: 'Kroenke et al. 2007: GAD-2 score of 3 or more' },
  },
  citations: [citations.kroenke2007],
};
