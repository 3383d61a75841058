/**
 * Summary statistics for timing samples.
 *
 * Percentiles use the nearest-rank method: the p-th percentile of n sorted samples is the
 * sample at rank ceil(p/100 × n) (1-based). It always returns a time that was actually
 * measured, and "p95 under 15 ms" then reads plainly: at least 95% of runs took at most
 * that long.
 */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of samples already sorted ascending; p in (0, 100]. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('A percentile needs at least one sample.');
  if (!(p > 0 && p <= 100)) throw new Error(`A percentile is between 0 (exclusive) and 100, not ${p}.`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** p50, p95, mean, min and max of unsorted samples; the input is not changed. */
export function summarise(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('A summary needs at least one sample.');
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, x) => sum + x, 0);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    mean: total / sorted.length,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

/** Milliseconds with two decimals, for tables. */
export const ms = (x: number): string => x.toFixed(2);

/** A ratio such as 1.37x; a zero denominator reads as n/a rather than Infinity. */
export const ratio = (ours: number, bare: number): number | null => (bare > 0 ? ours / bare : null);
