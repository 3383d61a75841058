import { createHash } from 'node:crypto';
import type * as fhir from '@medplum/fhirtypes';
import {
  canonicalMap,
  emotionalPatternLabels,
  type Gender,
  levelLabels,
  type MapNode,
  type MapTie,
  nodeKindLabels,
  type ParentBond,
  qualityLabels,
  type RelationalMap,
  sectorLabels,
  strengthLabels,
} from '../../domain/maps/map.js';
import { LIMINAL_FHIR_BASE } from '../../domain/measures/definition.js';

/**
 * FHIR R4 export of one saved version of a client's relational map: a collection Bundle of
 * RelatedPerson (people), Group (families and groups), Basic (institutions, places, practices,
 * the spiritual, influences — and every tie), an Organization for the practice and a List
 * gathering the ties. Pure: it prints the map it is given and the names in `ctx`, nothing else.
 * The mapping is described in README.md here.
 */

export interface MapExportContext {
  clientId: string;
  clientName: string;
  versionId: string;
  versionNumber: number;
  /** When the version was saved, as an ISO moment. */
  savedAt: string;
  practiceName: string;
}

const sd = (name: string) => `${LIMINAL_FHIR_BASE}/StructureDefinition/${name}`;
const cs = (name: string) => `${LIMINAL_FHIR_BASE}/CodeSystem/${name}`;

/** Extensions on map resources (nodes and ties). */
export const MAP_EXTENSION = {
  level: sd('map-level'),
  label: sd('map-node-label'),
  sector: sd('map-institution-sector'),
  turnTo: sd('map-turn-to'),
  deceased: sd('map-deceased'),
  unknownIdentity: sd('map-unknown-identity'),
  note: sd('map-note'),
  from: sd('map-tie-from'),
  to: sd('map-tie-to'),
  strength: sd('map-tie-strength'),
  quality: sd('map-tie-quality'),
  direction: sd('map-tie-direction'),
  partnerStatus: sd('map-partner-status'),
  period: sd('map-partner-period'),
  bond: sd('map-parent-bond'),
  identical: sd('map-twin-identical'),
  pattern: sd('map-emotional-pattern'),
} as const;

/** Liminal's code systems for the map (the codes are the map's own keys). */
export const MAP_CODE_SYSTEM = {
  nodeKind: cs('map-node-kind'),
  tieKind: cs('map-tie-kind'),
  level: cs('map-level'),
  sector: cs('map-institution-sector'),
  strength: cs('map-tie-strength'),
  quality: cs('map-tie-quality'),
  direction: cs('map-tie-direction'),
  partnerStatus: cs('map-partner-status'),
  bond: cs('map-parent-bond'),
  pattern: cs('map-emotional-pattern'),
  turnTo: cs('map-turn-to'),
} as const;
/** Identifies the saved version a bundle and its List come from. */
export const MAP_VERSION_IDENTIFIER = `${LIMINAL_FHIR_BASE}/relational-map-version`;
export const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

/**
 * A stable UUID (RFC 4122 version 5 layout over SHA-1) for one thing in one version, so the same
 * version always exports the same fullUrls and two versions never share one.
 */
export function stableUuid(versionId: string, what: string): string {
  const bytes = createHash('sha1').update(`liminal-relational-map\u0000${versionId}\u0000${what}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const tieKindLabels: Record<MapTie['kind'], string> = {
  connection: 'Ecomap connection',
  knows: 'Know each other',
  influence: 'Cultural or systemic influence on',
  partner: 'Partners',
  parent: 'Parent of',
  twin: 'Twins',
  emotional: 'Emotional relationship',
};

const directionLabels = { none: 'No direction noted', a_to_b: 'From the first end to the second', b_to_a: 'From the second end to the first', both: 'Both ways' } as const;
const partnerStatusLabels = { married: 'Married', partnered: 'Partnered', separated: 'Separated', divorced: 'Divorced', widowed: 'Widowed', ended: 'Ended' } as const;
const bondLabels: Record<ParentBond, string> = { birth: 'Birth', adoptive: 'Adoptive', foster: 'Foster', step: 'Step', unknown: 'Not known' };
const turnToLabels = { client: 'Marked by the client', practitioner: 'Marked by the practitioner', both: 'Marked by both' } as const;

const administrativeGender: Record<Gender, fhir.RelatedPerson['gender']> = { female: 'female', male: 'male', nonbinary: 'other', unknown: 'unknown' };

type Role = { code: string; display: string } | { text: string };

const byGender = (gender: Gender, female: Role, male: Role, other: Role): Role => (gender === 'female' ? female : gender === 'male' ? male : other);
const r = (code: string, display: string): Role => ({ code, display });

function parentRole(bond: ParentBond, gender: Gender): Role {
  switch (bond) {
    case 'birth':
      return byGender(gender, r('NMTH', 'natural mother'), r('NFTH', 'natural father'), r('NPRN', 'natural parent'));
    case 'adoptive':
      return byGender(gender, r('ADOPTM', 'adoptive mother'), r('ADOPTF', 'adoptive father'), r('ADOPTP', 'adoptive parent'));
    case 'foster':
      return byGender(gender, r('MTHFOST', 'foster mother'), r('FTHFOST', 'foster father'), r('PRNFOST', 'foster parent'));
    case 'step':
      return byGender(gender, r('STPMTH', 'stepmother'), r('STPFTH', 'stepfather'), r('STPPRN', 'step parent'));
    case 'unknown':
      return byGender(gender, r('MTH', 'mother'), r('FTH', 'father'), r('PRN', 'parent'));
  }
}

function childRole(bond: ParentBond, gender: Gender): Role {
  switch (bond) {
    case 'birth':
      return byGender(gender, r('DAU', 'natural daughter'), r('SON', 'natural son'), r('NCHILD', 'natural child'));
    case 'adoptive':
      return byGender(gender, r('DAUADOPT', 'adopted daughter'), r('SONADOPT', 'adopted son'), r('CHLDADOPT', 'adopted child'));
    case 'foster':
      return byGender(gender, r('DAUFOST', 'foster daughter'), r('SONFOST', 'foster son'), r('CHLDFOST', 'foster child'));
    case 'step':
      return byGender(gender, r('STPDAU', 'stepdaughter'), r('STPSON', 'stepson'), r('STPCHLD', 'step child'));
    case 'unknown':
      return byGender(gender, r('DAUC', 'daughter'), r('SONC', 'son'), r('CHILD', 'child'));
  }
}

/**
 * What a person is to the client, from the map's family structure (parent, partner and twin
 * ties, and siblings and grandparents that follow from parent ties), as v3-RoleCode where a code
 * says exactly that. Several can hold at once (a birth mother who is also a grandmother's
 * daughter is only the former to the client; a twin is not listed again as a sibling).
 */
function relationshipsToClient(map: RelationalMap, node: MapNode, clientNodeId: string): Role[] {
  const roles: Role[] = [];
  const parentsOf = (id: string) => map.ties.filter((t): t is Extract<MapTie, { kind: 'parent' }> => t.kind === 'parent' && t.b === id);
  const childrenOf = (id: string) => map.ties.filter((t): t is Extract<MapTie, { kind: 'parent' }> => t.kind === 'parent' && t.a === id);
  const between = (t: MapTie) => (t.a === node.id && t.b === clientNodeId) || (t.b === node.id && t.a === clientNodeId);

  for (const t of parentsOf(clientNodeId)) if (t.a === node.id) roles.push(parentRole(t.bond, node.gender));
  for (const t of childrenOf(clientNodeId)) if (t.b === node.id) roles.push(childRole(t.bond, node.gender));

  for (const t of map.ties) {
    if (!between(t)) continue;
    if (t.kind === 'partner') {
      if (t.status === 'married' || t.status === 'separated' || t.status === 'widowed') roles.push(r('SPS', 'spouse'));
      else if (t.status === 'divorced') roles.push(r('FMRSPS', 'former spouse'));
      else if (t.status === 'partnered') roles.push(r('SIGOTHR', 'significant other'));
      // An ended partnership that was not a marriage has no code of its own.
      else roles.push({ text: 'Former partner' });
    }
    if (t.kind === 'twin') {
      roles.push(
        t.identical
          ? byGender(node.gender, r('ITWINSIS', 'identical twin sister'), r('ITWINBRO', 'identical twin brother'), r('ITWIN', 'identical twin'))
          : byGender(node.gender, r('FTWINSIS', 'fraternal twin sister'), r('FTWINBRO', 'fraternal twin brother'), r('FTWIN', 'fraternal twin')),
      );
    }
  }

  const isTwin = map.ties.some((t) => t.kind === 'twin' && between(t));
  const clientParents = parentsOf(clientNodeId);
  const theirParents = parentsOf(node.id);
  const shared = theirParents.filter((t) => clientParents.some((c) => c.a === t.a));
  if (!isTwin && shared.length > 0) {
    const birth = (ties: typeof clientParents) => new Set(ties.filter((t) => t.bond === 'birth').map((t) => t.a));
    const mine = birth(clientParents);
    const theirs = birth(theirParents);
    const sharedBirth = [...theirs].filter((p) => mine.has(p));
    const fullSiblings = sharedBirth.length > 0 && mine.size === theirs.size && sharedBirth.length === mine.size;
    if (sharedBirth.length > 0 && !fullSiblings) roles.push(r('HSIB', 'half-sibling'));
    else roles.push(byGender(node.gender, r('SIS', 'sister'), r('BRO', 'brother'), r('SIB', 'sibling')));
  }

  if (clientParents.some((p) => parentsOf(p.a).some((g) => g.a === node.id))) roles.push(byGender(node.gender, r('GRMTH', 'grandmother'), r('GRFTH', 'grandfather'), r('GRPRN', 'grandparent')));
  if (childrenOf(clientNodeId).some((c) => childrenOf(c.b).some((g) => g.b === node.id))) {
    roles.push(byGender(node.gender, r('GRNDDAU', 'granddaughter'), r('GRNDSON', 'grandson'), r('GRNDCHILD', 'grandchild')));
  }
  return roles;
}

function relationshipConcepts(map: RelationalMap, node: MapNode, clientNodeId: string): fhir.CodeableConcept[] {
  const roles = relationshipsToClient(map, node, clientNodeId);
  if (roles.length === 0) {
    // Family by the client's word, relationship not drawn: a family member. Anyone else is only
    // someone in the client's world; "friend" or "neighbour" would claim what the map does not say.
    if (node.level === 'familial') roles.push(r('FAMMEMB', 'family member'));
    else roles.push({ text: `Someone in the client’s ${levelLabels[node.level].toLowerCase()} world` });
  }
  const seen = new Set<string>();
  return roles
    .filter((role) => {
      const key = 'code' in role ? role.code : role.text;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((role) => ('code' in role ? { coding: [{ system: ROLE_CODE, code: role.code, display: role.display }], text: role.display } : { text: role.text }));
}

const coding = (system: string, code: string, display: string): fhir.Coding => ({ system, code, display });

/** A year as a FHIR date ('1958'). */
const yearDate = (year: number): string => String(year).padStart(4, '0');

function nodeExtensions(node: MapNode): fhir.Extension[] {
  const out: fhir.Extension[] = [{ url: MAP_EXTENSION.level, valueCoding: coding(MAP_CODE_SYSTEM.level, node.level, levelLabels[node.level]) }];
  if (node.sector) out.push({ url: MAP_EXTENSION.sector, valueCoding: coding(MAP_CODE_SYSTEM.sector, node.sector, sectorLabels[node.sector]) });
  if (node.turnTo) out.push({ url: MAP_EXTENSION.turnTo, valueCoding: coding(MAP_CODE_SYSTEM.turnTo, node.turnTo, turnToLabels[node.turnTo]) });
  if (node.kind === 'person') {
    // RelatedPerson has no deceased element in R4: shaped like Patient.deceased[x].
    if (node.died !== null) out.push({ url: MAP_EXTENSION.deceased, valueDate: yearDate(node.died) });
    else if (node.deceased) out.push({ url: MAP_EXTENSION.deceased, valueBoolean: true });
    if (node.unknownIdentity) out.push({ url: MAP_EXTENSION.unknownIdentity, valueBoolean: true });
  }
  if (node.note.trim()) out.push({ url: MAP_EXTENSION.note, valueString: node.note });
  return out;
}

const endExtension = (url: string, reference: fhir.Reference): fhir.Extension => ({ url, valueReference: reference });

function tieExtensions(tie: MapTie, ref: (id: string) => fhir.Reference): fhir.Extension[] {
  const out: fhir.Extension[] = [endExtension(MAP_EXTENSION.from, ref(tie.a)), endExtension(MAP_EXTENSION.to, ref(tie.b))];
  switch (tie.kind) {
    case 'connection':
      out.push(
        { url: MAP_EXTENSION.strength, valueCoding: coding(MAP_CODE_SYSTEM.strength, tie.strength, strengthLabels[tie.strength]) },
        { url: MAP_EXTENSION.quality, valueCoding: coding(MAP_CODE_SYSTEM.quality, tie.quality, qualityLabels[tie.quality]) },
        { url: MAP_EXTENSION.direction, valueCoding: coding(MAP_CODE_SYSTEM.direction, tie.direction, directionLabels[tie.direction]) },
      );
      break;
    case 'partner':
      out.push({ url: MAP_EXTENSION.partnerStatus, valueCoding: coding(MAP_CODE_SYSTEM.partnerStatus, tie.status, partnerStatusLabels[tie.status]) });
      if (tie.since !== null || tie.until !== null) {
        out.push({ url: MAP_EXTENSION.period, valuePeriod: { ...(tie.since !== null ? { start: yearDate(tie.since) } : {}), ...(tie.until !== null ? { end: yearDate(tie.until) } : {}) } });
      }
      break;
    case 'parent':
      out.push({ url: MAP_EXTENSION.bond, valueCoding: coding(MAP_CODE_SYSTEM.bond, tie.bond, bondLabels[tie.bond]) });
      break;
    case 'twin':
      out.push({ url: MAP_EXTENSION.identical, valueBoolean: tie.identical });
      break;
    case 'emotional':
      out.push(
        { url: MAP_EXTENSION.pattern, valueCoding: coding(MAP_CODE_SYSTEM.pattern, tie.pattern, emotionalPatternLabels[tie.pattern] ?? tie.pattern.replace(/_/g, ' ')) },
        { url: MAP_EXTENSION.direction, valueCoding: coding(MAP_CODE_SYSTEM.direction, tie.direction, directionLabels[tie.direction]) },
      );
      break;
    case 'knows':
    case 'influence':
      break;
  }
  if ('note' in tie && tie.note.trim()) out.push({ url: MAP_EXTENSION.note, valueString: tie.note });
  return out;
}

/** A tie in words, for people reading the Basic resource without Liminal. */
function tieText(tie: MapTie, name: (id: string) => string): string {
  const [a, b] = [name(tie.a), name(tie.b)];
  switch (tie.kind) {
    case 'connection':
      return `${a} and ${b}: ${strengthLabels[tie.strength].toLowerCase()}, ${qualityLabels[tie.quality].toLowerCase()}`;
    case 'knows':
      return `${a} and ${b} know each other`;
    case 'influence':
      return `${a} touches ${b}`;
    case 'partner':
      return `${a} and ${b}: partners (${tie.status})`;
    case 'parent':
      return `${a} is a parent of ${b} (${bondLabels[tie.bond].toLowerCase()})`;
    case 'twin':
      return `${a} and ${b}: ${tie.identical ? 'identical' : 'fraternal'} twins`;
    case 'emotional':
      return `${a} and ${b}: ${(emotionalPatternLabels[tie.pattern] ?? tie.pattern.replace(/_/g, ' ')).toLowerCase()}`;
  }
}

const groupKinds = new Set<MapNode['kind']>(['family', 'group']);

/** People become RelatedPerson, families and groups Group, everything else (institutions, places…) Basic. */
function resourceTypeOf(node: MapNode): 'Patient' | 'RelatedPerson' | 'Group' | 'Basic' {
  if (node.kind === 'client') return 'Patient';
  if (node.kind === 'person') return 'RelatedPerson';
  return groupKinds.has(node.kind) ? 'Group' : 'Basic';
}

/**
 * One saved map version as a FHIR R4 collection Bundle. fullUrls are `urn:uuid:` derived from the
 * version id and each node or tie id; the client is `Patient/<clientId>` (not in the bundle).
 */
export function mapToFhir(input: RelationalMap, ctx: MapExportContext): fhir.Bundle {
  const map = canonicalMap(input);
  const urn = (what: string) => `urn:uuid:${stableUuid(ctx.versionId, what)}`;
  const idOf = (what: string) => stableUuid(ctx.versionId, what);
  const patient: fhir.Reference<fhir.Patient> = { reference: `Patient/${ctx.clientId}`, display: ctx.clientName };
  const organization: fhir.Organization = { resourceType: 'Organization', id: idOf('practice'), name: ctx.practiceName };
  const author: fhir.Reference<fhir.Organization> = { reference: urn('practice'), type: 'Organization', display: ctx.practiceName };

  const clientNode = map.nodes.find((node) => node.kind === 'client');
  const byId = new Map(map.nodes.map((node) => [node.id, node]));
  const name = (id: string) => (id === clientNode?.id ? ctx.clientName : (byId.get(id)?.label ?? id));
  const ref = (id: string): fhir.Reference => {
    const node = byId.get(id);
    if (!node || node.kind === 'client') return patient;
    return { reference: urn(`node:${id}`), type: resourceTypeOf(node), display: node.label };
  };

  const entries: fhir.BundleEntry[] = [{ fullUrl: urn('practice'), resource: organization }];
  for (const node of map.nodes) {
    if (node.kind === 'client') continue;
    const id = idOf(`node:${node.id}`);
    let resource: fhir.Resource;
    const type = resourceTypeOf(node);
    if (type === 'RelatedPerson') {
      resource = {
        resourceType: 'RelatedPerson',
        id,
        extension: nodeExtensions(node),
        active: true,
        patient,
        relationship: relationshipConcepts(map, node, clientNode?.id ?? ''),
        name: [{ text: node.label }],
        gender: administrativeGender[node.gender],
        ...(node.born !== null ? { birthDate: yearDate(node.born) } : {}),
      } satisfies fhir.RelatedPerson;
    } else if (type === 'Group') {
      resource = {
        resourceType: 'Group',
        id,
        extension: nodeExtensions(node),
        type: 'person',
        actual: false,
        code: { coding: [coding(MAP_CODE_SYSTEM.nodeKind, node.kind, nodeKindLabels[node.kind])], text: nodeKindLabels[node.kind] },
        name: node.label,
      } satisfies fhir.Group;
    } else {
      resource = {
        resourceType: 'Basic',
        id,
        extension: [{ url: MAP_EXTENSION.label, valueString: node.label }, ...nodeExtensions(node)],
        code: { coding: [coding(MAP_CODE_SYSTEM.nodeKind, node.kind, nodeKindLabels[node.kind])], text: `${nodeKindLabels[node.kind]}: ${node.label}` },
        subject: patient,
        author,
      } satisfies fhir.Basic;
    }
    entries.push({ fullUrl: urn(`node:${node.id}`), resource });
  }

  const tieUrls: string[] = [];
  for (const tie of map.ties) {
    if (!byId.has(tie.a) || !byId.has(tie.b)) continue;
    const fullUrl = urn(`tie:${tie.id}`);
    tieUrls.push(fullUrl);
    const basic: fhir.Basic = {
      resourceType: 'Basic',
      id: idOf(`tie:${tie.id}`),
      extension: tieExtensions(tie, ref),
      code: { coding: [coding(MAP_CODE_SYSTEM.tieKind, tie.kind, tieKindLabels[tie.kind])], text: tieText(tie, name) },
      subject: patient,
      author,
    };
    entries.push({ fullUrl, resource: basic });
  }

  const list: fhir.List = {
    resourceType: 'List',
    id: idOf('list'),
    identifier: [{ system: MAP_VERSION_IDENTIFIER, value: ctx.versionId }],
    status: 'current',
    mode: 'snapshot',
    title: `Relational map version ${ctx.versionNumber}`,
    subject: patient,
    date: ctx.savedAt,
    ...(tieUrls.length ? { entry: tieUrls.map((reference) => ({ item: { reference } })) } : { emptyReason: { text: 'No ties were drawn in this version.' } }),
  };
  entries.push({ fullUrl: urn('list'), resource: list });

  return {
    resourceType: 'Bundle',
    id: idOf('bundle'),
    identifier: { system: MAP_VERSION_IDENTIFIER, value: ctx.versionId },
    type: 'collection',
    timestamp: ctx.savedAt,
    entry: entries,
  };
}
