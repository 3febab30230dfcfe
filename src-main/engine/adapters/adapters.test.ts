import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../src-shared/helm/instance';
import type { AdapterSpec } from '../../../src-shared/helm/run-spec';
import { testGenerationSpec } from '../../../dev/testing/adapter-spec';
import { testRequest } from '../../../dev/testing/helm-request';
import { createApproximateTokenCounter } from '../tokens/approximate-token-counter';
import { createCountingTokenCounter } from '../tokens/exact-token-counter';
import type { TokenCounter } from '../types';
import { createAdapterRegistry } from './index';

// Expected prompts are written out by hand from HELM's construct_prompt rules (adaptation/prompt.py,
// in_context_learning_adapter.py, multiple_choice_*_adapter.py): blocks joined by instance_prefix,
// instructions as their own block, the eval block ending with output_prefix.rstrip().

const registry = createAdapterRegistry();
const roomy = createApproximateTokenCounter(100_000);

function item(text: string, references: readonly [string, boolean][], split = 'train', id?: string): Instance {
  return {
    input: { text },
    references: references.map(([output, correct]) => ({ output: { text: output }, tags: correct ? ['correct'] : [] })),
    split,
    ...(id ? { id } : {}),
  };
}

function adapt(spec: AdapterSpec, train: Instance[], evals: Instance[], tokenCounter: TokenCounter = roomy) {
  return registry
    .get(spec.method)
    .adapt({ adapterSpec: spec, trainInstances: train, evalInstances: evals, trialIndex: 0, tokenCounter });
}

const boolq = testGenerationSpec({ model: 'org/model', model_deployment: 'org/model' });

describe('generation adapter', () => {
  it('builds HELM prompt text and Request fields', () => {
    const train = [item('Sky is blue?', [['Yes', true]]), item('No label here', [])];
    const [state] = adapt(boolq, train, [item('Grass is red?', [['No', true]], 'valid', 'id9')]);
    expect(state?.request).toStrictEqual(
      testRequest({
        model_deployment: 'org/model',
        embedding: false,
        prompt:
          'Passage: Sky is blue?\nAnswer: Yes\n\nPassage: No label here\nAnswer: n/a\n\nPassage: Grass is red?\nAnswer:',
      }),
    );
    expect(state?.num_train_instances).toBe(2);
    expect(state?.prompt_truncated).toBe(false);
    expect(state?.reference_index).toBeNull();
  });

  it('applies instructions, global prefix/suffix, substitutions and multi-label outputs', () => {
    const spec: AdapterSpec = {
      ...boolq,
      instructions: 'Answer briefly.',
      global_prefix: '<s>',
      global_suffix: '</s>',
      substitutions: [{ source: 'colou?r', target: 'hue' }],
      multi_label: true,
      random: 'r1',
    };
    const [state] = adapt(
      spec,
      [
        item('Color and colour', [
          ['a', true],
          ['b', false],
          ['c', true],
        ]),
      ],
      [item('Q', [])],
    );
    expect(state?.request.prompt).toBe(
      '<s>Answer briefly.\nPassage: Color and hue\nAnswer: a, c\n\nPassage: Q\nAnswer:</s>',
    );
    expect(state?.request.random).toBe('r1');
  });

  it('translates Python regex syntax in substitutions (named groups, \\g<name>, \\1)', () => {
    const spec: AdapterSpec = {
      ...boolq,
      substitutions: [
        { source: '(?P<label>Answer):', target: '\\g<label> =' },
        { source: '(P)assage', target: '\\1iece $ ' },
      ],
    };
    const [state] = adapt(spec, [], [item('Q', [])]);
    // Python: re.sub('(P)assage', r'\1iece $ ', re.sub('(?P<label>Answer):', r'\g<label> =', text))
    expect(state?.request.prompt).toBe('Piece $ : Q\nAnswer =');
  });

  it('drops the last train blocks first, then truncates from the right', () => {
    // One token per character: each train block "Passage: tN\nAnswer: y\n" has 22 characters.
    const perCharacter = createCountingTokenCounter((text) => text.length, 80);
    const train = [item('t1', [['y', true]]), item('t2', [['y', true]]), item('t3', [['y', true]])];
    const evalItem = item('e', [['y', true]], 'test');
    const [fitted] = adapt(boolq, train, [evalItem], perCharacter);
    // eval block 18 chars; 2 train blocks: 22·2 + 2 separators + 18 = 64, + 5 max_tokens = 69 ≤ 80; 3 would be 92
    expect(fitted?.num_train_instances).toBe(2);
    expect(fitted?.request.prompt).toBe('Passage: t1\nAnswer: y\n\nPassage: t2\nAnswer: y\n\nPassage: e\nAnswer:');
    const [cut] = adapt(boolq, train, [item('x'.repeat(100), [['y', true]], 'test')], perCharacter);
    expect(cut?.num_train_instances).toBe(0);
    expect(cut?.prompt_truncated).toBe(true);
    expect(cut?.request.prompt).toBe(`Passage: ${'x'.repeat(66)}`); // 80 − 5 = 75 characters
  });
});

describe('multiple_choice_joint adapter', () => {
  const mmlu: AdapterSpec = {
    ...boolq,
    method: 'multiple_choice_joint',
    instructions: 'The following are multiple choice questions (with answers) about anatomy.\n',
    input_prefix: 'Question: ',
    reference_prefix: 'A. ',
    reference_suffix: '\n',
    max_tokens: 1,
    num_outputs: 5,
    stop_sequences: ['\n'],
  };

  it('letters the choices, answers with the first correct letter and ignores stop sequences', () => {
    const train = [
      item('1+1?', [
        ['3', false],
        ['2', true],
      ]),
    ];
    const [state] = adapt(mmlu, train, [
      item(
        '2+2?',
        [
          ['4', true],
          ['5', false],
          ['6', false],
        ],
        'test',
      ),
    ]);
    expect(state?.request.prompt).toBe(
      'The following are multiple choice questions (with answers) about anatomy.\n\n' +
        'Question: 1+1?\nA. 3\nB. 2\nAnswer: B\n\nQuestion: 2+2?\nA. 4\nB. 5\nC. 6\nAnswer:',
    );
    expect(state?.output_mapping).toStrictEqual({ A: '4', B: '5', C: '6' });
    expect(state?.request.stop_sequences).toEqual([]);
    expect(state?.request.num_completions).toBe(1);
    expect(state?.request.top_k_per_token).toBe(5);
    expect(state?.request.max_tokens).toBe(1);
  });

  it('renumbers every occurrence of the prefix character and writes n/a without a correct choice', () => {
    const spec = { ...mmlu, instructions: '', reference_prefix: '(A) A: ' };
    const [state] = adapt(
      spec,
      [
        item('q', [
          ['x', false],
          ['y', false],
        ]),
      ],
      [item('e', [['z', false]], 'test')],
    );
    expect(state?.request.prompt).toBe(
      'Question: q\n(A) A: x\n(B) B: y\nAnswer: n/a\n\nQuestion: e\n(A) A: z\nAnswer:',
    );
  });
});

describe('multiple_choice_separate adapters', () => {
  const hellaswag: AdapterSpec = {
    ...boolq,
    method: 'multiple_choice_separate_original',
    instructions: '',
    input_prefix: '',
    input_suffix: '',
    output_prefix: ' ',
    output_suffix: '',
    max_train_instances: 0,
    temperature: 1,
    max_tokens: 7,
    stop_sequences: ['x'],
  };
  const evalItem = item(
    'A man sits',
    [
      ['down.', true],
      ['up.', false],
    ],
    'valid',
    'id3',
  );

  it('original: one echo request per choice', () => {
    const states = adapt(hellaswag, [], [evalItem]);
    expect(states.map((state) => [state.request.prompt, state.reference_index, state.request_mode])).toEqual([
      ['A man sits down.', 0, 'original'],
      ['A man sits up.', 1, 'original'],
    ]);
    const request = states[0]?.request;
    expect([request?.echo_prompt, request?.max_tokens, request?.temperature, request?.stop_sequences]).toEqual([
      true,
      0,
      0,
      [],
    ]);
  });

  it('calibrated: adds an `Answer:` request per choice, without train examples', () => {
    const spec = { ...hellaswag, method: 'multiple_choice_separate_calibrated', max_train_instances: 1 };
    const states = adapt(spec, [item('Train', [['t', true]])], [evalItem]);
    expect(
      states.map((state) => [
        state.request.prompt,
        state.reference_index,
        state.request_mode,
        state.num_train_instances,
      ]),
    ).toEqual([
      ['Train t\nA man sits down.', 0, 'original', 1],
      ['Answer: down.', 0, 'calibration', 0],
      ['Train t\nA man sits up.', 1, 'original', 1],
      ['Answer: up.', 1, 'calibration', 0],
    ]);
    expect(states[1]?.instance.input.text).toBe('A man sits');
  });
});

describe('createAdapterRegistry', () => {
  it('lists the built-in methods and accepts extra adapters', () => {
    expect(registry.names().sort()).toEqual([
      'generation',
      'multiple_choice_joint',
      'multiple_choice_separate_calibrated',
      'multiple_choice_separate_original',
    ]);
    const extra = createAdapterRegistry([{ method: 'ranking_binary', adapt: () => [] }]);
    expect(extra.has('ranking_binary')).toBe(true);
    expect(() => registry.get('nope')).toThrow(/Known: generation/);
  });
});
