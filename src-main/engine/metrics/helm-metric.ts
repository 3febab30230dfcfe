/**
 * How the run scorer drives a HELM metric class. The per-instance part is the engine's `Metric`
 * (`evaluateInstance`); HELM's metrics also compute trial-level stats, which the optional hooks cover:
 * `deriveStats` (HELM `derive_stats`, e.g. perplexity) and `evaluateInstances` (HELM `evaluate_instances`,
 * e.g. classification F1, `num_instances`).
 */
import type { RequestState } from '../../../src-shared/helm/request';
import type { AdapterSpec } from '../../../src-shared/helm/run-spec';
import type { Stat } from '../../../src-shared/helm/stat';
import type { CompletedRequestState, Metric, TokenCounter } from '../types';

export interface HelmMetric extends Metric {
  /** From one context's merged stats of a trial (stats carry names only; the scorer adds the context). */
  deriveStats?(contextStats: readonly Stat[]): Stat[];
  /** From one context's per-instance stats of a trial (HELM `derive_per_instance_stats`, e.g. calibration). */
  derivePerInstanceStats?(instances: readonly (readonly Stat[])[]): Stat[];
  /** From all request states of one context in a trial (the scorer adds the context). */
  evaluateInstances?(adapterSpec: AdapterSpec, requestStates: readonly CompletedRequestState[]): Stat[];
}

/** What metric factories may use besides their spec args. */
export interface MetricContext {
  /** Counts prompt and reference tokens as the model's tokenizer does (`num_prompt_tokens`, separate scoring). */
  readonly tokenCounter: TokenCounter;
}

/** Builds a metric from its spec args, with the run's context. */
export type HelmMetricFactory = (args: Readonly<Record<string, unknown>>, context: MetricContext) => HelmMetric;

/** Narrows a request state to one with a result; metrics only see completed states. */
export function isCompleted(state: RequestState): state is CompletedRequestState {
  return state.result !== undefined && state.result !== null;
}
