import fc from 'fast-check';
import { DirectedGraph, MultiUndirectedGraph, UndirectedGraph } from 'graphology';
import { betweenness } from 'graphology-metrics/centrality/index.js';
import { describe, expect, it } from 'vitest';
import { burtConstraint, effectiveSize, egoBetweenness } from './constraint.js';

/** An undirected graph from `[a, b]` or `[a, b, weight]` rows. */
function graphOf(rows: ReadonlyArray<readonly [string, string] | readonly [string, string, number]>): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const [a, b, weight] of rows) {
    graph.mergeNode(a);
    graph.mergeNode(b);
    graph.addEdge(a, b, weight === undefined ? {} : { weight });
  }
  return graph;
}

describe('Burt’s constraint and effective size on small graphs worked by hand', () => {
  it('a star leaves its centre constrained by 1/n and fully effective', () => {
    // Four contacts who do not know each other: p_ij = 1/4 and no indirect paths, so
    // c = 4 × (1/4)² = 1/4; none is redundant, so the effective size is all 4.
    const star = graphOf([
      ['ego', 'a'],
      ['ego', 'b'],
      ['ego', 'c'],
      ['ego', 'd'],
    ]);
    expect(burtConstraint(star, 'ego')).toBeCloseTo(0.25, 12);
    expect(effectiveSize(star, 'ego')).toBeCloseTo(4, 12);
    // A leaf has one contact: all its energy is in that tie, c = 1², effective size 1.
    expect(burtConstraint(star, 'a')).toBeCloseTo(1, 12);
    expect(effectiveSize(star, 'a')).toBeCloseTo(1, 12);
  });

  it('in a triangle each contact also reaches ego through the other, so constraint exceeds 1', () => {
    // p_ij = p_ik = 1/2; j also reaches ego through k: p_ik × p_kj = 1/2 × 1/2 = 1/4.
    // c = 2 × (1/2 + 1/4)² = 2 × 9/16 = 9/8. Effective size: n − 2t/n = 2 − 2·1/2 = 1.
    const triangle = graphOf([
      ['ego', 'j'],
      ['ego', 'k'],
      ['j', 'k'],
    ]);
    expect(burtConstraint(triangle, 'ego')).toBeCloseTo(9 / 8, 12);
    expect(effectiveSize(triangle, 'ego')).toBeCloseTo(1, 12);
  });

  it('a broker between two cliques is less constrained than the people inside them', () => {
    // Ego knows all six people of two triangles {a1,a2,a3} and {c1,c2,c3} that do not know each
    // other. For each contact j: p_ij = 1/6; j's two clique-mates q each have 3 contacts, so
    // p_qj = 1/3 and the indirect part is 2 × (1/6 × 1/3) = 1/9. Local constraint (1/6 + 1/9)² =
    // (5/18)² = 25/324; six of them: c = 150/324 ≈ 0.463. Effective size: n = 6, t = 6 ties
    // among them, 6 − 2·6/6 = 4.
    const rows: Array<[string, string]> = [];
    for (const clique of [['a1', 'a2', 'a3'], ['c1', 'c2', 'c3']] as const) {
      for (const member of clique) rows.push(['ego', member]);
      rows.push([clique[0], clique[1]], [clique[1], clique[2]], [clique[0], clique[2]]);
    }
    const graph = graphOf(rows);
    expect(burtConstraint(graph, 'ego')).toBeCloseTo(150 / 324, 12);
    expect(effectiveSize(graph, 'ego')).toBeCloseTo(4, 12);
    // a1 has three contacts (ego, a2, a3), p = 1/3 each; a2 and a3 also have three, ego six.
    // j = ego: via a2 and via a3, each 1/3 × 1/3 → (1/3 + 2/9)² = (5/9)² = 25/81.
    // j = a2: via ego 1/3 × 1/6 = 1/18 and via a3 1/3 × 1/3 = 1/9 → (1/3 + 1/6)² = 1/4; a3 likewise.
    // c = 25/81 + 1/2 ≈ 0.809, well above the broker's 0.463.
    expect(burtConstraint(graph, 'a1')).toBeCloseTo(25 / 81 + 1 / 2, 12);
    expect(burtConstraint(graph, 'a1')).toBeGreaterThan(burtConstraint(graph, 'ego'));
  });

  it('weights shift a triangle’s constraint toward the stronger contact', () => {
    // ego–j 3, ego–k 1, j–k 1. p_ij = 3/4, p_ik = 1/4; j's total 4 so p_jk = 1/4; k's total 2
    // so p_kj = 1/2. c = (3/4 + 1/4·1/2)² + (1/4 + 3/4·1/4)² = (7/8)² + (7/16)² = 245/256.
    // Effective size: j's strongest tie is 3, so m_jk = 1/3 and j's redundancy is
    // p_ik·m_jk = 1/12; k's strongest is 1, m_kj = 1, redundancy p_ij·1 = 3/4.
    // e = (1 − 1/12) + (1 − 3/4) = 11/12 + 1/4 = 7/6.
    const graph = graphOf([
      ['ego', 'j', 3],
      ['ego', 'k', 1],
      ['j', 'k', 1],
    ]);
    expect(burtConstraint(graph, 'ego')).toBeCloseTo(245 / 256, 12);
    expect(effectiveSize(graph, 'ego')).toBeCloseTo(7 / 6, 12);
  });

  it('an ego with nobody has no constraint to speak of and an effective size of zero', () => {
    const graph = new UndirectedGraph();
    graph.addNode('ego');
    expect(burtConstraint(graph, 'ego')).toBeNaN();
    expect(effectiveSize(graph, 'ego')).toBe(0);
  });

  it('parallel edges add up as one tie of their summed weight', () => {
    const multi = new MultiUndirectedGraph();
    for (const n of ['ego', 'j', 'k']) multi.addNode(n);
    multi.addEdge('ego', 'j', { weight: 2 });
    multi.addEdge('ego', 'j', { weight: 1 });
    multi.addEdge('ego', 'k');
    multi.addEdge('j', 'k');
    const simple = graphOf([
      ['ego', 'j', 3],
      ['ego', 'k', 1],
      ['j', 'k', 1],
    ]);
    expect(burtConstraint(multi, 'ego')).toBeCloseTo(burtConstraint(simple, 'ego'), 12);
    expect(effectiveSize(multi, 'ego')).toBeCloseTo(effectiveSize(simple, 'ego'), 12);
  });
});

describe('agreement with the published reference example', () => {
  // Borgatti's example (Connections 20(1), 1997), used by networkx's tests, whose expected values
  // were computed with UCINET and igraph and checked by hand.
  const edges: Array<[string, string, number]> = [
    ['A', 'B', 2],
    ['A', 'F', 3],
    ['A', 'G', 5],
    ['A', 'E', 2],
    ['E', 'G', 8],
    ['F', 'G', 3],
    ['B', 'G', 4],
    ['B', 'D', 1],
    ['D', 'G', 3],
    ['G', 'C', 10],
  ];

  it('matches the unweighted values: constraint G 0.400, A 0.595, C 1; effective size G 4.67, A 2.50, C 1', () => {
    const graph = graphOf(edges.map(([a, b]) => [a, b] as const));
    expect(burtConstraint(graph, 'G')).toBeCloseTo(0.4, 3);
    expect(burtConstraint(graph, 'A')).toBeCloseTo(0.595, 3);
    expect(burtConstraint(graph, 'C')).toBeCloseTo(1, 3);
    expect(effectiveSize(graph, 'G')).toBeCloseTo(4.67, 2);
    expect(effectiveSize(graph, 'A')).toBeCloseTo(2.5, 2);
    expect(effectiveSize(graph, 'C')).toBeCloseTo(1, 2);
  });

  it('matches the weighted values: constraint G 0.299, A 0.795, C 1; effective size G 5.47, A 2.47, C 1', () => {
    const graph = graphOf(edges);
    expect(burtConstraint(graph, 'G')).toBeCloseTo(0.299, 3);
    expect(burtConstraint(graph, 'A')).toBeCloseTo(0.795, 3);
    expect(burtConstraint(graph, 'C')).toBeCloseTo(1, 3);
    expect(effectiveSize(graph, 'G')).toBeCloseTo(5.47, 2);
    expect(effectiveSize(graph, 'A')).toBeCloseTo(2.47, 2);
    expect(effectiveSize(graph, 'C')).toBeCloseTo(1, 2);
  });

  it('matches the directed reference values, counting a tie in both directions as one mutual tie', () => {
    // 0→1 (2), 0→2 (2), 1→0 (1), 2→1 (1): unweighted constraint 1.003, 1.003, 1.389 and
    // effective size 1.167, 1.167, 1; weighted constraint 0.840, 1.143, 1.378 and effective
    // size 1.567, 1.083, 1.
    const build = (weighted: boolean): DirectedGraph => {
      const graph = new DirectedGraph();
      for (const n of ['0', '1', '2']) graph.addNode(n);
      const rows: Array<[string, string, number]> = [
        ['0', '1', 2],
        ['0', '2', 2],
        ['1', '0', 1],
        ['2', '1', 1],
      ];
      for (const [a, b, w] of rows) graph.addEdge(a, b, weighted ? { weight: w } : {});
      return graph;
    };
    const plain = build(false);
    expect([0, 1, 2].map((n) => burtConstraint(plain, String(n)))).toEqual([
      expect.closeTo(1.003, 3),
      expect.closeTo(1.003, 3),
      expect.closeTo(1.389, 3),
    ]);
    expect([0, 1, 2].map((n) => effectiveSize(plain, String(n)))).toEqual([
      expect.closeTo(1.167, 3),
      expect.closeTo(1.167, 3),
      expect.closeTo(1, 3),
    ]);
    const weighted = build(true);
    expect([0, 1, 2].map((n) => burtConstraint(weighted, String(n)))).toEqual([
      expect.closeTo(0.84, 3),
      expect.closeTo(1.143, 3),
      expect.closeTo(1.378, 3),
    ]);
    expect([0, 1, 2].map((n) => effectiveSize(weighted, String(n)))).toEqual([
      expect.closeTo(1.567, 3),
      expect.closeTo(1.083, 3),
      expect.closeTo(1, 3),
    ]);
  });
});

describe('properties on any unweighted network', () => {
  const networks = fc
    .tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), { maxLength: 40, selector: ([a, b]) => (a < b ? `${a}-${b}` : `${b}-${a}`) }),
    )
    .map(([contacts, alterTies]) => {
      const graph = new UndirectedGraph();
      graph.addNode('ego');
      for (let i = 0; i < contacts; i++) {
        graph.addNode(`n${i}`);
        graph.addEdge('ego', `n${i}`);
      }
      for (const [a, b] of alterTies) {
        if (a === b || a >= contacts || b >= contacts) continue;
        graph.addEdge(`n${a}`, `n${b}`);
      }
      return graph;
    });

  it('effective size is Borgatti’s n − 2t/n', () => {
    fc.assert(
      fc.property(networks, (graph) => {
        const n = graph.degree('ego');
        const t = graph.size - n;
        expect(effectiveSize(graph, 'ego')).toBeCloseTo(n - (2 * t) / n, 9);
      }),
      { numRuns: 150 },
    );
  });

  it('constraint never falls below 1/n, the value of a star of the same size', () => {
    fc.assert(
      fc.property(networks, (graph) => {
        expect(burtConstraint(graph, 'ego')).toBeGreaterThanOrEqual(1 / graph.degree('ego') - 1e-12);
      }),
      { numRuns: 150 },
    );
  });
});

describe('ego betweenness: how far ego is the bridge between its own contacts', () => {
  it('is 1 for the centre of a star and 0 when everyone knows everyone', () => {
    const star = graphOf([
      ['ego', 'a'],
      ['ego', 'b'],
      ['ego', 'c'],
    ]);
    expect(egoBetweenness(star, 'ego')).toBe(1);
    star.addEdge('a', 'b');
    star.addEdge('b', 'c');
    star.addEdge('a', 'c');
    expect(egoBetweenness(star, 'ego')).toBe(0);
  });

  it('shares a pair with the contacts they also have in common', () => {
    // a and c are not tied; they meet through ego and through b: ego's part is 1/2. a–b and b–c
    // are tied. One half of three pairs: 1/6.
    const graph = graphOf([
      ['ego', 'a'],
      ['ego', 'b'],
      ['ego', 'c'],
      ['a', 'b'],
      ['b', 'c'],
    ]);
    expect(egoBetweenness(graph, 'ego')).toBeCloseTo(1 / 6, 12);
  });

  it('agrees with graphology’s betweenness on any ego network, and on graphs where ego is not tied to everyone', () => {
    const graphs = fc
      .tuple(
        fc.integer({ min: 0, max: 12 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 })), { maxLength: 50 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 13, maxLength: 13 }),
        fc.boolean(),
      )
      .map(([contacts, pairs, weights, dropOne]) => {
        const graph = new UndirectedGraph();
        graph.addNode('ego');
        for (let i = 0; i < contacts; i++) {
          graph.addNode(`n${i}`);
          if (!(dropOne && i === 0)) graph.addEdge('ego', `n${i}`, { weight: weights[i]! });
        }
        for (const [a, b] of pairs) if (a !== b && a < contacts && b < contacts && !graph.hasEdge(`n${a}`, `n${b}`)) graph.addEdge(`n${a}`, `n${b}`);
        return graph;
      });
    fc.assert(
      fc.property(graphs, (graph) => {
        const expected = graph.order <= 2 ? 0 : betweenness(graph, { getEdgeWeight: null, normalized: true })['ego']!;
        expect(egoBetweenness(graph, 'ego')).toBeCloseTo(expected, 9);
      }),
      { numRuns: 200 },
    );
  });
});
