/**
 * Scores a whole run's completed request states with every metric of its run spec, as HELM's runner does
 * (`runner.py` `run_one` → `metric.evaluate` per metric): per-instance stats are listed per metric, trial
 * and instance; run stats are each metric's trial-mean stats, concatenated in metric order.
 */
import type { Instance } from '../../../src-shared/helm/instance';
import type { PerInstanceStats, RequestState } from '../../../src-shared/helm/request';
import type { AdapterSpec, ObjectSpec } from '../../../src-shared/helm/run-spec';
import type { PerturbationDescription, Stat } from '../../../src-shared/helm/stat';
import type { Registry } from '../registry';
import type { CompletedRequestState } from '../types';
import { isCompleted, type HelmMetric, type HelmMetricFactory, type MetricContext } from '../metrics/helm-metric';
import { instanceContext, withContext } from '../metrics/stat-values';
import { groupByContext, mergeTrialMeans, trialStats, withoutNaN } from './trial-stats';
import type { InstanceStats } from './worst-case';

export interface ScoreRunInput {
  readonly adapterSpec: AdapterSpec;
  readonly metricSpecs: readonly ObjectSpec[];
  /** Every request state of the run, results filled in; states without a result are ignored. */
  readonly requestStates: readonly RequestState[];
  readonly metrics: Registry<HelmMetricFactory>;
  readonly context: MetricContext;
}

/** What HELM writes to `per_instance_stats.json` and `stats.json`. */
export interface RunScores {
  readonly perInstanceStats: PerInstanceStats[];
  readonly stats: Stat[];
}

/** Instances in order of first appearance (HELM `ScenarioState.instances`), keyed by id. */
function uniqueInstances(states: readonly RequestState[]): Instance[] {
  const seen = new Map<string, Instance>();
  for (const state of states) {
    const key = state.instance.id ?? JSON.stringify(state.instance);
    if (!seen.has(key)) seen.set(key, state.instance);
  }
  return [...seen.values()];
}

function evaluateMetric(
  metric: HelmMetric,
  spec: AdapterSpec,
  instances: readonly Instance[],
  states: readonly CompletedRequestState[],
): RunScores {
  const perInstanceStats: PerInstanceStats[] = [];
  const trials: Stat[][] = [];
  for (let trial = 0; trial < spec.num_train_trials; trial++) {
    const trialStates = states.filter((state) => state.train_trial_index === trial);
    const byInstance = new Map<string, CompletedRequestState[]>();
    for (const state of trialStates) {
      const key = state.instance.id ?? JSON.stringify(state.instance);
      const list = byInstance.get(key);
      if (list) list.push(state);
      else byInstance.set(key, [state]);
    }
    const instanceStats: InstanceStats[] = [];
    const trialInstanceStates: CompletedRequestState[] = [];
    for (const instance of instances) {
      const key = instance.id ?? JSON.stringify(instance);
      const instanceStates = byInstance.get(key) ?? [];
      trialInstanceStates.push(...instanceStates);
      const stats = instanceStates.length > 0 ? metric.evaluateInstance(spec, instanceStates) : [];
      if (stats.length === 0) continue;
      instanceStats.push({ instanceId: key, stats, context: instanceContext(instance) });
      perInstanceStats.push({
        instance_id: key,
        ...(instance.perturbation ? { perturbation: instance.perturbation as PerturbationDescription } : {}),
        train_trial_index: trial,
        stats: withoutNaN(stats),
      });
    }
    const trialLevelStats: Stat[] = [];
    if (metric.evaluateInstances) {
      for (const { context, items } of groupByContext(trialInstanceStates, (state) =>
        instanceContext(state.instance),
      ).values()) {
        trialLevelStats.push(...metric.evaluateInstances(spec, items).map((stat) => withContext(stat, context)));
      }
    }
    trials.push(
      trialStats(instanceStats, {
        ...(metric.deriveStats ? { deriveStats: metric.deriveStats } : {}),
        ...(metric.derivePerInstanceStats ? { derivePerInstanceStats: metric.derivePerInstanceStats } : {}),
        trialLevelStats,
      }),
    );
  }
  return { perInstanceStats, stats: mergeTrialMeans(trials) };
}

/** Per-instance and run stats of a run, metric by metric, in HELM's order. */
export function scoreRun(input: ScoreRunInput): RunScores {
  const states = input.requestStates.filter(isCompleted);
  const instances = uniqueInstances(states);
  const perInstanceStats: PerInstanceStats[] = [];
  const stats: Stat[] = [];
  for (const spec of input.metricSpecs) {
    const metric = input.metrics.get(spec.class_name)(spec.args, input.context);
    const scores = evaluateMetric(metric, input.adapterSpec, instances, states);
    perInstanceStats.push(...scores.perInstanceStats);
    stats.push(...withoutNaN(scores.stats));
  }
  return { perInstanceStats, stats };
}
