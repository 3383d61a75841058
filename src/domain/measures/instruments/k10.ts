import type { InstrumentDefinition } from '../definition.js';
import { choice, citations, display, liminalCodeSystem, option, questionnaireUrl } from './common.js';

/** K10 items as published (Kessler et al. 2002), each scored 1–5. */
export const k10Items = [
  'tired out for no good reason',
  'nervous',
  'so nervous that nothing could calm you down',
  'hopeless',
  'restless or fidgety',
  'so restless you could not sit still',
  'depressed',
  'that everything was an effort',
  'so sad that nothing could cheer you up',
  'worthless',
] as const;

const k10Answers = () => {
  const system = liminalCodeSystem('k10-answers');
  return [
    option('none-of-the-time', 'None of the time', 1, system),
    option('a-little-of-the-time', 'A little of the time', 2, system),
    option('some-of-the-time', 'Some of the time', 3, system),
    option('most-of-the-time', 'Most of the time', 4, system),
    option('all-of-the-time', 'All of the time', 5, system),
  ];
};

/** The Kessler Psychological Distress Scale. No LOINC code could be confirmed, so none is given. */
export const k10: InstrumentDefinition = {
  questionnaire: {
    resourceType: 'Questionnaire',
    id: 'k10',
    url: questionnaireUrl('k10'),
    version: '1.0.0',
    name: 'K10',
    title: 'Kessler Psychological Distress Scale (K10)',
    status: 'active',
    publisher: 'Liminal (this encoding)',
    description: 'Ten questions about feelings of distress during the last 30 days.',
    copyright: 'Developed by Ronald C. Kessler and colleagues; free to use with citation (Kessler et al. 2002).',
    subjectType: ['Patient'],
    item: [
      display('intro', 'The following questions ask about how you have been feeling during the last 30 days.'),
      ...k10Items.map((feeling, i) => choice(String(i + 1), `During the last 30 days, about how often did you feel ${feeling}?`, k10Answers())),
    ],
  },
  scoring: {
    total: { method: 'sum', items: k10Items.map((_, i) => String(i + 1)) },
    direction: 'higher-is-worse',
    severity: {
      source: 'Andrews & Slade 2001: K10 totals 10–15 low, 16–21 moderate, 22–29 high and 30–50 very high distress',
      bands: [
        { min: 10, max: 15, key: 'low', label: 'Low' },
        { min: 16, max: 21, key: 'moderate', label: 'Moderate' },
        { min: 22, max: 29, key: 'high', label: 'High' },
        { min: 30, max: 50, key: 'very-high', label: 'Very high' },
      ],
    },
  },
  citations: [citations.kessler2002, citations.andrewsSlade2001],
};
