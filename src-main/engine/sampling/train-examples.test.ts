import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../src-shared/helm/instance';
import { sampleTrainExamples } from './train-examples';

function train(labels: readonly (string | null)[]): Instance[] {
  return labels.map((label, index) => ({
    input: { text: `x${index}` },
    references: label === null ? [] : [{ output: { text: label }, tags: ['correct'] }],
    split: 'train',
    id: `id${index}`,
  }));
}

const picked = (examples: readonly Instance[]): number[] =>
  examples.map((instance) => Number(instance.input.text.slice(1)));

// Expected indices were printed by a line-by-line Python transcription of HELM's
// `InContextLearningAdapter.sample_examples` (in_context_learning_adapter.py) run with CPython 3.11.7's
// `random` on the same synthetic training sets.
describe('sampleTrainExamples', () => {
  it('cycles labels by frequency (Yes ×13, No ×7) for several trials', () => {
    const yesNo = train(Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? 'No' : 'Yes')));
    expect(picked(sampleTrainExamples(yesNo, 5, 0))).toEqual([10, 18, 11, 0, 7]);
    expect(picked(sampleTrainExamples(yesNo, 5, 1))).toEqual([4, 12, 2, 6, 5]);
    expect(picked(sampleTrainExamples(yesNo, 5, 2))).toEqual([1, 0, 4, 9, 7]);
  });

  it('shuffles labels of equal frequency', () => {
    const multi = train(Array.from({ length: 40 }, (_, i) => `c${i % 7}`));
    expect(picked(sampleTrainExamples(multi, 5, 0))).toEqual([23, 15, 21, 18, 31]);
    expect(picked(sampleTrainExamples(multi, 5, 1))).toEqual([23, 24, 39, 21, 8]);
    expect(picked(sampleTrainExamples(train(['x', 'y', 'z', 'x', 'y', 'z', 'w']), 4, 3))).toEqual([4, 5, 0, 6]);
  });

  it('uses all MMLU-style distinct labels in shuffled order, whatever the input order', () => {
    const five = train(['t0', 't1', 't2', 't3', 't4']);
    expect(picked(sampleTrainExamples(five, 5, 0))).toEqual([2, 1, 0, 4, 3]);
    expect(picked(sampleTrainExamples([...five].reverse(), 5, 0))).toEqual([2, 1, 0, 4, 3]);
  });

  it('samples unlabeled instances with random.sample', () => {
    expect(picked(sampleTrainExamples(train(Array<null>(30).fill(null)), 5, 1))).toEqual([4, 18, 27, 25, 24]);
  });

  it('stops instead of looping forever when fewer labelled than wanted (deliberate deviation)', () => {
    const mixed = train(['a', null, 'b', null, 'b', ...Array<null>(10).fill(null)]);
    expect(picked(sampleTrainExamples(mixed, 5, 0))).toEqual([4, 0, 2, 7, 11]);
  });

  it('takes consecutive slices without sample_train, and handles tiny inputs', () => {
    const ten = train(Array.from({ length: 10 }, (_, i) => `l${i}`));
    expect(picked(sampleTrainExamples(ten, 3, 1, false))).toEqual([3, 4, 5]);
    expect(sampleTrainExamples([], 5, 0)).toEqual([]);
    expect(sampleTrainExamples(ten, 0, 0)).toEqual([]);
    expect(picked(sampleTrainExamples(train(['only']), 5, 0))).toEqual([0]);
  });
});
