/**
 * The `ranking_binary` adapter (`adaptation/adapters/binary_ranking_adapter.py`, v0.3.0; HEAD only adds
 * `model_deployment` to the request): one request per passage of an eval instance, asking whether the passage
 * answers the query. A train instance contributes one block per passage, each ending in the gold label
 * (`Yes` for a passage tagged correct, else `No`), blocks joined by `instance_prefix`; the eval block holds
 * only the requested passage and ends with `output_prefix.rstrip()`.
 */
import { CORRECT_TAG, TRAIN_SPLIT, type Instance } from '../../../src-shared/helm/instance';
import type { RequestState } from '../../../src-shared/helm/request';
import type { AdapterSpec } from '../../../src-shared/helm/run-spec';
import { AppError } from '../../../src-shared/errors';
import { pythonRstrip } from '../formats/python-text';
import type { Adapter, AdaptationInput } from '../types';
import { buildSpecDecodingRequest, constructPrompt, type ExampleBlockBuilder } from './in-context-learning';
import { isPromptTruncated } from './prompt';

export const RANKING_BINARY_METHOD = 'ranking_binary';
/** HELM's `RANKING_CORRECT_LABEL` / `RANKING_WRONG_LABEL`. */
export const RANKING_CORRECT_LABEL = 'Yes';
export const RANKING_WRONG_LABEL = 'No';

/** `construct_example_prompt` of the binary ranking adapter. */
export const constructRankingBlock: ExampleBlockBuilder = (
  spec: AdapterSpec,
  instance: Instance,
  includeOutput,
  referenceIndex,
) => {
  let indices: number[];
  if (instance.split === TRAIN_SPLIT) {
    indices = instance.references.map((_, i) => i);
  } else {
    if (referenceIndex === null) {
      throw new AppError({
        code: 'adapter.invalid_state',
        message: 'ranking_binary: an eval block needs a reference index.',
      });
    }
    indices = [referenceIndex];
  }
  const blocks = indices.map((index) => {
    const reference = instance.references[index];
    if (reference === undefined)
      throw new AppError({ code: 'adapter.invalid_state', message: `ranking_binary: no reference ${index}.` });
    const passage = spec.reference_prefix + reference.output.text + spec.reference_suffix;
    const query = spec.input_prefix + instance.input.text + spec.input_suffix;
    const label = reference.tags.includes(CORRECT_TAG) ? RANKING_CORRECT_LABEL : RANKING_WRONG_LABEL;
    const output = includeOutput ? spec.output_prefix + label + spec.output_suffix : pythonRstrip(spec.output_prefix);
    return passage + query + output;
  });
  return blocks.join(spec.instance_prefix);
};

export function createRankingBinaryAdapter(): Adapter {
  return {
    method: RANKING_BINARY_METHOD,
    adapt({
      adapterSpec: spec,
      trainInstances,
      evalInstances,
      trialIndex,
      tokenCounter,
    }: AdaptationInput): RequestState[] {
      return evalInstances.flatMap((instance) =>
        instance.references.map((_, referenceIndex): RequestState => {
          const prompt = constructPrompt(
            spec,
            constructRankingBlock,
            trainInstances,
            instance,
            false,
            referenceIndex,
            tokenCounter,
          );
          return {
            instance,
            reference_index: referenceIndex,
            request_mode: 'original',
            train_trial_index: trialIndex,
            output_mapping: null,
            request: buildSpecDecodingRequest(spec, prompt),
            result: null,
            num_train_instances: prompt.trainInstanceBlocks.length,
            prompt_truncated: isPromptTruncated(prompt),
          };
        }),
      );
    },
  };
}
