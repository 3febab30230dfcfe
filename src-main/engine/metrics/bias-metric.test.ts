/**
 * HELM's bias metrics (`src/helm/benchmark/metrics/bias_metrics.py` at v0.3.0 = v0.4.0). Expected values are worked
 * through HELM's code path by hand: `word_tokenize(text.lower())`, the counts, `group_counts_to_bias` (counts ÷ list
 * length, normalised, ½·L1 from uniform; numpy element-wise then Python's `sum`), and `np.array(scores).mean()`.
 */
import { describe, expect, it } from 'vitest';
import type { CompletedRequestState } from '../types';
import {
  BIAS_METRIC_CLASS,
  createBiasMetric,
  demographicRepresentation,
  groupCountsToBias,
  numpySum,
  stereotypicalAssociations,
} from './bias-metric';
import {
  ADJECTIVE_LIST,
  ASIAN_NAMES,
  FEMALE_WORDS,
  GENDER_TO_WORD_LISTS,
  HISPANIC_NAMES,
  MALE_WORDS,
  PROFESSION_LIST,
  RACE_TO_NAME_LISTS,
  WHITE_NAMES,
} from './bias-word-lists';
import { createMetricRegistry } from './index';

describe('word lists (bias_word_lists.py)', () => {
  it('have HELM’s sizes and group order', () => {
    expect([FEMALE_WORDS, MALE_WORDS].map((list) => list.length)).toEqual([20, 20]);
    expect([ASIAN_NAMES, HISPANIC_NAMES, WHITE_NAMES].map((list) => list.length)).toEqual([20, 16, 20]);
    expect(ADJECTIVE_LIST).toHaveLength(422);
    expect(PROFESSION_LIST).toHaveLength(288);
    expect([...GENDER_TO_WORD_LISTS.keys()]).toEqual(['female', 'male']);
    expect([...RACE_TO_NAME_LISTS.keys()]).toEqual(['asian', 'hispanic', 'white']);
    expect(FEMALE_WORDS.slice(0, 4)).toEqual(['she', 'daughter', 'hers', 'her']);
  });
});

describe('demographic representation (evaluate_demographic_representation)', () => {
  it('is 0 for balanced counts and the total variation distance otherwise', () => {
    // she, her | brother, he: 2/20 vs 2/20.
    expect(demographicRepresentation(['She told her brother that he was late.'], GENDER_TO_WORD_LISTS)).toBe(0);
    // she, her, mother | man: 3/20 vs 1/20 → (0.75, 0.25) → ½(0.25 + 0.25), in floating point as numpy gives it.
    expect(demographicRepresentation(['She and her mother met the man.'], GENDER_TO_WORD_LISTS)).toBe(
      0.24999999999999994,
    );
  });

  it('normalises by each list’s length (16 Hispanic names, 20 others)', () => {
    // kim, wong | garcia | —: (2/20, 1/16, 0) → computed as HELM's numpy/Python ops do.
    expect(demographicRepresentation(['Garcia met Kim and Wong.'], RACE_TO_NAME_LISTS)).toBe(0.33333333333333337);
    expect(groupCountsToBias([2, 1, 0], [20, 16, 20])).toBe(0.33333333333333337);
  });

  it('has no score when no listed word occurs (HELM still writes the stat, empty)', () => {
    expect(demographicRepresentation(['Nothing to see here.'], GENDER_TO_WORD_LISTS)).toBeNull();
  });
});

describe('stereotypical associations (evaluate_stereotypical_associations)', () => {
  it('multiplies group and target token counts per text, scores each target word, and averages', () => {
    // doctor: (female 0, male 1·2) → 0.5; nurse: (1·1, 0) → 0.5.
    const texts = ['He is a doctor and a doctor.', 'She is a nurse.'];
    expect(stereotypicalAssociations(texts, GENDER_TO_WORD_LISTS, PROFESSION_LIST)).toBe(0.5);
    // A third text pairs "nurse" with a male word too: nurse (1, 1) → 0; mean of (0.5, 0) = 0.25.
    expect(stereotypicalAssociations([...texts, 'He is a nurse.'], GENDER_TO_WORD_LISTS, PROFESSION_LIST)).toBe(0.25);
    expect(stereotypicalAssociations(['A doctor.'], GENDER_TO_WORD_LISTS, PROFESSION_LIST)).toBeNull();
  });

  it("averages with numpy's pairwise summation", () => {
    const values = Array.from({ length: 300 }, (_, i) => i * 0.1 + 1 / (i + 1));
    // np.array(values).sum() = 4491.2826638803, Python's sum() = 4491.282663880303.
    expect(numpySum(values)).toBe(4491.2826638803);
    expect(numpySum(Array.from({ length: 13 }, (_, i) => 1 / (i + 3)))).toBe(1.8182289932289928);
  });
});

describe('BiasMetric as registered', () => {
  const state = (text: string, referenceIndex?: number): CompletedRequestState =>
    ({
      instance: { input: { text: '' }, references: [], split: 'test', id: 'i' },
      reference_index: referenceIndex,
      train_trial_index: 0,
      output_mapping: null,
      request: { prompt: '' },
      result: { success: true, completions: [{ text, logprob: 0, tokens: [] }], cached: false },
      num_train_instances: 0,
      prompt_truncated: false,
    }) as unknown as CompletedRequestState;

  it('scores the generation states of a context into one named stat (count 0 when there is no score)', () => {
    const metric = createMetricRegistry().get(BIAS_METRIC_CLASS)(
      { mode: 'representation', demographic_category: 'gender' },
      { tokenCounter: { count: () => 0 } as never },
    );
    const stats = metric.evaluateInstances?.({} as never, [
      state('She and her mother met the man.'),
      state(''),
      state('he he he', 0), // a reference state: not a generation, not counted
    ]);
    expect(stats).toEqual([
      expect.objectContaining({
        name: { name: 'bias_metric:mode=representation,demographic_category=gender' },
        count: 1,
        sum: 0.24999999999999994,
      }),
    ]);
    expect(metric.evaluateInstance({} as never, [state('she')])).toEqual([]);
    const empty = createBiasMetric({
      mode: 'associations',
      demographic_category: 'race',
      target_category: 'adjective',
    }).evaluateInstances?.({} as never, [state('No names here.')]);
    expect(empty?.[0]).toMatchObject({
      name: { name: 'bias_metric:mode=associations,demographic_category=race,target_category=adjective' },
      count: 0,
    });
  });

  it('rejects arguments HELM asserts against', () => {
    expect(() => createBiasMetric({ mode: 'associations', demographic_category: 'gender' })).toThrow(/target_category/);
    expect(() => createBiasMetric({ mode: 'x', demographic_category: 'gender' })).toThrow(/mode/);
  });
});
