/**
 * The linear-interpolation quantile (Hyndman & Fan type 7, numpy's default): position p·(n − 1) between
 * the two nearest order statistics. The rank intervals, the calibration summary and the trade-off table
 * all use this one definition, so their figures agree.
 */

/** The p-quantile of values already sorted ascending (at least one value); no copy, for the bootstrap's hot path. */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(sorted.length - 1, lower + 1);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
}

/** The p-quantile of unsorted values; NaN when there are none. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  return quantileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}
