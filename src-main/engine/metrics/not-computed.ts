/**
 * Metrics HELM attaches to a run that this engine deliberately does not compute (issue #4: SummaC,
 * QAFactEval, BERTScore and the human evaluations of summarization; toxicity, which needs the Perspective API). They are recorded as "not computed"
 * beside the run — a `not_computed.json` sidecar, the run record and a warning — and never as zero-valued
 * stats, which would drag the run down in any table that reads them.
 */
import type { NotComputedMetric } from '../../../src-shared/engine/protocol';
import type { RunSpec } from '../../../src-shared/helm/run-spec';
import { METRICS_NOT_COMPUTED, SUMMARIZATION_METRIC } from './index';
import { SUMMARIZATION_NOT_COMPUTED } from './summarization';

/** The sidecar file in a run directory listing the metrics not computed, with reasons. */
export const NOT_COMPUTED_FILE = 'not_computed.json';

/** The metrics of `runSpec`'s metric specs that are not computed here, with why; empty for most runs. */
export function notComputedMetrics(runSpec: Pick<RunSpec, 'metric_specs'>): NotComputedMetric[] {
  const classes = new Set(runSpec.metric_specs.map((spec) => spec.class_name));
  const summarization = classes.has(SUMMARIZATION_METRIC)
    ? Object.entries(SUMMARIZATION_NOT_COMPUTED).map(([name, reason]) => ({ name, reason }))
    : [];
  const others = Object.entries(METRICS_NOT_COMPUTED).flatMap(([className, { stats, reason }]) =>
    classes.has(className) ? stats.map((name) => ({ name, reason })) : [],
  );
  return [...summarization, ...others];
}

/**
 * The warning for a run's metrics not computed, once per job for each set of them: `<run>: not computed (out of
 * scope): a (why), b (why)`, saying that later runs missing the same metrics are not warned again (their
 * not_computed.json and run record still list them). Null when nothing is missing or `warned` has this set.
 */
export function notComputedWarning(
  runName: string,
  metrics: readonly NotComputedMetric[],
  warned: Set<string>,
): string | null {
  if (metrics.length === 0) return null;
  const list = metrics.map((metric) => `${metric.name} (${metric.reason})`).join('; ');
  if (warned.has(list)) return null;
  warned.add(list);
  return `${runName}: not computed (out of scope, never reported as 0): ${list}. Not repeated for the other runs that ask for the same metrics.`;
}
