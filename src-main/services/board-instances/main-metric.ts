/**
 * Reduces one run's `per_instance_stats.json` to what the rank statistics need (docs/rank-interval.md §8–9): for
 * train trial 0 and no perturbation, the column's main metric on its main split per instance id, per sub-split
 * (CivilComments' `toxic` / `non-toxic`; `''` when none), in file order (HELM writes the entries in request order,
 * which is the eval sample's order, docs/helm-fidelity.md §5 — checked on the real files in the tests). The ids the run evaluated
 * on other splits are kept too, so the prefix check can tell a split mismatch from a pool mismatch.
 *
 * Entries repeat once per (instance, perturbation, trial) per metric class that emits stats (docs/helm-fidelity.md §2), so the
 * first matching stat of an (instance, sub-split) wins. A missing `quasi_exact_match` falls back to `exact_match`,
 * as the leaderboard's matcher does (docs/helm-fidelity.md §7.1 item 5). Entries are fed one at a time, so a large file can be
 * streamed (`per-instance-reader.ts`).
 */
import type { PerInstanceStats } from '../../../src-shared/helm/request';
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';

/** One sub-split's values in request order. */
export interface SubSplitValues {
  readonly ids: string[];
  readonly values: number[];
}

/** The kept part of one run's per-instance stats. */
export interface MainMetricValues {
  /** The metric actually read (`exact_match` when `quasi_exact_match` is absent). */
  readonly metric: string;
  readonly split: string;
  /** Keyed by sub-split (`''` when the stats carry none). Empty when the run has no such metric on the split. */
  readonly subSplits: Record<string, SubSplitValues>;
  /** Ids evaluated (trial 0, unperturbed) on any other split, in first-seen order. */
  readonly otherSplitIds: string[];
}

/** Whether an entry can carry a kept value: trial 0, unperturbed (a cheap test before validating it). */
export function isKeptEntry(entry: Pick<PerInstanceStats, 'perturbation' | 'train_trial_index'>): boolean {
  // Trial 0 only: it is what a 1-trial user run shares with the leaderboard (same in-context examples, docs/helm-fidelity.md §6).
  return !entry.perturbation && entry.train_trial_index === 0;
}

/** Collects one run's main-metric values entry by entry. */
export class MainMetricCollector {
  private readonly byMetric = new Map<string, { subSplits: Record<string, SubSplitValues>; seen: Set<string> }>();
  private readonly otherSplits = new Set<string>();
  private readonly mainIds = new Set<string>();
  private readonly metrics: readonly string[];

  constructor(private readonly column: Pick<ColumnSpec, 'metric' | 'split'>) {
    this.metrics = column.metric === 'quasi_exact_match' ? ['quasi_exact_match', 'exact_match'] : [column.metric];
    for (const metric of this.metrics) this.byMetric.set(metric, { subSplits: {}, seen: new Set() });
  }

  add(entry: PerInstanceStats): void {
    if (!isKeptEntry(entry)) return;
    for (const stat of entry.stats) {
      const name = stat.name;
      if (name.perturbation) continue;
      if (name.split !== this.column.split) {
        if (name.split) this.otherSplits.add(entry.instance_id);
        continue;
      }
      this.mainIds.add(entry.instance_id);
      const target = this.byMetric.get(name.name);
      if (!target || !(stat.count > 0) || typeof stat.sum !== 'number' || !Number.isFinite(stat.sum)) continue;
      const subSplit = name.sub_split ?? '';
      const key = `${subSplit}\u0000${entry.instance_id}`;
      if (target.seen.has(key)) continue;
      target.seen.add(key);
      const bucket = (target.subSplits[subSplit] ??= { ids: [], values: [] });
      bucket.ids.push(entry.instance_id);
      bucket.values.push(stat.sum / stat.count);
    }
  }

  result(): MainMetricValues {
    const metric =
      this.metrics.find((candidate) => Object.keys(this.byMetric.get(candidate)?.subSplits ?? {}).length > 0) ??
      this.column.metric;
    return {
      metric,
      split: this.column.split,
      subSplits: this.byMetric.get(metric)?.subSplits ?? {},
      otherSplitIds: [...this.otherSplits].filter((id) => !this.mainIds.has(id)),
    };
  }
}

/** Extracts the main metric of `column` from a run's per-instance entries (all in memory). */
export function extractMainMetric(
  entries: readonly PerInstanceStats[],
  column: Pick<ColumnSpec, 'metric' | 'split'>,
): MainMetricValues {
  const collector = new MainMetricCollector(column);
  for (const entry of entries) collector.add(entry);
  return collector.result();
}
