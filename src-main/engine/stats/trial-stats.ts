/**
 * One metric's stats for one trial, as HELM's `Metric.evaluate` builds them (`metrics/metric.py`): merge the
 * per-instance stats, add stats derived per context (`derive_stats`, `derive_per_instance_stats`), trial-level stats per context
 * (`evaluate_instances`) and the worst-case copies; `stats.json` then holds, per stat, the merge over trials of
 * each trial's mean (`take_mean`), so its `count` is the number of trials.
 */
import {
  addValue,
  createAccumulator,
  metricNameKey,
  toStat,
  type MetricName,
  type Stat,
} from '../../../src-shared/helm/stat';
import { mergeStats, withContext } from '../metrics/stat-values';
import { worstCaseStats, type InstanceStats } from './worst-case';

/** The non-name part of a metric name (HELM `MetricContext`). */
export type StatContext = Omit<MetricName, 'name'>;

export function contextOf(name: MetricName): StatContext {
  const { name: _ignored, ...context } = name;
  return context;
}

export function contextKey(context: StatContext): string {
  return metricNameKey({ name: '', ...context });
}

/** Groups items by context in first-seen order. */
export function groupByContext<T>(
  items: readonly T[],
  contextOfItem: (item: T) => StatContext,
): Map<string, { context: StatContext; items: T[] }> {
  const groups = new Map<string, { context: StatContext; items: T[] }>();
  for (const item of items) {
    const context = contextOfItem(item);
    const key = contextKey(context);
    const group = groups.get(key);
    if (group) group.items.push(item);
    else groups.set(key, { context, items: [item] });
  }
  return groups;
}

export interface TrialStatsHooks {
  /** `derive_stats` on one context's merged stats (names only; context added here). */
  readonly deriveStats?: (contextStats: readonly Stat[]) => Stat[];
  /** `derive_per_instance_stats` on one context's instances (names only; context added here). */
  readonly derivePerInstanceStats?: (instances: readonly (readonly Stat[])[]) => Stat[];
  /** Extra trial-level stats, already in their contexts (e.g. from `evaluate_instances`). */
  readonly trialLevelStats?: readonly Stat[];
}

/** The merged stats of one trial for one metric (before `take_mean`). */
export function trialStats(instances: readonly InstanceStats[], hooks: TrialStatsHooks = {}): Stat[] {
  const merged = mergeStats(instances.flatMap((instance) => instance.stats));
  const extra: Stat[] = [];
  if (hooks.deriveStats) {
    for (const { context, items } of groupByContext(merged, (stat) => contextOf(stat.name)).values()) {
      extra.push(...hooks.deriveStats(items).map((stat) => withContext(stat, context)));
    }
  }
  if (hooks.derivePerInstanceStats) {
    const byContext = groupByContext(
      instances,
      (instance) => instance.context ?? contextOf(instance.stats[0]?.name ?? { name: '' }),
    );
    for (const { context, items } of byContext.values()) {
      extra.push(
        ...hooks
          .derivePerInstanceStats(items.map((instance) => instance.stats))
          .map((stat) => withContext(stat, context)),
      );
    }
  }
  extra.push(...(hooks.trialLevelStats ?? []));
  extra.push(...worstCaseStats(instances));
  return mergeStats([...merged, ...extra]);
}

/** `Stat.take_mean`: one value, the mean; empty stats stay empty. */
export function takeMean(stat: Stat): Stat {
  if (stat.count === 0) return stat;
  return toStat(addValue(createAccumulator(stat.name), stat.sum / stat.count));
}

/** Merges each trial's means (HELM's `global_stats`). */
export function mergeTrialMeans(trials: readonly (readonly Stat[])[]): Stat[] {
  return mergeStats(trials.flatMap((stats) => stats.map(takeMean)));
}

/** HELM's runner drops stats whose sum is NaN (`remove_stats_nans`), since JSON cannot hold NaN. */
export function withoutNaN(stats: readonly Stat[]): Stat[] {
  return stats.filter((stat) => !Number.isNaN(stat.sum));
}
