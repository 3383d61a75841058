import { z } from 'zod';
import { draftText, personText } from '../shared/text.js';

/**
 * The relational map: a client's world as data. One document holds both the ecomap (the client
 * at the centre, the people, groups, institutions, places, practices and the spiritual around
 * them, each tie drawn after Hartman's conventions) and the family structure the genogram view
 * draws from the same people (partnerships, parents and children, twins, emotional patterns).
 *
 * Node and tie ids are made by the client app and kept across versions, so two versions can be
 * compared item by item. A tie is identified by its kind and its two ends (see `tieKey`): one tie
 * of a kind between two nodes.
 */

/** The five levels at which the approach locates health, from the closest outward. */
export const mapLevels = ['personal', 'familial', 'social', 'ecological', 'spiritual'] as const;
export type MapLevel = (typeof mapLevels)[number];
export const levelLabels: Record<MapLevel, string> = {
  personal: 'Personal',
  familial: 'Familial',
  social: 'Social',
  ecological: 'Ecological',
  spiritual: 'Spiritual',
};

/**
 * What a node stands for. `client` is the map's centre (exactly one). `influence` is a cultural or
 * systemic force (racism, migration, poverty, an institution's power) linked to what it touches.
 */
export const nodeKinds = ['client', 'person', 'family', 'group', 'institution', 'place', 'practice', 'spiritual', 'influence'] as const;
export type NodeKind = (typeof nodeKinds)[number];
export const nodeKindLabels: Record<NodeKind, string> = {
  client: 'The client',
  person: 'Person',
  family: 'Family or household',
  group: 'Group or community',
  institution: 'Institution',
  place: 'Place or land',
  practice: 'Practice or activity',
  spiritual: 'Spiritual',
  influence: 'Cultural or systemic influence',
};
/** The level a new node of each kind starts at; the person drawing can move it. */
export const defaultLevel: Record<NodeKind, MapLevel> = {
  client: 'personal',
  person: 'social',
  family: 'familial',
  group: 'social',
  institution: 'ecological',
  place: 'ecological',
  practice: 'personal',
  spiritual: 'spiritual',
  influence: 'ecological',
};

export const institutionSectors = ['work', 'school', 'health', 'justice', 'faith', 'government', 'other'] as const;
export type InstitutionSector = (typeof institutionSectors)[number];
export const sectorLabels: Record<InstitutionSector, string> = {
  work: 'Work',
  school: 'School or study',
  health: 'Health',
  justice: 'Justice',
  faith: 'Faith',
  government: 'Government or benefits',
  other: 'Other',
};

export const genders = ['female', 'male', 'nonbinary', 'unknown'] as const;
export type Gender = (typeof genders)[number];

/** Hartman's ecomap tie conventions. */
export const tieStrengths = ['tenuous', 'moderate', 'strong'] as const;
export type TieStrength = (typeof tieStrengths)[number];
export const tieQualities = ['supportive', 'stressful', 'conflicted', 'cut_off'] as const;
export type TieQuality = (typeof tieQualities)[number];
export const qualityLabels: Record<TieQuality, string> = {
  supportive: 'Supportive',
  stressful: 'Stressful',
  conflicted: 'Conflicted',
  cut_off: 'Cut off',
};
export const strengthLabels: Record<TieStrength, string> = { tenuous: 'Tenuous', moderate: 'Moderate', strong: 'Strong' };

/** Which way energy (or, on an emotional line, the pattern) runs between the tie's ends `a` and `b`. */
export const directions = ['none', 'a_to_b', 'b_to_a', 'both'] as const;
export type Direction = (typeof directions)[number];

export const partnerStatuses = ['married', 'partnered', 'separated', 'divorced', 'widowed', 'ended'] as const;
export type PartnerStatus = (typeof partnerStatuses)[number];
/** How a child came to their parent; several parents of different kinds may stand beside each other. */
export const parentBonds = ['birth', 'adoptive', 'foster', 'step', 'unknown'] as const;
export type ParentBond = (typeof parentBonds)[number];

/**
 * Emotional-relationship lines of the genogram (after McGoldrick and Gerson). The list is
 * extensible: a map may use any short pattern name; these are the ones drawn with their own line.
 */
export const knownEmotionalPatterns = ['close', 'fused', 'distant', 'conflicted', 'cut_off', 'hostile', 'abusive', 'caring'] as const;
export const emotionalPatternLabels: Record<string, string> = {
  close: 'Close',
  fused: 'Fused',
  distant: 'Distant',
  conflicted: 'Conflicted',
  cut_off: 'Cut off',
  hostile: 'Hostile',
  abusive: 'Abusive',
  caring: 'Caring',
};

export const tieKinds = ['connection', 'knows', 'influence', 'partner', 'parent', 'twin', 'emotional'] as const;
export type TieKind = (typeof tieKinds)[number];
/** Kinds whose key keeps its direction: a parent of a child, an influence on what it touches. */
const directedKinds: ReadonlySet<TieKind> = new Set(['parent', 'influence']);

export const MAX_NODES = 1000;
export const MAX_TIES = 5000;

const id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'Ids are 1–40 letters, digits, “-” or “_”.');
const labelIn = personText(120).refine((s) => s.length > 0, 'Give it a name, even a first name or a word.');
const noteIn = draftText(2000, 'Keep a note under 2,000 characters.').default('');
const year = z.number().int('Use a whole year.').min(1800, 'Use a year from 1800.').max(2200, 'Use a year before 2200.');
const coordinate = z.number().finite().min(-100_000).max(100_000);

/**
 * The map's shapes, built twice: for what arrives (text normalised and checked) and for what the
 * server answers (plain strings: a response schema cannot run a transform backwards).
 */
function mapShapes<L extends z.ZodType<string>, N extends z.ZodType<string>>(label: L, note: N) {
  const node = z.object({
    id,
    kind: z.enum(nodeKinds),
    label,
    level: z.enum(mapLevels),
    sector: z.enum(institutionSectors).nullable().default(null),
    note,
    /** Marked as someone the client can turn to, and by whom. */
    turnTo: z.enum(['client', 'practitioner', 'both']).nullable().default(null),
    x: coordinate.default(0),
    y: coordinate.default(0),
    // Family structure, for people (and the client) in the genogram view.
    gender: z.enum(genders).default('unknown'),
    born: year.nullable().default(null),
    died: year.nullable().default(null),
    deceased: z.boolean().default(false),
    /** Someone whose identity is not known (an unknown birth father). */
    unknownIdentity: z.boolean().default(false),
    /** Another client of the practice this person is (a partner or family member with their own record). */
    clientId: z.string().uuid().nullable().default(null),
  });
  const ends = { id, a: id, b: id };
  const tie = z.discriminatedUnion('kind', [
    z.object({
      ...ends,
      kind: z.literal('connection'),
      strength: z.enum(tieStrengths),
      quality: z.enum(tieQualities),
      direction: z.enum(directions).default('none'),
      note,
    }),
    /** Two of the client's people know each other (said by the client). */
    z.object({ ...ends, kind: z.literal('knows') }),
    /** A cultural or systemic influence (`a`) touches `b`. */
    z.object({ ...ends, kind: z.literal('influence'), note }),
    z.object({
      ...ends,
      kind: z.literal('partner'),
      status: z.enum(partnerStatuses),
      since: year.nullable().default(null),
      until: year.nullable().default(null),
      note,
    }),
    /** `a` is a parent of `b`. */
    z.object({ ...ends, kind: z.literal('parent'), bond: z.enum(parentBonds) }),
    z.object({ ...ends, kind: z.literal('twin'), identical: z.boolean().default(false) }),
    z.object({
      ...ends,
      kind: z.literal('emotional'),
      pattern: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Name a pattern in lower-case words joined by “_”.'),
      direction: z.enum(directions).default('none'),
      note,
    }),
  ]);
  const map = z.object({
    nodes: z.array(node).max(MAX_NODES, `A map holds at most ${MAX_NODES} people and places.`),
    ties: z.array(tie).max(MAX_TIES, `A map holds at most ${MAX_TIES} ties.`),
    /** The client has said which of their people know each other, so density and brokerage mean something. */
    alterTiesRecorded: z.boolean().default(false),
  });
  return { node, tie, map };
}

const incoming = mapShapes(labelIn, noteIn);
const answered = mapShapes(z.string(), z.string().default(''));
export const mapNodeSchema = incoming.node;
export const mapTieSchema = incoming.tie;
export const relationalMapSchema = incoming.map;
/** The same shapes for the server's answers. */
export const mapNodeOut = answered.node;
export const mapTieOut = answered.tie;
export const relationalMapOut = answered.map;
export type MapNode = z.infer<typeof mapNodeSchema>;
export type MapTie = z.infer<typeof mapTieSchema>;
export type ConnectionTie = Extract<MapTie, { kind: 'connection' }>;
export type RelationalMap = z.infer<typeof relationalMapSchema>;
/** A map as typed by a caller, before defaults are filled. */
export type RelationalMapInput = z.input<typeof relationalMapSchema>;

/** A fresh map: the client alone at the centre. */
export function newMap(clientName: string, clientId: string | null = null): RelationalMap {
  return {
    nodes: [
      {
        id: 'client',
        kind: 'client',
        label: clientName.trim() === '' ? 'Client' : clientName.trim().slice(0, 120),
        level: 'personal',
        sector: null,
        note: '',
        turnTo: null,
        x: 0,
        y: 0,
        gender: 'unknown',
        born: null,
        died: null,
        deceased: false,
        unknownIdentity: false,
        clientId,
      },
    ],
    ties: [],
    alterTiesRecorded: false,
  };
}

/** The identity of a tie across versions: its kind and its ends (ordered only for directed kinds). */
export function tieKey(tie: Pick<MapTie, 'kind' | 'a' | 'b'>): string {
  if (directedKinds.has(tie.kind) || tie.a <= tie.b) return `${tie.kind}:${tie.a}:${tie.b}`;
  return `${tie.kind}:${tie.b}:${tie.a}`;
}

const flipped: Record<Direction, Direction> = { none: 'none', a_to_b: 'b_to_a', b_to_a: 'a_to_b', both: 'both' };

/**
 * The one written form of a map: nodes by id, ties by key, undirected ties with `a` before `b`
 * (their direction turned with them, so the meaning is unchanged). Saved versions are canonical,
 * which makes "nothing changed" an equality and diffs independent of drawing order.
 */
export function canonicalMap(map: RelationalMap): RelationalMap {
  const ties = map.ties.map((t): MapTie => {
    if (directedKinds.has(t.kind) || t.a <= t.b) return t;
    const turned = { ...t, a: t.b, b: t.a };
    return 'direction' in t ? ({ ...turned, direction: flipped[t.direction] } as MapTie) : (turned as MapTie);
  });
  // Each key is worked out once, not in every comparison: maps reach thousands of ties.
  const keyed = ties.map((t) => [tieKey(t), t] as const).sort(([kx], [ky]) => (kx < ky ? -1 : kx > ky ? 1 : 0));
  return {
    nodes: [...map.nodes].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
    ties: keyed.map(([, t]) => t),
    alterTiesRecorded: map.alterTiesRecorded,
  };
}

/** How a tie's direction reads from one of its ends: energy coming to it, going from it, both, or neither. */
export function directionFrom(tie: { a: string; b: string; direction: Direction }, nodeId: string): 'to' | 'from' | 'both' | 'none' {
  if (tie.direction === 'none' || tie.direction === 'both') return tie.direction;
  const towardB = tie.direction === 'a_to_b';
  if (nodeId === tie.b) return towardB ? 'to' : 'from';
  return towardB ? 'from' : 'to';
}

const personLike: ReadonlySet<NodeKind> = new Set(['client', 'person']);

/**
 * What makes a map unsavable, as field messages keyed by path (`nodes.3.label`, `ties.5.b`), so a
 * form or the table view can show each beside its row. An empty object means the map is sound.
 */
export function mapProblems(map: RelationalMap): Record<string, string> {
  const problems: Record<string, string> = {};
  const byId = new Map<string, MapNode>();
  const clients = map.nodes.filter((n) => n.kind === 'client');
  if (clients.length !== 1) problems['nodes'] = clients.length === 0 ? 'The map needs the client at its centre.' : 'A map has one client at its centre.';
  map.nodes.forEach((n, i) => {
    if (byId.has(n.id)) problems[`nodes.${i}.id`] = `Two entries share the id “${n.id}”.`;
    byId.set(n.id, n);
    if (n.sector !== null && n.kind !== 'institution') problems[`nodes.${i}.sector`] = 'Only an institution has a sector.';
    if (n.born !== null && n.died !== null && n.died < n.born) problems[`nodes.${i}.died`] = 'The year of death is before the year of birth.';
    if (n.died !== null && !n.deceased) problems[`nodes.${i}.deceased`] = 'A year of death is set: mark the person as deceased.';
  });
  const keys = new Map<string, number>();
  const tieIds = new Set<string>();
  const parentsOf = new Map<string, string[]>();
  map.ties.forEach((t, i) => {
    const at = `ties.${i}`;
    if (tieIds.has(t.id)) problems[`${at}.id`] = `Two ties share the id “${t.id}”.`;
    tieIds.add(t.id);
    const a = byId.get(t.a);
    const b = byId.get(t.b);
    if (!a) problems[`${at}.a`] = 'This tie starts at someone no longer on the map.';
    if (!b) problems[`${at}.b`] = 'This tie ends at someone no longer on the map.';
    if (t.a === t.b) problems[`${at}.b`] = 'A tie joins two different people or places.';
    const key = tieKey(t);
    const earlier = keys.get(key);
    if (earlier !== undefined) problems[`${at}.b`] = `This repeats tie ${earlier + 1}: change that one instead.`;
    keys.set(key, i);
    if (!a || !b) return;
    switch (t.kind) {
      case 'knows':
        if (a.kind === 'client' || b.kind === 'client') problems[`${at}.b`] = '“Know each other” links two of the client’s people; a tie to the client is a connection.';
        break;
      case 'influence':
        if (a.kind !== 'influence') problems[`${at}.a`] = 'An influence tie starts at a cultural or systemic influence.';
        break;
      case 'partner':
      case 'twin':
      case 'parent':
        if (!personLike.has(a.kind) || !personLike.has(b.kind)) problems[`${at}.b`] = 'Family structure links people.';
        if (t.kind === 'partner' && t.since !== null && t.until !== null && t.until < t.since) problems[`${at}.until`] = 'The end year is before the start year.';
        if (t.kind === 'parent') parentsOf.set(t.b, [...(parentsOf.get(t.b) ?? []), t.a]);
        break;
      case 'emotional':
        if (!personLike.has(a.kind) || !personLike.has(b.kind)) problems[`${at}.b`] = 'Emotional-relationship lines link people.';
        break;
      case 'connection':
        break;
    }
  });
  map.ties.forEach((t, i) => {
    if (t.kind === 'parent' && t.bond === 'birth') {
      const birth = map.ties.filter((u) => u.kind === 'parent' && u.bond === 'birth' && u.b === t.b);
      if (birth.length > 2 && birth[2] === t) problems[`ties.${i}.bond`] = 'A person has at most two birth parents; mark others as adoptive, foster or step.';
    }
  });
  // Nobody is their own ancestor.
  const state = new Map<string, 'open' | 'done'>();
  const cyclic = (n: string): boolean => {
    const s = state.get(n);
    if (s === 'done') return false;
    if (s === 'open') return true;
    state.set(n, 'open');
    const found = (parentsOf.get(n) ?? []).some(cyclic);
    state.set(n, 'done');
    return found;
  };
  for (const child of parentsOf.keys()) {
    if (cyclic(child)) {
      const i = map.ties.findIndex((t) => t.kind === 'parent' && t.b === child);
      problems[`ties.${i}.a`] = 'These parent lines go round in a circle: someone would be their own ancestor.';
      break;
    }
  }
  return problems;
}

/** The client at the centre of a map (a sound map has exactly one). */
export function centreOf(map: RelationalMap): MapNode | undefined {
  return map.nodes.find((n) => n.kind === 'client');
}
