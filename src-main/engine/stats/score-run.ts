/**
 * Scores a run's completed request states with every metric of its run spec, as HELM's runner does
 * (`runner.py` `run_one` → `metric.evaluate` per metric): per-instance stats are listed per metric, trial
 * and instance; run stats are each metric's trial-mean stats, concatenated in metric order. The scorer takes
 * the states instance by instance, so the runner scores a run while its answers come and holds none of them.
 */
import type { Instance } from '../../../src-shared/helm/instance';
import type { PerInstanceStats, RequestState } from '../../../src-shared/helm/request';
import type { AdapterSpec, ObjectSpec } from '../../../src-shared/helm/run-spec';
import type { PerturbationDescription, Stat } from '../../../src-shared/helm/stat';
import type { Registry } from '../registry';
import type { RunScorer, RunScores } from '../runner/components';
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

export type { RunScores };

/** The key of an instance within a run (HELM groups request states by instance). */
export function instanceKey(instance: Instance): string {
  return instance.id ?? JSON.stringify(instance);
}

/**
 * The request states of each instance in each trial, as positions in `states`, in the order HELM's metrics see
 * them: trial by trial, instances in order of first appearance (HELM `ScenarioState.instances`), each instance's
 * states in their order. The runner hands a run's answers to the scorer in this order too, as they come, so a
 * run scored while it goes on gets exactly the stats of one scored at the end.
 */
export function instanceGroups(states: readonly RequestState[], trials: number): number[][] {
  const order = new Map<string, number>();
  for (const state of states) {
    const key = instanceKey(state.instance);
    if (!order.has(key)) order.set(key, order.size);
  }
  const byTrial = Array.from({ length: trials }, () => new Map<number, number[]>());
  states.forEach((state, position) => {
    const trial = byTrial[state.train_trial_index];
    if (!trial) return; // a trial beyond the adapter's num_train_trials is not scored (as HELM's loop)
    const instance = order.get(instanceKey(state.instance)) as number;
    const group = trial.get(instance);
    if (group) group.push(position);
    else trial.set(instance, [position]);
  });
  return byTrial.flatMap((trial) => [...trial.entries()].sort(([a], [b]) => a - b).map(([, group]) => group));
}

export type ScorerInput = Omit<ScoreRunInput, 'requestStates'>;

/** One metric's stats of one trial so far. */
interface TrialScores {
  readonly instanceStats: InstanceStats[];
  readonly perInstanceStats: PerInstanceStats[];
  /** Kept only for a metric with `evaluateInstances`, which needs the whole trial's states. */
  readonly states: CompletedRequestState[];
}

/**
 * Scores a run instance by instance, as its answers come: each instance's states (one trial) are evaluated by
 * every metric at once and dropped, keeping only the per-instance stats (and, for the few metrics that score a
 * whole trial, its states). `finish` then gives exactly what {@link scoreRun} gives for the whole run, provided
 * the instances come in {@link instanceGroups}' order.
 */
export function createRunScorer(input: ScorerInput): RunScorer {
  const spec = input.adapterSpec;
  const metrics = input.metricSpecs.map((metricSpec) =>
    input.metrics.get(metricSpec.class_name)(metricSpec.args, input.context),
  );
  const scores: TrialScores[][] = metrics.map(() =>
    Array.from({ length: spec.num_train_trials }, () => ({ instanceStats: [], perInstanceStats: [], states: [] })),
  );
  return {
    addInstance(states) {
      const first = states[0];
      if (!first) return;
      const { instance, train_trial_index: trial } = first;
      const key = instanceKey(instance);
      metrics.forEach((metric, index) => {
        const slot = scores[index]?.[trial];
        if (!slot) return;
        if (metric.evaluateInstances) slot.states.push(...states);
        const stats = metric.evaluateInstance(spec, states);
        if (stats.length === 0) return;
        slot.instanceStats.push({ instanceId: key, stats, context: instanceContext(instance) });
        slot.perInstanceStats.push({
          instance_id: key,
          ...(instance.perturbation ? { perturbation: instance.perturbation as PerturbationDescription } : {}),
          train_trial_index: trial,
          stats: withoutNaN(stats),
        });
      });
    },
    finish() {
      const perInstanceStats: PerInstanceStats[] = [];
      const stats: Stat[] = [];
      metrics.forEach((metric, index) => {
        const trials = (scores[index] ?? []).map((slot) => {
          perInstanceStats.push(...slot.perInstanceStats);
          return trialStats(slot.instanceStats, {
            ...(metric.deriveStats ? { deriveStats: metric.deriveStats } : {}),
            ...(metric.derivePerInstanceStats ? { derivePerInstanceStats: metric.derivePerInstanceStats } : {}),
            trialLevelStats: trialLevelStats(metric, spec, slot.states),
          });
        });
        stats.push(...withoutNaN(mergeTrialMeans(trials)));
      });
      return { perInstanceStats, stats };
    },
  };
}

/** `evaluate_instances` per context of one trial's states (the scorer adds the context). */
function trialLevelStats(metric: HelmMetric, spec: AdapterSpec, states: readonly CompletedRequestState[]): Stat[] {
  const out: Stat[] = [];
  if (!metric.evaluateInstances) return out;
  for (const { context, items } of groupByContext(states, (state) => instanceContext(state.instance)).values())
    out.push(...metric.evaluateInstances(spec, items).map((stat) => withContext(stat, context)));
  return out;
}

/** Per-instance and run stats of a run, metric by metric, in HELM's order. */
export function scoreRun(input: ScoreRunInput): RunScores {
  const states = input.requestStates.filter(isCompleted);
  const scorer = createRunScorer(input);
  for (const group of instanceGroups(states, input.adapterSpec.num_train_trials))
    scorer.addInstance(group.map((position) => states[position] as CompletedRequestState));
  return scorer.finish();
}
