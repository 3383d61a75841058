import { betweenness } from 'graphology-metrics/centrality/index.js';
import type { AbstractGraph } from 'graphology-types';

/**
 * Burt's structural-hole measures, which graphology does not provide. Both read the tie strength
 * from an optional numeric edge attribute `weight` (1 when absent) and use the *mutual* weight of
 * two nodes — the sum of the weights of every edge joining them, in either direction — so an
 * undirected graph, a directed graph and a multigraph all give the published values.
 *
 * References: R. S. Burt, *Structural Holes* (1992), pp. 50–55; S. P. Borgatti, "Structural holes:
 * unpacking Burt's redundancy measures", Connections 20(1), 1997.
 */

type Graph = AbstractGraph;

const weightOf = (attributes: Record<string, unknown>): number => {
  const w = attributes['weight'];
  return typeof w === 'number' && Number.isFinite(w) ? w : 1;
};

/** A node's contacts and the mutual weight of its tie to each (self-loops left out). */
function mutualWeights(graph: Graph, node: string): Map<string, number> {
  const weights = new Map<string, number>();
  graph.forEachEdge(node, (_edge, attributes, source, target) => {
    const other = source === node ? target : source;
    if (other === node) return;
    weights.set(other, (weights.get(other) ?? 0) + weightOf(attributes));
  });
  return weights;
}

/** Mutual weights and their sum and maximum, computed once per node that is asked about. */
class Ties {
  private readonly cache = new Map<string, { weights: Map<string, number>; total: number; max: number }>();
  constructor(private readonly graph: Graph) {}

  of(node: string): { weights: Map<string, number>; total: number; max: number } {
    let found = this.cache.get(node);
    if (!found) {
      const weights = mutualWeights(this.graph, node);
      let total = 0;
      let max = 0;
      for (const w of weights.values()) {
        total += w;
        if (w > max) max = w;
      }
      found = { weights, total, max };
      this.cache.set(node, found);
    }
    return found;
  }

  /** p_uv: the share of u's network time and energy invested in v. */
  proportion(u: string, v: string): number {
    const { weights, total } = this.of(u);
    const w = weights.get(v);
    return w === undefined || total === 0 ? 0 : w / total;
  }
}

/**
 * Burt's constraint on `ego`: c_i = Σ_j (p_ij + Σ_{q≠i,j} p_iq p_qj)², summed over ego's
 * contacts j, where p_ij is the proportional strength of the tie between i and j. It runs from
 * near 0 (many contacts who do not know each other: ego brokers between them) up to 1 (a single
 * contact) and a little above (a few contacts who are all close to each other).
 * An ego with no contacts has no defined constraint: the answer is NaN.
 */
export function burtConstraint(graph: Graph, ego: string): number {
  const ties = new Ties(graph);
  const contacts = ties.of(ego).weights;
  if (contacts.size === 0) return Number.NaN;
  let constraint = 0;
  for (const j of contacts.keys()) {
    let indirect = 0;
    // q must be a contact of both ego and j; walking j's contacts finds exactly those.
    for (const q of ties.of(j).weights.keys()) {
      if (q === ego || q === j || !contacts.has(q)) continue;
      indirect += ties.proportion(ego, q) * ties.proportion(q, j);
    }
    const local = ties.proportion(ego, j) + indirect;
    constraint += local * local;
  }
  return constraint;
}

/**
 * Burt's effective size of `ego`'s network: the number of contacts less their redundancy,
 * e_i = Σ_j (1 − Σ_{q≠i,j} p_iq m_jq), where m_jq is j's tie to q divided by j's strongest tie.
 * With every weight equal this is Borgatti's n − 2t/n (n contacts, t ties among them).
 * An ego with no contacts has an effective size of 0.
 */
export function effectiveSize(graph: Graph, ego: string): number {
  const ties = new Ties(graph);
  const contacts = ties.of(ego).weights;
  let size = 0;
  for (const j of contacts.keys()) {
    const { weights: ofJ, max } = ties.of(j);
    let redundancy = 0;
    if (max > 0) {
      for (const [q, w] of ofJ) {
        if (q === ego || q === j || !contacts.has(q)) continue;
        redundancy += ties.proportion(ego, q) * (w / max);
      }
    }
    size += 1 - redundancy;
  }
  return size;
}

/**
 * The normalised betweenness of `ego` in its own ego network, where ego is tied to every other
 * node: the share of pairs of contacts whose shortest paths run through ego. Two contacts who are
 * not tied meet in two steps, through ego or through any contact they share, so ego's part is
 * 1/(1 + shared contacts) (Everett & Borgatti, "Ego network betweenness", Social Networks 27,
 * 2005). This counts only pairs that share contacts, instead of a shortest-path search from
 * every node, and gives the same value as graphology-metrics' betweenness (normalised,
 * unweighted, weights ignored); a graph where ego is not tied to everyone is handed to that.
 */
export function egoBetweenness(graph: Graph, ego: string): number {
  const contacts = new Set(graph.neighbors(ego));
  contacts.delete(ego);
  const n = contacts.size;
  if (n < 2) return 0;
  if (n !== graph.order - 1) return betweenness(graph, { getEdgeWeight: null, normalized: true })[ego] ?? 0;
  const neighbours = new Map<string, Set<string>>();
  for (const c of contacts) {
    const set = new Set(graph.neighbors(c));
    set.delete(ego);
    set.delete(c);
    neighbours.set(c, set);
  }
  // Shared contacts of each untied pair, found by walking each contact's own pairs of neighbours.
  const shared = new Map<string, number>();
  for (const around of neighbours.values()) {
    const list = [...around];
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const [j, k] = list[x]! < list[y]! ? [list[x]!, list[y]!] : [list[y]!, list[x]!];
        if (neighbours.get(j)!.has(k)) continue;
        const key = `${j}\u0000${k}`;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  let tied = 0;
  for (const around of neighbours.values()) tied += around.size;
  tied /= 2;
  const pairs = (n * (n - 1)) / 2;
  let through = pairs - tied - shared.size; // untied pairs who meet only through ego
  for (const count of shared.values()) through += 1 / (1 + count);
  return through / pairs;
}
