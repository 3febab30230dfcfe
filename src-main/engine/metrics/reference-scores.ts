/**
 * Per-(gold, prediction) score functions of HELM's reference metrics (`evaluate_reference_metrics.py`
 * `metric_fn_mapping`), keyed by the names a run spec lists in `BasicGenerationMetric`'s `names`. ROUGE and
 * BLEU live in their own files and are registered through {@link createReferenceScoreRegistry}'s `extra`.
 */
import { Registry } from '../registry';
import { normalizeText } from './normalize-text';
import { pythonSplit, pythonStrip } from '../formats/python-text';

/** Scores one prediction against one gold text; `pred` is null when a joint answer maps to no choice. */
export type ReferenceScore = (gold: string, pred: string | null) => number;

export const exactMatch: ReferenceScore = (gold, pred) => {
  if (!pred) return 0;
  return pythonStrip(gold) === pythonStrip(pred) ? 1 : 0;
};

export const quasiExactMatch: ReferenceScore = (gold, pred) => {
  if (!pred) return 0;
  return normalizeText(gold) === normalizeText(pred) ? 1 : 0;
};

export const quasiLeaveArticlesExactMatch: ReferenceScore = (gold, pred) => {
  if (!pred) return 0;
  return normalizeText(gold, false) === normalizeText(pred, false) ? 1 : 0;
};

export const prefixExactMatch: ReferenceScore = (gold, pred) => {
  if (!pred) return 0;
  return pythonStrip(pred).startsWith(pythonStrip(gold)) ? 1 : 0;
};

export const quasiPrefixExactMatch: ReferenceScore = (gold, pred) => {
  if (!pred) return 0;
  return normalizeText(pred).startsWith(normalizeText(gold)) ? 1 : 0;
};

/**
 * `f1_score`: nltk `f_measure` over the normalized token sets, 0 when either set is empty
 * (`1 / (α/P + (1−α)/R)` with α = ½, the formula nltk evaluates, so floats match bit for bit).
 */
export const f1Score: ReferenceScore = (gold, pred) => {
  const reference = new Set(pythonSplit(normalizeText(gold)));
  const test = new Set(pythonSplit(normalizeText(pred ?? '')));
  if (reference.size === 0 || test.size === 0) return 0;
  let common = 0;
  for (const token of test) if (reference.has(token)) common++;
  const precision = common / test.size;
  const recall = common / reference.size;
  if (precision === 0 || recall === 0) return 0;
  return 1 / (0.5 / precision + 0.5 / recall);
};

/** The built-in score functions by HELM name. */
export const BUILT_IN_REFERENCE_SCORES: Readonly<Record<string, ReferenceScore>> = {
  exact_match: exactMatch,
  quasi_exact_match: quasiExactMatch,
  quasi_leave_articles_exact_match: quasiLeaveArticlesExactMatch,
  prefix_exact_match: prefixExactMatch,
  quasi_prefix_exact_match: quasiPrefixExactMatch,
  f1_score: f1Score,
};

/** A registry of the built-ins plus `extra` (e.g. `rouge_l`, `bleu_1`, `bleu_4`). */
export function createReferenceScoreRegistry(
  extra: Readonly<Record<string, ReferenceScore>> = {},
): Registry<ReferenceScore> {
  const registry = new Registry<ReferenceScore>('reference metric');
  for (const [name, score] of Object.entries({ ...BUILT_IN_REFERENCE_SCORES, ...extra })) {
    registry.register(name, score);
  }
  return registry;
}
