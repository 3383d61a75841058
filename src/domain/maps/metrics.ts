import { UndirectedGraph } from 'graphology';
import { undirectedDensity } from 'graphology-metrics/graph/density.js';
import { burtConstraint, effectiveSize, egoBetweenness } from './constraint.js';
import { centreOf, type ConnectionTie, mapLevels, type MapLevel, type MapNode, type MapTie, type RelationalMap, type TieStrength } from './map.js';

/**
 * Connection metrics of one version of a relational map: the numbers shown beside the
 * connection profile and followed over time. The client's network is the people, groups,
 * institutions, places, practices and spiritual presences joined to the client by a connection
 * tie that is not cut off. Influences are forces acting on the map, not relationships, so they
 * are never counted.
 */
export interface ConnectionMetrics {
  networkSize: number;
  strongSupportive: number;
  /** Null when the client has no ties to share out. */
  strainShare: number | null;
  levelsCovered: number;
  levels: MapLevel[];
  turnTo: number;
  isolationIndex: number;
  /** The four below need the client to have said who knows whom (`alterTiesRecorded`); null otherwise. */
  density: number | null;
  effectiveSize: number | null;
  constraint: number | null;
  brokerage: number | null;
}

/** What each number means, in plain words, shown beside it in the product. */
export const metricDefinitions: Record<keyof ConnectionMetrics, { label: string; formula: string; meaning: string }> = {
  networkSize: {
    label: 'Size of the network',
    formula: 'People, groups, institutions, places, practices and spiritual presences joined to the client by a tie that is not cut off.',
    meaning: 'How many relationships the client lives within right now. Cut-off ties and cultural or systemic influences are not counted.',
  },
  strongSupportive: {
    label: 'Strong supportive ties',
    formula: 'The client’s ties that are both strong and supportive.',
    meaning: 'The relationships the client can lean on most.',
  },
  strainShare: {
    label: 'Share of ties under strain',
    formula: 'Stressful or conflicted ties ÷ all the client’s ties (cut-off ties included).',
    meaning: 'How much of the client’s world is a source of stress or conflict. Not shown when the client has no ties yet.',
  },
  levelsCovered: {
    label: 'Levels covered',
    formula: 'How many of the five levels (personal, familial, social, ecological, spiritual) hold at least one of the client’s network.',
    meaning: 'Whether connection reaches beyond one part of life: family alone, say, or work alone.',
  },
  levels: {
    label: 'Levels with connection',
    formula: 'The levels, of the five, that hold at least one of the client’s network.',
    meaning: 'Which parts of life the client’s connections reach.',
  },
  turnTo: {
    label: 'People to turn to',
    formula: 'Everyone on the map marked as someone the client can turn to, by the client or the practitioner.',
    meaning: 'Whom the client could reach out to when things are hard.',
  },
  isolationIndex: {
    label: 'Isolation index',
    formula:
      'I = 1 − (0.5 × min(W, 5)/5 + 0.3 × min(T, 3)/3 + 0.2 × L/5), rounded to two decimals, where W counts supportive ties weighted strong 1, moderate ½, tenuous ¼; T is the people to turn to; L the levels covered.',
    meaning:
      'From 0 (richly connected) to 1 (isolated). Liminal’s own summary for following one client over time, not a validated scale: it does not diagnose and does not compare clients.',
  },
  density: {
    label: 'Density',
    formula: 'Pairs in the client’s network who know each other ÷ all possible pairs. Two people know each other when the client says so, or when a tie that is not cut off joins them (a connection, partners, a parent and child, twins, an emotional line).',
    meaning: 'How closely knit the client’s people are among themselves, from 0 (nobody knows anybody else) to 1 (everyone knows everyone). Needs at least two people.',
  },
  effectiveSize: {
    label: 'Effective size',
    formula: 'Burt’s effective size: the number of the client’s contacts less their redundancy (contacts who are tied to the client’s other contacts), with the client’s ties weighted strong 3, moderate 2, tenuous 1.',
    meaning: 'How many separate worlds the client’s relationships open onto: equal to the network size when nobody knows anybody else, smaller as they overlap.',
  },
  constraint: {
    label: 'Constraint',
    formula: 'Burt’s constraint: Σ over the client’s contacts j of (p_j + Σ_q p_q p_qj)², where p is the share of the client’s tie strength invested in a contact.',
    meaning: 'How much the client’s relationships all lead back to the same few, closely knit people: low when contacts are many and separate, near 1 with a single contact.',
  },
  brokerage: {
    label: 'Brokerage',
    formula: 'The client’s betweenness in their own network, normalised: the share of pairs of their people who are linked only, or mostly, through the client.',
    meaning: 'From 0 to 1: how far the client is the bridge between people who would otherwise not be in touch.',
  },
};

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
