/**
 * HELM's `bleu_1` / `bleu_4` (basic_metrics.py, v0.3.0): nltk's `sentence_bleu([word_tokenize(gold)],
 * word_tokenize(pred), weights)` with no smoothing function (nltk ~=3.7). Re-implemented from nltk's
 * published algorithm:
 * - modified n-gram precision p_n = Σ min(count, max reference count) / max(1, #hypothesis n-grams);
 * - if p_1 has no match the score is 0;
 * - `method0` smoothing replaces every other p_n without a match by `sys.float_info.min` (so bleu_4 of an
 *   answer with unigram but no 4-gram matches is 2.2250738585072014e-308, as HELM's per-instance stats show);
 * - brevity penalty with the closest reference length (ties → the shorter), 0 for an empty hypothesis;
 * - BLEU = BP · exp(Σ w_n log p_n).
 */
import { wordTokenize } from './word-tokenize';

/** Python's `sys.float_info.min`: the smallest positive normal double. */
const FLOAT_MIN = 2.2250738585072014e-308;

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    // \u0000 never occurs inside a token, so the join is unambiguous.
    const key = tokens.slice(i, i + n).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** nltk `modified_precision`: clipped matches and the denominator (at least 1). */
function modifiedPrecision(
  references: readonly (readonly string[])[],
  hypothesis: readonly string[],
  n: number,
): [number, number] {
  const counts = ngramCounts(hypothesis, n);
  const maxReferenceCounts = new Map<string, number>();
  for (const reference of references) {
    const referenceCounts = ngramCounts(reference, n);
    for (const ngram of counts.keys()) {
      maxReferenceCounts.set(ngram, Math.max(maxReferenceCounts.get(ngram) ?? 0, referenceCounts.get(ngram) ?? 0));
    }
  }
  let numerator = 0;
  let total = 0;
  for (const [ngram, count] of counts) {
    numerator += Math.min(count, maxReferenceCounts.get(ngram) ?? 0);
    total += count;
  }
  return [numerator, Math.max(1, total)];
}

function brevityPenalty(referenceLengths: readonly number[], hypothesisLength: number): number {
  let closest = referenceLengths[0] ?? 0;
  for (const length of referenceLengths) {
    const distance = Math.abs(length - hypothesisLength);
    const best = Math.abs(closest - hypothesisLength);
    if (distance < best || (distance === best && length < closest)) closest = length;
  }
  if (hypothesisLength > closest) return 1;
  if (hypothesisLength === 0) return 0;
  return Math.exp(1 - closest / hypothesisLength);
}

/** nltk `sentence_bleu(references, hypothesis, weights)` on token lists, without smoothing. */
export function sentenceBleu(
  references: readonly (readonly string[])[],
  hypothesis: readonly string[],
  weights: readonly number[],
): number {
  const precisions: [number, number][] = weights.map((_, i) => modifiedPrecision(references, hypothesis, i + 1));
  if ((precisions[0]?.[0] ?? 0) === 0) return 0;
  const bp = brevityPenalty(
    references.map((reference) => reference.length),
    hypothesis.length,
  );
  // math.fsum in nltk; the terms here are few, so plain summation rounds the same way in practice.
  let logSum = 0;
  weights.forEach((weight, i) => {
    const [numerator, denominator] = precisions[i] as [number, number];
    const p = numerator === 0 ? FLOAT_MIN : numerator / denominator;
    logSum += weight * Math.log(p);
  });
  return bp * Math.exp(logSum);
}

/** HELM `bleu_1`. */
export function bleu1(gold: string, pred: string): number {
  return sentenceBleu([wordTokenize(gold)], wordTokenize(pred), [1, 0, 0, 0]);
}

/** HELM `bleu_4`. */
export function bleu4(gold: string, pred: string): number {
  return sentenceBleu([wordTokenize(gold)], wordTokenize(pred), [0, 0, 0, 1]);
}
