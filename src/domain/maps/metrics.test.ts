import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapLevels, type RelationalMap } from './map.js';
import { connectionMetrics, metricDefinitions } from './metrics.js';
import { clientNode, connectionOf, mapArb, mapOf, nodeOf } from './testing/arbitraries.js';

/**
 * Noa's world: Mum and Aunt Rosa strong and supportive (Rosa someone to turn to), Dad moderate
 * and conflicted, Work moderate and stressful, the choir tenuous and supportive, an ex cut off,
 * racism touching Work. Mum knows Dad (and they are in conflict) and Aunt Rosa; the ex knows Mum.
 */
function noasWorld(alterTiesRecorded: boolean): RelationalMap {
  return mapOf(
    [
      clientNode('Noa'),
      nodeOf('mum', 'Mum', { level: 'familial' }),
      nodeOf('dad', 'Dad', { level: 'familial' }),
      nodeOf('rosa', 'Aunt Rosa', { level: 'familial', turnTo: 'client' }),
      nodeOf('work', 'Work', { kind: 'institution', sector: 'work', level: 'ecological' }),
      nodeOf('choir', 'Choir', { kind: 'group', level: 'social' }),
      nodeOf('ex', 'Sam', { level: 'social' }),
      nodeOf('racism', 'Racism', { kind: 'influence', level: 'ecological' }),
    ],
    [
      connectionOf('client', 'mum', 'strong', 'supportive'),
      connectionOf('dad', 'client', 'moderate', 'conflicted'),
      connectionOf('client', 'rosa', 'strong', 'supportive'),
      connectionOf('client', 'work', 'moderate', 'stressful'),
      connectionOf('client', 'choir', 'tenuous', 'supportive'),
      connectionOf('client', 'ex', 'strong', 'cut_off'),
      connectionOf('mum', 'dad', 'moderate', 'conflicted'),
      { id: 'k1', kind: 'knows', a: 'mum', b: 'dad' },
      { id: 'k2', kind: 'knows', a: 'rosa', b: 'mum' },
      { id: 'k3', kind: 'knows', a: 'ex', b: 'mum' },
      { id: 'i1', kind: 'influence', a: 'racism', b: 'work', note: '' },
    ],
    alterTiesRecorded,
  );
}

describe('connection metrics of one version of the map', () => {
  it('shows the client alone as having no network and fully isolated', () => {
    expect(connectionMetrics(mapOf([clientNode()]))).toEqual({
      networkSize: 0,
      strongSupportive: 0,
      strainShare: null,
      levelsCovered: 0,
      levels: [],
      turnTo: 0,
      isolationIndex: 1,
      density: null,
      effectiveSize: null,
      constraint: null,
      brokerage: null,
    });
    expect(connectionMetrics(mapOf([clientNode()], [], true))).toMatchObject({ density: null, effectiveSize: 0, constraint: null, brokerage: 0 });
  });

  it('counts a hand-drawn world: cut-off ties and influences stay out of the network, strain counts the cut-off tie', () => {
    // Network: Mum, Dad, Aunt Rosa, Work, Choir (Sam is cut off; Racism is an influence).
    // Strain: Dad and Work of the six ties with the client, Sam's included: 2/6.
    // Isolation: W = 1 + 1 + ¼ = 2.25, T = 1, L = 3 (familial, social, ecological):
    // 1 − (0.5·2.25/5 + 0.3·1/3 + 0.2·3/5) = 1 − (0.225 + 0.1 + 0.12) = 0.555 → 0.56.
    expect(connectionMetrics(noasWorld(false))).toEqual({
      networkSize: 5,
      strongSupportive: 2,
      strainShare: 2 / 6,
      levelsCovered: 3,
      levels: ['familial', 'social', 'ecological'],
      turnTo: 1,
      isolationIndex: 0.56,
      density: null,
      effectiveSize: null,
      constraint: null,
      brokerage: null,
    });
  });

  it('adds density, effective size, constraint and brokerage once the client has said who knows whom', () => {
    const m = connectionMetrics(noasWorld(true));
    // Among the five: Mum–Dad (known and in conflict: one pair) and Mum–Rosa; Sam is not in the
    // network, so Sam–Mum does not count. 2 of 10 pairs.
    expect(m.density).toBeCloseTo(0.2, 12);
    // Ego network weights: Mum 3, Dad 2, Rosa 3, Work 2, Choir 1 (sum 11); Mum–Dad 1, Mum–Rosa 1.
    // Mum's ties sum to 5, Dad's to 3, Rosa's to 4.
    // Constraint: Mum (3/11 + 2/11·1/3 + 3/11·1/4)² = (53/132)²; Dad (2/11 + 3/11·1/5)² = (13/55)²;
    // Rosa (3/11 + 3/11·1/5)² = (18/55)²; Work (2/11)²; Choir (1/11)² → 159217/435600 ≈ 0.3655.
    expect(m.constraint).toBeCloseTo(159217 / 435600, 12);
    // Effective size: Mum's strongest tie is 3, so her redundancy is 2/11·1/3 + 3/11·1/3 = 5/33;
    // Dad's strongest is 2: 3/11·1/2 = 3/22; Rosa's is 3: 3/11·1/3 = 1/11; Work and Choir none.
    // 28/33 + 19/22 + 10/11 + 1 + 1 = 305/66 ≈ 4.62.
    expect(m.effectiveSize).toBeCloseTo(305 / 66, 12);
    // Brokerage: of the 8 pairs not tied directly, 7 meet only through Noa and Dad–Rosa also
    // through Mum (½): 7.5 of the 10 pairs → 0.75.
    expect(m.brokerage).toBeCloseTo(0.75, 12);
  });

  it('leaves density and the structural measures out when the client has not said who knows whom', () => {
    const m = connectionMetrics(noasWorld(false));
    expect([m.density, m.effectiveSize, m.constraint, m.brokerage]).toEqual([null, null, null, null]);
  });

  it('reaches 0 for a client with five strong supportive ties across the five levels and three people to turn to', () => {
    const nodes = [clientNode(), ...mapLevels.map((level, i) => nodeOf(`p${i}`, `Person ${i}`, { level, turnTo: i < 3 ? 'both' : null }))];
    const ties = mapLevels.map((_, i) => connectionOf('client', `p${i}`, 'strong', 'supportive'));
    expect(connectionMetrics(mapOf(nodes, ties))).toMatchObject({ networkSize: 5, strongSupportive: 5, strainShare: 0, levelsCovered: 5, turnTo: 3, isolationIndex: 0 });
  });

  it('shows a star of people who do not know each other as fully brokered and unconstrained by overlap', () => {
    const nodes = [clientNode(), ...[0, 1, 2, 3].map((i) => nodeOf(`p${i}`, `Person ${i}`))];
    const ties = [0, 1, 2, 3].map((i) => connectionOf('client', `p${i}`, 'moderate', 'supportive'));
    expect(connectionMetrics(mapOf(nodes, ties, true))).toMatchObject({ density: 0, effectiveSize: 4, constraint: 0.25, brokerage: 1 });
  });

  it('gives every number a label, a formula and a meaning, and says the isolation index is not a validated scale', () => {
    const keys = Object.keys(connectionMetrics(noasWorld(true))).sort();
    expect(Object.keys(metricDefinitions).sort()).toEqual(keys);
    for (const d of Object.values(metricDefinitions)) for (const text of [d.label, d.formula, d.meaning]) expect(text.length).toBeGreaterThan(3);
    expect(metricDefinitions.isolationIndex.meaning).toMatch(/not a validated scale/);
  });
});

describe('the isolation index, for any sound map', () => {
  it('stays within 0 and 1, and the other numbers within their ranges', () => {
    fc.assert(
      fc.property(mapArb(), (map) => {
        const m = connectionMetrics(map);
        expect(m.isolationIndex).toBeGreaterThanOrEqual(0);
        expect(m.isolationIndex).toBeLessThanOrEqual(1);
        expect(Math.round(m.isolationIndex * 100) / 100).toBe(m.isolationIndex);
        expect(m.networkSize).toBeLessThan(map.nodes.length);
        expect(m.strongSupportive).toBeLessThanOrEqual(m.networkSize);
        if (m.strainShare !== null) expect(m.strainShare).toBeGreaterThanOrEqual(0);
        if (m.strainShare !== null) expect(m.strainShare).toBeLessThanOrEqual(1);
        if (m.brokerage !== null) expect(m.brokerage).toBeLessThanOrEqual(1 + 1e-12);
        if (m.density !== null) expect(m.density).toBeLessThanOrEqual(1);
        if (m.effectiveSize !== null) expect(m.effectiveSize).toBeLessThanOrEqual(m.networkSize + 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('never rises when a strong supportive tie is added, to someone new or to someone already on the map', () => {
    fc.assert(
      fc.property(mapArb(), fc.nat(), (map, pick) => {
        const before = connectionMetrics(map).isolationIndex;
        const newcomer = mapOf([...map.nodes, nodeOf('newcomer', 'Neighbour', { level: 'ecological' })], [...map.ties, connectionOf('client', 'newcomer', 'strong', 'supportive')], map.alterTiesRecorded);
        expect(connectionMetrics(newcomer).isolationIndex).toBeLessThanOrEqual(before);
        // Someone on the map with no connection to the client yet.
        const joined = new Set(map.ties.filter((t) => t.kind === 'connection' && (t.a === 'client' || t.b === 'client')).flatMap((t) => [t.a, t.b]));
        const unjoined = map.nodes.filter((n) => n.kind !== 'client' && !joined.has(n.id));
        const someone = unjoined[pick % Math.max(unjoined.length, 1)];
        if (someone) {
          const tied = mapOf(map.nodes, [...map.ties, connectionOf('client', someone.id, 'strong', 'supportive', { id: 'added' })], map.alterTiesRecorded);
          expect(connectionMetrics(tied).isolationIndex).toBeLessThanOrEqual(before);
        }
      }),
      { numRuns: 200 },
    );
  });
});
