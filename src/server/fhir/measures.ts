import type * as fhir from '@medplum/fhirtypes';
import {
  type AnswerOption,
  type InstrumentDefinition,
  LIMINAL_FHIR_BASE,
  LOINC,
  ORDINAL_VALUE_URL,
  ordinalValue,
  type QuestionnaireItem,
} from '../../domain/measures/definition.js';
import { type Answers, checkAnswers, type RuleHit, type ScoreResult } from '../../domain/measures/score.js';

/**
 * FHIR R4 export of a completed measure: a QuestionnaireResponse, Observations coded with LOINC
 * where codes exist, and a collection Bundle holding them. Pure functions over plain inputs; the
 * route maps database rows into `MeasureExportInput`. The mapping is described in README.md here.
 */

export interface MeasureExportInput {
  definition: InstrumentDefinition;
  /** linkId → the value of the chosen answer, as stored. */
  answers: Answers;
  /** The score recorded with the response (`scoreResponse` at completion). */
  score: ScoreResult;
  response: {
    id: string;
    completedAt: Date;
    via: 'portal' | 'link' | 'in_session';
    ratedBy: 'client' | 'practitioner';
  };
  /** The client the measure is about. */
  patient: { id: string; display: string };
  /** The practitioner who recorded the answers in session, or who rated (practitioner ratings). */
  author?: { id: string; display: string } | undefined;
  /** The practice's FHIR base URL; fullUrls are `<fhirBase>/<type>/<id>`. */
  fhirBase: string;
}

const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const UCUM = 'http://unitsofmeasure.org';

/** How the client gave the measure: portal, single-use link, or on the practitioner's screen. */
export const COMPLETED_VIA_URL = `${LIMINAL_FHIR_BASE}/StructureDefinition/measure-completed-via`;
/** One per risk rule that fired: the practitioner was alerted and must acknowledge it. */
export const RISK_RULE_URL = `${LIMINAL_FHIR_BASE}/StructureDefinition/measure-risk-rule`;
/** One per flag rule that fired: shown beside the score, no alert. */
export const FLAG_RULE_URL = `${LIMINAL_FHIR_BASE}/StructureDefinition/measure-flag-rule`;
/** Liminal's code system for the total score of an instrument with no LOINC total code; the code is the instrument id. */
export const INSTRUMENT_TOTAL_SYSTEM = `${LIMINAL_FHIR_BASE}/CodeSystem/instrument-total`;

/** Per-instrument code systems of Liminal's own: severity bands, subscales, rules (keys are unique within an instrument). */
export const instrumentCodeSystem = (instrumentId: string, what: 'severity' | 'subscales' | 'rules') => `${LIMINAL_FHIR_BASE}/CodeSystem/${instrumentId}-${what}`;

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

function fhirId(id: string): string {
  if (!FHIR_ID.test(id)) throw new Error(`“${id}” cannot be a FHIR id (letters, digits, “-” and “.”, at most 64)`);
  return id;
}

const baseOf = (input: MeasureExportInput) => input.fhirBase.replace(/\/+$/, '');
const fullUrl = (input: MeasureExportInput, resource: fhir.Resource) => `${baseOf(input)}/${resource.resourceType}/${resource.id ?? ''}`;

const patientRef = (input: MeasureExportInput): fhir.Reference<fhir.Patient> => ({ reference: `Patient/${input.patient.id}`, display: input.patient.display });

function practitionerRef(input: MeasureExportInput): fhir.Reference<fhir.Practitioner> | undefined {
  return input.author ? { reference: `Practitioner/${input.author.id}`, display: input.author.display } : undefined;
}

/** Who answered: the client, or the practitioner for their own rating (the connection profile is rated by both). */
function rater(input: MeasureExportInput): fhir.Reference<fhir.Patient | fhir.Practitioner> {
  if (input.response.ratedBy === 'client') return patientRef(input);
  const practitioner = practitionerRef(input);
  if (!practitioner) throw new Error(`response ${input.response.id} was rated by a practitioner; the export needs them as the author`);
  return practitioner;
}

/** The score must be the one recorded for these answers to this version of the instrument. */
function checkInput(input: MeasureExportInput): void {
  const q = input.definition.questionnaire;
  if (input.score.instrument !== q.id || input.score.version !== q.version) {
    throw new Error(`the score is for ${input.score.instrument} ${input.score.version}, the definition is ${q.id} ${q.version}`);
  }
  checkAnswers(input.definition, input.answers);
  fhirId(input.response.id);
}

function coding(c: { system?: string | undefined; code: string; display: string }): fhir.Coding {
  return { ...(c.system ? { system: c.system } : {}), code: c.code, display: c.display };
}

/** The answer option an answer chose, by its ordinal value. */
function chosenOption(item: QuestionnaireItem, value: number): AnswerOption {
  const option = (item.answerOption ?? []).find((o) => ordinalValue(o) === value);
  // checkAnswers has already refused values no option scores.
  if (!option) throw new Error(`no answer of “${item.linkId}” scores ${value}`);
  return option;
}

/** The chosen answer as a Coding, carrying its score so a receiver can score it again. */
function answerCoding(item: QuestionnaireItem, value: number): fhir.Coding {
  return { ...coding(chosenOption(item, value).valueCoding), extension: [{ url: ORDINAL_VALUE_URL, valueDecimal: value }] };
}

function responseAnswer(item: QuestionnaireItem, value: number): fhir.QuestionnaireResponseItemAnswer {
  if (item.type === 'choice') return { valueCoding: answerCoding(item, value) };
  return item.type === 'integer' ? { valueInteger: value } : { valueDecimal: value };
}

/** Answered items and the groups that hold them; display items and unanswered ones are left out. */
function responseItems(items: readonly QuestionnaireItem[], answers: Answers): fhir.QuestionnaireResponseItem[] {
  const out: fhir.QuestionnaireResponseItem[] = [];
  for (const item of items) {
    if (item.type === 'group') {
      const children = responseItems(item.item ?? [], answers);
      if (children.length) out.push({ linkId: item.linkId, text: item.text, item: children });
      continue;
    }
    const value = answers[item.linkId];
    if (item.type === 'display' || value === undefined) continue;
    out.push({ linkId: item.linkId, text: item.text, answer: [responseAnswer(item, value)] });
  }
  return out;
}

const via = (input: MeasureExportInput): fhir.Extension => ({ url: COMPLETED_VIA_URL, valueCode: input.response.via });

/** The completed measure as a FHIR R4 QuestionnaireResponse, with each answer's code and wording from the definition. */
export function questionnaireResponseFor(input: MeasureExportInput): fhir.QuestionnaireResponse {
  checkInput(input);
  const q = input.definition.questionnaire;
  // The person who entered the answers: the practitioner on their screen in session, otherwise the client.
  const author = (input.response.via === 'in_session' || input.response.ratedBy === 'practitioner' ? practitionerRef(input) : undefined) ?? rater(input);
  return {
    resourceType: 'QuestionnaireResponse',
    id: input.response.id,
    extension: [via(input)],
    questionnaire: `${q.url}|${q.version}`,
    status: 'completed',
    subject: patientRef(input),
    authored: input.response.completedAt.toISOString(),
    author,
    source: rater(input),
    item: responseItems(q.item, input.answers),
  };
}

const survey = (): fhir.CodeableConcept[] => [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' }] }];

const score = (value: number): fhir.Quantity => ({ value, unit: '{score}', system: UCUM, code: '{score}' });

function ruleCoding(instrumentId: string, hit: RuleHit): fhir.Coding {
  return { system: instrumentCodeSystem(instrumentId, 'rules'), code: hit.key, display: hit.label };
}

/** What every Observation of this response shares. */
function observationBase(input: MeasureExportInput, id: string): Omit<fhir.Observation, 'code'> {
  const when = input.response.completedAt.toISOString();
  return {
    resourceType: 'Observation',
    id: fhirId(id),
    status: 'final',
    category: survey(),
    subject: patientRef(input),
    effectiveDateTime: when,
    issued: when,
    performer: [rater(input)],
    derivedFrom: [{ reference: `QuestionnaireResponse/${input.response.id}` }],
  };
}

function totalCode(definition: InstrumentDefinition): fhir.CodeableConcept {
  const q = definition.questionnaire;
  const text = `${q.title}: total score`;
  const code = definition.scoring.total.code;
  if (code) return { coding: [coding(code)], text };
  return { coding: [{ system: INSTRUMENT_TOTAL_SYSTEM, code: q.id, display: text }], text };
}

/**
 * The total score. Its severity band is the interpretation; subscales are components. Rules that
 * fired are marked twice: an extension per rule (RISK_RULE_URL or FLAG_RULE_URL, coded with the
 * rule's key) for software, and a note in words, with the rule's source, for people.
 */
function totalObservation(input: MeasureExportInput): fhir.Observation {
  const { definition, score: result } = input;
  const id = definition.questionnaire.id;
  const subscales = (definition.scoring.subscales ?? []).flatMap((sub): fhir.ObservationComponent[] => {
    const value = result.subscales[sub.key];
    if (value === undefined) return [];
    return [{ code: { coding: [{ system: instrumentCodeSystem(id, 'subscales'), code: sub.key, display: sub.label }], text: sub.label }, valueQuantity: score(value) }];
  });
  const extension: fhir.Extension[] = [
    ...result.riskRules.map((hit) => ({ url: RISK_RULE_URL, valueCoding: ruleCoding(id, hit) })),
    ...result.flags.map((hit) => ({ url: FLAG_RULE_URL, valueCoding: ruleCoding(id, hit) })),
  ];
  const note: fhir.Annotation[] = [
    { text: `Severity: ${result.severity.label}. Source: ${result.severity.source}` },
    ...result.riskRules.map((hit) => ({ text: `Risk: ${hit.label}. Liminal alerts the practitioner at once. Source: ${hit.source}` })),
    ...result.flags.map((hit) => ({ text: `Flag: ${hit.label}. Source: ${hit.source}` })),
  ];
  return {
    ...observationBase(input, `${input.response.id}-total`),
    ...(extension.length ? { extension } : {}),
    code: totalCode(definition),
    valueQuantity: score(result.total),
    interpretation: [
      { coding: [{ system: instrumentCodeSystem(id, 'severity'), code: result.severity.key, display: result.severity.label }], text: result.severity.label },
    ],
    note,
    ...(subscales.length ? { component: subscales } : {}),
  };
}

function itemValue(item: QuestionnaireItem, value: number): Pick<fhir.Observation, 'valueCodeableConcept' | 'valueInteger' | 'valueQuantity'> {
  if (item.type === 'choice') {
    const answer = answerCoding(item, value);
    return { valueCodeableConcept: { coding: [answer], ...(answer.display ? { text: answer.display } : {}) } };
  }
  return item.type === 'integer' ? { valueInteger: value } : { valueQuantity: { value } };
}

/** Answered items that carry a LOINC code, each as its own Observation (ids end in the LOINC code). */
function itemObservations(input: MeasureExportInput): fhir.Observation[] {
  const { definition, score: result } = input;
  const riskItems = new Map<string, RuleHit[]>();
  for (const hit of result.riskRules) {
    const rule = (definition.scoring.rules ?? []).find((r) => r.key === hit.key);
    if (rule?.when.on === 'item') riskItems.set(rule.when.linkId, [...(riskItems.get(rule.when.linkId) ?? []), hit]);
  }
  const used = new Map<string, number>();
  const walk = (items: readonly QuestionnaireItem[]): fhir.Observation[] =>
    items.flatMap((item) => {
      if (item.type === 'group') return walk(item.item ?? []);
      const value = input.answers[item.linkId];
      const loinc = (item.code ?? []).find((c) => c.system === LOINC);
      if (item.type === 'display' || value === undefined || !loinc) return [];
      // Two items with one LOINC code would clash on the id: the second becomes <code>-2, and so on.
      const seen = (used.get(loinc.code) ?? 0) + 1;
      used.set(loinc.code, seen);
      const suffix = seen === 1 ? loinc.code : `${loinc.code}-${seen}`;
      const risks = riskItems.get(item.linkId) ?? [];
      return [
        {
          ...observationBase(input, `${input.response.id}-${suffix}`),
          ...(risks.length ? { extension: risks.map((hit) => ({ url: RISK_RULE_URL, valueCoding: ruleCoding(definition.questionnaire.id, hit) })) } : {}),
          code: { coding: (item.code ?? []).map(coding), text: item.text },
          ...itemValue(item, value),
          ...(risks.length ? { note: risks.map((hit) => ({ text: `Risk: ${hit.label}. Liminal alerts the practitioner at once. Source: ${hit.source}` })) } : {}),
        },
      ];
    });
  return walk(definition.questionnaire.item);
}

/** The total score, then one Observation per answered item with a LOINC code, in question order. */
export function observationsFor(input: MeasureExportInput): fhir.Observation[] {
  checkInput(input);
  return [totalObservation(input), ...itemObservations(input)];
}

/** The QuestionnaireResponse and its Observations as one collection Bundle, with fullUrls under the FHIR base. */
export function measureBundle(input: MeasureExportInput): fhir.Bundle {
  const resources: fhir.Resource[] = [questionnaireResponseFor(input), ...observationsFor(input)];
  return {
    resourceType: 'Bundle',
    id: fhirId(`${input.response.id}-measure`),
    type: 'collection',
    entry: resources.map((resource) => ({ fullUrl: fullUrl(input, resource), resource })),
  };
}

/**
 * The instrument as a FHIR R4 Questionnaire: the definition's `questionnaire` part, copied.
 * Liminal's `scoring` and `citations` sit beside it and are not FHIR, so they stay behind.
 */
export function questionnaireFor(definition: InstrumentDefinition): fhir.Questionnaire {
  // The zod schema checks the fields Liminal reads and keeps the rest; the validation tests prove the whole is FHIR.
  return structuredClone(definition.questionnaire) as unknown as fhir.Questionnaire;
}
