/**
 * What every in-context-learning adapter shares (`adaptation/adapters/in_context_learning_adapter.py`,
 * v0.3.0 = HEAD for the parts we use): example blocks, the gold output, prompt construction and fitting,
 * and the `Request` HELM builds.
 */
import { correctReferences, firstCorrectReference, type Instance } from '../../../src-shared/helm/instance';
import type { Request } from '../../../src-shared/helm/request';
import type { AdapterSpec } from '../../../src-shared/helm/run-spec';
import { pythonRstrip } from '../formats/python-text';
import type { TokenCounter } from '../types';
import { createPrompt, promptText, type Prompt } from './prompt';

const NO_CORRECT_REFERENCES = 'n/a';
const MULTI_LABEL_DELIMITER = ', ';

/** Builds one example's block; `includeOutput` false ends it with `output_prefix.rstrip()`. */
export type ExampleBlockBuilder = (
  spec: AdapterSpec,
  instance: Instance,
  includeOutput: boolean,
  referenceIndex: number | null,
) => string;

/** `construct_output`: the reference at `referenceIndex`, else the first correct one (all, if multi-label). */
export function constructOutput(spec: AdapterSpec, instance: Instance, referenceIndex: number | null): string {
  if (referenceIndex !== null) return instance.references[referenceIndex]?.output.text ?? '';
  if (spec.multi_label) {
    const correct = correctReferences(instance);
    return correct.length === 0
      ? NO_CORRECT_REFERENCES
      : correct.map((reference) => reference.output.text).join(MULTI_LABEL_DELIMITER);
  }
  return firstCorrectReference(instance)?.output.text ?? NO_CORRECT_REFERENCES;
}

/** `construct_example_prompt` of the generation and separate adapters. */
export const constructExampleBlock: ExampleBlockBuilder = (spec, instance, includeOutput, referenceIndex) => {
  const block = spec.input_prefix + instance.input.text + spec.input_suffix;
  if (!includeOutput) return block + pythonRstrip(spec.output_prefix);
  return block + spec.output_prefix + constructOutput(spec, instance, referenceIndex) + spec.output_suffix;
};

/**
 * `construct_prompt` + `_make_prompt_fit`: while prompt tokens + `max_tokens` exceed the window, drop the
 * last train block; with none left, cut the text from the right to `window − max_tokens` tokens.
 */
export function constructPrompt(
  spec: AdapterSpec,
  buildBlock: ExampleBlockBuilder,
  trainInstances: readonly Instance[],
  evalInstance: Instance,
  includeOutput: boolean,
  referenceIndex: number | null,
  tokenCounter: TokenCounter,
): Prompt {
  const trainBlocks = trainInstances.map((instance) => buildBlock(spec, instance, true, null));
  const evalBlock = buildBlock(spec, evalInstance, includeOutput, referenceIndex);
  return makePromptFit(createPrompt(spec, trainBlocks, evalBlock), spec.max_tokens, tokenCounter);
}

/** `_make_prompt_fit` (window service `fits_within_context_window` / `truncate_from_right`). */
export function makePromptFit(prompt: Prompt, maxTokens: number, tokenCounter: TokenCounter): Prompt {
  let current = prompt;
  while (current.trainInstanceBlocks.length > 0) {
    if (tokenCounter.countTokens(promptText(current)) + maxTokens <= tokenCounter.contextWindow) return current;
    current = { ...current, trainInstanceBlocks: current.trainInstanceBlocks.slice(0, -1) };
  }
  const text = promptText(current);
  if (tokenCounter.countTokens(text) + maxTokens <= tokenCounter.contextWindow) return current;
  const truncated = tokenCounter.truncateToTokens(text, Math.max(0, tokenCounter.contextWindow - maxTokens));
  return truncated.length < text.length ? { ...current, truncatedText: truncated } : current;
}

/** Request fields an adapter sets; the rest take HELM's `Request` defaults. */
export interface RequestFields {
  readonly prompt: string;
  readonly temperature: number;
  readonly num_completions: number;
  readonly max_tokens: number;
  readonly stop_sequences: readonly string[];
  readonly top_k_per_token?: number;
  readonly echo_prompt?: boolean;
  readonly random?: string | null;
}

/**
 * A HELM `Request` (`common/request.py` defaults: top_k_per_token 1, echo_prompt false, top_p 1, penalties 0).
 * `model_deployment` is present when the spec has one (HEAD); `random` only when set, as HELM omits None.
 */
export function buildRequest(spec: AdapterSpec, fields: RequestFields): Request {
  return {
    ...(spec.model_deployment !== undefined ? { model_deployment: spec.model_deployment } : {}),
    model: spec.model,
    embedding: false,
    prompt: fields.prompt,
    temperature: fields.temperature,
    num_completions: fields.num_completions,
    top_k_per_token: fields.top_k_per_token ?? 1,
    max_tokens: fields.max_tokens,
    stop_sequences: [...fields.stop_sequences],
    echo_prompt: fields.echo_prompt ?? false,
    top_p: 1,
    presence_penalty: 0,
    frequency_penalty: 0,
    ...(fields.random !== undefined && fields.random !== null ? { random: fields.random } : {}),
  };
}

/**
 * The request of an adapter that decodes with the spec's own settings (`num_outputs`, `temperature`,
 * `max_tokens`, `stop_sequences`, `random`): HELM's generation and binary ranking adapters build the same one.
 */
export function buildSpecDecodingRequest(spec: AdapterSpec, prompt: Prompt): Request {
  return buildRequest(spec, {
    prompt: promptText(prompt),
    num_completions: spec.num_outputs,
    temperature: spec.temperature,
    max_tokens: spec.max_tokens,
    stop_sequences: spec.stop_sequences,
    random: spec.random ?? null,
  });
}
