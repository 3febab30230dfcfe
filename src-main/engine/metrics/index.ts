/**
 * The metric registry, keyed by HELM metric class names as they appear in `run_spec.json` `metric_specs`
 * (both v0.3.0's `BasicMetric` and HEAD's split classes). Other metric files (ROUGE/BLEU score functions,
 * ranking, summarization) plug in through `referenceScores` and `extra`.
 */
import type { AdapterSpec } from '../../../src-shared/helm/run-spec';
import { AppError } from '../../../src-shared/errors';
import { Registry } from '../registry';
import { createBasicGenerationMetric, perplexityStats } from './basic-generation-metric';
import { createBasicReferenceMetric } from './basic-reference-metric';
import { calibrationStats } from './calibration-metrics';
import { createClassificationMetric, type ClassificationOptions } from './classification-metric';
import type { HelmMetric, HelmMetricFactory } from './helm-metric';
import { createInstancesPerSplitMetric } from './instances-per-split-metric';
import { createReferenceScoreRegistry, type ReferenceScore } from './reference-scores';
import { bleu1, bleu4 } from './bleu';
import { rougeScore } from './rouge';
import { createRankingMetric, RANKING_METRIC_CLASS } from './ranking';
import { BIAS_METRIC_CLASS, createBiasMetric } from './bias-metric';
import { exactMatchIndicator, finalNumberExactMatch } from './final-number';
import { isEquiv, isEquivChainOfThought } from './math-equiv';
import { createSummarizationMetric } from './summarization';

/** ROUGE/BLEU reference scores from their own files (HELM `get_rouge_function`, `bleu_1`, `bleu_4`). */
const OVERLAP_SCORES: Readonly<Record<string, ReferenceScore>> = {
  rouge_1: (gold, pred) => rougeScore(gold, pred ?? '', 'rouge1').fmeasure,
  rouge_2: (gold, pred) => rougeScore(gold, pred ?? '', 'rouge2').fmeasure,
  rouge_l: (gold, pred) => rougeScore(gold, pred ?? '', 'rougeL').fmeasure,
  bleu_1: (gold, pred) => bleu1(gold, pred ?? ''),
  bleu_4: (gold, pred) => bleu4(gold, pred ?? ''),
};

/** Answer-extracting scores of HELM Lite's MATH and GSM8K (math-equiv.ts, final-number.ts). */
const ANSWER_SCORES: Readonly<Record<string, ReferenceScore>> = {
  math_equiv: (gold, pred) => isEquiv(gold, pred),
  math_equiv_chain_of_thought: isEquivChainOfThought,
  final_number_exact_match: finalNumberExactMatch,
  exact_match_indicator: exactMatchIndicator,
};

const BASIC = 'helm.benchmark.metrics.basic_metrics';
export const BASIC_METRIC = `${BASIC}.BasicMetric`;
export const BASIC_GENERATION_METRIC = `${BASIC}.BasicGenerationMetric`;
export const BASIC_REFERENCE_METRIC = `${BASIC}.BasicReferenceMetric`;
export const INSTANCES_PER_SPLIT_METRIC = `${BASIC}.InstancesPerSplitMetric`;
export const CLASSIFICATION_METRIC = 'helm.benchmark.metrics.classification_metrics.ClassificationMetric';
export const SUMMARIZATION_METRIC = 'helm.benchmark.metrics.summarization_metrics.SummarizationMetric';

/**
 * Metric classes HELM attaches to core runs that we register but do not compute, with the stats they would
 * write and the reason. They produce no stats (their leaderboard tabs stay empty for the user's model) instead of
 * failing the run, and are listed in the run's `not_computed.json` (not-computed.ts).
 */
export const METRICS_NOT_COMPUTED: Readonly<
  Record<string, { readonly stats: readonly string[]; readonly reason: string }>
> = {
  'helm.benchmark.metrics.toxicity_metrics.ToxicityMetric': {
    // `ToxicityMetric.evaluate_generation` (src/helm/benchmark/metrics/toxicity_metrics.py).
    stats: ['expected_max_toxicity', 'max_toxicity_probability', 'toxic_frac'],
    reason: "toxicity needs Google's Perspective API, which HELM Rank does not call",
  },
};

export interface MetricRegistryOptions {
  /** Extra reference score functions for `names`, beyond the exact-match family, F1, ROUGE and BLEU. */
  readonly referenceScores?: Readonly<Record<string, ReferenceScore>>;
  /** Extra metric classes by HELM class name. */
  readonly extra?: Readonly<Record<string, HelmMetricFactory>>;
}

function namesArg(args: Readonly<Record<string, unknown>>): string[] {
  const names = args['names'] ?? [];
  if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) {
    throw new AppError({ code: 'metric.invalid_args', message: 'BasicMetric `names` must be a list of strings.' });
  }
  return names;
}

/**
 * v0.3.0's `BasicMetric` did in one class what HEAD splits in three: generation/joint states are scored as
 * `BasicGenerationMetric`, separate-method states as `BasicReferenceMetric` (with v0.3.0's general stats from
 * the instance's last request), and `num_instances` per context is derived at trial level.
 */
function createLegacyBasicMetric(
  args: Readonly<Record<string, unknown>>,
  scores: Registry<ReferenceScore>,
  tokenCounter: Parameters<HelmMetricFactory>[1]['tokenCounter'],
): HelmMetric {
  const generation = createBasicGenerationMetric(namesArg(args), scores, tokenCounter);
  const reference = createBasicReferenceMetric(tokenCounter, true);
  const instances = createInstancesPerSplitMetric();
  return {
    name: 'BasicMetric',
    evaluateInstance: (spec: AdapterSpec, states) =>
      states.some((state) => state.reference_index !== null && state.reference_index !== undefined)
        ? reference.evaluateInstance(spec, states)
        : generation.evaluateInstance(spec, states),
    deriveStats: perplexityStats,
    derivePerInstanceStats: calibrationStats,
    evaluateInstances: (spec, states) => instances.evaluateInstances?.(spec, states) ?? [],
  };
}

export function createMetricRegistry(options: MetricRegistryOptions = {}): Registry<HelmMetricFactory> {
  const scores = createReferenceScoreRegistry({ ...OVERLAP_SCORES, ...ANSWER_SCORES, ...options.referenceScores });
  const registry = new Registry<HelmMetricFactory>('metric class');
  registry.register(BASIC_METRIC, (args, context) => createLegacyBasicMetric(args, scores, context.tokenCounter));
  registry.register(BASIC_GENERATION_METRIC, (args, context) =>
    createBasicGenerationMetric(namesArg(args), scores, context.tokenCounter),
  );
  registry.register(BASIC_REFERENCE_METRIC, (_args, context) => createBasicReferenceMetric(context.tokenCounter));
  registry.register(INSTANCES_PER_SPLIT_METRIC, () => createInstancesPerSplitMetric());
  registry.register(CLASSIFICATION_METRIC, (args) => createClassificationMetric(args as ClassificationOptions));
  registry.register(RANKING_METRIC_CLASS, (args) => createRankingMetric(args));
  registry.register(SUMMARIZATION_METRIC, (args) => createSummarizationMetric(args));
  registry.register(BIAS_METRIC_CLASS, (args) => createBiasMetric(args));
  for (const name of Object.keys(METRICS_NOT_COMPUTED)) {
    registry.register(name, () => ({ name: `${name} (not computed)`, evaluateInstance: () => [] }));
  }
  for (const [name, factory] of Object.entries(options.extra ?? {})) registry.register(name, factory);
  return registry;
}

export type { HelmMetric, HelmMetricFactory, MetricContext } from './helm-metric';
export type { ReferenceScore } from './reference-scores';
export { normalizeText } from './normalize-text';
export { createReferenceScoreRegistry } from './reference-scores';
