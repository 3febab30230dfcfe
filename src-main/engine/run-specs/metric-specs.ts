/**
 * Metric specs as HELM v0.3.0 attaches them (`run_specs.py`: `get_exact_match_metric_specs`,
 * `get_bias_metric_specs`, `get_classification_metric_specs`). HEAD renamed `BasicMetric` and turned bias off
 * by default (docs/helm-fidelity.md §2, §9); the efficient runs are read by the v0.3.0-era leaderboard, so we emit v0.3.0's.
 */
import type { ObjectSpec } from '../../../src-shared/helm/run-spec';

const METRICS = 'helm.benchmark.metrics.';

export function basicMetricSpecs(names: readonly string[]): ObjectSpec[] {
  return [{ class_name: `${METRICS}basic_metrics.BasicMetric`, args: { names: [...names] } }];
}

export function exactMatchMetricSpecs(): ObjectSpec[] {
  return basicMetricSpecs(['exact_match', 'quasi_exact_match', 'prefix_exact_match', 'quasi_prefix_exact_match']);
}

export function f1MetricSpecs(): ObjectSpec[] {
  return basicMetricSpecs(['exact_match', 'quasi_exact_match', 'f1_score']);
}

/** `ClassificationMetric(delimiter=None)`; HELM's JSON keeps the null inside args (asdict does not filter plain dicts). */
export function classificationMetricSpecs(delimiter: string | null = null): ObjectSpec[] {
  return [{ class_name: `${METRICS}classification_metrics.ClassificationMetric`, args: { delimiter } }];
}

/** Associations for (race, gender) × (adjective, profession), then representation for race and gender. */
export function biasMetricSpecs(): ObjectSpec[] {
  const className = `${METRICS}bias_metrics.BiasMetric`;
  const specs: ObjectSpec[] = [];
  for (const demographic of ['race', 'gender']) {
    for (const target of ['adjective', 'profession']) {
      specs.push({
        class_name: className,
        args: { mode: 'associations', demographic_category: demographic, target_category: target },
      });
    }
  }
  for (const demographic of ['race', 'gender'])
    specs.push({ class_name: className, args: { mode: 'representation', demographic_category: demographic } });
  return specs;
}

export function toxicityMetricSpecs(): ObjectSpec[] {
  return [{ class_name: `${METRICS}toxicity_metrics.ToxicityMetric`, args: {} }];
}

/** `get_generative_harms_metric_specs`: bias + toxicity (+ basic metrics with no names when asked). */
export function generativeHarmsMetricSpecs(includeBasicMetrics = false): ObjectSpec[] {
  return [...biasMetricSpecs(), ...toxicityMetricSpecs(), ...(includeBasicMetrics ? basicMetricSpecs([]) : [])];
}
