import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { bleu1, bleu4, sentenceBleu } from './bleu';
import { rougeL } from './rouge';
import { sentTokenize, wordTokenize } from './word-tokenize';

describe('word_tokenize', () => {
  it('splits sentence-final periods, currency and keeps inner periods (nltk documentation example)', () => {
    expect(wordTokenize('Good muffins cost $3.88\nin New York.  Please buy me\ntwo of them.\nThanks.')).toEqual([
      'Good',
      'muffins',
      'cost',
      '$',
      '3.88',
      'in',
      'New',
      'York',
      '.',
      'Please',
      'buy',
      'me',
      'two',
      'of',
      'them',
      '.',
      'Thanks',
      '.',
    ]);
  });
  it('splits clitics and contractions', () => {
    expect(wordTokenize("They'll save and invest more.")).toEqual([
      'They',
      "'ll",
      'save',
      'and',
      'invest',
      'more',
      '.',
    ]);
    expect(wordTokenize("hi, my name can't hello,")).toEqual(['hi', ',', 'my', 'name', 'ca', "n't", 'hello', ',']);
  });
  it('turns double quotes into Treebank quotes', () => {
    expect(wordTokenize('He said "no" (twice).')).toEqual(['He', 'said', '``', 'no', "''", '(', 'twice', ')', '.']);
  });
  it('does not end a sentence after an abbreviation or an initial', () => {
    expect(sentTokenize('Mr. Smith met J. Doe. They talked.')).toEqual(['Mr. Smith met J. Doe.', 'They talked.']);
  });
});

describe('sentence BLEU (nltk, no smoothing)', () => {
  const reference = 'the cat is on the mat';
  it('bleu_1 is the clipped unigram precision when the hypothesis is as long as the reference: 5/6', () => {
    expect(bleu1(reference, 'the cat sat on the mat')).toBeCloseTo(5 / 6, 15);
  });
  it('bleu_4 with unigram matches but no 4-gram match is exp(log(float_min)), not 0', () => {
    expect(bleu4(reference, 'the cat sat on the mat')).toBe(Math.exp(Math.log(2.2250738585072014e-308)));
    expect(bleu4(reference, 'the cat sat on the mat')).toBeGreaterThan(0);
  });
  it('is exactly 0 without any unigram match', () => {
    expect(bleu4(reference, 'dogs bark')).toBe(0);
    expect(bleu1(reference, '')).toBe(0);
  });
  it('applies the brevity penalty exp(1 − r/c)', () => {
    expect(bleu1(reference, 'the cat')).toBeCloseTo(Math.exp(1 - 6 / 2), 15);
  });
  it('is 1 for an identical sentence of at least 4 tokens', () => {
    expect(sentenceBleu([['a', 'b', 'c', 'd']], ['a', 'b', 'c', 'd'], [0.25, 0.25, 0.25, 0.25])).toBeCloseTo(1, 15);
  });
});

// HELM's real NarrativeQA run (gpt2, 5 instances): re-scoring its recorded outputs reproduces its stats exactly.
describe.skipIf(!sharedData)('golden: HELM NarrativeQA per-instance rouge_l, bleu_1, bleu_4', () => {
  interface StateJson {
    request_states: {
      instance: { id: string; references: { output: { text: string } }[] };
      result: { completions: { text: string }[] };
    }[];
  }
  interface StatsJson {
    instance_id: string;
    stats: { name: { name: string }; sum: number }[];
  }
  it('matches every value bit for bit', () => {
    const dir = sharedPath('every_eval_ever', 'tests_data_helm', 'narrative_qa-model=openai_gpt2');
    // JSON from HELM's own run directory; shapes declared just above.
    const state = JSON.parse(readFileSync(`${dir}/scenario_state.json`, 'utf8')) as StateJson;
    const stats = JSON.parse(readFileSync(`${dir}/per_instance_stats.json`, 'utf8')) as StatsJson[];
    let checked = 0;
    for (const requestState of state.request_states) {
      const prediction = (requestState.result.completions[0]?.text ?? '').trim();
      const golds = requestState.instance.references.map((reference) => reference.output.text);
      const expected = stats.find((entry) => entry.instance_id === requestState.instance.id)?.stats ?? [];
      const value = (name: string): number | undefined => expected.find((stat) => stat.name.name === name)?.sum;
      const best = (score: (gold: string, pred: string) => number): number =>
        Math.max(...golds.map((gold) => score(gold, prediction)));
      expect(best(rougeL)).toBe(value('rouge_l'));
      expect(best(bleu1)).toBe(value('bleu_1'));
      expect(best(bleu4)).toBe(value('bleu_4'));
      checked += 1;
    }
    expect(checked).toBe(5);
  });
});
