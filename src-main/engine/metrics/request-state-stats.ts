/**
 * The general-information and efficiency stats HELM records for every request
 * (`metrics/basic_metrics.py` `compute_request_state_metrics`, `compute_language_modeling_metrics`;
 * `metrics/efficiency_metrics.py`, HEAD).
 *
 * Not emitted: `inference_denoised_runtime` and `inference_idealized_runtime`, which HELM only computes for
 * models in its own runtime tables (none of a user's models); `training_co2_cost` / `training_energy_cost`
 * are empty stats (count 0) as HELM writes them for models missing from its training-cost table.
 */
import type { Token } from '../../../src-shared/helm/request';
import type { AdapterSpec } from '../../../src-shared/helm/run-spec';
import type { Stat } from '../../../src-shared/helm/stat';
import type { CompletedRequestState, TokenCounter } from '../types';
import { statOf } from './stat-values';

const FINISH_REASONS = ['length', 'stop', 'endoftext', 'unknown'] as const;

/** `compute_request_state_metrics`: references, trials, efficiency, finish reason, truncation. */
export function requestStateStats(spec: AdapterSpec, state: CompletedRequestState, tokenCounter: TokenCounter): Stat[] {
  const result = state.result;
  const numPromptTokens = tokenCounter.countTokens(state.request.prompt);
  const numCompletionTokens = result.completions.reduce((sum, completion) => sum + completion.tokens.length, 0);
  let numOutputTokens = numCompletionTokens;
  // Echoed prompts are not output; HELM clamps at 0 when the tokenizer does not round-trip.
  if (state.request.echo_prompt) {
    numOutputTokens = numPromptTokens <= numOutputTokens ? numOutputTokens - numPromptTokens : 0;
  }
  const stats: Stat[] = [
    statOf('num_references', state.instance.references.length),
    statOf('num_train_trials', spec.num_train_trials),
    statOf('num_prompt_tokens', numPromptTokens),
    statOf('num_completion_tokens', numCompletionTokens),
    statOf('num_output_tokens', numOutputTokens),
    statOf('training_co2_cost', null),
    statOf('training_energy_cost', null),
  ];
  if (result.request_time !== undefined && result.request_time !== null) {
    stats.push(statOf('inference_runtime', result.request_time), statOf('batch_size', 1));
  }
  const reasonField = result.completions[0]?.finish_reason?.['reason'];
  const reason = FINISH_REASONS.find((known) => known === reasonField) ?? 'unknown';
  for (const known of FINISH_REASONS) stats.push(statOf(`finish_reason_${known}`, known === reason ? 1 : 0));
  stats.push(
    statOf('num_train_instances', state.num_train_instances),
    statOf('prompt_truncated', state.prompt_truncated),
  );
  return stats;
}

/** `compute_language_modeling_metrics`: logprob, token and byte counts of the first completion. */
export function languageModelingStats(state: CompletedRequestState): Stat[] {
  const tokens = state.result.completions[0]?.tokens ?? [];
  const conditioning = state.num_conditioning_tokens ?? 0;
  const usable = conditioning > 0 && tokens[0]?.text === '' ? tokens.slice(1) : tokens;
  const predicted = usable.slice(conditioning);
  return [
    statOf(
      'logprob',
      predicted.reduce((sum, token) => sum + token.logprob, 0),
    ),
    statOf('num_perplexity_tokens', predicted.length),
    statOf('num_bytes', countBytes(predicted)),
  ];
}

/** `get_num_bytes`: UTF-8 bytes, and one byte per `\x` escape of a `bytes:` token. */
export function countBytes(tokens: readonly Token[]): number {
  let bytes = 0;
  for (const token of tokens) {
    if (token.text.startsWith('bytes:')) bytes += token.text.split('\\x').length - 1;
    else bytes += new TextEncoder().encode(token.text).length;
  }
  return bytes;
}
