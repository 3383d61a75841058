/**
 * The people of a client's couple, family or group, as they stand on the client's relational
 * map: each member's map can show the others. Pure: each function returns a new map.
 */
import type { MapLevel, MapNode, RelationalMap } from '../../../domain/maps/map';
import type { UnitKind } from '../../../domain/units/units';
import { addNode, blankNode, newId, updateNode } from './mapEdit';

/** A couple, family or group the client belongs to, as far as the map needs to know it. */
export interface UnitForMap {
  id: string;
  kind: UnitKind;
  name: string;
  members: Array<UnitPerson & { id: string; leftAt: string | null }>;
}

/** A member of a unit, as far as the map needs to know them. */
export interface UnitPerson {
  /** Another client of the practice, or null for a related person without an account. */
  clientId: string | null;
  name: string;
  relationship: string;
}

/**
 * Where a unit member stands on a map: `on_map` (a node is theirs: the same client, or for a
 * related person the same name), `same_name` (a client member not linked yet, but a person of
 * that name is drawn, which is most likely them), or `missing`.
 */
export type PlaceOnMap = { state: 'on_map'; node: MapNode } | { state: 'same_name'; node: MapNode } | { state: 'missing' };

const sameName = (a: string, b: string): boolean => a.normalize('NFC').trim().toLocaleLowerCase() === b.normalize('NFC').trim().toLocaleLowerCase();

export function placeOnMap(map: RelationalMap, person: UnitPerson): PlaceOnMap {
  if (person.clientId !== null) {
    const linked = map.nodes.find((n) => n.clientId === person.clientId);
    if (linked) return { state: 'on_map', node: linked };
    const named = map.nodes.find((n) => n.kind === 'person' && n.clientId === null && sameName(n.label, person.name));
    return named ? { state: 'same_name', node: named } : { state: 'missing' };
  }
  const named = map.nodes.find((n) => n.kind !== 'client' && sameName(n.label, person.name));
  return named ? { state: 'on_map', node: named } : { state: 'missing' };
}

/** The ring a unit's people start on: family for a couple or family, social for a group. */
export function levelForUnit(kind: UnitKind): MapLevel {
  return kind === 'group' ? 'social' : 'familial';
}

/**
 * Puts a unit member on the map as a person at their unit's level, in a free spot of that ring,
 * named as in the unit, their relationship as the note, linked to their record when they are a client.
 */
export function addUnitPerson(map: RelationalMap, person: UnitPerson, kind: UnitKind, id = newId('n')): { map: RelationalMap; node: MapNode } {
  const added = addNode(
    map,
    { ...blankNode('person'), label: person.name.trim().slice(0, 120), level: levelForUnit(kind), note: person.relationship.trim().slice(0, 2000) },
    id,
  );
  if (person.clientId === null) return added;
  const linked = updateNode(added.map, id, { clientId: person.clientId });
  return { map: linked, node: { ...added.node, clientId: person.clientId } };
}

/** Links a person already drawn to the client record they stand for. */
export function linkToClient(map: RelationalMap, nodeId: string, clientId: string): RelationalMap {
  return updateNode(map, nodeId, { clientId });
}
