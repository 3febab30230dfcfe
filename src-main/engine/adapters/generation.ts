/** The `generation` adapter (`adaptation/adapters/generation_adapter.py`): one request per eval instance. */
import type { RequestState } from '../../../src-shared/helm/request';
import type { Adapter, AdaptationInput } from '../types';
import { isPromptTruncated } from './prompt';
import { buildSpecDecodingRequest, constructExampleBlock, constructPrompt } from './in-context-learning';

export const GENERATION_METHOD = 'generation';

export function createGenerationAdapter(): Adapter {
  return {
    method: GENERATION_METHOD,
    adapt({ adapterSpec: spec, trainInstances, evalInstances, trialIndex, tokenCounter }: AdaptationInput) {
      return evalInstances.map((instance): RequestState => {
        const prompt = constructPrompt(
          spec,
          constructExampleBlock,
          trainInstances,
          instance,
          false,
          null,
          tokenCounter,
        );
        return {
          instance,
          reference_index: null,
          request_mode: null,
          train_trial_index: trialIndex,
          output_mapping: null,
          request: buildSpecDecodingRequest(spec, prompt),
          result: null,
          num_train_instances: prompt.trainInstanceBlocks.length,
          prompt_truncated: isPromptTruncated(prompt),
          num_conditioning_tokens: 0,
        };
      });
    },
  };
}
