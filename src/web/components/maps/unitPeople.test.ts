import { describe, expect, it } from 'vitest';
import { mapProblems, newMap, relationalMapSchema } from '../../../domain/maps/map';
import { ringOf } from './mapEdit';
import { addUnitPerson, linkToClient, placeOnMap } from './unitPeople';

const DANA = '11111111-1111-4111-8111-111111111111';
const KOFI = '22222222-2222-4222-8222-222222222222';

const kofi = { clientId: KOFI, name: 'Kofi Asante', relationship: 'partner' };
const ama = { clientId: null, name: 'Ama', relationship: 'daughter, 7' };

describe('the people of a unit on a client’s map', () => {
  it('adds a client member as a person on the family ring, linked to their record, with the relationship as the note', () => {
    const before = newMap('Dana Whitaker', DANA);
    const { map, node } = addUnitPerson(before, kofi, 'couple', 'kofi');
    expect(node).toMatchObject({ kind: 'person', label: 'Kofi Asante', level: 'familial', note: 'partner', clientId: KOFI });
    const drawn = map.nodes.find((n) => n.id === 'kofi');
    expect(drawn).toMatchObject({ clientId: KOFI, level: 'familial' });
    expect(Math.round(Math.hypot(drawn?.x ?? 0, drawn?.y ?? 0))).toBe(ringOf('familial').radius);
    // A map the server accepts, and the map it started from is untouched.
    expect(mapProblems(map)).toEqual({});
    expect(relationalMapSchema.safeParse(map).success).toBe(true);
    expect(before.nodes).toHaveLength(1);
  });

  it('puts a group’s people on the social ring', () => {
    const { node } = addUnitPerson(newMap('Dana'), ama, 'group', 'ama');
    expect(node.level).toBe('social');
    expect(node.clientId).toBeNull();
  });

  it('places two added people apart on the ring', () => {
    const one = addUnitPerson(newMap('Dana'), kofi, 'family', 'kofi');
    const two = addUnitPerson(one.map, ama, 'family', 'ama');
    expect(Math.hypot(one.node.x - two.node.x, one.node.y - two.node.y)).toBeGreaterThan(100);
  });

  it('finds a client member by their record and a related person by name', () => {
    let map = addUnitPerson(newMap('Dana'), kofi, 'couple', 'kofi').map;
    map = addUnitPerson(map, ama, 'family', 'ama').map;
    expect(placeOnMap(map, kofi)).toMatchObject({ state: 'on_map', node: { id: 'kofi' } });
    expect(placeOnMap(map, { ...ama, name: '  ama ' })).toMatchObject({ state: 'on_map', node: { id: 'ama' } });
    expect(placeOnMap(map, { clientId: null, name: 'Yaw', relationship: '' }).state).toBe('missing');
  });

  it('does not take a differently linked node, or the client at the centre, for a member', () => {
    const other = addUnitPerson(newMap('Kofi Asante', DANA), { clientId: '33333333-3333-4333-8333-333333333333', name: 'Kofi Asante', relationship: '' }, 'couple', 'x').map;
    expect(placeOnMap(other, kofi).state).toBe('missing');
    expect(placeOnMap(newMap('Ama'), ama).state).toBe('missing');
  });

  it('offers to link a person of the same name drawn before they had a record here', () => {
    const drawn = addUnitPerson(newMap('Dana'), { clientId: null, name: 'Kofi Asante', relationship: '' }, 'couple', 'k').map;
    const place = placeOnMap(drawn, kofi);
    expect(place).toMatchObject({ state: 'same_name', node: { id: 'k' } });
    const linked = linkToClient(drawn, 'k', KOFI);
    expect(placeOnMap(linked, kofi)).toMatchObject({ state: 'on_map', node: { id: 'k' } });
  });
});
