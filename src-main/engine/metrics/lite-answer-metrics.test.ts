import { describe, expect, it } from 'vitest';
import { exactMatchIndicator, finalNumberExactMatch } from './final-number';
import { isEquivChainOfThought, stripMathString } from './math-equiv';

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
