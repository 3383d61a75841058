import { describe, expect, it } from 'vitest';
import { diffMaps } from '../../../domain/maps/diff';
import { type ConnectionTie, newMap } from '../../../domain/maps/map';
import { addNode, addTie, blankNode, newTie } from './mapEdit';
import { compareDrawing, lostTieId } from './compare';

const connection = (b: string, extra: Partial<ConnectionTie> = {}): ConnectionTie => ({ ...(newTie('connection', 'client', b, `c-${b}`) as ConnectionTie), ...extra });

function versions() {
  let before = newMap('Inés');
  before = addNode(before, { ...blankNode('person'), label: 'Ana' }, 'ana').map;
  before = addNode(before, { ...blankNode('person'), label: 'Bo' }, 'bo').map;
  before = addNode(before, { ...blankNode('group'), label: 'Choir' }, 'choir').map;
  before = addTie(before, connection('ana', { strength: 'moderate', quality: 'supportive' }));
  before = addTie(before, connection('bo', { strength: 'strong', quality: 'supportive' }));
  before = addTie(before, connection('choir', { strength: 'tenuous', quality: 'supportive' }));

  let after = { ...before, nodes: before.nodes.filter((n) => n.id !== 'choir'), ties: before.ties.filter((t) => t.b !== 'choir') };
  after = addNode(after, { ...blankNode('place'), label: 'Lake' }, 'lake').map;
  after = addTie(after, connection('lake'));
  after = {
    ...after,
    ties: after.ties.map((t) => (t.id === 'c-ana' && t.kind === 'connection' ? { ...t, strength: 'strong' as const } : t.id === 'c-bo' && t.kind === 'connection' ? { ...t, quality: 'conflicted' as const } : t)),
  };
  return { before, after };
}

describe('drawing two versions of a map as one', () => {
  it('marks what was added, lost, strengthened and changed in quality, in words', () => {
    const { before, after } = versions();
    const drawing = compareDrawing(before, after, diffMaps(before, after));
    expect(drawing.nodeMarks.get('lake')).toBe('added');
    expect(drawing.nodeMarks.get('choir')).toBe('lost');
    expect(drawing.tieMarks.get('c-lake')).toEqual([{ kind: 'added' }]);
    expect(drawing.tieMarks.get('c-ana')).toEqual([{ kind: 'stronger' }]);
    expect(drawing.tieMarks.get('c-bo')).toEqual([{ kind: 'quality', was: 'supportive' }]);
    expect(drawing.tieMarks.get(lostTieId('c-choir'))).toEqual([{ kind: 'lost' }]);
  });

  it('puts lost people and ties back so the drawing holds both versions, with no id drawn twice', () => {
    const { before, after } = versions();
    const drawing = compareDrawing(before, after, diffMaps(before, after));
    expect(drawing.map.nodes.map((n) => n.id).sort()).toEqual(['ana', 'bo', 'choir', 'client', 'lake']);
    const ids = drawing.map.ties.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(lostTieId('c-choir'));
  });

  it('a tie whose kind changed is drawn once as lost and once as new', () => {
    const before = addTie(addNode(addNode(newMap('Inés'), { ...blankNode('person'), label: 'Ana' }, 'ana').map, { ...blankNode('person'), label: 'Bo' }, 'bo').map, newTie('knows', 'ana', 'bo', 't1'));
    const after = { ...before, ties: [newTie('connection', 'ana', 'bo', 't1')] };
    const drawing = compareDrawing(before, after, diffMaps(before, after));
    expect(drawing.tieMarks.get('t1')).toEqual([{ kind: 'added' }]);
    expect(drawing.tieMarks.get(lostTieId('t1'))).toEqual([{ kind: 'lost' }]);
  });

  it('two identical versions have nothing marked', () => {
    const { before } = versions();
    const drawing = compareDrawing(before, before, diffMaps(before, before));
    expect(drawing.nodeMarks.size + drawing.tieMarks.size).toBe(0);
  });
});
