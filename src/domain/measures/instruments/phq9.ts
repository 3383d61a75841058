import type { InstrumentDefinition } from '../definition.js';
import { choice, citations, difficultyItem, display, loinc, NHS_TT_MANUAL, PHQ_NOTICE, phqFrequency, questionnaireUrl } from './common.js';

/** PHQ-9 items as published (Kroenke, Spitzer & Williams 2001), with their LOINC codes. */
export const phq9Items = [
  ['1', '44250-9', 'Little interest or pleasure in doing things'],
  ['2', '44255-8', 'Feeling down, depressed, or hopeless'],
  ['3', '44259-0', 'Trouble falling or staying asleep, or sleeping too much'],
  ['4', '44254-1', 'Feeling tired or having little energy'],
  ['5', '44251-7', 'Poor appetite or overeating'],
  ['6', '44258-2', 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down'],
  ['7', '44252-5', 'Trouble concentrating on things, such as reading the newspaper or watching television'],
  [
    '8',
    '44253-3',
    'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
  ],
  ['9', '44260-8', 'Thoughts that you would be better off dead or of hurting yourself in some way'],
] as const;

export const PHQ_INTRO = 'Over the last 2 weeks, how often have you been bothered by any of the following problems?';

export const phq9: InstrumentDefinition = {
  questionnaire: {
    resourceType: 'Questionnaire',
    id: 'phq-9',
    url: questionnaireUrl('phq-9'),
    version: '1.0.0',
    name: 'PHQ9',
    title: 'Patient Health Questionnaire (PHQ-9)',
    status: 'active',
    publisher: 'Liminal (this encoding)',
    description: 'Nine questions about depression over the last two weeks, and how much the problems get in the way.',
    copyright: PHQ_NOTICE,
    code: [loinc('44249-1', 'PHQ-9 quick depression assessment panel')],
    subjectType: ['Patient'],
    item: [
      display('intro', PHQ_INTRO),
      ...phq9Items.map(([linkId, code, text]) => choice(linkId, text, phqFrequency(), loinc(code, text))),
      difficultyItem(),
    ],
  },
  scoring: {
    total: {
      method: 'sum',
      items: phq9Items.map(([linkId]) => linkId),
      code: loinc('44261-6', 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]'),
    },
    direction: 'higher-is-worse',
    severity: {
      source: 'Kroenke, Spitzer & Williams 2001: cut-points 5, 10, 15 and 20 for mild, moderate, moderately severe and severe depression',
      bands: [
        { min: 0, max: 4, key: 'none-minimal', label: 'None–minimal' },
        { min: 5, max: 9, key: 'mild', label: 'Mild' },
        { min: 10, max: 14, key: 'moderate', label: 'Moderate' },
        { min: 15, max: 19, key: 'moderately-severe', label: 'Moderately severe' },
        { min: 20, max: 27, key: 'severe', label: 'Severe' },
      ],
    },
    caseness: { operator: '>=', value: 10, label: 'Above the clinical cut-off', source: `${NHS_TT_MANUAL}: PHQ-9 caseness is a score of 10 or more` },
    reliableChange: { threshold: 6, source: `${NHS_TT_MANUAL}: a change of 6 or more points on the PHQ-9 is reliable` },
    rules: [
      {
        key: 'phq9-item-9',
        kind: 'risk',
        label: 'Thoughts of being better off dead or of self-harm (item 9) answered above “Not at all”',
        when: { on: 'item', linkId: '9', operator: '>', value: 0 },
        // PHQ-9 item 9 alerts even at a mild or minimal total.
        source: 'Kroenke, Spitzer & Williams 2001 and the PHQ instructions: any answer above “Not at all” on item 9 calls for a suicide-risk assessment, whatever the total',
      },
    ],
  },
  citations: [citations.kroenke2001, NHS_TT_MANUAL],
};
