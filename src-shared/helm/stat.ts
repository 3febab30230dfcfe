/**
 * HELM's Stat: a mergeable accumulator (count, sum, sum_squared, min, max) and its derived moments.
 * Matches `src/helm/benchmark/metrics/statistic.py` (v0.3.0 = HEAD) and the JSON it writes in
 * `stats.json` / `per_instance_stats.json`.
 */

/** How a perturbation was applied; only the fields the leaderboard matcher reads are required. */
export interface PerturbationDescription {
  readonly name: string;
  readonly robustness?: boolean;
  readonly fairness?: boolean;
  /** `original`, `perturbed` or `worst` (the worst case over original and perturbations). */
  readonly computed_on?: string;
  readonly [extra: string]: unknown;
}

/** HELM's MetricName: which metric, on which split and sub-split, under which perturbation. */
export interface MetricName {
  readonly name: string;
  readonly split?: string;
  /** `toxic` / `non-toxic` for CivilComments. */
  readonly sub_split?: string;
  readonly perturbation?: PerturbationDescription;
}

/**
 * One statistic as HELM serializes it. Empty stats carry only name, count (0), sum and sum_squared.
 * `count` counts merged values: per-instance values in `per_instance_stats.json`, trial means in `stats.json`.
 */
export interface Stat {
  readonly name: MetricName;
  readonly count: number;
  readonly sum: number;
  readonly sum_squared: number;
  readonly min?: number;
  readonly max?: number;
  readonly mean?: number;
  /** Population variance: max(0, sum_squared/count − mean²). */
  readonly variance?: number;
  readonly stddev?: number;
}

/** A mutable accumulator used while computing stats; serialize with {@link toStat}. */
export interface StatAccumulator {
  name: MetricName;
  count: number;
  sum: number;
  sumSquared: number;
  min: number | undefined;
  max: number | undefined;
}

export function createAccumulator(name: MetricName): StatAccumulator {
  return { name, count: 0, sum: 0, sumSquared: 0, min: undefined, max: undefined };
}

/** Adds one value (HELM `Stat.add`). */
export function addValue(acc: StatAccumulator, value: number): StatAccumulator {
  acc.count += 1;
  acc.sum += value;
  acc.sumSquared += value * value;
  acc.min = acc.min === undefined ? value : Math.min(acc.min, value);
  acc.max = acc.max === undefined ? value : Math.max(acc.max, value);
  return acc;
}

/** Merges another stat in (HELM `Stat.merge`): counts, sums and extremes add up. */
export function mergeInto(acc: StatAccumulator, other: Stat | StatAccumulator): StatAccumulator {
  const otherSumSquared = 'sumSquared' in other ? other.sumSquared : other.sum_squared;
  acc.count += other.count;
  acc.sum += other.sum;
  acc.sumSquared += otherSumSquared;
  if (other.min !== undefined) acc.min = acc.min === undefined ? other.min : Math.min(acc.min, other.min);
  if (other.max !== undefined) acc.max = acc.max === undefined ? other.max : Math.max(acc.max, other.max);
  return acc;
}

/** Serializes an accumulator the way HELM writes a Stat (moments only when count > 0). */
export function toStat(acc: StatAccumulator): Stat {
  if (acc.count === 0) return { name: acc.name, count: 0, sum: acc.sum, sum_squared: acc.sumSquared };
  const mean = acc.sum / acc.count;
  const variance = Math.max(0, acc.sumSquared / acc.count - mean * mean);
  return {
    name: acc.name,
    count: acc.count,
    sum: acc.sum,
    sum_squared: acc.sumSquared,
    min: acc.min as number,
    max: acc.max as number,
    mean,
    variance,
    stddev: Math.sqrt(variance),
  };
}

/** Mean of a serialized stat, or null when it is empty. */
export function statMean(stat: Stat): number | null {
  return stat.count > 0 ? stat.sum / stat.count : null;
}

/** A stable string key for a metric name (used to merge per-instance entries and index stats). */
export function metricNameKey(name: MetricName): string {
  const p = name.perturbation;
  const perturbation = p ? `${p.name}|${p.robustness ?? ''}|${p.fairness ?? ''}|${p.computed_on ?? ''}` : '';
  return `${name.name}\u0000${name.split ?? ''}\u0000${name.sub_split ?? ''}\u0000${perturbation}`;
}
