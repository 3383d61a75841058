import type { ConnectionMetrics } from '../../../domain/maps/metrics';
import { levelLabels } from '../../../domain/maps/map';

/** The metrics shown, in order (`levels` is said with "levels covered"). */
export const shownMetrics = [
  'networkSize',
  'strongSupportive',
  'strainShare',
  'levelsCovered',
  'turnTo',
  'isolationIndex',
  'density',
  'effectiveSize',
  'constraint',
  'brokerage',
] as const satisfies ReadonlyArray<keyof ConnectionMetrics>;
export type ShownMetric = (typeof shownMetrics)[number];

/** Needs the client to have said who knows whom. */
export const needsAlterTies: ReadonlySet<ShownMetric> = new Set(['density', 'effectiveSize', 'constraint', 'brokerage']);

const twoPlaces = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/** A metric's value as shown in the panel and its table: the same words wherever it appears. */
export function formatMetric(key: ShownMetric, metrics: ConnectionMetrics): string {
  const v = metrics[key];
  switch (key) {
    case 'strainShare':
      return v === null ? 'No ties yet' : `${Math.round((v as number) * 100)} %`;
    case 'levelsCovered':
      return metrics.levels.length ? `${v} of 5 (${metrics.levels.map((l) => levelLabels[l].toLowerCase()).join(', ')})` : `${v} of 5`;
    case 'isolationIndex':
      return (v as number).toFixed(2);
    case 'density':
    case 'effectiveSize':
    case 'constraint':
    case 'brokerage':
      return v === null ? 'Not worked out' : twoPlaces(v as number);
    default:
      return twoPlaces(v as number);
  }
}
