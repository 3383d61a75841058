import { conflict } from '../shared/errors.js';
import {
  canonicalMap,
  centreOf,
  type Direction,
  emotionalPatternLabels,
  levelLabels,
  type MapNode,
  type MapTie,
  type NodeKind,
  nodeKindLabels,
  type ParentBond,
  type PartnerStatus,
  qualityLabels,
  type RelationalMap,
  sectorLabels,
  tieKey,
  type TieStrength,
  tieStrengths,
} from './map.js';

/**
 * What changed between two versions of a relational map. Nodes are matched by id and ties by
 * `tieKey`, both versions taken in their canonical form, so the order things were drawn in and
 * which end of an undirected tie came first never count as change.
 */

/** How a tie that is in both versions changed, in the words the comparison page marks it with. */
export type TieChange = 'strengthened' | 'weakened' | 'quality' | 'direction' | 'note' | 'other';
export interface NodeChange {
  before: MapNode;
  after: MapNode;
  /** The fields whose values differ (`x` and `y` included: layout matters to applyDiff, not to the words). */
  fields: string[];
}
export interface TieChangeEntry {
  before: MapTie;
  after: MapTie;
  fields: string[];
  /** Empty when only bookkeeping changed (the tie's id). */
  changes: TieChange[];
}
export interface MapDiff {
  nodes: { added: MapNode[]; removed: MapNode[]; changed: NodeChange[] };
  ties: { added: MapTie[]; removed: MapTie[]; changed: TieChangeEntry[] };
  /** Whether the client has said who among their people know each other; null when unchanged. */
  alterTiesRecorded: { before: boolean; after: boolean } | null;
}

const strengthRank: Record<TieStrength, number> = Object.fromEntries(tieStrengths.map((s, i) => [s, i])) as Record<TieStrength, number>;
const flipped: Record<Direction, Direction> = { none: 'none', a_to_b: 'b_to_a', b_to_a: 'a_to_b', both: 'both' };
const changeOrder: readonly TieChange[] = ['strengthened', 'weakened', 'quality', 'direction', 'note', 'other'];

/** Field names whose values differ, in the order the fields are written. All map fields are plain values. */
function differingFields(before: object, after: object): string[] {
  const x = before as Record<string, unknown>;
  const y = after as Record<string, unknown>;
  const fields: string[] = [];
  for (const k of Object.keys(x)) if (x[k] !== y[k]) fields.push(k);
  for (const k of Object.keys(y)) if (!(k in x) && y[k] !== undefined) fields.push(k);
  return fields;
}

function tieChanges(before: MapTie, after: MapTie, fields: readonly string[]): TieChange[] {
  const found = new Set<TieChange>();
  for (const field of fields) {
    switch (field) {
      case 'id':
        break;
      case 'strength':
        if (before.kind === 'connection' && after.kind === 'connection') {
          found.add(strengthRank[after.strength] > strengthRank[before.strength] ? 'strengthened' : 'weakened');
        }
        break;
      // An emotional line's pattern is its quality, as a connection's quality is.
      case 'quality':
      case 'pattern':
        found.add('quality');
        break;
      case 'direction':
        found.add('direction');
        break;
      case 'note':
        found.add('note');
        break;
      default:
        found.add('other');
    }
  }
  return changeOrder.filter((c) => found.has(c));
}

/** What changed from `before` to `after`. Neither input is changed; the diff holds copies. */
export function diffMaps(before: RelationalMap, after: RelationalMap): MapDiff {
  const a = canonicalMap(before);
  const b = canonicalMap(after);
  const diff: MapDiff = {
    nodes: { added: [], removed: [], changed: [] },
    ties: { added: [], removed: [], changed: [] },
    alterTiesRecorded: a.alterTiesRecorded === b.alterTiesRecorded ? null : { before: a.alterTiesRecorded, after: b.alterTiesRecorded },
  };

  const nodesBefore = new Map(a.nodes.map((n) => [n.id, n]));
  const nodeIdsAfter = new Set<string>();
  for (const n of b.nodes) {
    nodeIdsAfter.add(n.id);
    const old = nodesBefore.get(n.id);
    if (!old) {
      diff.nodes.added.push({ ...n });
      continue;
    }
    const fields = differingFields(old, n);
    if (fields.length > 0) diff.nodes.changed.push({ before: { ...old }, after: { ...n }, fields });
  }
  for (const n of a.nodes) if (!nodeIdsAfter.has(n.id)) diff.nodes.removed.push({ ...n });

  const tiesBefore = new Map(a.ties.map((t) => [tieKey(t), t]));
  const tieKeysAfter = new Set<string>();
  for (const t of b.ties) {
    const key = tieKey(t);
    tieKeysAfter.add(key);
    const old = tiesBefore.get(key);
    if (!old) {
      diff.ties.added.push({ ...t });
      continue;
    }
    const fields = differingFields(old, t);
    if (fields.length > 0) diff.ties.changed.push({ before: { ...old }, after: { ...t }, fields, changes: tieChanges(old, t, fields) });
  }
  for (const t of a.ties) if (!tieKeysAfter.has(tieKey(t))) diff.ties.removed.push({ ...t });
  return diff;
}

/** True when the two versions are the same map (a moved node is a difference). */
export function isEmptyDiff(diff: MapDiff): boolean {
  return (
    diff.nodes.added.length === 0 &&
    diff.nodes.removed.length === 0 &&
    diff.nodes.changed.length === 0 &&
    diff.ties.added.length === 0 &&
    diff.ties.removed.length === 0 &&
    diff.ties.changed.length === 0 &&
    diff.alterTiesRecorded === null
  );
}

const stale = (what: string) => conflict(`This comparison no longer fits the map: ${what}. Compare the versions again.`);

/**
 * The map `diff` leads to from `before`, in canonical form. `before` is not changed. Refuses
 * (conflict) a diff made from another map: one that removes or changes what is not there, or
 * adds what already is.
 */
export function applyDiff(before: RelationalMap, diff: MapDiff): RelationalMap {
  const base = canonicalMap(before);
  const nodes = new Map(base.nodes.map((n) => [n.id, n]));
  for (const n of diff.nodes.removed) {
    if (!nodes.delete(n.id)) throw stale(`${n.label} is not on it`);
  }
  for (const { after } of diff.nodes.changed) {
    if (!nodes.has(after.id)) throw stale(`${after.label} is not on it`);
    nodes.set(after.id, after);
  }
  for (const n of diff.nodes.added) {
    if (nodes.has(n.id)) throw stale(`${n.label} is already on it`);
    nodes.set(n.id, n);
  }
  const ties = new Map(base.ties.map((t) => [tieKey(t), t]));
  for (const t of diff.ties.removed) {
    if (!ties.delete(tieKey(t))) throw stale('a tie it removes is not there');
  }
  for (const { after } of diff.ties.changed) {
    const key = tieKey(after);
    if (!ties.has(key)) throw stale('a tie it changes is not there');
    ties.set(key, after);
  }
  for (const t of diff.ties.added) {
    const key = tieKey(t);
    if (ties.has(key)) throw stale('a tie it adds is already there');
    ties.set(key, t);
  }
  const result = canonicalMap({
    nodes: [...nodes.values()],
    ties: [...ties.values()],
    alterTiesRecorded: diff.alterTiesRecorded ? diff.alterTiesRecorded.after : base.alterTiesRecorded,
  });
  // Copies throughout, so the result shares no object with `before` or `diff`.
  return { ...result, nodes: result.nodes.map((n) => ({ ...n })), ties: result.ties.map((t) => ({ ...t })) };
}

/** Counts of changed connection ties (the ecomap's lines), for the comparison's summary. */
export function tieChangeCounts(diff: MapDiff): { added: number; lost: number; strengthened: number; weakened: number; qualityChanged: number } {
  const changed = diff.ties.changed.filter((c) => c.after.kind === 'connection');
  return {
    added: diff.ties.added.filter((t) => t.kind === 'connection').length,
    lost: diff.ties.removed.filter((t) => t.kind === 'connection').length,
    strengthened: changed.filter((c) => c.changes.includes('strengthened')).length,
    weakened: changed.filter((c) => c.changes.includes('weakened')).length,
    qualityChanged: changed.filter((c) => c.changes.includes('quality')).length,
  };
}

// ——— In words ———

const kindWord = (kind: NodeKind): string => nodeKindLabels[kind].toLowerCase();
const kindNoun: Record<NodeKind, string> = {
  client: 'the client',
  person: 'a person',
  family: 'a family or household',
  group: 'a group or community',
  institution: 'an institution',
  place: 'a place or land',
  practice: 'a practice or activity',
  spiritual: 'something spiritual',
  influence: 'a cultural or systemic influence',
};
const levelWord = (level: MapNode['level']): string => levelLabels[level].toLowerCase();
const sectorWord = (sector: MapNode['sector']): string => (sector === null ? 'none' : sectorLabels[sector].toLowerCase());
const qualityWord = (q: keyof typeof qualityLabels): string => qualityLabels[q].toLowerCase();
const patternWord = (pattern: string): string => emotionalPatternLabels[pattern]?.toLowerCase() ?? pattern.replaceAll('_', ' ');
const turnToBy: Record<NonNullable<MapNode['turnTo']>, string> = {
  client: 'by the client',
  practitioner: 'by the practitioner',
  both: 'by the client and the practitioner',
};
const genderWord: Record<MapNode['gender'], string> = { female: 'female', male: 'male', nonbinary: 'non-binary', unknown: 'not known' };
const childOf: Record<ParentBond, string> = {
  birth: 'a birth child of',
  adoptive: 'an adopted child of',
  foster: 'a foster child of',
  step: 'a stepchild of',
  unknown: 'a child of',
};
const partnersAre: Record<PartnerStatus, string> = {
  married: 'are married',
  partnered: 'are partners',
  separated: 'are separated',
  divorced: 'are divorced',
  widowed: 'were partners until one of them died',
  ended: 'were partners, and it has ended',
};
const partnersNow: Record<PartnerStatus, string> = {
  married: 'now married',
  partnered: 'now partners',
  separated: 'now separated',
  divorced: 'now divorced',
  widowed: 'now parted by a death',
  ended: 'no longer together',
};

/** "Work", "Work and School", "Work, School and Mum". */
function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!}`;
}

/** Sentences made from templates that open with "the …" begin with a capital. */
const sentence = (s: string): string => (s.startsWith('the ') ? `T${s.slice(1)}` : s);

const lifeYears = (n: MapNode): string =>
  n.born !== null && n.died !== null ? `${n.born}–${n.died}` : n.born !== null ? `born ${n.born}` : n.died !== null ? `died ${n.died}` : 'none';

function partnerYears(t: Extract<MapTie, { kind: 'partner' }>): string {
  if (t.since !== null && t.until !== null) return ` (${t.since}–${t.until})`;
  if (t.since !== null) return ` (since ${t.since})`;
  if (t.until !== null) return ` (until ${t.until})`;
  return '';
}

/**
 * What changed, as plain sentences a practitioner reads in the comparison, naming people by
 * their labels and speaking of ties from the client's side where the client is one end. A node
 * that only moved on the canvas gives no sentence: layout is not relationship.
 */
export function describeDiff(diff: MapDiff, before: RelationalMap, after: RelationalMap): string[] {
  const labels = new Map<string, string>();
  for (const n of before.nodes) labels.set(n.id, n.label);
  for (const n of after.nodes) labels.set(n.id, n.label);
  const clientId = centreOf(after)?.id ?? centreOf(before)?.id;
  const name = (id: string): string => (id === clientId ? 'the client' : (labels.get(id) ?? 'someone no longer named'));
  const touchesClient = (t: MapTie): boolean => t.a === clientId || t.b === clientId;
  /** The other end of a tie with the client. */
  const other = (t: MapTie): string => name(t.a === clientId ? t.b : t.a);
  const tieRef = (t: MapTie): string => (touchesClient(t) ? `the tie with ${other(t)}` : `the tie between ${name(t.a)} and ${name(t.b)}`);
  const relationshipRef = (t: MapTie): string =>
    touchesClient(t) ? `the client’s relationship with ${other(t)}` : `the relationship between ${name(t.a)} and ${name(t.b)}`;
  const flow = (t: MapTie & { direction: Direction }, verb: string): string => {
    switch (t.direction) {
      case 'none':
        return '';
      case 'both':
        return `both ways`;
      case 'a_to_b':
        return `from ${name(t.a)} ${verb} ${name(t.b)}`;
      case 'b_to_a':
        return `from ${name(t.b)} ${verb} ${name(t.a)}`;
    }
  };

  // Canonical ties run from the smaller id; words follow the ends in the order they were drawn.
  const drawn = new Map<string, MapTie>();
  for (const t of before.ties) drawn.set(tieKey(t), t);
  for (const t of after.ties) drawn.set(tieKey(t), t);
  const asDrawn = (t: MapTie): MapTie => {
    const d = drawn.get(tieKey(t));
    if (!d || d.a === t.a) return t;
    const turned = { ...t, a: t.b, b: t.a };
    return 'direction' in t ? ({ ...turned, direction: flipped[t.direction] } as MapTie) : (turned as MapTie);
  };
  /** Ties with the client are read first: the map is the client's world. */
  const clientFirst = <T>(items: readonly T[], tie: (item: T) => MapTie): T[] => [
    ...items.filter((i) => touchesClient(tie(i))),
    ...items.filter((i) => !touchesClient(tie(i))),
  ];

  const out: string[] = [];
  const say = (s: string): void => void out.push(sentence(s));
  const turnToSentence = (label: string, marker: MapNode['turnTo'], was: MapNode['turnTo'] = null): string =>
    marker === null
      ? `No longer marked as someone to turn to: ${label}.`
      : `Now marked as someone to turn to: ${label} (${turnToBy[marker]}${was === null ? '' : `; before, ${turnToBy[was]}`}).`;

  // People and places that arrived or left.
  const addedIds = new Set(diff.nodes.added.map((n) => n.id));
  const removedIds = new Set(diff.nodes.removed.map((n) => n.id));
  for (const n of diff.nodes.added) {
    if (n.kind === 'influence') {
      const touched = diff.ties.added.filter((t) => t.kind === 'influence' && t.a === n.id).map((t) => name(t.b));
      say(`Added an influence: ${n.label}${touched.length > 0 ? `, touching ${listWords(touched)}` : ''}.`);
    } else {
      const sector = n.kind === 'institution' && n.sector !== null ? `: ${sectorWord(n.sector)}` : '';
      say(`Added ${n.label} (${kindWord(n.kind)}${sector}, ${levelWord(n.level)} level).`);
    }
    if (n.turnTo !== null && n.kind !== 'client') say(turnToSentence(n.label, n.turnTo));
  }
  for (const n of diff.nodes.removed) say(n.kind === 'influence' ? `Removed the influence ${n.label}.` : `Removed ${n.label} from the map.`);

  // What changed about the people and places that stayed.
  for (const { before: was, after: now, fields } of diff.nodes.changed) {
    const who = now.label;
    if (fields.includes('born') || fields.includes('died')) say(`The years recorded for ${who} changed: ${lifeYears(now)}.`);
    for (const field of fields) {
      switch (field) {
        case 'x':
        case 'y':
        case 'born':
        case 'died':
          break;
        case 'label':
          say(now.kind === 'client' ? `The client’s name on the map changed from ${was.label} to ${now.label}.` : `Renamed ${was.label} to ${now.label}.`);
          break;
        case 'level':
          say(`${who} moved from the ${levelWord(was.level)} to the ${levelWord(now.level)} level.`);
          break;
        case 'kind':
          say(`${who} is now shown as ${kindNoun[now.kind]} (was ${kindNoun[was.kind]}).`);
          break;
        case 'sector':
          say(`The sector of ${who} changed from ${sectorWord(was.sector)} to ${sectorWord(now.sector)}.`);
          break;
        case 'note':
          say(`The note on ${who} changed.`);
          break;
        case 'turnTo':
          say(turnToSentence(who, now.turnTo, now.turnTo === null ? null : was.turnTo));
          break;
        case 'gender':
          say(`The gender recorded for ${who} is now ${genderWord[now.gender]}.`);
          break;
        case 'deceased':
          say(now.deceased ? `${who} is now recorded as having died.` : `${who} is no longer recorded as having died.`);
          break;
        case 'unknownIdentity':
          say(now.unknownIdentity ? `${who} is now marked as someone whose identity is not known.` : `${who} is no longer marked as of unknown identity.`);
          break;
        case 'clientId':
          say(
            now.clientId === null
              ? `${who} is no longer linked to a client record.`
              : was.clientId === null
                ? `${who} is now linked to their own client record.`
                : `${who} is now linked to a different client record.`,
          );
          break;
        default:
          say(`The ${field} of ${who} changed.`);
      }
    }
  }

  // Ties drawn anew.
  for (const t of clientFirst(diff.ties.added, (x) => x).map(asDrawn)) {
    switch (t.kind) {
      case 'connection': {
        const energy = flow(t, 'to');
        say(`New ${tieRef(t).replace(/^the /, '')}: ${t.strength}, ${qualityWord(t.quality)}${energy === '' ? '' : `, energy flowing ${energy}`}.`);
        break;
      }
      case 'knows':
        say(`Now recorded: ${name(t.a)} and ${name(t.b)} know each other.`);
        break;
      case 'influence':
        if (!addedIds.has(t.a)) say(`${name(t.a)} now touches ${name(t.b)}.`);
        break;
      case 'partner':
        say(`Added: ${name(t.a)} and ${name(t.b)} ${partnersAre[t.status]}${partnerYears(t)}.`);
        break;
      case 'parent':
        say(`Added: ${name(t.b)} is ${childOf[t.bond]} ${name(t.a)}.`);
        break;
      case 'twin':
        say(`Added: ${name(t.a)} and ${name(t.b)} are ${t.identical ? 'identical twins' : 'twins'}.`);
        break;
      case 'emotional': {
        const runs = flow(t, 'toward');
        say(`Added: ${relationshipRef(t)} is ${patternWord(t.pattern)}${runs === '' ? '' : `, ${runs}`}.`);
        break;
      }
    }
  }

  // Ties lost. Lines other than connections that went with a removed person need no sentence of
  // their own; a lost connection is always said, because the comparison counts it.
  for (const t of clientFirst(diff.ties.removed, (x) => x).map(asDrawn)) {
    const withRemoved = removedIds.has(t.a) || removedIds.has(t.b);
    switch (t.kind) {
      case 'connection':
        say(`Lost ${tieRef(t)}.`);
        break;
      case 'knows':
        if (!withRemoved) say(`No longer recorded as knowing each other: ${name(t.a)} and ${name(t.b)}.`);
        break;
      case 'influence':
        if (!withRemoved) say(`${name(t.a)} no longer touches ${name(t.b)}.`);
        break;
      case 'partner':
        if (!withRemoved) say(`Removed the partnership of ${name(t.a)} and ${name(t.b)}.`);
        break;
      case 'parent':
        if (!withRemoved) say(`No longer recorded: ${name(t.b)} as ${childOf[t.bond]} ${name(t.a)}.`);
        break;
      case 'twin':
        if (!withRemoved) say(`No longer recorded as twins: ${name(t.a)} and ${name(t.b)}.`);
        break;
      case 'emotional':
        if (!withRemoved) say(`No longer recorded: ${relationshipRef(t)} as ${patternWord(t.pattern)}.`);
        break;
    }
  }

  // Ties that stayed and changed.
  for (const change of clientFirst(diff.ties.changed, (c) => c.after)) {
    const [was, now, fields] = [asDrawn(change.before), asDrawn(change.after), change.fields];
    for (const field of fields) {
      if (field === 'id') continue;
      if (now.kind === 'connection' && was.kind === 'connection') {
        switch (field) {
          case 'strength': {
            const verb = strengthRank[now.strength] > strengthRank[was.strength] ? 'strengthened' : 'weakened';
            say(`${tieRef(now)} ${verb}: ${was.strength} → ${now.strength}.`);
            continue;
          }
          case 'quality':
            say(`${tieRef(now)} changed from ${qualityWord(was.quality)} to ${qualityWord(now.quality)}.`);
            continue;
          case 'direction': {
            if (now.direction === 'none') say(`${tieRef(now)} no longer shows which way energy flows.`);
            else if (now.direction === 'both') say(touchesClient(now) ? `Energy with ${other(now)} now flows both ways.` : `Energy between ${name(now.a)} and ${name(now.b)} now flows both ways.`);
            else say(`Energy now flows ${flow(now, 'to')}.`);
            continue;
          }
          case 'note':
            say(`The note on ${tieRef(now)} changed.`);
            continue;
        }
      }
      if (now.kind === 'emotional' && was.kind === 'emotional') {
        switch (field) {
          case 'pattern':
            say(`${relationshipRef(now)} changed from ${patternWord(was.pattern)} to ${patternWord(now.pattern)}.`);
            continue;
          case 'direction':
            say(now.direction === 'none' ? `${relationshipRef(now)} is no longer marked with a direction.` : `${relationshipRef(now)} now runs ${flow(now, 'toward')}.`);
            continue;
          case 'note':
            say(`The note on ${relationshipRef(now)} changed.`);
            continue;
        }
      }
      if (now.kind === 'partner' && was.kind === 'partner') {
        switch (field) {
          case 'status':
            say(`${name(now.a)} and ${name(now.b)} ${partnersNow[now.status]}.`);
            continue;
          case 'since':
          case 'until':
            // Both years are said once, with the first of them.
            if (field === 'until' && fields.includes('since')) continue;
            say(`The years of the partnership of ${name(now.a)} and ${name(now.b)} changed: ${partnerYears(now).trim().slice(1, -1) || 'none recorded'}.`);
            continue;
          case 'note':
            say(`The note on the partnership of ${name(now.a)} and ${name(now.b)} changed.`);
            continue;
        }
      }
      if (now.kind === 'parent' && was.kind === 'parent' && field === 'bond') {
        say(`The bond of ${name(now.a)} as a parent of ${name(now.b)} changed from ${was.bond} to ${now.bond}.`);
        continue;
      }
      if (now.kind === 'twin' && was.kind === 'twin' && field === 'identical') {
        say(`${name(now.a)} and ${name(now.b)} are now recorded as ${now.identical ? 'identical' : 'non-identical'} twins.`);
        continue;
      }
      if (now.kind === 'influence' && field === 'note') {
        say(`The note on how ${name(now.a)} touches ${name(now.b)} changed.`);
        continue;
      }
      say(`The ${field} of ${tieRef(now)} changed.`);
    }
  }

  if (diff.alterTiesRecorded) {
    say(
      diff.alterTiesRecorded.after
        ? 'The client has now said which of their people know each other.'
        : 'The map no longer records which of the client’s people know each other.',
    );
  }
  return out;
}
