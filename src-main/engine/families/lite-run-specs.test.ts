/**
 * HELM Lite run specs and prompts (run_specs/lite_run_specs.py and run_expander.py at v0.5.4): run names, the
 * efficient entries' split, adapter settings, `follow_format_instructions=instruct`, and whole prompts built by
 * the real adapters, spelled out by hand from HELM's prompt layout (docs/helm-fidelity.md §6).
 */
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../src-shared/helm/instance';
import { createAdapterRegistry } from '../adapters';
import { buildRunSpec, buildRunSpecsForEntries } from '../run-specs/build-run-spec';
import type { UserModel } from '../run-specs/build-run-spec';
import { createApproximateTokenCounter } from '../tokens/approximate-token-counter';
import { LITE_FAMILY, createBoardFamilyRegistry, runSpecRegistryOf } from './index';
import { liteRunEntries, splitExamples } from './lite-entries';

const registry = runSpecRegistryOf(LITE_FAMILY);
const chat: UserModel = { name: 'acme/chat-model', instructionFollowing: true };
const base: UserModel = { name: 'acme/base-model' };

function prompt(description: string, train: Instance[], evalInstance: Instance, model = chat): string {
  const spec = buildRunSpec(description, model, { registry }).adapter_spec;
  const [state] = createAdapterRegistry()
    .get(spec.method)
    .adapt({
      adapterSpec: spec,
      trainInstances: train,
      evalInstances: [{ ...evalInstance, id: 'id9' }],
      trialIndex: 0,
      tokenCounter: createApproximateTokenCounter(1_000_000),
    });
  return state?.request.prompt ?? '';
}
const item = (input: string, answer: string, split = 'train', id = 'id0'): Instance => ({
  input: { text: input },
  references: [{ output: { text: answer }, tags: ['correct'] }],
  split,
  id,
});

const PREFIX =
  'Here are some input-output examples. Read the examples carefully to figure out the mapping. The output of the last example is not given, and your job is to figure out what it is.\n\n';
const suffix = (outputNoun: string): string =>
  `\n\nPlease provide the output to this last example. It is critical to follow the format of the preceding outputs!\n${outputNoun}`;

describe('efficient Lite entries', () => {
  it('split N over a column’s sub-runs: ⌊N/k⌋ each, the last N mod k one more, at least 1', () => {
    expect(splitExamples(10, 5)).toEqual([2, 2, 2, 2, 2]);
    expect(splitExamples(10, 7)).toEqual([1, 1, 1, 1, 2, 2, 2]);
    expect(splitExamples(20, 9)).toEqual([2, 2, 2, 2, 2, 2, 2, 3, 3]); // = HELM Classic's CivilComments _20
    expect(splitExamples(100, 11)).toEqual([...Array<number>(10).fill(9), 10]); // = RAFT _100
    expect(splitExamples(10, 11)).toEqual(Array<number>(11).fill(1)); // = RAFT _10
  });

  it('has the 28 priority ≤ 2 entries, N per column, and HELM run names with the nested eval prefix', () => {
    const entries = liteRunEntries(10);
    expect(entries).toHaveLength(28);
    const specs = buildRunSpecsForEntries(entries, base, { registry });
    const perGroup = new Map<string, number>();
    for (const spec of specs) {
      const group = spec.groups[0] ?? '';
      perGroup.set(group, (perGroup.get(group) ?? 0) + (spec.adapter_spec.max_eval_instances ?? 0));
    }
    expect(Object.fromEntries(perGroup)).toEqual({
      narrative_qa: 10,
      natural_qa_openbook_longans: 10,
      natural_qa_closedbook: 10,
      openbookqa: 10,
      mmlu: 10,
      math_chain_of_thought: 10,
      gsm: 10,
      legalbench: 10,
      med_qa: 10,
      wmt_14: 10,
    });
    expect(specs.map((spec) => spec.name).slice(0, 6)).toEqual([
      'narrative_qa:model=acme_base-model,max_eval_instances=10',
      'natural_qa:mode=openbook_longans,model=acme_base-model,max_eval_instances=10',
      'natural_qa:mode=closedbook,model=acme_base-model,max_eval_instances=10',
      'commonsense:dataset=openbookqa,method=multiple_choice_joint,model=acme_base-model,max_eval_instances=10',
      'mmlu:subject=abstract_algebra,method=multiple_choice_joint,model=acme_base-model,max_eval_instances=2',
      'mmlu:subject=college_chemistry,method=multiple_choice_joint,model=acme_base-model,max_eval_instances=2',
    ]);
    expect(specs.map((spec) => spec.name)).toContain(
      'math:subject=number_theory,level=1,use_official_examples=False,use_chain_of_thought=True,model=acme_base-model,max_eval_instances=1',
    );
    expect(specs.map((spec) => spec.name)).toContain(
      'wmt_14:language_pair=hi-en,model=acme_base-model,max_eval_instances=2',
    );
    // `all`: HELM's own run names, capped at the leaderboard's 1,000 by the CLI option.
    const all = createBoardFamilyRegistry().get('lite');
    const full = buildRunSpecsForEntries(all.entries('all'), base, { registry, ...all.buildOptions('all') });
    expect(full[6]?.name).toBe('mmlu:subject=computer_security,method=multiple_choice_joint,model=acme_base-model');
    expect(full.every((spec) => spec.adapter_spec.max_eval_instances === 1000)).toBe(true);
  });

  it('keeps HELM’s metric specs: BasicGenerationMetric names per scenario, harms off', () => {
    const names = (description: string): unknown =>
      buildRunSpec(description, base, { registry }).metric_specs.map((spec) => [
        spec.class_name.split('.').pop(),
        spec.args,
      ]);
    expect(names('gsm:model=text_code')).toEqual([
      ['BasicGenerationMetric', { names: ['exact_match_indicator', 'final_number_exact_match'] }],
      ['InstancesPerSplitMetric', {}],
    ]);
    expect(names('math:model=text_code,subject=algebra,level=1,use_chain_of_thought=True')).toEqual([
      ['BasicGenerationMetric', { names: ['math_equiv_chain_of_thought'] }],
      ['BasicReferenceMetric', {}],
      ['InstancesPerSplitMetric', {}],
    ]);
    expect(buildRunSpec('wmt_14:language_pair=de-en,model=text', base, { registry }).metric_specs[0]?.args).toEqual({
      names: ['exact_match', 'quasi_exact_match', 'f1_score', 'rouge_l', 'bleu_1', 'bleu_4'],
    });
    expect(buildRunSpec('med_qa:model=text_code', base, { registry }).adapter_spec).toMatchObject({
      method: 'multiple_choice_joint',
      max_tokens: 1,
      num_outputs: 5,
    });
  });
});

describe('Lite prompts', () => {
  it('follow_format_instructions=instruct: global prefix/suffix for instruction-following models only; names unchanged', () => {
    const description = 'gsm:model=text_code,follow_format_instructions=instruct';
    expect(buildRunSpec(description, chat, { registry }).adapter_spec).toMatchObject({
      global_prefix: PREFIX,
      global_suffix: suffix('A:'),
    });
    expect(buildRunSpec(description, chat, { registry }).name).toBe('gsm:model=acme_chat-model');
    expect(buildRunSpec(description, base, { registry }).adapter_spec).toMatchObject({
      global_prefix: '',
      global_suffix: '',
    });
    expect(() =>
      buildRunSpec('med_qa:model=text_code,follow_format_instructions=instruct', chat, { registry }),
    ).toThrow(/generation/);
  });

  it('GSM8K: Q/A blocks, stop at a blank line, 400 tokens', () => {
    const text = prompt(
      'gsm:model=text_code,follow_format_instructions=instruct',
      [item('Tom has 2 apples and buys 3. How many?', 'Tom has 2 + 3 = <<2+3=5>>5 apples. The answer is 5.')],
      item('Ann has 4 pens and loses 1. How many?', 'x', 'test'),
    );
    expect(text).toBe(
      `${PREFIX}Q: Tom has 2 apples and buys 3. How many?\nA: Tom has 2 + 3 = <<2+3=5>>5 apples. The answer is 5.\n\nQ: Ann has 4 pens and loses 1. How many?\nA:${suffix('A:')}`,
    );
    const spec = buildRunSpec('gsm:model=text_code', base, { registry }).adapter_spec;
    expect([spec.max_tokens, spec.stop_sequences, spec.max_train_instances]).toEqual([400, ['\n\n'], 5]);
  });

  it('MATH with chain of thought: instructions, `###` between examples, whole solutions as answers', () => {
    const text = prompt(
      'math:model=text_code,subject=algebra,level=1,use_chain_of_thought=True',
      [item('What is $1+1$?', 'We add: $1+1=\\boxed{2}$.')],
      item('What is $2+2$?', 'x', 'test'),
      base,
    );
    expect(text).toBe(
      'Given a mathematics problem, determine the answer. Simplify your answer as much as possible.\n###\nProblem: What is $1+1$?\nAnswer: We add: $1+1=\\boxed{2}$.\n###\nProblem: What is $2+2$?\nAnswer:',
    );
    const spec = buildRunSpec('math:model=text_code,subject=algebra,level=1,use_chain_of_thought=True', base, {
      registry,
    }).adapter_spec;
    expect([spec.max_tokens, spec.stop_sequences, spec.max_train_instances]).toEqual([400, ['###'], 8]);
  });

  it('LegalBench: subset instructions, no input noun, the subset’s output noun', () => {
    const text = prompt(
      'legalbench:model=text_code,subset=abercrombie',
      [item('Description: The mark "Ivory" for a product made of elephant tusks.', 'generic')],
      item('Description: The mark "Apple" for computers.', 'x', 'test'),
      base,
    );
    expect(text).toBe(
      'A mark is generic if it is the common name for the product. A mark is descriptive if it describes a purpose, nature, or attribute of the product. A mark is suggestive if it suggests or implies a quality or characteristic of the product. A mark is arbitrary if it is a real English word that has no relation to the product. A mark is fanciful if it is an invented word. Label the type of mark for the following products.\n\nDescription: The mark "Ivory" for a product made of elephant tusks.\nType: generic\n\nDescription: The mark "Apple" for computers.\nType:',
    );
  });

  it('WMT14: instructions without a trailing newline, one shot, `English:` output', () => {
    const text = prompt(
      'wmt_14:language_pair=de-en,model=text,follow_format_instructions=instruct',
      [item('Guten Morgen.', 'Good morning.')],
      item('Danke.', 'x', 'test'),
    );
    expect(text).toBe(
      `${PREFIX}Translate the following sentences from German to English.\nGerman: Guten Morgen.\nEnglish: Good morning.\n\nGerman: Danke.\nEnglish:${suffix('English:')}`,
    );
    const spec = buildRunSpec('wmt_14:language_pair=de-en,model=text', base, { registry }).adapter_spec;
    expect([spec.max_tokens, spec.stop_sequences, spec.max_train_instances]).toEqual([100, ['\n\n'], 1]);
  });

  it('MedQA and OpenbookQA: multiple_choice_joint with lettered choices', () => {
    const choices = (correct: number): Instance['references'] =>
      ['Aspirin', 'Rest', 'Surgery', 'Water'].map((text, i) => ({
        output: { text },
        tags: i === correct ? ['correct'] : [],
      }));
    const text = prompt(
      'med_qa:model=text_code',
      [{ input: { text: 'A man has a headache.' }, references: choices(0), split: 'train', id: 'id0' }],
      { input: { text: 'A woman is tired.' }, references: choices(1), split: 'test' },
      base,
    );
    expect(text).toBe(
      'The following are multiple choice questions (with answers) about medicine.\n\nQuestion: A man has a headache.\nA. Aspirin\nB. Rest\nC. Surgery\nD. Water\nAnswer: A\n\nQuestion: A woman is tired.\nA. Aspirin\nB. Rest\nC. Surgery\nD. Water\nAnswer:',
    );
    expect(
      buildRunSpec('commonsense:model=text_code,dataset=openbookqa,method=multiple_choice_joint', base, { registry })
        .scenario_spec,
    ).toEqual({ class_name: 'helm.benchmark.scenarios.commonsense_scenario.OpenBookQA', args: {} });
  });
});
