import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeGenogram, type GenogramLayout, type GenogramPerson, layoutGenogram, LABEL_WIDTH, SYMBOL, wrapName, yearsText } from './genogram.js';
import { type MapTie, type RelationalMap } from './map.js';
import { clientNode, connectionOf, mapArb, mapOf, nodeOf } from './testing/arbitraries.js';

const partner = (a: string, b: string, status: Extract<MapTie, { kind: 'partner' }>['status'], since: number | null = null, until: number | null = null): MapTie => ({
  id: `p-${a}-${b}`,
  kind: 'partner',
  a,
  b,
  status,
  since,
  until,
  note: '',
});
const parent = (a: string, b: string, bond: Extract<MapTie, { kind: 'parent' }>['bond'] = 'birth'): MapTie => ({ id: `c-${a}-${b}`, kind: 'parent', a, b, bond });
const twin = (a: string, b: string, identical = false): MapTie => ({ id: `t-${a}-${b}`, kind: 'twin', a, b, identical });
const emotional = (a: string, b: string, pattern: string, direction: 'none' | 'a_to_b' | 'b_to_a' | 'both' = 'none'): MapTie => ({
  id: `e-${a}-${b}`,
  kind: 'emotional',
  a,
  b,
  pattern,
  direction,
  note: '',
});

/**
 * Three generations and more: a grandfather who died and the widow, a man with three partners in
 * turn, identical twin sisters, fraternal twins, a child with two birth parents and two foster
 * parents, an adopted child, a daughter whose birth father is unknown, a stepfather.
 */
function complexFamily(): RelationalMap {
  return mapOf(
    [
      clientNode('Kim Arden', { gender: 'nonbinary', born: 1975 }),
      nodeOf('joe', 'Joe Arden', { gender: 'male', born: 1920, died: 1990, deceased: true }),
      nodeOf('rose', 'Rose Arden', { gender: 'female', born: 1925 }),
      nodeOf('dan', 'Dan Arden', { gender: 'male', born: 1950 }),
      nodeOf('amy', 'Amy', { gender: 'female', born: 1953 }),
      nodeOf('ann', 'Ann', { gender: 'female', born: 1953 }),
      nodeOf('lia', 'Lia', { gender: 'female', born: 1951 }),
      nodeOf('mei', 'Mei', { gender: 'female', born: 1955 }),
      nodeOf('eva', 'Eva', { gender: 'female', born: 1960 }),
      nodeOf('ben', 'Ben', { gender: 'male' }),
      nodeOf('cal', 'Cal', { gender: 'unknown' }),
      nodeOf('leo', 'Leo', { gender: 'male', born: 1984 }),
      nodeOf('zoe', 'Zoe', { gender: 'female', born: 1984 }),
      nodeOf('ivy', 'Ivy', { gender: 'female', born: 1990 }),
      nodeOf('unk', 'Birth father', { gender: 'male', unknownIdentity: true }),
      nodeOf('sol', 'Sol', { gender: 'male', born: 2000 }),
      nodeOf('pia', 'Pia', { gender: 'female', born: 2003 }),
      nodeOf('work', 'Harbour Library', { kind: 'institution', level: 'ecological', sector: 'work' }),
      nodeOf('friend', 'Best friend'),
    ],
    [
      partner('joe', 'rose', 'widowed', 1947),
      parent('joe', 'dan'),
      parent('rose', 'dan'),
      parent('joe', 'amy'),
      parent('rose', 'amy'),
      parent('joe', 'ann'),
      parent('rose', 'ann'),
      twin('amy', 'ann', true),
      partner('dan', 'lia', 'divorced', 1972, 1980),
      partner('dan', 'mei', 'separated', 1982, 1990),
      partner('dan', 'eva', 'married', 1995),
      partner('amy', 'ben', 'married', 1976),
      partner('ann', 'cal', 'partnered', 1990),
      parent('dan', 'client'),
      parent('lia', 'client'),
      parent('dan', 'leo'),
      parent('mei', 'leo'),
      parent('dan', 'zoe'),
      parent('mei', 'zoe'),
      twin('leo', 'zoe'),
      parent('eva', 'ivy'),
      parent('unk', 'ivy'),
      parent('dan', 'ivy', 'step'),
      parent('amy', 'sol'),
      parent('ben', 'sol'),
      parent('ann', 'sol', 'foster'),
      parent('cal', 'sol', 'foster'),
      parent('ann', 'pia', 'adoptive'),
      parent('cal', 'pia', 'adoptive'),
      emotional('client', 'dan', 'conflicted'),
      emotional('client', 'lia', 'close'),
      emotional('dan', 'eva', 'abusive', 'a_to_b'),
      emotional('client', 'rose', 'caring'),
      emotional('leo', 'zoe', 'fused'),
      emotional('dan', 'ann', 'cut_off'),
      emotional('amy', 'ann', 'hostile'),
      emotional('client', 'mei', 'distant'),
      emotional('client', 'zoe', 'protective'),
      connectionOf('client', 'work', 'strong', 'supportive'),
      connectionOf('client', 'friend', 'moderate', 'supportive'),
    ],
  );
}

const person = (layout: GenogramLayout, id: string): GenogramPerson => {
  const p = layout.people.find((q) => q.id === id);
  if (!p) throw new Error(`${id} is not drawn`);
  return p;
};

/** The box each person takes up: the symbol and the label under it. */
const footprint = (p: GenogramPerson) => ({
  left: p.x - LABEL_WIDTH / 2,
  right: p.x + LABEL_WIDTH / 2,
  top: p.y - SYMBOL / 2,
  bottom: p.labelY + (p.nameLines.length + (p.years ? 1 : 0)) * 14,
});

function overlapping(layout: GenogramLayout): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const boxes = layout.people.map((p) => ({ id: p.id, ...footprint(p) }));
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) found.push([a.id, b.id]);
    }
  return found;
}

describe('who the genogram draws', () => {
  it('draws the client and family members, and leaves out places, institutions and people with only ecomap ties', () => {
    const layout = layoutGenogram(complexFamily());
    const ids = layout.people.map((p) => p.id);
    expect(ids).toContain('client');
    expect(ids).toContain('unk');
    expect(ids).not.toContain('work');
    expect(ids).not.toContain('friend');
    expect(ids).toHaveLength(17);
  });

  it('draws someone whose identity is unknown even before they are linked to anyone', () => {
    const layout = layoutGenogram(mapOf([clientNode(), nodeOf('u', 'Father', { unknownIdentity: true, gender: 'male' }), nodeOf('f', 'Friend')]));
    expect(layout.people.map((p) => p.id).sort()).toEqual(['client', 'u']);
    expect(person(layout, 'u').row).toBe(person(layout, 'client').row);
  });

  it('is empty for a map with no family structure yet', () => {
    const layout = layoutGenogram(mapOf([clientNode(), nodeOf('f', 'Friend')], [connectionOf('client', 'f', 'strong', 'supportive')]));
    expect(layout.empty).toBe(true);
    expect(layout.people.map((p) => p.id)).toEqual(['client']);
  });
});

describe('generations', () => {
  const layout = layoutGenogram(complexFamily());
  const row = (id: string) => person(layout, id).row;

  it('puts grandparents above parents above the client, across three generations', () => {
    expect(layout.generations).toBe(3);
    expect(row('joe')).toBe(0);
    expect(row('rose')).toBe(0);
    expect(row('dan')).toBe(1);
    expect(row('client')).toBe(2);
    expect(person(layout, 'joe').y).toBeLessThan(person(layout, 'dan').y);
    expect(person(layout, 'dan').y).toBeLessThan(person(layout, 'client').y);
  });

  it('puts partners without parents of their own on their partner’s row', () => {
    for (const id of ['lia', 'mei', 'eva', 'ben', 'cal', 'unk']) expect(row(id)).toBe(1);
  });

  it('says each person’s generation from the client’s', () => {
    expect(person(layout, 'rose').generation).toBe(-2);
    expect(person(layout, 'ann').generation).toBe(-1);
    expect(person(layout, 'sol').generation).toBe(0);
  });

  it('lowers in-laws’ parents to sit just above their child, not at the top of the drawing', () => {
    const map = mapOf(
      [clientNode(), ...['gm', 'm', 'p', 'pm'].map((id) => nodeOf(id, id.toUpperCase())), nodeOf('ggm', 'GGM')],
      [parent('ggm', 'gm'), parent('gm', 'm'), parent('m', 'client'), partner('client', 'p', 'married'), parent('pm', 'p')],
    );
    const l = layoutGenogram(map);
    expect(person(l, 'pm').row).toBe(person(l, 'm').row);
    expect(person(l, 'p').row).toBe(person(l, 'client').row);
  });

  it('puts someone with only an emotional line on the row of the person it joins', () => {
    const map = mapOf([clientNode(), nodeOf('mum', 'Mum'), nodeOf('aunt', 'Aunt')], [parent('mum', 'client'), emotional('aunt', 'mum', 'close')]);
    const l = layoutGenogram(map);
    expect(person(l, 'aunt').row).toBe(person(l, 'mum').row);
  });
});

describe('placing people', () => {
  const layout = layoutGenogram(complexFamily());
  const x = (id: string) => person(layout, id).x;

  it('never lets two people’s symbols or names overlap in a complicated family', () => {
    expect(overlapping(layout)).toEqual([]);
  });

  it('sets a person’s partners beside them in the order the partnerships began', () => {
    expect(x('lia')).toBeLessThan(x('dan'));
    expect(x('dan')).toBeLessThan(x('mei'));
    expect(x('mei')).toBeLessThan(x('eva'));
  });

  it('orders siblings by year of birth, oldest on the left', () => {
    expect(x('dan')).toBeLessThan(x('amy'));
    expect(x('dan')).toBeLessThan(x('ann'));
    const row2 = layoutGenogram(
      mapOf(
        [clientNode('Kid', { born: 1990 }), nodeOf('a', 'Older', { born: 1980 }), nodeOf('b', 'Younger', { born: 1995 }), nodeOf('m', 'Mum'), nodeOf('f', 'Dad')],
        [partner('m', 'f', 'married'), ...['b', 'client', 'a'].flatMap((c) => [parent('m', c), parent('f', c)])],
      ),
    );
    const order = row2.people.filter((p) => p.row === 1).sort((p, q) => p.x - q.x).map((p) => p.id);
    expect(order).toEqual(['a', 'client', 'b']);
  });

  it('hangs each partnership’s children under that partnership', () => {
    const lia = layout.partnerships.find((p) => p.tieId === 'p-dan-lia')!;
    const mei = layout.partnerships.find((p) => p.tieId === 'p-dan-mei')!;
    expect(Math.abs(x('client') - lia.anchor.x)).toBeLessThan(Math.abs(x('client') - mei.anchor.x));
    expect(Math.abs(x('leo') - mei.anchor.x)).toBeLessThan(Math.abs(x('leo') - lia.anchor.x));
  });

  it('places a child between their birth parents and their foster parents', () => {
    const birth = layout.partnerships.find((p) => p.tieId === 'p-amy-ben')!.anchor.x;
    const foster = layout.partnerships.find((p) => p.tieId === 'p-ann-cal')!.anchor.x;
    expect(x('sol')).toBeGreaterThanOrEqual(Math.min(birth, foster) - 1);
    expect(x('sol')).toBeLessThanOrEqual(Math.max(birth, foster) + 1);
  });

  it('gives the same picture whatever order the people and ties were drawn in, and leaves the map as it was', () => {
    const map = complexFamily();
    const before = JSON.stringify(map);
    const shuffled = { ...map, nodes: [...map.nodes].reverse(), ties: [...map.ties].reverse() };
    expect(layoutGenogram(shuffled)).toEqual(layoutGenogram(map));
    expect(JSON.stringify(map)).toBe(before);
  });

  it('fits everything it draws inside its bounds', () => {
    const { bounds } = layout;
    for (const p of layout.people) {
      const f = footprint(p);
      expect(f.left).toBeGreaterThanOrEqual(bounds.x);
      expect(f.right).toBeLessThanOrEqual(bounds.x + bounds.width);
      expect(f.top).toBeGreaterThanOrEqual(bounds.y);
    }
  });

  it('still draws a draft that cannot be saved yet: a circle of parents, a tie to someone removed, a partner who is also a parent', () => {
    const map = mapOf(
      [clientNode(), nodeOf('a', 'A'), nodeOf('b', 'B')],
      [parent('a', 'b'), parent('b', 'a'), parent('client', 'a'), parent('gone', 'client'), partner('client', 'b', 'married'), parent('client', 'b')],
    );
    const l = layoutGenogram(map);
    expect(l.people.map((p) => p.id).sort()).toEqual(['a', 'b', 'client']);
    expect(overlapping(l)).toEqual([]);
    expect(l.parentLinks.find((k) => k.parent === 'client' && k.child === 'b')?.shown).toBe('not drawn');
  });

  it('keeps every person apart on any sound map, and lays out the same map the same way twice', () => {
    fc.assert(
      fc.property(mapArb({ maxNodes: 14, maxTies: 40 }), (map) => {
        const first = layoutGenogram(map);
        expect(overlapping(first)).toEqual([]);
        expect(layoutGenogram(map)).toEqual(first);
        for (const p of first.people) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('lines', () => {
  const layout = layoutGenogram(complexFamily());

  it('hangs twins from one shared point, with a bar only between identical twins', () => {
    const sisters = layout.twins.find((t) => t.ids.includes('amy'))!;
    const fraternal = layout.twins.find((t) => t.ids.includes('leo'))!;
    for (const t of [sisters, fraternal]) {
      const starts = [...t.d.matchAll(/M(-?[\d.]+) (-?[\d.]+)/g)].map((m) => `${m[1]} ${m[2]}`);
      expect(starts).toHaveLength(2);
      expect(new Set(starts).size).toBe(1);
    }
    expect(sisters.identicalPairs).toEqual([['amy', 'ann']]);
    expect(sisters.marks).not.toBe('');
    expect(fraternal.identicalPairs).toEqual([]);
    expect(fraternal.marks).toBe('');
  });

  it('draws the partnership forms: solid for marriage, dashed for partners, one slash for separation, two for divorce', () => {
    const by = (tieId: string) => layout.partnerships.find((p) => p.tieId === tieId)!;
    expect(by('p-dan-eva')).toMatchObject({ style: 'solid', slashes: 0 });
    expect(by('p-ann-cal')).toMatchObject({ style: 'dashed', slashes: 0 });
    expect(by('p-dan-mei')).toMatchObject({ style: 'solid', slashes: 1 });
    expect(by('p-dan-lia')).toMatchObject({ style: 'solid', slashes: 2 });
    expect(by('p-dan-lia').marks.match(/M/g)).toHaveLength(2);
    expect(by('p-dan-lia').caption?.text).toBe('1972–1980');
  });

  it('runs a later partnership below an earlier one where they would overlap', () => {
    const mei = layout.partnerships.find((p) => p.tieId === 'p-dan-mei')!;
    const eva = layout.partnerships.find((p) => p.tieId === 'p-dan-eva')!;
    expect(eva.lane).toBeGreaterThan(mei.lane);
    expect(eva.anchor.y).toBeGreaterThan(mei.anchor.y);
  });

  it('joins a child’s birth mother and unknown father by a dotted line when no partnership is recorded', () => {
    const coparents = layout.partnerships.find((p) => p.status === 'coparents')!;
    expect([coparents.a, coparents.b].sort()).toEqual(['eva', 'unk']);
    expect(coparents.style).toBe('dotted');
  });

  it('draws adoptive, foster and birth lines in their own forms and brackets the adopted child', () => {
    const style = (bond: string, child: string) => layout.descents.find((d) => d.bond === bond && d.children.includes(child))?.style;
    expect(style('birth', 'sol')).toBe('solid');
    expect(style('foster', 'sol')).toBe('dotted');
    expect(style('adoptive', 'pia')).toBe('dashed');
    expect(person(layout, 'pia').adopted).toBe(true);
    expect(person(layout, 'sol').adopted).toBe(false);
  });

  it('shows a stepfather through his partnership with the child’s mother rather than a line of his own', () => {
    expect(layout.descents.some((d) => d.bond === 'step')).toBe(false);
    expect(layout.parentLinks.find((l) => l.parent === 'dan' && l.child === 'ivy')?.shown).toBe('partnership');
  });

  it('hangs a child of a single parent from the side of that parent’s symbol, not through their name', () => {
    const l = layoutGenogram(mapOf([clientNode(), nodeOf('m', 'Mum', { gender: 'female' })], [parent('m', 'client')]));
    const mum = person(l, 'm');
    const start = /^M(-?[\d.]+) (-?[\d.]+)/.exec(l.descents[0]!.d)!;
    expect(Number(start[2])).toBe(mum.y);
    expect(Math.abs(Number(start[1]) - mum.x)).toBeCloseTo(SYMBOL / 2, 0);
  });

  it('hangs twins recorded without parents from one point above them', () => {
    const l = layoutGenogram(mapOf([clientNode(), nodeOf('s', 'Sister')], [twin('client', 's', true)]));
    const [pair] = l.twins;
    expect([...pair!.ids].sort()).toEqual(['client', 's']);
    expect(pair!.fork.y).toBeLessThan(person(l, 's').y - SYMBOL / 2);
    expect(pair!.fork.x).toBeCloseTo((person(l, 's').x + person(l, 'client').x) / 2);
  });

  it('draws a step-parent line when no partnership with the child’s parent is recorded', () => {
    const l = layoutGenogram(mapOf([clientNode(), nodeOf('s', 'Step')], [parent('s', 'client', 'step')]));
    expect(l.descents.map((d) => d.style)).toEqual(['dashdot']);
  });

  it('gives each emotional pattern its own line form and an arrow where it has a direction', () => {
    const known = layout.emotional.filter((e) => e.known);
    expect(known.map((e) => e.pattern).sort()).toEqual(['abusive', 'caring', 'close', 'conflicted', 'cut_off', 'distant', 'fused', 'hostile']);
    // Told apart by form (strands, dashes, weight, marks, zigzags), never by colour alone.
    const form = (e: (typeof known)[number]) => {
      const strands = e.d.split('M').filter((s) => s !== '');
      const marks = e.marks === '' ? 'none' : e.marks.includes('a') ? 'circles' : 'bars';
      return [strands.length, e.dash, e.width, marks, strands.filter(zigzagging).length].join('|');
    };
    expect(new Set(known.map(form)).size).toBe(8);
    const byPattern = new Map(layout.emotional.map((e) => [e.pattern, e]));
    expect(byPattern.get('abusive')!.arrows).not.toBe('');
    expect(byPattern.get('close')!.arrows).toBe('');
  });

  it('draws a pattern outside the known list as a thin line with its name on it', () => {
    const other = layout.emotional.find((e) => e.pattern === 'protective')!;
    expect(other.known).toBe(false);
    expect(other.label?.text).toBe('protective');
    expect(other.width).toBeLessThan(1.5);
  });

  it('marks who died, who is the client and whose identity is unknown', () => {
    expect(person(layout, 'joe')).toMatchObject({ deceased: true, years: '1920–1990' });
    expect(person(layout, 'client')).toMatchObject({ index: true, symbol: 'diamond' });
    expect(person(layout, 'unk')).toMatchObject({ unknownIdentity: true, symbol: 'square' });
    expect(person(layout, 'rose').symbol).toBe('circle');
  });
});

/** Whether one strand of a path turns back and forth (a zigzag) rather than running smoothly. */
function zigzagging(strand: string): boolean {
  const pts = strand.split('L').map((s) => s.trim().split(' ').map(Number));
  let turns = 0;
  for (let i = 2; i < pts.length; i++) {
    const [ax, ay] = pts[i - 2]!;
    const [bx, by] = pts[i - 1]!;
    const [cx, cy] = pts[i]!;
    const cross = (bx! - ax!) * (cy! - by!) - (by! - ay!) * (cx! - bx!);
    if (Math.abs(cross) > 20) turns++;
  }
  return turns > 2;
}

describe('legend and words', () => {
  const layout = layoutGenogram(complexFamily());

  it('lists only the symbols and lines the drawing uses', () => {
    const keys = layout.legend.map((l) => l.key);
    expect(keys).toEqual(
      expect.arrayContaining(['symbol:square', 'symbol:circle', 'symbol:diamond', 'index', 'deceased', 'unknown', 'adopted', 'partner:divorced', 'bond:foster', 'twins:identical', 'emotional:abusive', 'emotional:other']),
    );
    const simple = layoutGenogram(mapOf([clientNode('Noa', { gender: 'female' }), nodeOf('m', 'Mum', { gender: 'female' })], [parent('m', 'client')]));
    expect(simple.legend.map((l) => l.key)).toEqual(['symbol:circle', 'index', 'bond:birth']);
  });

  it('describes every person, partnership, parent, twin and emotional line in words', () => {
    const words = describeGenogram(layout);
    expect(words.summary).toBe('Genogram of 17 people across three generations.');
    expect(words.people).toHaveLength(17);
    expect(words.people).toContain('Joe Arden: male; born 1920; died 1990; two generations above the client.');
    expect(words.people).toContain('Kim Arden (the client): nonbinary; born 1975; the client’s generation.');
    expect(words.people).toContain('Birth father: male; identity not known; one generation above the client.');
    expect(words.partnerships).toContain('Dan Arden and Lia: divorced (1972–1980).');
    expect(words.parents).toContain('Sol’s parents: Amy (birth mother), Ben (birth father), Ann (foster mother) and Cal (foster parent).');
    expect(words.parents).toContain('Ivy’s parents: Birth father (birth father), Eva (birth mother) and Dan Arden (stepfather, shown through the partnership).');
    expect(words.parents).toHaveLength(9);
    expect(words.twins).toContain('Amy and Ann are identical twins.');
    expect(words.emotional).toContain('Dan Arden and Eva: abusive, from Dan Arden towards Eva.');
  });
});

describe('labels', () => {
  it('wraps a long name into two lines and shortens what will not fit', () => {
    expect(wrapName('Maria Fernanda de la Cruz Oliveira')).toEqual(['Maria Fernanda', 'de la Cruz Oli…']);
    expect(wrapName('Ana')).toEqual(['Ana']);
  });

  it('writes years as a span, a birth year, or a death with unknown birth', () => {
    expect(yearsText({ born: 1950, died: 2010, deceased: true })).toBe('1950–2010');
    expect(yearsText({ born: 1950, died: null, deceased: false })).toBe('b. 1950');
    expect(yearsText({ born: null, died: 2001, deceased: true })).toBe('?–2001');
    expect(yearsText({ born: null, died: null, deceased: true })).toBeNull();
  });
});
