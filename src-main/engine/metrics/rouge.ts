/**
 * ROUGE-N and ROUGE-L F-measures as the `rouge_score` package (~=0.1.2, pinned by HELM v0.3.0) computes
 * them with `use_stemmer=True` (`rouge_scorer.py`, `tokenize.py`): lower-case, every run of characters
 * outside [a-z0-9] becomes a space, split on whitespace, Porter-stem tokens longer than 3 characters, drop
 * tokens that are not [a-z0-9]+ (this drops the empty strings the split leaves at the ends).
 */
import { porterStem } from './porter-stemmer';

/** Precision, recall and F-measure of one comparison (rouge_score's `Score`). */
export interface RougeScore {
  readonly precision: number;
  readonly recall: number;
  readonly fmeasure: number;
}

const NON_ALPHANUMERIC = /[^a-z0-9]+/g;
const VALID_TOKEN = /^[a-z0-9]+$/;

/** rouge_score's `tokenize.tokenize(text, stemmer)`. */
export function rougeTokenize(text: string, useStemmer = true): string[] {
  // Python's str.lower() is Unicode-aware like toLowerCase(); non-ASCII letters then fall outside [a-z0-9].
  const spaced = text.toLowerCase().replace(NON_ALPHANUMERIC, ' ');
  let tokens = spaced.split(/\s+/);
  if (useStemmer) tokens = tokens.map((token) => (token.length > 3 ? porterStem(token) : token));
  return tokens.filter((token) => VALID_TOKEN.test(token));
}

/** rouge_score's `scoring.fmeasure`. */
function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    // Tokens are [a-z0-9]+, so a space joins them without ambiguity.
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N over token lists (rouge_score `_score_ngrams`; empty sides count as 1 in the denominators). */
export function rougeNTokens(target: readonly string[], prediction: readonly string[], n: number): RougeScore {
  const targetNgrams = ngramCounts(target, n);
  const predictionNgrams = ngramCounts(prediction, n);
  let overlap = 0;
  for (const [ngram, count] of targetNgrams) overlap += Math.min(count, predictionNgrams.get(ngram) ?? 0);
  const targetTotal = Math.max(0, target.length - n + 1);
  const predictionTotal = Math.max(0, prediction.length - n + 1);
  const precision = overlap / Math.max(predictionTotal, 1);
  const recall = overlap / Math.max(targetTotal, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** Length of the longest common subsequence, in O(min) memory. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] =
        a[i - 1] === b[j - 1]
          ? (previous[j - 1] as number) + 1
          : Math.max(previous[j] as number, current[j - 1] as number);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] as number;
}

/** ROUGE-L over token lists (rouge_score `_score_lcs`: 0 when either side is empty). */
export function rougeLTokens(target: readonly string[], prediction: readonly string[]): RougeScore {
  if (target.length === 0 || prediction.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const lcs = lcsLength(target, prediction);
  const precision = lcs / prediction.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** `rouge1`, `rouge2`, … or `rougeL`, as `RougeScorer([type], use_stemmer=True).score(gold, pred)`. */
export function rougeScore(gold: string, pred: string, rougeType: string): RougeScore {
  const target = rougeTokenize(gold);
  const prediction = rougeTokenize(pred);
  if (rougeType === 'rougeL') return rougeLTokens(target, prediction);
  const match = /^rouge([1-9])$/.exec(rougeType);
  if (match === null) throw new Error(`Unsupported ROUGE type '${rougeType}'.`);
  return rougeNTokens(target, prediction, Number(match[1]));
}

/** HELM's `rouge_l` reference metric (basic_metrics.py `get_rouge_function("rougeL")`): the F-measure. */
export function rougeL(gold: string, pred: string): number {
  return rougeScore(gold, pred, 'rougeL').fmeasure;
}
