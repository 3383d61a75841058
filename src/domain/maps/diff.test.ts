import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.js';
import { applyDiff, describeDiff, diffMaps, isEmptyDiff, type MapDiff, tieChangeCounts, type TieChange } from './diff.js';
import { canonicalMap, type MapTie, mapProblems, type RelationalMap, relationalMapSchema } from './map.js';
import { clientNode, connectionOf, mapArb, mapOf, mapPairArb, nodeOf } from './testing/arbitraries.js';

const runs = { numRuns: 200 };

/** A small family map: the client, Mum and Dad (a couple), Work and School. */
function family(): RelationalMap {
  return mapOf([
    clientNode('Noa'),
    nodeOf('mum', 'Mum', { level: 'familial' }),
    nodeOf('dad', 'Dad', { level: 'familial' }),
    nodeOf('work', 'Work', { kind: 'institution', sector: 'work', level: 'ecological' }),
    nodeOf('school', 'School', { kind: 'institution', sector: 'school', level: 'ecological' }),
  ], [
    connectionOf('client', 'mum', 'moderate', 'supportive'),
    connectionOf('client', 'dad', 'strong', 'supportive'),
    connectionOf('client', 'work', 'moderate', 'stressful'),
    connectionOf('client', 'school', 'tenuous', 'supportive', { direction: 'a_to_b' }),
    connectionOf('mum', 'dad', 'strong', 'supportive'),
    { id: 'p1', kind: 'partner', a: 'mum', b: 'dad', status: 'married', since: 1998, until: null, note: '' },
  ]);
}

/** `map` with `edit` applied to a copy. */
function edited(map: RelationalMap, edit: (m: RelationalMap) => void): RelationalMap {
  const copy = structuredClone(map);
  edit(copy);
  return copy;
}

const tieById = (m: RelationalMap, id: string): MapTie => m.ties.find((t) => t.id === id)!;
const words = (before: RelationalMap, after: RelationalMap): string[] => describeDiff(diffMaps(before, after), before, after);

const swapChange: Record<TieChange, TieChange> = { strengthened: 'weakened', weakened: 'strengthened', quality: 'quality', direction: 'direction', note: 'note', other: 'other' };
function mirrored(diff: MapDiff): MapDiff {
  return {
    nodes: { added: diff.nodes.removed, removed: diff.nodes.added, changed: diff.nodes.changed.map((c) => ({ before: c.after, after: c.before, fields: c.fields })) },
    ties: {
      added: diff.ties.removed,
      removed: diff.ties.added,
      changed: diff.ties.changed.map((c) => ({ before: c.after, after: c.before, fields: c.fields, changes: c.changes.map((x) => swapChange[x]) })),
    },
    alterTiesRecorded: diff.alterTiesRecorded && { before: diff.alterTiesRecorded.after, after: diff.alterTiesRecorded.before },
  };
}

describe('the generated maps used by these properties', () => {
  it('are maps a practitioner could save: sound, and accepted by the schema unchanged', () => {
    fc.assert(
      fc.property(mapPairArb(), ([a, b]) => {
        expect(mapProblems(a)).toEqual({});
        expect(mapProblems(b)).toEqual({});
        expect(relationalMapSchema.parse(a)).toEqual(a);
        expect(relationalMapSchema.parse(b)).toEqual(b);
      }),
      runs,
    );
  });

  it('include pairs with changed, added and removed people and ties', () => {
    const seen = { nodesChanged: 0, tiesChanged: 0, added: 0, removed: 0 };
    fc.assert(
      fc.property(mapPairArb(), ([a, b]) => {
        const d = diffMaps(a, b);
        seen.nodesChanged += d.nodes.changed.length;
        seen.tiesChanged += d.ties.changed.length;
        seen.added += d.nodes.added.length + d.ties.added.length;
        seen.removed += d.nodes.removed.length + d.ties.removed.length;
      }),
      runs,
    );
    expect(Object.values(seen).every((n) => n > 20)).toBe(true);
  });
});

describe('comparing two versions, for any sound maps', () => {
  it('finds nothing between a version and itself, however it was drawn', () => {
    fc.assert(
      fc.property(mapArb(), (map) => {
        expect(isEmptyDiff(diffMaps(map, map))).toBe(true);
        expect(isEmptyDiff(diffMaps(map, canonicalMap(map)))).toBe(true);
        expect(describeDiff(diffMaps(map, map), map, map)).toEqual([]);
      }),
      runs,
    );
  });

  it('reproduces the later version by applying the comparison to the earlier one', () => {
    fc.assert(
      fc.property(mapPairArb(), ([a, b]) => {
        expect(applyDiff(a, diffMaps(a, b))).toEqual(canonicalMap(b));
      }),
      runs,
    );
  });

  it('reads the same backwards: what was added one way was removed the other', () => {
    fc.assert(
      fc.property(mapPairArb(), ([a, b]) => {
        expect(diffMaps(b, a)).toEqual(mirrored(diffMaps(a, b)));
      }),
      runs,
    );
  });

  it('leaves both versions exactly as they were', () => {
    fc.assert(
      fc.property(mapPairArb(), ([a, b]) => {
        const [keepA, keepB] = [structuredClone(a), structuredClone(b)];
        const diff = diffMaps(a, b);
        describeDiff(diff, a, b);
        tieChangeCounts(diff);
        const keepDiff = structuredClone(diff);
        const applied = applyDiff(a, diff);
        applied.nodes.forEach((n) => (n.label = 'changed afterwards'));
        applied.ties.forEach((t) => (t.id = 'changed-afterwards'));
        expect(a).toEqual(keepA);
        expect(b).toEqual(keepB);
        expect(diff).toEqual(keepDiff);
      }),
      runs,
    );
  });

  it('never writes an empty sentence or a raw field name for a change', () => {
    fc.assert(
      fc.property(mapPairArb(), ([a, b]) => {
        for (const s of describeDiff(diffMaps(a, b), a, b)) {
          expect(s).toMatch(/^[A-Z].*[.]$/);
          expect(s).not.toMatch(/undefined|null|\b(turnTo|clientId|unknownIdentity|a_to_b|b_to_a|cut_off)\b/);
        }
      }),
      runs,
    );
  });
});

describe('what counts as a change', () => {
  it('ignores drawing order and which end of a tie was drawn first', () => {
    const before = family();
    const after = edited(before, (m) => {
      m.nodes.reverse();
      m.ties.reverse();
      const school = m.ties.find((t) => t.id === 'c-client-school')!;
      Object.assign(school, { a: 'school', b: 'client', direction: 'b_to_a' });
    });
    expect(isEmptyDiff(diffMaps(before, after))).toBe(true);
  });

  it('keeps a moved node as a change to apply, but says nothing about layout', () => {
    const before = family();
    const after = edited(before, (m) => Object.assign(m.nodes[1]!, { x: 240, y: -80 }));
    const diff = diffMaps(before, after);
    expect(diff.nodes.changed).toEqual([expect.objectContaining({ fields: ['x', 'y'] })]);
    expect(describeDiff(diff, before, after)).toEqual([]);
    expect(applyDiff(before, diff).nodes.find((n) => n.id === 'mum')).toMatchObject({ x: 240, y: -80 });
  });

  it('keeps a redrawn tie with a new id as the same tie, and says nothing about it', () => {
    const before = family();
    const after = edited(before, (m) => (tieById(m, 'c-client-mum').id = 'redrawn'));
    const diff = diffMaps(before, after);
    expect(diff.ties.changed).toEqual([expect.objectContaining({ fields: ['id'], changes: [] })]);
    expect(describeDiff(diff, before, after)).toEqual([]);
  });

  it('refuses to apply a comparison to a map it was not made from', () => {
    const before = family();
    const after = edited(before, (m) => m.nodes.splice(1, 1));
    const diff = diffMaps(before, after);
    let caught: unknown;
    try {
      applyDiff(after, diff);
    } catch (e) {
      caught = e;
    }
    expect(isDomainError(caught) && caught.code === 'conflict').toBe(true);
  });
});

describe('the comparison in words', () => {
  it('names a new person with their kind and level, and a tie drawn to them', () => {
    const before = family();
    const after = edited(before, (m) => {
      m.nodes.push(nodeOf('rosa', 'Aunt Rosa', { level: 'familial' }));
      m.ties.push(connectionOf('client', 'rosa', 'strong', 'supportive', { direction: 'both' }));
    });
    expect(words(before, after)).toEqual(['Added Aunt Rosa (person, familial level).', 'New tie with Aunt Rosa: strong, supportive, energy flowing both ways.']);
  });

  it('says which tie was lost, and when someone left the map', () => {
    const before = family();
    const lostTie = edited(before, (m) => (m.ties = m.ties.filter((t) => t.id !== 'c-client-work')));
    expect(words(before, lostTie)).toEqual(['Lost the tie with Work.']);
    const gone = edited(before, (m) => {
      m.nodes = m.nodes.filter((n) => n.id !== 'dad');
      m.ties = m.ties.filter((t) => t.a !== 'dad' && t.b !== 'dad');
    });
    // The partnership went with Dad and needs no sentence of its own; lost connections are said.
    expect(words(before, gone)).toEqual(['Removed Dad from the map.', 'Lost the tie with Dad.', 'Lost the tie between Mum and Dad.']);
  });

  it('says a tie strengthened or weakened, with the strengths before and after', () => {
    const before = family();
    const after = edited(before, (m) => {
      Object.assign(tieById(m, 'c-client-mum'), { strength: 'strong' });
      Object.assign(tieById(m, 'c-client-dad'), { strength: 'tenuous' });
    });
    expect(words(before, after)).toEqual(['The tie with Dad weakened: strong → tenuous.', 'The tie with Mum strengthened: moderate → strong.']);
  });

  it('says how a tie between two other people changed in quality', () => {
    const before = family();
    const after = edited(before, (m) => Object.assign(tieById(m, 'c-mum-dad'), { quality: 'conflicted' }));
    expect(words(before, after)).toEqual(['The tie between Mum and Dad changed from supportive to conflicted.']);
  });

  it('says which way energy now flows', () => {
    const before = family();
    const after = edited(before, (m) => {
      Object.assign(tieById(m, 'c-client-school'), { direction: 'both' });
      Object.assign(tieById(m, 'c-client-work'), { direction: 'b_to_a' });
      Object.assign(tieById(m, 'c-mum-dad'), { direction: 'a_to_b' });
    });
    expect(words(before, after)).toEqual([
      'Energy with School now flows both ways.',
      'Energy now flows from Work to the client.',
      'Energy now flows from Mum to Dad.',
    ]);
  });

  it('says when someone moves to another level, is renamed, or is marked as someone to turn to', () => {
    const before = edited(family(), (m) => m.nodes.push(nodeOf('rosa', 'Aunt Rosa', { level: 'social' })));
    const after = edited(before, (m) => {
      Object.assign(m.nodes.find((n) => n.id === 'rosa')!, { level: 'familial', turnTo: 'client' });
      Object.assign(m.nodes.find((n) => n.id === 'mum')!, { label: 'Mother', turnTo: 'both' });
    });
    expect(words(before, after)).toEqual([
      'Renamed Mum to Mother.',
      'Now marked as someone to turn to: Mother (by the client and the practitioner).',
      'Aunt Rosa moved from the social to the familial level.',
      'Now marked as someone to turn to: Aunt Rosa (by the client).',
    ]);
  });

  it('names an influence with what it touches, and later changes to what it touches', () => {
    const before = family();
    const withRacism = edited(before, (m) => {
      m.nodes.push(nodeOf('racism', 'Racism', { kind: 'influence', level: 'ecological' }));
      m.ties.push({ id: 'i1', kind: 'influence', a: 'racism', b: 'work', note: '' });
    });
    expect(words(before, withRacism)).toEqual(['Added an influence: Racism, touching Work.']);
    const spreading = edited(withRacism, (m) => {
      m.ties.push({ id: 'i2', kind: 'influence', a: 'racism', b: 'school', note: '' }, { id: 'i3', kind: 'influence', a: 'racism', b: 'client', note: '' });
      m.ties = m.ties.filter((t) => t.id !== 'i1');
    });
    expect(words(withRacism, spreading)).toEqual(['Racism now touches the client.', 'Racism now touches School.', 'Racism no longer touches Work.']);
  });

  it('uses natural words for family structure: partners, parents, twins', () => {
    const before = edited(family(), (m) => m.nodes.push(nodeOf('leo', 'Leo'), nodeOf('mia', 'Mia'), nodeOf('ana', 'Ana')));
    const after = edited(before, (m) => {
      Object.assign(tieById(m, 'p1'), { status: 'separated' });
      m.ties.push(
        { id: 'f1', kind: 'parent', a: 'ana', b: 'leo', bond: 'foster' },
        { id: 'w1', kind: 'twin', a: 'leo', b: 'mia', identical: false },
        { id: 'k1', kind: 'knows', a: 'ana', b: 'mum' },
      );
    });
    expect(words(before, after)).toEqual([
      'Now recorded: Ana and Mum know each other.',
      'Added: Leo is a foster child of Ana.',
      'Added: Leo and Mia are twins.',
      'Mum and Dad now separated.',
    ]);
    const later = edited(after, (m) => {
      Object.assign(tieById(m, 'f1'), { bond: 'adoptive' });
      Object.assign(tieById(m, 'w1'), { identical: true });
      m.ties = m.ties.filter((t) => t.id !== 'k1');
    });
    expect(words(after, later)).toEqual([
      'No longer recorded as knowing each other: Ana and Mum.',
      'The bond of Ana as a parent of Leo changed from foster to adoptive.',
      'Leo and Mia are now recorded as identical twins.',
    ]);
  });

  it('describes emotional-relationship lines as relationships, from the client’s side where the client is one end', () => {
    const before = family();
    const after = edited(before, (m) => {
      m.ties.push(
        { id: 'e1', kind: 'emotional', a: 'client', b: 'dad', pattern: 'close', direction: 'none', note: '' },
        { id: 'e2', kind: 'emotional', a: 'dad', b: 'mum', pattern: 'hostile', direction: 'a_to_b', note: '' },
      );
    });
    expect(words(before, after)).toEqual([
      'Added: the client’s relationship with Dad is close.',
      'Added: the relationship between Dad and Mum is hostile, from Dad toward Mum.',
    ]);
    const later = edited(after, (m) => Object.assign(tieById(m, 'e1'), { pattern: 'distant' }));
    expect(words(after, later)).toEqual(['The client’s relationship with Dad changed from close to distant.']);
  });

  it('says when the client has said who among their people know each other', () => {
    const before = family();
    const after = edited(before, (m) => (m.alterTiesRecorded = true));
    expect(words(before, after)).toEqual(['The client has now said which of their people know each other.']);
  });
});

describe('counting changed connection ties for the comparison summary', () => {
  it('counts ties added, lost, strengthened, weakened and changed in quality, leaving family lines aside', () => {
    const before = family();
    const after = edited(before, (m) => {
      m.nodes.push(nodeOf('rosa', 'Aunt Rosa'));
      m.ties.push(connectionOf('client', 'rosa', 'strong', 'supportive'), { id: 'k1', kind: 'knows', a: 'rosa', b: 'mum' });
      m.ties = m.ties.filter((t) => t.id !== 'c-client-work' && t.id !== 'p1');
      Object.assign(tieById(m, 'c-client-mum'), { strength: 'strong', quality: 'stressful' });
      Object.assign(tieById(m, 'c-client-dad'), { strength: 'moderate' });
      Object.assign(tieById(m, 'c-mum-dad'), { quality: 'conflicted' });
    });
    expect(tieChangeCounts(diffMaps(before, after))).toEqual({ added: 1, lost: 1, strengthened: 1, weakened: 1, qualityChanged: 2 });
  });
});
