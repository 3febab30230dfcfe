/**
 * The `multiple_choice_separate_original` and `_calibrated` adapters
 * (`adaptation/adapters/multiple_choice_separate_adapter.py`, `multiple_choice_calibrated_adapter.py`): one
 * echo request per choice, scored by the logprob of the choice's tokens. The calibrated method adds, per
 * choice, a request for the same choice after the bare input `Answer:` with no train examples, to divide out
 * the choice's unconditional probability (GPT-3 paper §2.4).
 */
import type { Instance } from '../../../src-shared/helm/instance';
import type { RequestState } from '../../../src-shared/helm/request';
import type { AdapterSpec } from '../../../src-shared/helm/run-spec';
import type { Adapter, AdaptationInput, TokenCounter } from '../types';
import { buildRequest, constructExampleBlock, constructPrompt } from './in-context-learning';
import { isPromptTruncated, promptText, type Prompt } from './prompt';

export const MULTIPLE_CHOICE_SEPARATE_ORIGINAL_METHOD = 'multiple_choice_separate_original';
export const MULTIPLE_CHOICE_SEPARATE_CALIBRATED_METHOD = 'multiple_choice_separate_calibrated';
/** The input of a calibration request (HELM replaces the instance's input with it). */
export const CALIBRATION_INPUT = 'Answer:';

function requestState(
  spec: AdapterSpec,
  prompt: Prompt,
  instance: Instance,
  referenceIndex: number,
  trialIndex: number,
  requestMode: 'original' | 'calibration',
): RequestState {
  return {
    instance,
    reference_index: referenceIndex,
    request_mode: requestMode,
    train_trial_index: trialIndex,
    output_mapping: null,
    // Fixed by HELM regardless of the spec: temperature 0, max_tokens 0, echo, no stop, no `random`.
    request: buildRequest(spec, {
      prompt: promptText(prompt),
      num_completions: 1,
      temperature: 0,
      max_tokens: 0,
      stop_sequences: [],
      echo_prompt: true,
    }),
    result: null,
    num_train_instances: prompt.trainInstanceBlocks.length,
    prompt_truncated: isPromptTruncated(prompt),
    num_conditioning_tokens: 0,
  };
}

function adaptSeparate(input: AdaptationInput, calibrated: boolean): RequestState[] {
  const { adapterSpec: spec, trainInstances, evalInstances, trialIndex, tokenCounter } = input;
  const states: RequestState[] = [];
  for (const instance of evalInstances) {
    instance.references.forEach((_, index) => {
      const original = buildPrompt(spec, trainInstances, instance, index, tokenCounter);
      states.push(requestState(spec, original, instance, index, trialIndex, 'original'));
      if (!calibrated) return;
      const bare: Instance = { ...instance, input: { text: CALIBRATION_INPUT } };
      const calibration = buildPrompt(spec, [], bare, index, tokenCounter);
      states.push(requestState(spec, calibration, instance, index, trialIndex, 'calibration'));
    });
  }
  return states;
}

function buildPrompt(
  spec: AdapterSpec,
  train: readonly Instance[],
  instance: Instance,
  referenceIndex: number,
  tokenCounter: TokenCounter,
): Prompt {
  return constructPrompt(spec, constructExampleBlock, train, instance, true, referenceIndex, tokenCounter);
}

export function createMultipleChoiceSeparateOriginalAdapter(): Adapter {
  return { method: MULTIPLE_CHOICE_SEPARATE_ORIGINAL_METHOD, adapt: (input) => adaptSeparate(input, false) };
}

export function createMultipleChoiceSeparateCalibratedAdapter(): Adapter {
  return { method: MULTIPLE_CHOICE_SEPARATE_CALIBRATED_METHOD, adapt: (input) => adaptSeparate(input, true) };
}
