/**
 * HELM's `ClassificationMetric` (`metrics/classification_metrics.py`): population-level F1 over one
 * context's generation states, each completion being a predicted class. As scikit-learn's `f1_score` on
 * `MultiLabelBinarizer` indicator rows: predictions outside the label set count as no class; a class with no
 * true or predicted member scores 0 (`zero_division`).
 *
 * Version choice: labels are normalized with article removal and inferred from the correct references, as
 * v0.3.0 (the Classic leaderboard's code) does. HEAD keeps articles and accepts explicit `labels`,
 * `averages` and `scores` args; we honour those args when a run spec sets them.
 */
import { correctReferences } from '../../../src-shared/helm/instance';
import type { Stat } from '../../../src-shared/helm/stat';
import type { HelmMetric } from './helm-metric';
import { normalizeText } from './normalize-text';
import { statOf } from './stat-values';

type Average = 'macro' | 'micro' | 'weighted';
type ScoreName = 'f1' | 'precision' | 'recall';

export interface ClassificationOptions {
  readonly delimiter?: string | null;
  readonly labels?: readonly string[] | null;
  readonly averages?: readonly Average[] | null;
  readonly scores?: readonly ScoreName[] | null;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  support: number;
}

function score(name: ScoreName, counts: Counts): number {
  const { tp, fp, fn } = counts;
  if (name === 'precision') return tp + fp === 0 ? 0 : tp / (tp + fp);
  if (name === 'recall') return tp + fn === 0 ? 0 : tp / (tp + fn);
  return 2 * tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

export function createClassificationMetric(options: ClassificationOptions = {}): HelmMetric {
  const delimiter = options.delimiter || null;
  const averages = options.averages ?? ['macro', 'micro'];
  const scoreNames = options.scores ?? ['f1'];
  return {
    name: 'ClassificationMetric',
    evaluateInstance: () => [],
    evaluateInstances(_spec, requestStates) {
      const states = requestStates.filter(
        (state) => state.reference_index === null || state.reference_index === undefined,
      );
      if (states.length === 0) return [];
      const truths = states.map((state) =>
        correctReferences(state.instance)
          .map((reference) => reference.output.text)
          .filter((text) => text !== '')
          .map((text) => normalizeText(text)),
      );
      const predictions = states.map((state) => {
        const text = state.result.completions[0]?.text ?? '';
        const parts = delimiter ? text.split(delimiter) : [text];
        return parts.filter((part) => part !== '').map((part) => normalizeText(part));
      });
      const labels = [
        ...new Set(options.labels ? options.labels.map((label) => normalizeText(label)) : truths.flat()),
      ].sort();
      const counts = new Map<string, Counts>(labels.map((label) => [label, { tp: 0, fp: 0, fn: 0, support: 0 }]));
      states.forEach((_, index) => {
        const truth = new Set(truths[index]);
        const predicted = new Set(predictions[index]);
        for (const [label, count] of counts) {
          const isTrue = truth.has(label);
          const isPredicted = predicted.has(label);
          if (isTrue) count.support++;
          if (isTrue && isPredicted) count.tp++;
          else if (isPredicted) count.fp++;
          else if (isTrue) count.fn++;
        }
      });
      const stats: Stat[] = [];
      const perClass = [...counts.values()];
      for (const average of averages) {
        for (const name of scoreNames) {
          let value: number;
          if (average === 'micro') {
            const total = perClass.reduce(
              (sum, count) => ({ tp: sum.tp + count.tp, fp: sum.fp + count.fp, fn: sum.fn + count.fn, support: 0 }),
              { tp: 0, fp: 0, fn: 0, support: 0 },
            );
            value = score(name, total);
          } else if (average === 'weighted') {
            const support = perClass.reduce((sum, count) => sum + count.support, 0);
            value =
              support === 0
                ? 0
                : perClass.reduce((sum, count) => sum + score(name, count) * count.support, 0) / support;
          } else {
            value =
              perClass.length === 0
                ? 0
                : perClass.reduce((sum, count) => sum + score(name, count), 0) / perClass.length;
          }
          stats.push(statOf(`classification_${average}_${name}`, value));
        }
      }
      return stats;
    },
  };
}
