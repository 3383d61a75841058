import { type AnswerOption, type Coding, LIMINAL_FHIR_BASE, LOINC, ORDINAL_VALUE_URL, type QuestionnaireItem } from '../definition.js';

/** An answer option that scores `value` (FHIR's ordinalValue extension). */
export function option(code: string, display: string, value: number, system: string = LOINC): AnswerOption {
  return { valueCoding: { system, code, display }, extension: [{ url: ORDINAL_VALUE_URL, valueDecimal: value }] };
}

export const loinc = (code: string, display: string): Coding => ({ system: LOINC, code, display });

/** A code system of Liminal's own, for answers that have no LOINC code. */
export const liminalCodeSystem = (name: string) => `${LIMINAL_FHIR_BASE}/CodeSystem/${name}`;

export const questionnaireUrl = (id: string) => `${LIMINAL_FHIR_BASE}/Questionnaire/${id}`;

/** The four PHQ/GAD answers, scored 0–3, with their LOINC answer codes. */
export const phqFrequency = (): AnswerOption[] => [
  option('LA6568-5', 'Not at all', 0),
  option('LA6569-3', 'Several days', 1),
  option('LA6570-1', 'More than half the days', 2),
  option('LA6571-9', 'Nearly every day', 3),
];

export function choice(linkId: string, text: string, answerOption: AnswerOption[], code?: Coding): QuestionnaireItem {
  return { linkId, text, type: 'choice', required: true, ...(code ? { code: [code] } : {}), answerOption };
}

export const display = (linkId: string, text: string): QuestionnaireItem => ({ linkId, text, type: 'display' });

/**
 * The PHQ and GAD-7 closing question. It is asked, not scored; the published forms give it no
 * value, so 0–3 in the order shown is Liminal's coding.
 */
export const difficultyItem = (): QuestionnaireItem => ({
  linkId: 'difficulty',
  text: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
  type: 'choice',
  required: false,
  code: [loinc('69722-7', 'How difficult have these problems made it for you to do your work, take care of things at home, or get along with other people')],
  answerOption: [
    option('LA6572-7', 'Not difficult at all', 0),
    option('LA6573-5', 'Somewhat difficult', 1),
    option('LA6575-0', 'Very difficult', 2),
    option('LA6574-3', 'Extremely difficult', 3),
  ],
});

/** The notice the PHQ and GAD-7 forms carry; they are free to reproduce. */
export const PHQ_NOTICE =
  'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.';

export const NHS_TT_MANUAL = 'NHS Talking Therapies for anxiety and depression Manual (NHS England and the National Collaborating Centre for Mental Health), measuring outcomes';

export const citations = {
  kroenke2001: 'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med. 2001;16(9):606–613.',
  kroenke2003: 'Kroenke K, Spitzer RL, Williams JBW. The Patient Health Questionnaire-2: validity of a two-item depression screener. Med Care. 2003;41(11):1284–1292.',
  spitzer2006: 'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med. 2006;166(10):1092–1097.',
  kroenke2007: 'Kroenke K, Spitzer RL, Williams JBW, Monahan PO, Löwe B. Anxiety disorders in primary care: prevalence, impairment, comorbidity, and detection. Ann Intern Med. 2007;146(5):317–325.',
  hughes2004: 'Hughes ME, Waite LJ, Hawkley LC, Cacioppo JT. A short scale for measuring loneliness in large surveys: results from two population-based studies. Res Aging. 2004;26(6):655–672.',
  ons2018: 'Office for National Statistics. Measuring loneliness: guidance for use of the national indicators on surveys. 2018 (Open Government Licence v3.0).',
  campaignToEndLoneliness2015: 'Campaign to End Loneliness. Measuring your impact on loneliness in later life. 2015.',
  kessler2002: 'Kessler RC, Andrews G, Colpe LJ, Hiripi E, Mroczek DK, Normand SLT, Walters EE, Zaslavsky AM. Short screening scales to monitor population prevalences and trends in non-specific psychological distress. Psychol Med. 2002;32(6):959–976.',
  andrewsSlade2001: 'Andrews G, Slade T. Interpreting scores on the Kessler Psychological Distress Scale (K10). Aust N Z J Public Health. 2001;25(6):494–497.',
  nhsTalkingTherapies: NHS_TT_MANUAL,
} as const;
