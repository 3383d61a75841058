import { invalid } from '../../shared/errors.js';
import type { AnswerOption, InstrumentDefinition, QuestionnaireItem } from '../definition.js';
import { display, liminalCodeSystem, option, questionnaireUrl } from './common.js';

/** How true a sentence was of today's session, 0 (not at all) to 10 (completely). */
function howTrue(): AnswerOption[] {
  const system = liminalCodeSystem('relationship-checkin-answers');
  const words: Record<number, string> = { 0: '0 — not at all', 10: '10 — completely' };
  return Array.from({ length: 11 }, (_, n) => option(String(n), words[n] ?? String(n), n, system));
}

const statement = (linkId: string, text: string): QuestionnaireItem => ({ linkId, text, type: 'choice', required: true, answerOption: howTrue() });

/**
 * A total below this (an average under 7 of 10) raises a gentle flag, never a risk alert. Ratings
 * of the relationship tend to sit near the top of any scale, so a middling total already says
 * something worth talking about. Liminal's own line, not a published cut-off.
 */
export const CHECKIN_LOW_TOTAL = 35;

export const CHECKIN_BANDS_SOURCE =
  'Liminal’s own descriptive bands, written for this product: not from a publication and not a clinical cut-off. Ratings of the relationship usually sit high, so an average under 7 of 10 is worth a conversation.';

/**
 * The relationship check-in: five sentences of Liminal's own the client rates after a session,
 * about being listened to, working on what matters to them, the way of working, being able to
 * say what did not feel right, and feeling connected to the practitioner. Total 0–50, higher is better.
 */
export const relationshipCheckin: InstrumentDefinition = {
  questionnaire: {
    resourceType: 'Questionnaire',
    id: 'relationship-checkin',
    url: questionnaireUrl('relationship-checkin'),
    version: '1.0.0',
    name: 'RelationshipCheckin',
    title: 'Relationship check-in',
    status: 'active',
    publisher: 'Liminal',
    description: 'Five quick ratings after a session of how the relationship and the session felt, for the practitioner to see beside the session.',
    copyright: 'Written for Liminal (AGPL-3.0-or-later); free to use and adapt.',
    subjectType: ['Patient'],
    item: [
      display(
        'intro',
        'A moment to say how today’s session felt. Your practitioner will read this and wants to know, especially if something did not sit right. For each sentence, choose how true it was today, from 0 (not at all) to 10 (completely).',
      ),
      statement('listened', 'I felt listened to and taken seriously.'),
      statement('mattered', 'We spent our time on what matters to me.'),
      statement('way-of-working', 'The way we worked today suited me.'),
      statement('could-say', 'I could say what was true for me, including anything that did not feel right.'),
      statement('connected', 'I feel connected to my practitioner.'),
    ],
  },
  scoring: {
    total: { method: 'sum', items: ['listened', 'mattered', 'way-of-working', 'could-say', 'connected'] },
    direction: 'higher-is-better',
    severity: {
      source: CHECKIN_BANDS_SOURCE,
      bands: [
        { min: 0, max: CHECKIN_LOW_TOTAL - 1, key: 'worth-talking-about', label: 'Worth talking about together' },
        { min: CHECKIN_LOW_TOTAL, max: 42, key: 'mostly-good', label: 'Mostly good' },
        { min: 43, max: 50, key: 'going-well', label: 'Going well' },
      ],
    },
    rules: [
      {
        key: 'low-checkin',
        kind: 'flag',
        label: 'A lower check-in: worth raising gently next session',
        when: { on: 'total', operator: '<', value: CHECKIN_LOW_TOTAL },
        source: `Liminal’s own rule: a total below ${CHECKIN_LOW_TOTAL} of 50 (an average under 7). A flag beside the session, not a risk alert.`,
      },
    ],
  },
  citations: [
    'Liminal: the relationship check-in, written for this product; its sentences, 0–10 scoring, bands and flag are Liminal’s own, with no published norms.',
    'It follows the Integrative Relational Health approach, in which the relationship between client and practitioner is where the work happens, and asks about it after each session so a strain can be talked about early.',
  ],
};

/** How many earlier check-ins the drop rule compares with, and how far below their mean (in per cent) counts as a drop. */
export const CHECKIN_DROP_WINDOW = 3;
export const CHECKIN_DROP_PERCENT = 20;

export const CHECKIN_DROP_SOURCE = `Liminal’s own rule: the latest total is at least ${CHECKIN_DROP_PERCENT}% below the mean of the last ${CHECKIN_DROP_WINDOW} check-ins (or of those there are, if fewer). A gentle flag, not a risk alert.`;

const finite = (n: number) => typeof n === 'number' && Number.isFinite(n);

/**
 * Whether the latest check-in dropped against this client's own recent ones (`previousTotals`
 * oldest first, the latest not among them), with the rule and numbers in words. This is about
 * change for this client; a low total on its own is the `low-checkin` flag.
 */
export function checkinDropped(previousTotals: readonly number[], latest: number): { dropped: boolean; rule: string } {
  if (!finite(latest) || !previousTotals.every(finite)) throw invalid('Check-in totals must be numbers.');
  const recent = previousTotals.slice(-CHECKIN_DROP_WINDOW);
  if (!recent.length) return { dropped: false, rule: `The first check-in: nothing earlier to compare with. ${CHECKIN_DROP_SOURCE}` };
  const n = recent.length;
  const sum = recent.reduce((a, b) => a + b, 0);
  // latest ≤ (1 − 20%) × mean, multiplied out (100·n·latest ≤ 80·sum) so a drop of exactly 20% is not lost to rounding.
  const dropped = n * latest < sum && 100 * n * latest <= (100 - CHECKIN_DROP_PERCENT) * sum;
  const mean = Math.round((sum / n) * 10) / 10;
  const what = n === 1 ? 'the check-in before' : `the mean of the last ${n} check-ins`;
  // Rounded down, so a total just short of a drop never reads as “20% below”.
  const percent = sum > 0 ? Math.floor((100 * (sum - n * latest)) / sum) : 0;
  const how = n * latest < sum ? `${percent}% below ${mean}, ${what}` : `not below ${mean}, ${what}`;
  return { dropped, rule: `Latest total ${latest} is ${how}. ${CHECKIN_DROP_SOURCE}` };
}
