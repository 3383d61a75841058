import { UndirectedGraph } from 'graphology';
import { undirectedDensity } from 'graphology-metrics/graph/density.js';
import { burtConstraint, effectiveSize, egoBetweenness } from './constraint.js';
import type { ConnectionMetrics } from './definitions.js';
import { centreOf, type ConnectionTie, mapLevels, type MapLevel, type MapNode, type MapTie, type RelationalMap, type TieStrength } from './map.js';

export type { ConnectionMetrics } from './definitions.js';
export { metricDefinitions } from './definitions.js';

const supportWeight: Record<TieStrength, number> = { strong: 1, moderate: 0.5, tenuous: 0.25 };
/** Ego–alter weights for effective size and constraint; alter–alter ties weigh 1. */
const egoTieWeight: Record<TieStrength, number> = { strong: 3, moderate: 2, tenuous: 1 };

/**
 * The isolation index, computed in whole two-hundredths so that rounding to two decimals is exact
 * (0.555 rounds to 0.56, not to a floating-point 0.55).
 */
function isolationIndex(supportive: number, turnTo: number, levels: number): number {
  // 200·(0.5·W/5) = 20·W (W in quarters: 5 per quarter); 200·(0.3·T/3) = 20·T; 200·(0.2·L/5) = 8·L.
  const quarters = Math.round(Math.min(supportive, 5) * 4);
  const score = 5 * quarters + 20 * Math.min(turnTo, 3) + 8 * Math.min(levels, 5);
  return Math.round((200 - score) / 2) / 100 || 0;
}

/** The connection metrics of a map (see `metricDefinitions` for what each means). */
export function connectionMetrics(map: RelationalMap): ConnectionMetrics {
  const client = centreOf(map);
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  const counted = (n: MapNode | undefined): n is MapNode => n !== undefined && n.kind !== 'client' && n.kind !== 'influence';

  /** The client's connection ties, each with the node at its other end. */
  const clientTies: Array<{ tie: ConnectionTie; alter: MapNode }> = [];
  if (client) {
    for (const t of map.ties) {
      if (t.kind !== 'connection') continue;
      const otherId = t.a === client.id ? t.b : t.b === client.id ? t.a : null;
      if (otherId === null || otherId === client.id) continue;
      const alter = byId.get(otherId);
      if (counted(alter)) clientTies.push({ tie: t, alter });
    }
  }
  const network = clientTies.filter(({ tie }) => tie.quality !== 'cut_off');
  const alters = new Map(network.map(({ tie, alter }) => [alter.id, tie]));
  const levelSet = new Set(network.map(({ alter }) => alter.level));
  const levels = mapLevels.filter((l) => levelSet.has(l));
  const supportive = network.filter(({ tie }) => tie.quality === 'supportive');
  const turnTo = map.nodes.filter((n) => n.kind !== 'client' && n.turnTo !== null).length;

  const metrics: ConnectionMetrics = {
    networkSize: alters.size,
    strongSupportive: supportive.filter(({ tie }) => tie.strength === 'strong').length,
    strainShare: clientTies.length === 0 ? null : clientTies.filter(({ tie }) => tie.quality === 'stressful' || tie.quality === 'conflicted').length / clientTies.length,
    levelsCovered: levels.length,
    levels,
    turnTo,
    isolationIndex: isolationIndex(
      supportive.reduce((sum, { tie }) => sum + supportWeight[tie.strength], 0),
      turnTo,
      levels.length,
    ),
    density: null,
    effectiveSize: null,
    constraint: null,
    brokerage: null,
  };
  if (!client || !map.alterTiesRecorded) return metrics;

  // The client's personal network: the client, their people, and who among them know each other.
  const ego = new UndirectedGraph();
  ego.addNode(client.id);
  for (const [id, tie] of alters) {
    ego.addNode(id);
    ego.addEdge(client.id, id, { weight: egoTieWeight[tie.strength] });
  }
  const among = new UndirectedGraph();
  for (const id of alters.keys()) among.addNode(id);
  for (const t of map.ties) {
    if (!knowEachOther(t)) continue;
    if (t.a === t.b || !alters.has(t.a) || !alters.has(t.b) || among.hasEdge(t.a, t.b)) continue;
    among.addEdge(t.a, t.b);
    ego.addEdge(t.a, t.b, { weight: 1 });
  }
  metrics.density = alters.size < 2 ? null : undirectedDensity(among);
  metrics.effectiveSize = effectiveSize(ego, client.id);
  metrics.constraint = alters.size === 0 ? null : burtConstraint(ego, client.id);
  metrics.brokerage = egoBetweenness(ego, client.id);
  return metrics;
}

/**
 * Whether a tie between two of the client's people means they know each other: said outright, or
 * implied by any live tie between them. Family lines count (partners, parents and children, twins
 * know each other); a tie drawn as cut off does not, being the absence of a live relationship.
 */
function knowEachOther(t: MapTie): boolean {
  switch (t.kind) {
    case 'knows':
    case 'partner':
    case 'parent':
    case 'twin':
      return true;
    case 'connection':
      return t.quality !== 'cut_off';
    case 'emotional':
      return t.pattern !== 'cut_off';
    case 'influence':
      return false;
  }
}
