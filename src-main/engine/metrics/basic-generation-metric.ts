/**
 * HELM's `BasicGenerationMetric` (`metrics/basic_metrics.py`, HEAD): for one generation or joint request
 * state, the request-state stats, `max_prob` and the named reference metrics (and `name@k` when
 * `num_outputs ≠ 1`), then the language-modeling stats; at trial level, perplexity and calibration per context.
 */
import { correctReferences } from '../../../src-shared/helm/instance';
import type { AdapterSpec } from '../../../src-shared/helm/run-spec';
import type { Stat } from '../../../src-shared/helm/stat';
import { AppError } from '../../../src-shared/errors';
import type { Registry } from '../registry';
import type { CompletedRequestState, TokenCounter } from '../types';
import type { HelmMetric } from './helm-metric';
import { isCompleted } from './helm-metric';
import type { ReferenceScore } from './reference-scores';
import { pythonStrip } from '../formats/python-text';
import { calibrationStats } from './calibration-metrics';
import { languageModelingStats, requestStateStats } from './request-state-stats';
import { instanceContext, statOf, withContext } from './stat-values';

/** `compute_reference_metrics`: max over golds of score(gold, best prediction), and over all predictions. */
export function referenceMetricStats(
  spec: AdapterSpec,
  state: CompletedRequestState,
  names: readonly string[],
  scores: Registry<ReferenceScore>,
): Stat[] {
  const golds = correctReferences(state.instance).map((reference) => reference.output.text);
  if (golds.length === 0) {
    throw new AppError({
      code: 'metric.no_correct_reference',
      message: `Instance ${state.instance.id ?? '?'} has no correct reference to score against.`,
    });
  }
  // Completions by descending logprob (Python's sort is stable, as is JS's).
  const sorted = [...state.result.completions].sort((a, b) => b.logprob - a.logprob);
  let predictions: (string | null)[] = sorted.map((completion) => pythonStrip(completion.text));
  const mapping = state.output_mapping;
  if (mapping)
    predictions = predictions.map((prediction) => (prediction !== null ? (mapping[prediction] ?? null) : null));
  const stats: Stat[] = [statOf('max_prob', Math.exp(sorted[0]?.logprob ?? Number.NEGATIVE_INFINITY))];
  for (const name of names) {
    const score = scores.get(name);
    const first = predictions[0] ?? null;
    stats.push(statOf(name, Math.max(...golds.map((gold) => score(gold, first)))));
    if (spec.num_outputs !== 1) {
      // HELM would fail on a result without completions; we score it 0 rather than -Infinity.
      const all = golds.flatMap((gold) => predictions.map((prediction) => score(gold, prediction)));
      const best = all.length === 0 ? 0 : Math.max(...all);
      stats.push(statOf(`${name}@${spec.num_outputs}`, best));
    }
  }
  return stats;
}

/** `compute_perplexity_metrics` over one context's merged stats. */
export function perplexityStats(contextStats: readonly Stat[]): Stat[] {
  const find = (name: string): Stat | undefined => contextStats.find((stat) => stat.name.name === name);
  const logprob = find('logprob');
  if (!logprob) return [];
  const tokens = find('num_perplexity_tokens');
  const bytes = find('num_bytes');
  const derived: Stat[] = [];
  if (tokens && tokens.sum > 0) derived.push(statOf('perplexity', Math.E ** (-logprob.sum / tokens.sum)));
  if (bytes && bytes.sum > 0) {
    derived.push(statOf('bits_per_byte', -logprob.sum / bytes.sum / Math.log(2)));
    derived.push(statOf('logprob_per_byte', logprob.sum / bytes.sum));
  }
  return derived;
}

export function createBasicGenerationMetric(
  names: readonly string[],
  scores: Registry<ReferenceScore>,
  tokenCounter: TokenCounter,
): HelmMetric {
  for (const name of names) scores.get(name); // unknown names fail when the run is set up, not mid-run
  return {
    name: 'BasicGenerationMetric',
    evaluateInstance(spec, requestStates) {
      // HELM scores only the state without a reference index (`get_request_states(trial, instance, None)`).
      const generation = requestStates.filter(
        (state) => state.reference_index === null || state.reference_index === undefined,
      );
      const state = generation[0];
      if (state === undefined || !isCompleted(state)) return [];
      const stats = requestStateStats(spec, state, tokenCounter);
      if (state.instance.references.length > 0) stats.push(...referenceMetricStats(spec, state, names, scores));
      stats.push(...languageModelingStats(state));
      const context = instanceContext(state.instance);
      return stats.map((stat) => withContext(stat, context));
    },
    deriveStats: perplexityStats,
    derivePerInstanceStats: calibrationStats,
  };
}
