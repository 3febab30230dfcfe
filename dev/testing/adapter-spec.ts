/** A HELM generation `AdapterSpec` for tests, so each test states only the fields it is about. */
import { DEFAULT_ADAPTER_SPEC } from '../../src-shared/helm/run-spec';
import type { AdapterSpec } from '../../src-shared/helm/run-spec';

/**
 * BoolQ's generation spec from HELM Classic (`Passage: ` / `Answer: ` blocks, no instructions, up to 5
 * in-context examples, one greedy output of at most 5 tokens stopping at a newline) without model names;
 * `fields` override any of it. Tests that count prompt tokens by hand rely on these prefixes.
 */
export function testGenerationSpec(fields: Partial<AdapterSpec> = {}): AdapterSpec {
  return {
    ...DEFAULT_ADAPTER_SPEC,
    instructions: '',
    input_prefix: 'Passage: ',
    input_suffix: '\n',
    output_prefix: 'Answer: ',
    output_suffix: '\n',
    max_train_instances: 5,
    num_outputs: 1,
    temperature: 0,
    max_tokens: 5,
    stop_sequences: ['\n'],
    ...fields,
  };
}
