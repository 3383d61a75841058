import { describe, expect, it } from 'vitest';
import { mapProblems, newMap, relationalMapSchema } from '../../../domain/maps/map';
import {
  addNode,
  addTie,
  blankNode,
  changeTieKind,
  defaultTieBetween,
  existingTie,
  levelAtDistance,
  moveNodes,
  newTie,
  removeNodes,
  ringOf,
  spokenDirection,
  storedDirection,
  updateNode,
} from './mapEdit';
import { describeTie, directionChoices } from './mapWords';

const withTwo = () => {
  let map = newMap('Inés');
  const ana = addNode(map, { ...blankNode('person'), label: 'Ana', level: 'familial' }, 'ana');
  map = ana.map;
  const club = addNode(map, { ...blankNode('group'), label: 'Choir', level: 'social' }, 'choir');
  return club.map;
};

const distance = (n: { x: number; y: number }) => Math.hypot(n.x, n.y);

describe('editing the relational map', () => {
  it('a new node is placed inside the ring of its level, apart from the others there', () => {
    let map = newMap('Inés');
    for (let i = 0; i < 4; i++) map = addNode(map, { ...blankNode('person'), label: `P${i}`, level: 'social' }).map;
    const placed = map.nodes.filter((n) => n.kind === 'person');
    const ring = ringOf('social');
    for (const n of placed) {
      expect(distance(n)).toBeGreaterThan(ring.inner);
      expect(distance(n)).toBeLessThanOrEqual(ring.outer);
    }
    const spots = new Set(placed.map((n) => `${n.x},${n.y}`));
    expect(spots.size).toBe(4);
    expect(relationalMapSchema.safeParse(map).success).toBe(true);
  });

  it('choosing another level moves the node into that ring and keeps its direction from the client', () => {
    const map = withTwo();
    const before = map.nodes.find((n) => n.id === 'ana')!;
    const after = updateNode(map, 'ana', { level: 'spiritual' }).nodes.find((n) => n.id === 'ana')!;
    expect(after.level).toBe('spiritual');
    expect(levelAtDistance(distance(after))).toBe('spiritual');
    expect(Math.atan2(after.y, after.x)).toBeCloseTo(Math.atan2(before.y, before.x), 1);
  });

  it('dragging a node into another ring gives it that ring’s level; the client stays at the centre', () => {
    const map = withTwo();
    const moved = moveNodes(
      map,
      new Map([
        ['ana', { x: 0, y: ringOf('ecological').radius + 0.4 }],
        ['client', { x: 300, y: 300 }],
      ]),
    );
    const ana = moved.nodes.find((n) => n.id === 'ana')!;
    expect(ana).toMatchObject({ x: 0, y: ringOf('ecological').radius, level: 'ecological' });
    expect(moved.nodes.find((n) => n.kind === 'client')).toMatchObject({ x: 0, y: 0 });
    // Untouched nodes stay the same objects, so the canvas redraws only what moved.
    expect(moved.nodes.find((n) => n.id === 'choir')).toBe(map.nodes.find((n) => n.id === 'choir'));
  });

  it('a move that changes nothing returns the same map', () => {
    const map = withTwo();
    const ana = map.nodes.find((n) => n.id === 'ana')!;
    expect(moveNodes(map, new Map([['ana', { x: ana.x, y: ana.y }]]))).toBe(map);
  });

  it('removing a node removes every tie that touches it, and the client cannot be removed', () => {
    let map = withTwo();
    map = addTie(map, newTie('connection', 'client', 'ana', 't1'));
    map = addTie(map, newTie('knows', 'ana', 'choir', 't2'));
    map = addTie(map, newTie('connection', 'client', 'choir', 't3'));
    const after = removeNodes(map, ['ana', 'client']);
    expect(after.nodes.map((n) => n.id)).toEqual(['client', 'choir']);
    expect(after.ties.map((t) => t.id)).toEqual(['t3']);
    expect(mapProblems(after)).toEqual({});
  });

  it('an institution always has a sector and nothing else does', () => {
    const map = withTwo();
    const asInstitution = updateNode(map, 'choir', { kind: 'institution' }).nodes.find((n) => n.id === 'choir')!;
    expect(asInstitution.sector).toBe('other');
    const back = updateNode(updateNode(map, 'choir', { kind: 'institution', sector: 'faith' }), 'choir', { kind: 'place' }).nodes.find((n) => n.id === 'choir')!;
    expect(back.sector).toBeNull();
  });

  it('a tie from the client is a connection; between an influence and a person, the influence comes first', () => {
    let map = withTwo();
    map = addNode(map, { ...blankNode('influence'), label: 'Migration' }, 'migration').map;
    expect(defaultTieBetween(map, 'ana', 'client').kind).toBe('connection');
    const influence = defaultTieBetween(map, 'ana', 'migration');
    expect(influence).toMatchObject({ kind: 'influence', a: 'migration', b: 'ana' });
    expect(defaultTieBetween(map, 'ana', 'choir').kind).toBe('knows');
  });

  it('the same two people cannot be tied twice with the same kind, whichever end comes first', () => {
    const map = addTie(withTwo(), newTie('knows', 'ana', 'choir', 't1'));
    expect(existingTie(map, 'knows', 'choir', 'ana')?.id).toBe('t1');
    expect(existingTie(map, 'knows', 'choir', 'ana', 't1')).toBeUndefined();
    expect(existingTie(map, 'connection', 'choir', 'ana')).toBeUndefined();
  });

  it('changing a tie’s kind keeps its ends and its note', () => {
    const tie = { ...newTie('connection', 'client', 'ana', 't1'), note: 'since school' };
    const emotional = changeTieKind(tie, 'emotional');
    expect(emotional).toMatchObject({ id: 't1', a: 'client', b: 'ana', kind: 'emotional', pattern: 'close', note: 'since school' });
    expect(changeTieKind(emotional, 'knows')).toEqual({ id: 't1', a: 'client', b: 'ana', kind: 'knows' });
  });

  it('direction is said relative to the client, whichever end the client is', () => {
    const map = withTwo();
    for (const [a, b] of [
      ['client', 'ana'],
      ['ana', 'client'],
    ] as const) {
      const toClient = storedDirection(map, { a, b }, 'to_client');
      expect(spokenDirection(map, { a, b, direction: toClient })).toBe('to_client');
      expect(describeTie(map, { ...newTie('connection', a, b), direction: toClient, strength: 'strong' })).toBe(
        'Strong, supportive tie between ' + (a === 'client' ? 'Inés and Ana' : 'Ana and Inés') + '; energy flows to Inés',
      );
    }
    expect(storedDirection(map, { a: 'client', b: 'ana' }, 'from_client')).toBe('a_to_b');
    expect(directionChoices(map, { a: 'ana', b: 'choir' }).map((c) => c.label)).toEqual(['From Ana to Choir', 'From Choir to Ana', 'Energy flows both ways', 'No direction marked']);
  });
});
