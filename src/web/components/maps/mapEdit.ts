/**
 * Pure edits of a relational map for the editor: each returns a new map and keeps every node and
 * tie it did not touch as the same object, so the canvas re-draws only what changed.
 *
 * Position and level agree: the canvas draws five rings around the client, one per level, and a
 * node sits in its level's band. Choosing a level moves the node onto that ring; dragging it
 * into another band changes its level.
 */
import {
  type Direction,
  type MapLevel,
  type MapNode,
  type MapTie,
  type NodeKind,
  type RelationalMap,
  type TieKind,
  centreOf,
  defaultLevel,
  mapLevels,
  tieKey,
} from '../../../domain/maps/map';
import { levelRadius } from '../../../domain/maps/draw';

/**
 * Each level's ring: the circle its nodes sit on (`levelRadius`, shared with the SVG export) and
 * the band around it, reaching halfway to the next ring (the spiritual band a little beyond).
 */
export function ringOf(level: MapLevel): { inner: number; outer: number; radius: number } {
  const i = mapLevels.indexOf(level);
  const before = mapLevels[i - 1];
  const after = mapLevels[i + 1];
  const radius = levelRadius[level];
  const inner = before ? (levelRadius[before] + radius) / 2 : 0;
  const outer = after ? (radius + levelRadius[after]) / 2 : radius + OUTER_BAND;
  return { inner, outer, radius };
}

/** How far the spiritual band reaches beyond its ring (as in the SVG export). */
const OUTER_BAND = 45;

/** The level whose band holds a point at this distance from the client. */
export function levelAtDistance(distance: number): MapLevel {
  for (const level of mapLevels) if (distance <= ringOf(level).outer) return level;
  return 'spiritual';
}

function centre(map: RelationalMap): { x: number; y: number } {
  const c = centreOf(map);
  return c ? { x: c.x, y: c.y } : { x: 0, y: 0 };
}

const round = (n: number) => Math.round(n);

/**
 * A free spot on a level's ring, at the angle farthest from the
 * nodes already there (the first one goes above the client, the others spread round).
 */
export function freeSpot(map: RelationalMap, level: MapLevel, ignoreId?: string): { x: number; y: number } {
  const c = centre(map);
  const mid = ringOf(level).radius;
  const others = map.nodes.filter((n) => n.kind !== 'client' && n.id !== ignoreId);
  let best = { x: c.x + mid, y: c.y };
  let bestDistance = -1;
  for (let step = 0; step < 48; step++) {
    // Start at the top and go round in 7.5° steps, so the first pick is predictable.
    const angle = -Math.PI / 2 + (step * Math.PI * 2) / 48;
    const p = { x: round(c.x + mid * Math.cos(angle)), y: round(c.y + mid * Math.sin(angle)) };
    const nearest = others.reduce((d, n) => Math.min(d, Math.hypot(n.x - p.x, n.y - p.y)), Infinity);
    if (nearest > bestDistance + 0.5) {
      best = p;
      bestDistance = nearest;
    }
  }
  return best;
}

/** A node moved into the ring of a (new) level, keeping its direction from the client. */
function intoRing(map: RelationalMap, node: MapNode, level: MapLevel): { x: number; y: number } {
  const c = centre(map);
  const dx = node.x - c.x;
  const dy = node.y - c.y;
  const d = Math.hypot(dx, dy);
  const { inner, outer, radius } = ringOf(level);
  if (d > inner && d <= outer) return { x: node.x, y: node.y };
  if (d < 1) return freeSpot(map, level, node.id);
  return { x: round(c.x + (dx / d) * radius), y: round(c.y + (dy / d) * radius) };
}

/** A short random id for a node or tie, kept across versions. */
export function newId(prefix: 'n' | 't'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export interface NewNodeFields {
  kind: Exclude<NodeKind, 'client'>;
  label: string;
  level: MapLevel;
  sector: MapNode['sector'];
  note: string;
  turnTo: MapNode['turnTo'];
}

export function blankNode(kind: NewNodeFields['kind'] = 'person'): NewNodeFields {
  return { kind, label: '', level: defaultLevel[kind], sector: kind === 'institution' ? 'other' : null, note: '', turnTo: null };
}

/** Adds a node, placed in a free spot of its level's ring. */
export function addNode(map: RelationalMap, fields: NewNodeFields, id = newId('n')): { map: RelationalMap; node: MapNode } {
  const spot = freeSpot(map, fields.level);
  const node: MapNode = {
    id,
    kind: fields.kind,
    label: fields.label,
    level: fields.level,
    sector: fields.kind === 'institution' ? (fields.sector ?? 'other') : null,
    note: fields.note,
    turnTo: fields.turnTo,
    x: spot.x,
    y: spot.y,
    gender: 'unknown',
    born: null,
    died: null,
    deceased: false,
    unknownIdentity: false,
    clientId: null,
  };
  return { map: { ...map, nodes: [...map.nodes, node] }, node };
}

/**
 * Changes a node. A new level moves it into that ring; a kind other than institution has no
 * sector; an institution gets one. The client stays the client.
 */
export function updateNode(map: RelationalMap, id: string, patch: Partial<Omit<MapNode, 'id'>>): RelationalMap {
  return {
    ...map,
    nodes: map.nodes.map((n) => {
      if (n.id !== id) return n;
      const next: MapNode = { ...n, ...patch };
      if (n.kind === 'client') next.kind = 'client';
      else if (next.kind === 'client') next.kind = n.kind;
      if (next.kind !== 'institution') next.sector = null;
      else if (next.sector === null) next.sector = 'other';
      if (patch.level && patch.level !== n.level && next.kind !== 'client') Object.assign(next, intoRing(map, n, patch.level));
      return next;
    }),
  };
}

/** Removes nodes (never the client) and every tie that touches them. */
export function removeNodes(map: RelationalMap, ids: Iterable<string>): RelationalMap {
  const gone = new Set(ids);
  for (const n of map.nodes) if (n.kind === 'client') gone.delete(n.id);
  if (gone.size === 0) return map;
  return {
    ...map,
    nodes: map.nodes.filter((n) => !gone.has(n.id)),
    ties: map.ties.filter((t) => !gone.has(t.a) && !gone.has(t.b)),
  };
}

/**
 * Nodes moved on the canvas: the new positions are kept (rounded) and each node takes the level
 * of the ring it now sits in. The client stays where it is. Returns the map unchanged when
 * nothing moved.
 */
export function moveNodes(map: RelationalMap, positions: ReadonlyMap<string, { x: number; y: number }>): RelationalMap {
  const c = centre(map);
  let changed = false;
  const nodes = map.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p || n.kind === 'client') return n;
    const x = round(p.x);
    const y = round(p.y);
    const level = levelAtDistance(Math.hypot(x - c.x, y - c.y));
    if (x === n.x && y === n.y && level === n.level) return n;
    changed = true;
    return { ...n, x, y, level };
  });
  return changed ? { ...map, nodes } : map;
}

/** A new tie of a kind between two nodes, with the kind's usual starting values. */
export function newTie(kind: TieKind, a: string, b: string, id = newId('t')): MapTie {
  switch (kind) {
    case 'connection':
      return { id, a, b, kind, strength: 'moderate', quality: 'supportive', direction: 'none', note: '' };
    case 'knows':
      return { id, a, b, kind };
    case 'influence':
      return { id, a, b, kind, note: '' };
    case 'partner':
      return { id, a, b, kind, status: 'partnered', since: null, until: null, note: '' };
    case 'parent':
      return { id, a, b, kind, bond: 'birth' };
    case 'twin':
      return { id, a, b, kind, identical: false };
    case 'emotional':
      return { id, a, b, kind, pattern: 'close', direction: 'none', note: '' };
  }
}

/** The same tie as another kind: same id and ends, the note kept where both kinds have one. */
export function changeTieKind(tie: MapTie, kind: TieKind): MapTie {
  if (tie.kind === kind) return tie;
  const next = newTie(kind, tie.a, tie.b, tie.id);
  if ('note' in tie && 'note' in next) next.note = tie.note;
  if ('direction' in tie && 'direction' in next) next.direction = tie.direction;
  return next;
}

export function addTie(map: RelationalMap, tie: MapTie): RelationalMap {
  return { ...map, ties: [...map.ties, tie] };
}

/** Replaces a tie by id (its kind-specific fields come with the new value). */
export function replaceTie(map: RelationalMap, tie: MapTie): RelationalMap {
  return { ...map, ties: map.ties.map((t) => (t.id === tie.id ? tie : t)) };
}

export function removeTies(map: RelationalMap, ids: Iterable<string>): RelationalMap {
  const gone = new Set(ids);
  if (gone.size === 0) return map;
  return { ...map, ties: map.ties.filter((t) => !gone.has(t.id)) };
}

/** A tie of this kind between these two already on the map (ignoring `exceptId`), if any. */
export function existingTie(map: RelationalMap, kind: TieKind, a: string, b: string, exceptId?: string): MapTie | undefined {
  const key = tieKey({ kind, a, b });
  return map.ties.find((t) => t.id !== exceptId && tieKey(t) === key);
}

/**
 * The tie to draw between two nodes, by default: a connection when the client is at one end; an
 * influence when one end is an influence (the influence first); otherwise "know each other".
 */
export function defaultTieBetween(map: RelationalMap, a: string, b: string): MapTie {
  const na = map.nodes.find((n) => n.id === a);
  const nb = map.nodes.find((n) => n.id === b);
  if (na?.kind === 'client' || nb?.kind === 'client') return newTie('connection', a, b);
  if (nb?.kind === 'influence' && na?.kind !== 'influence') return newTie('influence', b, a);
  if (na?.kind === 'influence') return newTie('influence', a, b);
  return newTie('knows', a, b);
}

/** The kinds a tie between these two may be, in the ecomap (family lines are drawn in the table). */
export function ecomapKindsBetween(map: RelationalMap, a: string, b: string): Array<'connection' | 'knows' | 'influence'> {
  const na = map.nodes.find((n) => n.id === a);
  const nb = map.nodes.find((n) => n.id === b);
  if (na?.kind === 'client' || nb?.kind === 'client') return ['connection'];
  const kinds: Array<'connection' | 'knows' | 'influence'> = ['connection', 'knows'];
  if (na?.kind === 'influence' || nb?.kind === 'influence') kinds.push('influence');
  return kinds;
}

/** An influence tie always starts at the influence: turn the ends round if needed. */
export function influenceFirst(map: RelationalMap, tie: MapTie): MapTie {
  if (tie.kind !== 'influence') return tie;
  const na = map.nodes.find((n) => n.id === tie.a);
  const nb = map.nodes.find((n) => n.id === tie.b);
  if (na?.kind !== 'influence' && nb?.kind === 'influence') return { ...tie, a: tie.b, b: tie.a };
  return tie;
}

/** Energy as the person drawing says it, relative to the client when the client is at one end. */
export type SpokenDirection = 'to_client' | 'from_client' | 'both' | 'none' | 'a_to_b' | 'b_to_a';

/** The stored direction of a tie, as said relative to the client where the client is one end. */
export function spokenDirection(map: RelationalMap, tie: { a: string; b: string; direction: Direction }): SpokenDirection {
  if (tie.direction === 'none' || tie.direction === 'both') return tie.direction;
  const client = centreOf(map)?.id;
  if (client !== undefined && (tie.a === client || tie.b === client)) {
    const towardB = tie.direction === 'a_to_b';
    const clientIsB = tie.b === client;
    return towardB === clientIsB ? 'to_client' : 'from_client';
  }
  return tie.direction;
}

/** The stored direction for a spoken one. */
export function storedDirection(map: RelationalMap, tie: { a: string; b: string }, spoken: SpokenDirection): Direction {
  if (spoken === 'none' || spoken === 'both' || spoken === 'a_to_b' || spoken === 'b_to_a') return spoken;
  const client = centreOf(map)?.id;
  const clientIsB = tie.b === client;
  if (spoken === 'to_client') return clientIsB ? 'a_to_b' : 'b_to_a';
  return clientIsB ? 'b_to_a' : 'a_to_b';
}

/** Ties drawn on the ecomap (the family lines belong to the genogram). */
const ecomapTieKinds: ReadonlySet<TieKind> = new Set(['connection', 'knows', 'influence']);

export type EcomapTie = Extract<MapTie, { kind: 'connection' | 'knows' | 'influence' }>;
export const isEcomapTie = (t: MapTie): t is EcomapTie => ecomapTieKinds.has(t.kind);
