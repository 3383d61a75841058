import { type InstrumentDefinition, MAX_VALUE_URL, MIN_VALUE_URL, ORDINAL_VALUE_URL } from '../definition.js';

/**
 * Invented instruments for tests: they stand in for a practice's import of a licensed instrument
 * (whose text Liminal must never ship). Every word here is made up.
 */

const option = (code: string, display: string, value: number) => ({
  valueCoding: { system: 'https://example.org/fhir/CodeSystem/garden', code, display },
  extension: [{ url: ORDINAL_VALUE_URL, valueDecimal: value }],
});
const often = () => [option('never', 'Never', 0), option('rarely', 'Rarely', 1), option('sometimes', 'Sometimes', 2), option('often', 'Often', 3), option('always', 'Always', 4)];

/** Four choice items scored 0–4, two of them reverse-scored, two subscales, a risk rule and a flag. */
export function inventedGardenCheck(): InstrumentDefinition {
  return {
    questionnaire: {
      resourceType: 'Questionnaire',
      id: 'garden-check',
      url: 'https://example.org/fhir/Questionnaire/garden-check',
      version: '2.1',
      name: 'GardenCheck',
      title: 'Invented Garden Check',
      status: 'active',
      copyright: 'Invented for tests.',
      item: [
        { linkId: 'intro', type: 'display', text: 'Think about the last week in your garden.' },
        {
          linkId: 'g1',
          type: 'group',
          text: 'Weeds',
          item: [
            { linkId: 'w1', type: 'choice', text: 'How often did the weeds feel overwhelming?', required: true, answerOption: often() },
            { linkId: 'w2', type: 'choice', text: 'How often did the beds feel tidy?', required: true, answerOption: often() },
          ],
        },
        { linkId: 's1', type: 'choice', text: 'How often did the seedlings wilt?', required: true, answerOption: often() },
        { linkId: 's2', type: 'choice', text: 'How often did the seedlings thrive?', required: true, answerOption: often() },
        { linkId: 'note', type: 'choice', text: 'How often did you wish to give the garden away?', required: false, answerOption: often() },
      ],
    },
    scoring: {
      total: { method: 'sum', items: ['w1', 'w2', 's1', 's2'] },
      reverseScored: ['w2', 's2'],
      subscales: [
        { key: 'weeds', label: 'Weeds', method: 'sum', items: ['w1', 'w2'] },
        { key: 'seedlings', label: 'Seedlings', method: 'mean', items: ['s1', 's2'] },
      ],
      direction: 'higher-is-worse',
      severity: {
        source: 'Invented for tests',
        bands: [
          { min: 0, max: 5, key: 'flourishing', label: 'Flourishing' },
          { min: 6, max: 11, key: 'patchy', label: 'Patchy' },
          { min: 12, max: 16, key: 'overgrown', label: 'Overgrown' },
        ],
      },
      caseness: { operator: '>=', value: 12, source: 'Invented for tests' },
      reliableChange: { sd: 3, reliability: 0.82, source: 'Invented for tests' },
      rules: [
        { key: 'give-away', kind: 'risk', label: 'Wishes to give the garden away', when: { on: 'item', linkId: 'note', operator: '>=', value: 3 }, source: 'Invented for tests' },
        { key: 'wilting', kind: 'flag', label: 'Seedlings struggling', when: { on: 'subscale', key: 'seedlings', operator: '>=', value: 3 }, source: 'Invented for tests' },
      ],
    },
    citations: ['Invented for tests; no published source.'],
  };
}

/** Two decimal ratings from 0 to 10, like a visual analogue scale, higher is better. */
export function inventedDayRatings(): InstrumentDefinition {
  const rating = (linkId: string, text: string) => ({
    linkId,
    type: 'decimal' as const,
    text,
    required: true,
    extension: [
      { url: MIN_VALUE_URL, valueDecimal: 0 },
      { url: MAX_VALUE_URL, valueDecimal: 10 },
    ],
  });
  return {
    questionnaire: {
      resourceType: 'Questionnaire',
      id: 'day-ratings',
      url: 'https://example.org/fhir/Questionnaire/day-ratings',
      version: '1',
      name: 'DayRatings',
      title: 'Invented Day Ratings',
      status: 'draft',
      item: [rating('morning', 'How did the morning go, from 0 to 10?'), rating('evening', 'How did the evening go, from 0 to 10?')],
    },
    scoring: {
      total: { method: 'sum', items: ['morning', 'evening'] },
      direction: 'higher-is-better',
      severity: {
        source: 'Invented for tests',
        bands: [
          { min: 0, max: 9.9, key: 'hard-day', label: 'A hard day' },
          { min: 10, max: 20, key: 'good-day', label: 'A good day' },
        ],
      },
      caseness: { operator: '<', value: 10, source: 'Invented for tests' },
    },
    citations: ['Invented for tests; no published source.'],
  };
}
