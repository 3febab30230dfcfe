/**
 * Run stats from per-instance stats alone (e.g. read back from `per_instance_stats.json`), for callers
 * without the request states: per trial, merge the per-instance stats, derive perplexity and calibration per
 * context, add
 * the worst-case copies and `num_instances` per context, take each trial's mean and merge across trials.
 * Classification F1 needs the predictions and is only produced by {@link scoreRun}.
 */
import type { PerInstanceStats } from '../../../src-shared/helm/request';
import type { Stat } from '../../../src-shared/helm/stat';
import { perplexityStats } from '../metrics/basic-generation-metric';
import { calibrationStats } from '../metrics/calibration-metrics';
import { statOf, withContext } from '../metrics/stat-values';
import { contextOf, groupByContext, mergeTrialMeans, trialStats, withoutNaN } from './trial-stats';

export function aggregateRunStats(perInstance: readonly PerInstanceStats[]): Stat[] {
  const trialIndices = [...new Set(perInstance.map((entry) => entry.train_trial_index))].sort((a, b) => a - b);
  const trials: Stat[][] = [];
  const instanceCounts: Stat[][] = [];
  for (const trial of trialIndices) {
    const entries = perInstance.filter((entry) => entry.train_trial_index === trial);
    const instances = entries.map((entry) => ({ instanceId: entry.instance_id, stats: entry.stats }));
    trials.push(trialStats(instances, { deriveStats: perplexityStats, derivePerInstanceStats: calibrationStats }));
    // num_instances per context: distinct instances whose stats fall in it (InstancesPerSplitMetric).
    const perContext = groupByContext(
      entries.flatMap((entry) => entry.stats.map((stat) => ({ id: entry.instance_id, stat }))),
      ({ stat }) => {
        const { perturbation: _ignored, ...context } = contextOf(stat.name);
        return context;
      },
    );
    instanceCounts.push(
      [...perContext.values()].map(({ context, items }) =>
        withContext(statOf('num_instances', new Set(items.map((item) => item.id)).size), context),
      ),
    );
  }
  return withoutNaN([...mergeTrialMeans(trials), ...mergeTrialMeans(instanceCounts)]);
}
