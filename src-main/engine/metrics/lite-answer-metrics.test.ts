import { describe, expect, it } from 'vitest';
import { exactMatchIndicator, finalNumberExactMatch } from './final-number';
import { isEquivChainOfThought, stripMathString } from './math-equiv';
import { testRequest } from '../../../dev/testing/helm-request';
import { DEFAULT_ADAPTER_SPEC } from '../../../src-shared/helm/run-spec';
import type { Stat } from '../../../src-shared/helm/stat';
import { createApproximateTokenCounter } from '../tokens/approximate-token-counter';
import type { CompletedRequestState } from '../types';
import { BASIC_GENERATION_METRIC, createMetricRegistry } from './index';

// HELM's own test_evaluate_reference_metrics.py (v0.5.4 = HEAD), every assertion.
describe('final_number_exact_match and exact_match_indicator (test_evaluate_reference_metrics.py)', () => {
  it('exact_match_indicator', () => {
    expect(exactMatchIndicator('33', '33')).toBe(1);
    expect(exactMatchIndicator('33', 'stuff 33')).toBe(1);
    expect(exactMatchIndicator('stuff 33', '33')).toBe(1);
    expect(exactMatchIndicator('33', '33 stuff')).toBe(0);
  });

  it('final_number_exact_match', () => {
    expect(finalNumberExactMatch('33', '33')).toBe(1);
    expect(finalNumberExactMatch('33', '33 eggs.')).toBe(1);
    expect(finalNumberExactMatch('33', '-33')).toBe(0);
    expect(finalNumberExactMatch('-33', '-33')).toBe(1);
    expect(finalNumberExactMatch('The answer is 33', '\\boxed{33}')).toBe(1);
    expect(finalNumberExactMatch('The answer is 33', '\\boxed{33} and 34')).toBe(0);
    expect(finalNumberExactMatch('34.2', '2')).toBe(0);
    expect(finalNumberExactMatch('342', '342.')).toBe(1);
    expect(finalNumberExactMatch('3,420', '3420')).toBe(1);
  });

  it("keeps Python's unescaped '.' (any character but a newline) and Unicode digits", () => {
    // Values printed by Python 3's re with HELM's pattern.
    expect(finalNumberExactMatch('1x5', 'a 1x5 b')).toBe(1);
    expect(finalNumberExactMatch('5', 'x 1\n5')).toBe(1);
    expect(finalNumberExactMatch('-5', '-,5')).toBe(1);
    expect(finalNumberExactMatch('The answer is 72.', 'no number')).toBe(0);
  });
});

// The docstring examples of math_scenario.py (`_fix_fracs`, `_fix_a_slash_b`, `_fix_sqrt`), and
// is_equiv_chain_of_thought values printed by HELM v0.5.4's own functions under Python 3.
describe('MATH equivalence (math_scenario.py)', () => {
  it('normalizes as the docstrings show', () => {
    expect(stripMathString('\\frac1b')).toBe('\\frac{1}{b}');
    expect(stripMathString('\\frac12')).toBe('\\frac{1}{2}');
    expect(stripMathString('\\frac1{72}')).toBe('\\frac{1}{72}');
    expect(stripMathString('2/3')).toBe('\\frac{2}{3}');
    expect(stripMathString('\\sqrt3')).toBe('\\sqrt{3}');
    expect(stripMathString('k = 5')).toBe('5');
    expect(stripMathString('abc = 5')).toBe('abc=5');
    expect(stripMathString(' .5')).toBe('\\frac{1}{2}');
  });

  const cases: [string, string, number][] = [
    ['\\boxed{\\frac{1}{2}}', 'The answer is \\boxed{0.5}.', 1],
    ['So $x=\\boxed{2}$.', 'thus \\boxed{2}', 1],
    ['\\boxed{\\dfrac{3}{4}}', '\\boxed{3/4}', 1],
    ['\\boxed{10\\%}', '\\boxed{10}', 1],
    ['\\boxed{5^\\circ}', '\\boxed{5}', 1],
    ['\\boxed{\\sqrt2}', '\\boxed{\\sqrt{2}}', 1],
    ['\\boxed{x = 3}', '\\boxed{3}', 1],
    ['\\boxed{\\text{(A)}}', '\\boxed{A}', 0],
    ['\\boxed{.5}', '\\boxed{\\frac12}', 1],
    ['\\boxed{12}', 'no box 12', 0],
    ['no box', 'no box either', 1],
    ['\\boxed{3\\text{ cm}}', '\\boxed{3}', 1],
    ['\\boxed{a\\text{ b}\\text{ c}}', '\\boxed{a\\text{ b}\\text{ c}}', 1],
    ['\\boxed{\\sqrt}', '\\boxed{\\sqrt}', 1],
    ['\\boxed{\\frac}', '\\boxed{\\frac }', 0],
    ['\\fbox{4}', '\\boxed{4}', 0],
    ['\\boxed{\\left(1,2\\right)}', '\\boxed{(1, 2)}', 1],
    ['\\boxed{-1/2}', '\\boxed{-\\frac{1}{2}}', 0],
    ['\\boxed{01/2}', '\\boxed{\\frac{1}{2}}', 0],
    ['\\boxed{\\frac1{72}}', '\\boxed{\\frac{1}{72}}', 1],
    ['\\boxed{\\$5}', '\\boxed{5}', 1],
    ['\\boxed{\\{1\\}}', '\\boxed{\\{1\\}}', 1],
  ];
  it.each(cases)('is_equiv_chain_of_thought(%j, %j) = %d', (gold, prediction, expected) => {
    expect(isEquivChainOfThought(gold, prediction)).toBe(expected);
  });
});

// The Lite main metrics through HELM's BasicGenerationMetric (the metric spec our Lite run specs emit).
describe('Lite main metrics through BasicGenerationMetric', () => {
  const metric = (names: string[]) =>
    createMetricRegistry().get(BASIC_GENERATION_METRIC)(
      { names },
      { tokenCounter: createApproximateTokenCounter(4096) },
    );
  const state = (gold: string, completion: string): CompletedRequestState => ({
    instance: {
      input: { text: 'Q' },
      references: [{ output: { text: gold }, tags: ['correct'] }],
      split: 'test',
      id: 'id3',
    },
    train_trial_index: 0,
    num_train_instances: 1,
    prompt_truncated: false,
    request: testRequest({ model: 'm', prompt: 'Q:', num_completions: 1, stop_sequences: ['\n\n'] }),
    result: {
      success: true,
      cached: false,
      request_time: 0.1,
      completions: [{ text: completion, logprob: -1, tokens: [{ text: completion, logprob: -1 }] }],
    },
  });
  const value = (stats: readonly Stat[], name: string): number | undefined => {
    const stat = stats.find((candidate) => candidate.name.name === name);
    return stat ? stat.sum / stat.count : undefined;
  };
  const spec = { ...DEFAULT_ADAPTER_SPEC, num_outputs: 1 };

  it('GSM8K: final_number_exact_match and exact_match_indicator', () => {
    const stats = metric(['exact_match_indicator', 'final_number_exact_match']).evaluateInstance(spec, [
      state('Tom has 2 + 3 = <<2+3=5>>5 apples. The answer is 5.', ' He has 5 apples. The answer is 5.\n'),
    ]);
    expect(value(stats, 'final_number_exact_match')).toBe(1);
    expect(value(stats, 'exact_match_indicator')).toBe(1);
  });

  it('MATH: math_equiv_chain_of_thought compares the last \\boxed answers', () => {
    const m = metric(['math_equiv_chain_of_thought']);
    expect(
      value(
        m.evaluateInstance(spec, [state('so $\\boxed{\\frac12}$.', ' We get \\boxed{0.5}.')]),
        'math_equiv_chain_of_thought',
      ),
    ).toBe(1);
    expect(
      value(m.evaluateInstance(spec, [state('so $\\boxed{3}$.', ' It is 3.')]), 'math_equiv_chain_of_thought'),
    ).toBe(0);
  });
});
