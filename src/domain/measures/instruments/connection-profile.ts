import { type AnswerOption, type InstrumentDefinition, LIMINAL_FHIR_BASE, type QuestionnaireItem } from '../definition.js';
import { liminalCodeSystem, option, questionnaireUrl } from './common.js';

/**
 * The wording for a practitioner who rates the client, kept on the item in an extension so the
 * Questionnaire stays one FHIR resource: the item's `text` speaks to the client, this speaks
 * about them. FHIR has no standard element for a second audience's wording.
 */
export const PRACTITIONER_TEXT_URL = `${LIMINAL_FHIR_BASE}/StructureDefinition/practitioner-text`;

/** The wording to show the rater: the practitioner's prompt when there is one, the item text otherwise. */
export function itemTextFor(item: QuestionnaireItem, ratedBy: 'client' | 'practitioner'): string {
  if (ratedBy === 'client') return item.text;
  return item.extension?.find((e) => e.url === PRACTITIONER_TEXT_URL)?.valueString ?? item.text;
}

/**
 * One step of the continuum from isolated (0) to connected (10). Eleven whole steps: a scale
 * people already know from pain and mood ratings, with a true middle (5), and room on a radar
 * chart to show movement between sessions. The check-in uses the same 0–10 form.
 */
function continuum(): AnswerOption[] {
  const system = liminalCodeSystem('isolation-connection-continuum');
  const words: Record<number, string> = { 0: '0 — isolated', 5: '5 — in between', 10: '10 — connected' };
  return Array.from({ length: 11 }, (_, n) => option(String(n), words[n] ?? String(n), n, system));
}

function rated(linkId: string, text: string, practitionerText: string): QuestionnaireItem {
  return {
    linkId,
    text,
    type: 'choice',
    required: true,
    extension: [{ url: PRACTITIONER_TEXT_URL, valueString: practitionerText }],
    answerOption: continuum(),
  };
}

function intro(linkId: string, text: string, practitionerText: string): QuestionnaireItem {
  return { linkId, text, type: 'display', extension: [{ url: PRACTITIONER_TEXT_URL, valueString: practitionerText }] };
}

/** The five places isolation can show, in the order asked; the linkIds are the radar's axes. */
export const connectionPlaces = [
  { linkId: 'relationships', label: 'Relationships' },
  { linkId: 'emotions', label: 'Emotions' },
  { linkId: 'thoughts', label: 'Thoughts' },
  { linkId: 'body-environment', label: 'Body and environment' },
  { linkId: 'physical-health', label: 'Physical health' },
] as const;

/** The five levels at which wellbeing lives, in the order asked. */
export const wellbeingLevels = [
  { linkId: 'personal', label: 'Personal' },
  { linkId: 'familial', label: 'Familial' },
  { linkId: 'social', label: 'Social' },
  { linkId: 'ecological', label: 'Ecological' },
  { linkId: 'spiritual', label: 'Spiritual' },
] as const;

const placeIds = connectionPlaces.map((p) => p.linkId);
const levelIds = wellbeingLevels.map((l) => l.linkId);

export const CONNECTION_PROFILE_BANDS_SOURCE =
  'Liminal’s own descriptive bands, written for this product: not from a publication and not a clinical cut-off. The 0–10 continuum is cut into five stretches of about two points, mirrored around the middle (5).';

/**
 * The connection profile: where isolation shows in a person's life and how connected they feel
 * at each level of wellbeing, each on one continuum from isolated (0) to connected (10). Rated by
 * the client and, separately, by the practitioner (the response records who rated). Scores are
 * means, so the total and both subscales read on the same 0–10 line as every answer.
 */
export const connectionProfile: InstrumentDefinition = {
  questionnaire: {
    resourceType: 'Questionnaire',
    id: 'connection-profile',
    url: questionnaireUrl('connection-profile'),
    version: '1.0.0',
    name: 'ConnectionProfile',
    title: 'Connection profile',
    status: 'active',
    publisher: 'Liminal',
    description:
      'Ten ratings from isolated (0) to connected (10): the five places isolation can show (relationships, emotions, thoughts, body and environment, physical health) and the five levels of wellbeing (personal, familial, social, ecological, spiritual). Answered by the client and, separately, by the practitioner.',
    copyright: 'Written for Liminal (AGPL-3.0-or-later); free to use and adapt.',
    subjectType: ['Patient'],
    item: [
      intro(
        'intro',
        'These questions ask where you feel cut off and where you feel connected, thinking about the last two weeks or so. There are no right answers, and anywhere along the line is welcome. For each one, choose a number from 0 (isolated) to 10 (connected).',
        'Rate where you sense the client is now on each line, from 0 (isolated) to 10 (connected), thinking about the last two weeks or so. The client rates separately; the two are shown side by side, and the differences are worth exploring together.',
      ),
      {
        linkId: 'places',
        text: 'Where isolation and connection show in your life',
        type: 'group',
        item: [
          rated(
            'relationships',
            'Your relationships. Near 0, things with people feel strained, or you keep away or pull back from them. Near 10, you feel close to people and can reach out when you want to.',
            'The client’s relationships: from strain, avoiding or pulling back (0) to closeness and being able to reach out (10).',
          ),
          rated(
            'emotions',
            'Your feelings. Near 0, feelings sweep you away, or you feel numb and far from them. Near 10, you can notice what you feel and stay steady with it.',
            'The client’s emotional life: from overwhelmed or cut off from feeling (0) to able to notice feelings and stay steady with them (10).',
          ),
          rated(
            'thoughts',
            'Your thoughts. Near 0, your thoughts pull against each other and you feel torn or stuck. Near 10, your thinking feels clear and sits well with what matters to you.',
            'The client’s thinking: from torn, stuck or pulling against itself (0) to clear and in keeping with what they value (10).',
          ),
          rated(
            'body-environment',
            'Your body and your surroundings. Near 0, you feel uneasy in your body, or far away from it and from the place you are in. Near 10, you feel at home in your body and present where you are.',
            'The client’s relation to body and surroundings: from unease, or feeling absent from body and place (0) to at home in the body and present where they are (10).',
          ),
          rated(
            'physical-health',
            'Your physical health. Near 0, illness, pain or other ailments wear you down and keep you apart from your life. Near 10, your health lets you live the way you want to.',
            'The client’s physical health: from illness, pain or ailments that keep them apart from their life (0) to health that lets them live as they wish (10).',
          ),
        ],
      },
      {
        linkId: 'levels',
        text: 'How connected you feel at each level of wellbeing',
        type: 'group',
        item: [
          rated(
            'personal',
            'With yourself. Near 0, you feel like a stranger to yourself. Near 10, you feel at home in who you are.',
            'The client’s connection with themselves: from a stranger to themselves (0) to at home in who they are (10).',
          ),
          rated(
            'familial',
            'With your family, however you define family. Near 0, you feel alone or cut off there. Near 10, you feel you belong and are cared for.',
            'The client’s connection with family, as they define it: from alone or cut off (0) to belonging and cared for (10).',
          ),
          rated(
            'social',
            'With friends, community and the people around you. Near 0, you feel on the outside. Near 10, you feel part of things, with a place among others.',
            'The client’s connection with friends, community and the people around them: from on the outside (0) to part of things (10).',
          ),
          rated(
            'ecological',
            'With the natural world and the places you live in. Near 0, you feel cut off from them. Near 10, you feel rooted, part of the living world around you.',
            'The client’s connection with the natural world and the places they live in: from cut off (0) to rooted in them (10).',
          ),
          rated(
            'spiritual',
            'With whatever gives your life meaning: faith, spirit, purpose, or something else that is yours. Near 0, you feel adrift from it. Near 10, you feel held by it.',
            'The client’s connection with what gives their life meaning (faith, spirit, purpose, in their own terms): from adrift (0) to held by it (10).',
          ),
        ],
      },
    ],
  },
  scoring: {
    total: { method: 'mean', items: [...placeIds, ...levelIds] },
    subscales: [
      { key: 'places', label: 'Places of isolation and connection', method: 'mean', items: [...placeIds] },
      { key: 'levels', label: 'Levels of wellbeing', method: 'mean', items: [...levelIds] },
    ],
    direction: 'higher-is-better',
    severity: {
      source: CONNECTION_PROFILE_BANDS_SOURCE,
      bands: [
        { min: 0, max: 1.99, key: 'largely-isolated', label: 'Largely isolated' },
        { min: 2, max: 3.99, key: 'leaning-isolated', label: 'Leaning towards isolation' },
        { min: 4, max: 6, key: 'in-between', label: 'Between isolation and connection' },
        { min: 6.01, max: 8, key: 'leaning-connected', label: 'Leaning towards connection' },
        { min: 8.01, max: 10, key: 'largely-connected', label: 'Largely connected' },
      ],
    },
  },
  citations: [
    'Liminal: the connection profile, written for this product; wording, 0–10 scoring and bands are Liminal’s own, with no published norms.',
    'It follows the Integrative Relational Health approach, which treats isolation and connection as two vital dimensions of health, names five places isolation can show, and five levels at which wellbeing lives.',
  ],
};
