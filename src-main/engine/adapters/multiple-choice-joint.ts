/**
 * The `multiple_choice_joint` adapter (`adaptation/adapters/multiple_choice_joint_adapter.py`): all choices in
 * one prompt with letters; the model answers with one letter. Requests have no stop sequences, one completion
 * and `top_k_per_token = num_outputs` — the spec's `stop_sequences` are unused (v0.3.0 and HEAD).
 */
import type { Instance } from '../../../src-shared/helm/instance';
import { isCorrect } from '../../../src-shared/helm/instance';
import type { RequestState } from '../../../src-shared/helm/request';
import type { AdapterSpec } from '../../../src-shared/helm/run-spec';
import { AppError } from '../../../src-shared/errors';
import { isPythonAlnum, pythonRstrip } from '../formats/python-text';
import type { Adapter, AdaptationInput } from '../types';
import { buildRequest, constructPrompt, type ExampleBlockBuilder } from './in-context-learning';
import { isPromptTruncated, promptText } from './prompt';

export const MULTIPLE_CHOICE_JOINT_METHOD = 'multiple_choice_joint';

/** `get_prefix_char`: the first alphanumeric character of the reference prefix (`A` in `A. `). */
export function prefixCharacter(prefix: string): string {
  const character = [...prefix].find(isPythonAlnum);
  if (character === undefined) {
    throw new AppError({
      code: 'adapter.invalid_reference_prefix',
      message: `The reference prefix ${JSON.stringify(prefix)} has no letter or digit to number the choices with.`,
    });
  }
  return character;
}

/**
 * `get_reference_prefix`: every occurrence of the prefix character becomes the i-th one
 * (`reference_prefix_characters[i]` when the spec lists them, HEAD; else `chr(ord(c) + i)`).
 */
export function referencePrefix(spec: AdapterSpec, prefix: string, index: number): string {
  const old = prefixCharacter(spec.reference_prefix);
  const listed = spec['reference_prefix_characters'];
  const replacement =
    Array.isArray(listed) && typeof listed[index] === 'string'
      ? (listed[index] as string)
      : String.fromCodePoint((old.codePointAt(0) as number) + index);
  return prefix.split(old).join(replacement);
}

const constructJointBlock: ExampleBlockBuilder = (spec, instance, includeOutput) => {
  let block = spec.input_prefix + instance.input.text + spec.input_suffix;
  const letter = prefixCharacter(spec.reference_prefix);
  let output = 'n/a';
  instance.references.forEach((reference, index) => {
    block += referencePrefix(spec, spec.reference_prefix, index) + reference.output.text + spec.reference_suffix;
    if (!isCorrect(reference)) return;
    if (output === 'n/a') output = referencePrefix(spec, letter, index);
    else if (spec.multi_label) output += ', ' + referencePrefix(spec, letter, index);
  });
  return includeOutput
    ? block + spec.output_prefix + output + spec.output_suffix
    : block + pythonRstrip(spec.output_prefix);
};

/** Letter → choice text, used by the metrics to map the answer back (HELM `output_mapping`). */
export function outputMapping(spec: AdapterSpec, instance: Instance): Record<string, string> {
  const letter = prefixCharacter(spec.reference_prefix);
  const mapping: Record<string, string> = {};
  instance.references.forEach((reference, index) => {
    mapping[referencePrefix(spec, letter, index)] = reference.output.text;
  });
  return mapping;
}

export function createMultipleChoiceJointAdapter(): Adapter {
  return {
    method: MULTIPLE_CHOICE_JOINT_METHOD,
    adapt({ adapterSpec: spec, trainInstances, evalInstances, trialIndex, tokenCounter }: AdaptationInput) {
      return evalInstances.map((instance): RequestState => {
        const prompt = constructPrompt(spec, constructJointBlock, trainInstances, instance, false, null, tokenCounter);
        return {
          instance,
          reference_index: null,
          request_mode: null,
          train_trial_index: trialIndex,
          output_mapping: outputMapping(spec, instance),
          request: buildRequest(spec, {
            prompt: promptText(prompt),
            num_completions: 1,
            top_k_per_token: spec.num_outputs,
            temperature: spec.temperature,
            max_tokens: spec.max_tokens,
            stop_sequences: [],
            random: spec.random ?? null,
          }),
          result: null,
          num_train_instances: prompt.trainInstanceBlocks.length,
          prompt_truncated: isPromptTruncated(prompt),
          num_conditioning_tokens: 0,
        };
      });
    },
  };
}
