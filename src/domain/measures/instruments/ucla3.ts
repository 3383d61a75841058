import type { InstrumentDefinition } from '../definition.js';
import { choice, citations, display, liminalCodeSystem, option, questionnaireUrl } from './common.js';

const uclaAnswers = () => {
  const system = liminalCodeSystem('ucla-3-answers');
  return [option('hardly-ever-or-never', 'Hardly ever or never', 1, system), option('some-of-the-time', 'Some of the time', 2, system), option('often', 'Often', 3, system)];
};

/**
 * The ONS direct question. ONS reports its answers as categories, not scores; the values 1–5
 * (higher = lonelier, like the UCLA items) are Liminal's coding, so the answer can be stored.
 */
const directAnswers = () => {
  const system = liminalCodeSystem('ons-direct-loneliness-answers');
  return [
    option('often-always', 'Often/always', 5, system),
    option('some-of-the-time', 'Some of the time', 4, system),
    option('occasionally', 'Occasionally', 3, system),
    option('hardly-ever', 'Hardly ever', 2, system),
    option('never', 'Never', 1, system),
  ];
};

/**
 * The three-item loneliness scale (Hughes et al. 2004) with the direct question, worded and
 * ordered as the ONS national indicators of loneliness (2018) recommend asking them together.
 * The total counts the three scale items (3–9); the direct question is reported beside it.
 */
export const ucla3: InstrumentDefinition = {
  questionnaire: {
    resourceType: 'Questionnaire',
    id: 'ucla-3',
    url: questionnaireUrl('ucla-3'),
    version: '1.0.0',
    name: 'UCLA3',
    title: 'Three-item loneliness scale (UCLA-3) with the direct loneliness question',
    status: 'active',
    publisher: 'Liminal (this encoding)',
    description: 'Three questions about companionship, feeling left out and isolation, and one direct question about feeling lonely.',
    copyright: 'Scale items from Hughes, Waite, Hawkley & Cacioppo (2004), free to use with citation; wording as in the ONS national indicators of loneliness, Open Government Licence v3.0.',
    subjectType: ['Patient'],
    item: [
      display('intro', 'The next four questions are about relationships with others. For each one, please say how often (if at all) you feel that way.'),
      choice('1', 'How often do you feel that you lack companionship?', uclaAnswers()),
      choice('2', 'How often do you feel left out?', uclaAnswers()),
      choice('3', 'How often do you feel isolated from others?', uclaAnswers()),
      { ...choice('direct', 'How often do you feel lonely?', directAnswers()), required: false },
    ],
  },
  scoring: {
    total: { method: 'sum', items: ['1', '2', '3'] },
    direction: 'higher-is-worse',
    severity: {
      source: 'Campaign to End Loneliness 2015, after earlier research: totals of 3–5 grouped as not lonely and 6–9 as lonely (a research convention, not a clinical cut-off)',
      bands: [
        { min: 3, max: 5, key: 'not-lonely', label: 'Not lonely' },
        { min: 6, max: 9, key: 'lonely', label: 'Lonely' },
      ],
    },
    caseness: { operator: '>=', value: 6, label: 'Lonely', source: 'Campaign to End Loneliness 2015: a total of 6 or more grouped as lonely' },
    rules: [
      {
        key: 'lonely-often-or-always',
        kind: 'flag',
        label: 'Feels lonely often or always',
        when: { on: 'item', linkId: 'direct', operator: '>=', value: 5 },
        source: 'ONS 2018: “Often/always” on the direct question is reported as chronic loneliness',
      },
    ],
  },
  citations: [citations.hughes2004, citations.ons2018, citations.campaignToEndLoneliness2015],
};
