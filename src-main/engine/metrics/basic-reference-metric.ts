/**
 * HELM's `BasicReferenceMetric` (`metrics/basic_metrics.py`, HEAD): scores the separate methods' one-request-
 * per-choice states. A choice's logprob is the sum over its last n echoed tokens, n = tokens of
 * `" " + choice`; original = logprob / n, calibrated = original logprob − calibration logprob.
 * `exact_match` is fractional on ties: |correct ∩ argmax| / |argmax|.
 *
 * The general stats (tokens, runtime, truncation…) are merged over all the instance's requests at HEAD; v0.3.0's
 * `BasicMetric.evaluate_references` computed them once, from the loop variable left over after the scoring
 * loop, i.e. the instance's last request. `legacyGeneralStats` reproduces that.
 */
import { isCorrect } from '../../../src-shared/helm/instance';
import type { Stat } from '../../../src-shared/helm/stat';
import { AppError } from '../../../src-shared/errors';
import type { CompletedRequestState, TokenCounter } from '../types';
import { MULTIPLE_CHOICE_SEPARATE_CALIBRATED_METHOD } from '../adapters/multiple-choice-separate';
import type { HelmMetric } from './helm-metric';
import { isCompleted } from './helm-metric';
import { requestStateStats } from './request-state-stats';
import { instanceContext, mergeStats, statOf, withContext } from './stat-values';

interface ReferenceLogprob {
  readonly logprob: number;
  readonly numTokens: number;
}

/**
 * How many trailing echoed tokens spell `suffix`: the fewest whose texts, joined, are at least as long as it,
 * provided they end with it; null when the echo does not end with `suffix` (no token texts, or bytes split
 * across tokens).
 */
export function echoedSuffixTokenCount(tokens: readonly { readonly text: string }[], suffix: string): number | null {
  let text = '';
  for (let n = 1; n <= tokens.length; n++) {
    text = (tokens[tokens.length - n]?.text ?? '') + text;
    if (text.length >= suffix.length) return text.endsWith(suffix) ? n : null;
  }
  return null;
}

/**
 * Deliberate difference: HELM takes n = `len(tokenizer.tokenize(" " + reference))` with the model's own
 * tokenizer (v0.3.0 `basic_metrics.py` `compute_logprob_and_length`). We have no tokenizer for an arbitrary
 * endpoint, and an approximate count would sum the wrong tokens, so when the echo spells the reference we
 * count the echoed tokens that cover it — the same n for BPE tokenizers that split before the space (GPT-2,
 * GPT-NeoX, tiktoken-style). Otherwise the token counter decides, as in HELM.
 */
function referenceLogprob(state: CompletedRequestState, tokenCounter: TokenCounter): ReferenceLogprob {
  const index = state.reference_index as number;
  const reference = state.instance.references[index]?.output.text ?? '';
  const tokens = state.result.completions[0]?.tokens ?? [];
  const numTokens = echoedSuffixTokenCount(tokens, ` ${reference}`) ?? tokenCounter.countTokens(` ${reference}`);
  // Python's `tokens[-n:]` is the whole list when n is 0.
  const answer = numTokens > 0 ? tokens.slice(-numTokens) : tokens;
  return { logprob: answer.reduce((sum, token) => sum + token.logprob, 0), numTokens };
}

/** `scipy.special.softmax` then `np.max`. */
function maxSoftmax(scores: readonly number[]): number {
  const top = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return Math.max(...exps.map((value) => value / total));
}

export function createBasicReferenceMetric(tokenCounter: TokenCounter, legacyGeneralStats = false): HelmMetric {
  return {
    name: 'BasicReferenceMetric',
    evaluateInstance(spec, requestStates) {
      const states = requestStates.filter(
        (state): state is CompletedRequestState =>
          state.reference_index !== null && state.reference_index !== undefined && isCompleted(state),
      );
      const first = states[0];
      if (first === undefined) return [];
      const references = first.instance.references;
      const byKey = new Map<string, ReferenceLogprob>();
      for (const state of states)
        byKey.set(`${state.reference_index}|${state.request_mode}`, referenceLogprob(state, tokenCounter));
      const lookup = (index: number, mode: string): ReferenceLogprob => {
        const found = byKey.get(`${index}|${mode}`);
        if (!found) {
          throw new AppError({
            code: 'metric.missing_reference_request',
            message: `Instance ${first.instance.id ?? '?'} has no ${mode} request for choice ${index}.`,
          });
        }
        return found;
      };
      const calibrated = spec.method === MULTIPLE_CHOICE_SEPARATE_CALIBRATED_METHOD;
      const scores = references.map((_, index) => {
        const original = lookup(index, 'original');
        return calibrated
          ? original.logprob - lookup(index, 'calibration').logprob
          : original.logprob / original.numTokens;
      });
      const general = legacyGeneralStats
        ? requestStateStats(spec, states.at(-1) as CompletedRequestState, tokenCounter)
        : mergeStats(states.flatMap((state) => requestStateStats(spec, state, tokenCounter)));
      const top = Math.max(...scores);
      const argmax = scores.flatMap((score, index) => (score >= top ? [index] : []));
      const correctAmongArgmax = argmax.filter((index) =>
        isCorrect(references[index] as (typeof references)[number]),
      ).length;
      const stats: Stat[] = [
        ...general,
        statOf('max_prob', maxSoftmax(scores)),
        statOf('exact_match', correctAmongArgmax / argmax.length),
        statOf('predicted_index', argmax[0] as number),
      ];
      const context = instanceContext(first.instance);
      return stats.map((stat) => withContext(stat, context));
    },
  };
}
