import type { MapLevel } from './map.js';

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
/**
 * Kept apart from the graph code (graphology) so pages that only show the numbers stay light.
 */
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
