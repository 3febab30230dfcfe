/**
 * Golden fidelity: rebuild every request of three real HELM runs (../shared/data/every_eval_ever/
 * tests_data_helm) from its instance, the run's adapter_spec and the train examples, and compare with
 * scenario_state.json byte for byte.
 *
 * Train examples are not stored in a run directory, so they are recovered from the recorded prompts:
 * - MMLU and HellaSwag (joint, 5 shots): the 5 train blocks of the first prompt are parsed back into
 *   instances. For MMLU we also re-sample them with `sampleTrainExamples` from a reversed list: with 5
 *   distinct labels HELM's order depends only on the sorted labels and `random.seed(0)`, not on input order.
 *   HellaSwag's 39,905 train instances are not available, so its recovered examples are used as given.
 * - NarrativeQA (generation): GPT-2's 1,025-token window left only one train block, in id1340's prompt; it is
 *   recovered from there. The other four examples are unrecoverable; we put four long synthetic ones after
 *   it, which fitting must drop, as HELM dropped the real ones.
 * Fitting uses the approximate token counter with GPT-2's window; the recorded `num_train_instances` show
 * that its decisions agree with HELM's on this run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../src-shared/helm/instance';
import type { RequestState, ScenarioState } from '../../../src-shared/helm/request';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { sampleTrainExamples } from '../sampling/train-examples';
import { createApproximateTokenCounter } from '../tokens/approximate-token-counter';
import type { TokenCounter } from '../types';
import { createAdapterRegistry } from './index';

const RUNS = 'every_eval_ever/tests_data_helm';
const MMLU = 'mmlu-subject=philosophy,method=multiple_choice_joint,model=openai_gpt2';
const HELLASWAG = 'commonsense-dataset=hellaswag,method=multiple_choice_joint,model=eleutherai_pythia-1b-v0';
const NARRATIVE_QA = 'narrative_qa-model=openai_gpt2';

function loadState(run: string): ScenarioState {
  // Boundary: HELM's own JSON, shaped as our ScenarioState record.
  return JSON.parse(readFileSync(sharedPath(RUNS, run, 'scenario_state.json'), 'utf8')) as ScenarioState;
}

/** Parses the train blocks of a joint prompt (`Question: …\nA. …\n…Answer: X\n`) back into instances. */
function jointTrainExamples(prompt: string): Instance[] {
  const block = /Question: (.*)\n((?:[A-Z]\. .*\n)+)Answer: ([A-Z])\n/g;
  return [...prompt.matchAll(block)].map((match) => {
    const choices = (match[2] as string).trimEnd().split('\n');
    return {
      input: { text: match[1] as string },
      references: choices.map((line, index) => ({
        output: { text: line.slice(3) },
        tags: String.fromCharCode(65 + index) === match[3] ? ['correct'] : [],
      })),
      split: 'train',
    };
  });
}

function adapt(state: ScenarioState, train: readonly Instance[], tokenCounter: TokenCounter): RequestState[] {
  const spec = state.adapter_spec;
  return createAdapterRegistry()
    .get(spec.method)
    .adapt({
      adapterSpec: spec,
      trainInstances: train,
      evalInstances: state.request_states.map((recorded) => recorded.instance),
      trialIndex: 0,
      tokenCounter,
    });
}

function expectSameRequests(rebuilt: readonly RequestState[], recorded: readonly RequestState[]): void {
  expect(rebuilt).toHaveLength(recorded.length);
  rebuilt.forEach((state, index) => {
    const expected = recorded[index] as RequestState;
    expect(state.request.prompt).toBe(expected.request.prompt);
    expect(state.request).toStrictEqual(expected.request);
    expect(state.num_train_instances).toBe(expected.num_train_instances);
    expect(state.prompt_truncated).toBe(expected.prompt_truncated);
    expect(state.output_mapping ?? null).toStrictEqual(expected.output_mapping ?? null);
    expect(state.train_trial_index).toBe(expected.train_trial_index);
    expect(state.num_conditioning_tokens).toBe(expected.num_conditioning_tokens);
    expect([state.reference_index ?? null, state.request_mode ?? null]).toEqual([expected.reference_index ?? null, expected.request_mode ?? null]);
  });
}

describe.skipIf(!sharedData)('golden HELM prompts', () => {
  it('MMLU philosophy: sampled train order and every joint request', () => {
    const state = loadState(MMLU);
    const recovered = jointTrainExamples(state.request_states[0]?.request.prompt ?? '');
    expect(recovered).toHaveLength(5);
    const resampled = sampleTrainExamples([...recovered].reverse(), 5, 0);
    expect(resampled.map((instance) => instance.input.text)).toEqual(recovered.map((instance) => instance.input.text));
    expectSameRequests(adapt(state, resampled, createApproximateTokenCounter(1025)), state.request_states);
  });

  it('HellaSwag: every joint request', () => {
    const state = loadState(HELLASWAG);
    const recovered = jointTrainExamples(state.request_states[0]?.request.prompt ?? '');
    expect(recovered).toHaveLength(5);
    expectSameRequests(adapt(state, recovered, createApproximateTokenCounter(2048)), state.request_states);
  });

  it('NarrativeQA: every generation request, with train blocks dropped to fit GPT-2', () => {
    const state = loadState(NARRATIVE_QA);
    const spec = state.adapter_spec;
    const withTrain = state.request_states.find((recorded) => recorded.num_train_instances === 1) as RequestState;
    const evalBlock = `${spec.input_prefix}${withTrain.instance.input.text}${spec.input_suffix}${spec.output_prefix.trimEnd()}`;
    const trainBlock = withTrain.request.prompt.slice(0, -(spec.instance_prefix.length + evalBlock.length));
    const answerAt = trainBlock.lastIndexOf(`\n${spec.output_prefix}`);
    const first: Instance = {
      input: { text: trainBlock.slice(spec.input_prefix.length, answerAt) },
      references: [{ output: { text: trainBlock.slice(answerAt + 1 + spec.output_prefix.length, -1) }, tags: ['correct'] }],
      split: 'train',
    };
    const filler = Array.from({ length: 4 }, (_, i): Instance => ({
      input: { text: `${'A long synthetic passage sentence. '.repeat(400)}\nQuestion: Filler ${i}?` },
      references: [{ output: { text: 'filler' }, tags: ['correct'] }],
      split: 'train',
    }));
    expectSameRequests(adapt(state, [first, ...filler], createApproximateTokenCounter(1025)), state.request_states);
  });
});
