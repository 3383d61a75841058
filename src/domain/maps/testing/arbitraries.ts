import fc from 'fast-check';
import {
  directions,
  genders,
  institutionSectors,
  knownEmotionalPatterns,
  mapLevels,
  type MapNode,
  type MapTie,
  type NodeKind,
  nodeKinds,
  parentBonds,
  partnerStatuses,
  type RelationalMap,
  tieKey,
  type TieKind,
  tieQualities,
  tieStrengths,
} from '../map.js';

/**
 * Maps for tests: small factories for hand-built examples, and fast-check arbitraries whose
 * every map is sound (`mapProblems` finds nothing) — the only kind a practitioner can save.
 * Candidates are generated freely and then made sound by dropping whatever would not be
 * accepted (see `soundMap`), so the arbitraries reach every rule without rejecting runs.
 */

const flippedDirection = { none: 'none', a_to_b: 'b_to_a', b_to_a: 'a_to_b', both: 'both' } as const;

/** A node with every field at its default; `over` sets what the example cares about. */
export function nodeOf(id: string, label: string, over: Partial<MapNode> = {}): MapNode {
  const kind = over.kind ?? 'person';
  return {
    id,
    kind,
    label,
    level: kind === 'client' ? 'personal' : 'social',
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
    clientId: null,
    ...over,
  };
}

/** The client at the centre, with id `client`. */
export const clientNode = (label = 'Noa', over: Partial<MapNode> = {}): MapNode => nodeOf('client', label, { kind: 'client', ...over });

/** A connection tie (Hartman's ecomap line) from `a` to `b`. */
export function connectionOf(
  a: string,
  b: string,
  strength: (typeof tieStrengths)[number],
  quality: (typeof tieQualities)[number],
  over: Partial<Omit<Extract<MapTie, { kind: 'connection' }>, 'kind'>> = {},
): MapTie {
  return { id: `c-${a}-${b}`, kind: 'connection', a, b, strength, quality, direction: 'none', note: '', ...over };
}

/** A map from its nodes and ties (who-knows-whom not recorded unless said). */
export const mapOf = (nodes: MapNode[], ties: MapTie[] = [], alterTiesRecorded = false): RelationalMap => ({ nodes, ties, alterTiesRecorded });

const labels = [
  'Mum',
  'Dad',
  'Aunt Rosa',
  'Leo',
  'Ana',
  'Grandmother Ivy',
  'Best friend',
  'Work',
  'School',
  'Choir',
  'The river',
  'Clinic',
  'Mosque',
  'Garden',
  'Racism',
  'Migration',
  'Neighbour',
  'Coach',
] as const;
const notes = ['', 'Sees them on Sundays.', 'Since the move.'] as const;
const otherClient = '00000000-0000-4000-8000-00000000c0de';
const personLike: ReadonlySet<NodeKind> = new Set(['client', 'person']);
const directedKinds: ReadonlySet<TieKind> = new Set(['parent', 'influence']);

/** Every field of a non-client node except its id. */
const nodeBody = fc
  .record({
    kind: fc.constantFrom(...nodeKinds.filter((k) => k !== 'client'), 'person', 'person'),
    label: fc.constantFrom(...labels),
    level: fc.constantFrom(...mapLevels),
    sector: fc.constantFrom(...institutionSectors),
    note: fc.constantFrom(...notes),
    turnTo: fc.constantFrom(null, null, null, 'client', 'practitioner', 'both'),
    x: fc.integer({ min: -600, max: 600 }),
    y: fc.integer({ min: -600, max: 600 }),
    gender: fc.constantFrom(...genders),
    born: fc.option(fc.integer({ min: 1900, max: 2020 })),
    lifespan: fc.option(fc.integer({ min: 0, max: 100 })),
    deceased: fc.boolean(),
    unknownIdentity: fc.boolean(),
    clientId: fc.constantFrom(null, null, null, otherClient),
  })
  .map(({ sector, lifespan, ...n }): Omit<MapNode, 'id'> => ({
    ...n,
    sector: n.kind === 'institution' ? sector : null,
    died: n.deceased && n.born !== null && lifespan !== null ? n.born + lifespan : null,
  }));

const clientBody = fc.record({ label: fc.constantFrom('Noa', 'Tavi', 'Ines'), x: fc.integer({ min: -50, max: 50 }), y: fc.integer({ min: -50, max: 50 }) });

/** A tie's kind and every attribute any kind might use; its ends are picked from the nodes later. */
const tieBody = fc.record({
  kind: fc.constantFrom<TieKind>('connection', 'connection', 'connection', 'connection', 'knows', 'knows', 'influence', 'partner', 'parent', 'parent', 'twin', 'emotional'),
  a: fc.nat(),
  b: fc.nat(),
  strength: fc.constantFrom(...tieStrengths),
  quality: fc.constantFrom(...tieQualities),
  direction: fc.constantFrom(...directions),
  note: fc.constantFrom(...notes),
  status: fc.constantFrom(...partnerStatuses),
  since: fc.option(fc.integer({ min: 1950, max: 2020 })),
  span: fc.option(fc.integer({ min: 0, max: 40 })),
  bond: fc.constantFrom(...parentBonds),
  identical: fc.boolean(),
  pattern: fc.constantFrom(...knownEmotionalPatterns, 'protective'),
  idSuffix: fc.constantFrom('', '', '', 'x'),
});
type TieBody = typeof tieBody extends fc.Arbitrary<infer T> ? T : never;

function tieFrom(body: TieBody, a: string, b: string): MapTie {
  const ends = { id: '', a, b };
  switch (body.kind) {
    case 'connection':
      return { ...ends, kind: 'connection', strength: body.strength, quality: body.quality, direction: body.direction, note: body.note };
    case 'knows':
      return { ...ends, kind: 'knows' };
    case 'influence':
      return { ...ends, kind: 'influence', note: body.note };
    case 'partner':
      return { ...ends, kind: 'partner', status: body.status, since: body.since, until: body.since !== null && body.span !== null ? body.since + body.span : null, note: body.note };
    case 'parent':
      return { ...ends, kind: 'parent', bond: body.bond };
    case 'twin':
      return { ...ends, kind: 'twin', identical: body.identical };
    case 'emotional':
      return { ...ends, kind: 'emotional', pattern: body.pattern, direction: body.direction, note: body.note };
  }
}

/** The tie's id, made from its identity so the same tie keeps its id across versions (unless told otherwise). */
const idFor = (tie: MapTie, suffix: string): string => `t-${tieKey(tie).replaceAll(':', '-')}${suffix}`;

/**
 * A sound map from candidate nodes and ties: nodes after the first with a repeated id are
 * dropped, and so is every tie `mapProblems` would refuse (missing or equal ends, a repeated
 * identity, the wrong kinds of node, a third birth parent, a circle of parents).
 */
export function soundMap(nodes: MapNode[], ties: MapTie[], alterTiesRecorded: boolean): RelationalMap {
  const byId = new Map<string, MapNode>();
  for (const n of nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const keys = new Set<string>();
  const ids = new Set<string>();
  const parentsOf = new Map<string, string[]>();
  const birthParents = new Map<string, number>();
  const isAncestor = (candidate: string, of: string): boolean => {
    const stack = [of];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n === candidate) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(parentsOf.get(n) ?? []));
    }
    return false;
  };
  const kept: MapTie[] = [];
  for (const t of ties) {
    const a = byId.get(t.a);
    const b = byId.get(t.b);
    if (!a || !b || t.a === t.b) continue;
    const key = tieKey(t);
    if (keys.has(key) || ids.has(t.id)) continue;
    switch (t.kind) {
      case 'knows':
        if (a.kind === 'client' || b.kind === 'client') continue;
        break;
      case 'influence':
        if (a.kind !== 'influence') continue;
        break;
      case 'partner':
      case 'twin':
      case 'emotional':
        if (!personLike.has(a.kind) || !personLike.has(b.kind)) continue;
        if (t.kind === 'partner' && t.since !== null && t.until !== null && t.until < t.since) continue;
        break;
      case 'parent':
        if (!personLike.has(a.kind) || !personLike.has(b.kind)) continue;
        if (t.bond === 'birth' && (birthParents.get(t.b) ?? 0) >= 2) continue;
        // a becomes a parent of b: refused if b is already among a's ancestors.
        if (isAncestor(t.b, t.a)) continue;
        parentsOf.set(t.b, [...(parentsOf.get(t.b) ?? []), t.a]);
        if (t.bond === 'birth') birthParents.set(t.b, (birthParents.get(t.b) ?? 0) + 1);
        break;
      case 'connection':
        break;
    }
    keys.add(key);
    ids.add(t.id);
    kept.push(t);
  }
  return { nodes: [...byId.values()], ties: kept, alterTiesRecorded };
}

export interface MapArbitraryOptions {
  /** Most nodes besides the client (default 10). */
  maxNodes?: number;
  /** Most candidate ties before the unsound are dropped (default 24). */
  maxTies?: number;
  /** Node ids are drawn from `n0`… up to this many (default maxNodes + 4), so two maps share ids. */
  idPool?: number;
}

const nodesArb = (maxNodes: number, idPool: number): fc.Arbitrary<MapNode[]> =>
  fc
    .tuple(
      clientBody,
      fc.uniqueArray(fc.integer({ min: 0, max: idPool - 1 }), { maxLength: maxNodes }),
      fc.array(nodeBody, { minLength: maxNodes, maxLength: maxNodes }),
    )
    .map(([client, slots, bodies]) => [
      clientNode(client.label, { x: client.x, y: client.y }),
      ...slots.map((slot, i): MapNode => ({ id: `n${slot}`, ...bodies[i]! })),
    ]);

function tiesOver(nodes: MapNode[], bodies: TieBody[]): MapTie[] {
  return bodies.map((body) => {
    const tie = tieFrom(body, nodes[body.a % nodes.length]!.id, nodes[body.b % nodes.length]!.id);
    return { ...tie, id: idFor(tie, body.idSuffix) };
  });
}

/** A sound relational map: the client and up to `maxNodes` others, with ties of every kind. */
export function mapArb(options: MapArbitraryOptions = {}): fc.Arbitrary<RelationalMap> {
  const maxNodes = options.maxNodes ?? 10;
  const maxTies = options.maxTies ?? 24;
  const idPool = options.idPool ?? maxNodes + 4;
  return fc
    .tuple(nodesArb(maxNodes, idPool), fc.array(tieBody, { maxLength: maxTies }), fc.boolean())
    .map(([nodes, ties, recorded]) => soundMap(nodes, tiesOver(nodes, ties), recorded));
}

type NodeEdit = 'keep' | 'move' | 'level' | 'label' | 'turnTo' | 'note' | 'drop' | 'replace';
type TieEdit = 'keep' | 'attribute' | 'quality' | 'direction' | 'note' | 'flip' | 'drop' | 'reid';

/** A later version of `before`: some people dropped, moved, relabelled or re-levelled, ties changed, lost and drawn anew, arrays reordered. */
function laterVersion(before: RelationalMap, maxTies: number): fc.Arbitrary<RelationalMap> {
  const nodeEdits = fc.array(
    fc.record({
      edit: fc.constantFrom<NodeEdit>('keep', 'keep', 'keep', 'move', 'level', 'label', 'turnTo', 'note', 'drop', 'replace'),
      body: nodeBody,
    }),
    { minLength: before.nodes.length, maxLength: before.nodes.length },
  );
  const tieEdits = fc.array(
    fc.record({
      edit: fc.constantFrom<TieEdit>('keep', 'keep', 'keep', 'attribute', 'quality', 'direction', 'note', 'flip', 'drop', 'reid'),
      body: tieBody,
    }),
    { minLength: before.ties.length, maxLength: before.ties.length },
  );
  const newcomers = fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }).chain((slots) =>
    fc.array(nodeBody, { minLength: slots.length, maxLength: slots.length }).map((bodies) => slots.map((slot, i): MapNode => ({ id: `m${slot}`, ...bodies[i]! }))),
  );
  return fc
    .tuple(nodeEdits, tieEdits, newcomers, fc.array(tieBody, { maxLength: Math.ceil(maxTies / 2) }), fc.boolean(), fc.boolean())
    .map(([nEdits, tEdits, added, newTies, flipRecorded, reverse]) => {
      const nodes: MapNode[] = [];
      before.nodes.forEach((n, i) => {
        const { edit, body } = nEdits[i]!;
        if (n.kind === 'client') {
          nodes.push(edit === 'label' ? { ...n, label: n.label === 'Noa' ? 'Noah' : 'Noa' } : edit === 'move' ? { ...n, x: n.x + 10 } : n);
          return;
        }
        switch (edit) {
          case 'keep':
            return void nodes.push(n);
          case 'drop':
            return;
          case 'move':
            return void nodes.push({ ...n, x: body.x, y: body.y });
          case 'level':
            return void nodes.push({ ...n, level: body.level });
          case 'label':
            return void nodes.push({ ...n, label: body.label });
          case 'turnTo':
            return void nodes.push({ ...n, turnTo: body.turnTo });
          case 'note':
            return void nodes.push({ ...n, note: body.note });
          case 'replace':
            return void nodes.push({ id: n.id, ...body });
        }
      });
      nodes.push(...added);
      const ties: MapTie[] = [];
      before.ties.forEach((t, i) => {
        const { edit, body } = tEdits[i]!;
        switch (edit) {
          case 'keep':
            return void ties.push(t);
          case 'drop':
            return;
          case 'reid':
            return void ties.push({ ...t, id: t.id.endsWith('r') ? t.id.slice(0, -1) : `${t.id}r` });
          case 'flip':
            if (directedKinds.has(t.kind)) return void ties.push(t);
            return void ties.push('direction' in t ? ({ ...t, a: t.b, b: t.a, direction: flippedDirection[t.direction] } as MapTie) : { ...t, a: t.b, b: t.a });
          case 'note':
            return void ties.push('note' in t ? { ...t, note: body.note } : t);
          case 'direction':
            return void ties.push('direction' in t ? { ...t, direction: body.direction } : t);
          case 'quality':
            return void ties.push(t.kind === 'connection' ? { ...t, quality: body.quality } : t.kind === 'emotional' ? { ...t, pattern: body.pattern } : t);
          case 'attribute': {
            switch (t.kind) {
              case 'connection':
                return void ties.push({ ...t, strength: body.strength });
              case 'partner':
                return void ties.push({ ...t, status: body.status });
              case 'parent':
                return void ties.push({ ...t, bond: body.bond });
              case 'twin':
                return void ties.push({ ...t, identical: !t.identical });
              default:
                return void ties.push(t);
            }
          }
        }
      });
      ties.push(...tiesOver(nodes, newTies));
      const after = soundMap(nodes, ties, flipRecorded ? !before.alterTiesRecorded : before.alterTiesRecorded);
      return reverse ? { ...after, nodes: [...after.nodes].reverse(), ties: [...after.ties].reverse() } : after;
    });
}

/**
 * Two sound versions of a client's map: either a version and a later edit of it (a few changes,
 * as in practice), or two maps drawn independently over the same ids (many changes at once).
 */
export function mapPairArb(options: MapArbitraryOptions = {}): fc.Arbitrary<[RelationalMap, RelationalMap]> {
  const maxTies = options.maxTies ?? 24;
  const edited = mapArb(options).chain((before) => laterVersion(before, maxTies).map((after): [RelationalMap, RelationalMap] => [before, after]));
  const small = { ...options, idPool: Math.min(options.idPool ?? 8, 8), maxNodes: Math.min(options.maxNodes ?? 6, 6) };
  const independent = fc.tuple(mapArb(small), mapArb(small));
  return fc.oneof({ arbitrary: edited, weight: 3 }, { arbitrary: independent, weight: 1 });
}
