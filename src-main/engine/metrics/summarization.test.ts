import { describe, expect, it } from 'vitest';
import { testRequest } from '../../../dev/testing/helm-request';
import type { RequestState } from '../../../src-shared/helm/request';
import { DEFAULT_ADAPTER_SPEC } from '../../../src-shared/helm/run-spec';
import {
  dataStats,
  fragmentLengths,
  removeBraces,
  SUMMARIZATION_NOT_COMPUTED,
  SummarizationMetric,
  spacyLikeTokenize,
} from './summarization';

function state(input: string, references: string[], completion: string): RequestState {
  return {
    instance: {
      input: { text: input },
      references: references.map((text) => ({ output: { text }, tags: ['correct'] })),
      split: 'test',
      id: 'id7',
    },
    train_trial_index: 0,
    request: testRequest({ model: 'org/m', prompt: '', temperature: 0.3, max_tokens: 128, stop_sequences: ['###'] }),
    result: { success: true, cached: false, completions: [{ text: completion, logprob: 0, tokens: [] }] },
    num_train_instances: 5,
    prompt_truncated: false,
  };
}

describe('extractive fragment statistics', () => {
  it('tokenizes like spaCy on punctuation, clitics and hyphens', () => {
    expect(spacyLikeTokenize('"Hi," she didn\'t say (twice).')).toEqual([
      '"',
      'Hi',
      ',',
      '"',
      'she',
      'did',
      "n't",
      'say',
      '(',
      'twice',
      ')',
      '.',
    ]);
    expect(spacyLikeTokenize('a well-known U.S. fact')).toEqual(['a', 'well', '-', 'known', 'U.S.', 'fact']);
  });
  it('finds greedy longest fragments (newsroom Fragments._match)', () => {
    // summary a b c x a b; text a b c a b → fragments "a b c" (3) and "a b" (2); x matches nothing.
    expect(fragmentLengths(['a', 'b', 'c', 'x', 'a', 'b'], ['a', 'b', 'c', 'a', 'b'])).toEqual([3, 2]);
  });
  it('computes coverage Σ|f|/|S|, density Σ|f|²/|S| and compression |A|/|S| on lower-cased tokens', () => {
    // summary "The cat sat today" vs "the cat sat on the mat today": fragments 3 and 1 over 4 tokens.
    expect(dataStats('the cat sat on the mat today', 'The cat sat today')).toEqual({
      coverage: 1,
      density: 2.5,
      compression: 7 / 4,
    });
    expect(dataStats('anything', '')).toEqual({ coverage: 0, density: 0, compression: 0 });
  });
});

describe('SummarizationMetric', () => {
  it('reports rouge_1/2/L (max over references) and fragment stats on the instance split', () => {
    const stats = new SummarizationMetric().evaluateInstance(DEFAULT_ADAPTER_SPEC, [
      state('{The cat sat on the mat today.}', ['{A dog barked.}', 'The cat sat.'], ' The cat sat today. '),
    ]);
    const value = (name: string): number | undefined => stats.find((s) => s.name.name === name)?.sum;
    // Prediction tokens "the cat sat today"; best reference "the cat sat": rouge1 P 3/4 R 3/3 → F 6/7.
    expect(value('rouge_1')).toBeCloseTo(6 / 7, 15);
    // Bigrams: "the cat", "cat sat" shared; P 2/3, R 2/2 → F 0.8.
    expect(value('rouge_2')).toBeCloseTo(0.8, 15);
    expect(value('rouge_l')).toBeCloseTo(6 / 7, 15);
    // Prediction (braces removed) "The cat sat today ." vs input "The cat sat on the mat today ." → fragments 3, 2 over 5 tokens.
    expect(value('summarization_coverage')).toBe(1);
    expect(value('summarization_density')).toBe((9 + 4) / 5);
    expect(value('summarization_compression')).toBe(8 / 5);
    expect(stats.every((s) => s.name.split === 'test' && s.count === 1)).toBe(true);
    expect(stats.map((s) => s.name.name)).not.toContain('summac');
    expect(Object.keys(SUMMARIZATION_NOT_COMPUTED)).toContain('summac');
  });
  it('removes one outer brace pair only', () => {
    expect(removeBraces('{{a}}')).toBe('{a}');
  });
});
