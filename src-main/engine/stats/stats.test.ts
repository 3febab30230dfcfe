import { describe, expect, it } from 'vitest';
import type { PerInstanceStats } from '../../../src-shared/helm/request';
import { metricNameKey, type MetricName, type Stat } from '../../../src-shared/helm/stat';
import { statOf, withContext } from '../metrics/stat-values';
import { aggregateRunStats } from './aggregate';
import { worstCaseStats } from './worst-case';

const find = (stats: readonly Stat[], name: MetricName): Stat | undefined =>
  stats.find((stat) => metricNameKey(stat.name) === metricNameKey(name));

function entry(id: string, trial: number, split: string, values: Record<string, number>): PerInstanceStats {
  return {
    instance_id: id,
    train_trial_index: trial,
    stats: Object.entries(values).map(([name, value]) => withContext(statOf(name, value), { split })),
  };
}

describe('aggregateRunStats', () => {
  it('means per trial, then merges trials: count = number of trials', () => {
    const perInstance = [
      entry('id1', 0, 'test', { exact_match: 1 }),
      entry('id2', 0, 'test', { exact_match: 0 }),
      entry('id1', 1, 'test', { exact_match: 1 }),
      entry('id2', 1, 'test', { exact_match: 1 }),
      entry('id3', 1, 'valid', { exact_match: 0 }),
    ];
    const stats = aggregateRunStats(perInstance);
    const exact = find(stats, { name: 'exact_match', split: 'test' });
    // trial means 0.5 and 1.0
    expect([exact?.count, exact?.sum, exact?.min, exact?.max]).toEqual([2, 1.5, 0.5, 1]);
    expect(find(stats, { name: 'exact_match', split: 'valid' })?.count).toBe(1);
    const robust = find(stats, {
      name: 'exact_match',
      split: 'test',
      perturbation: { name: 'robustness', robustness: true, fairness: false, computed_on: 'worst' },
    });
    expect(robust?.sum).toBe(1.5);
    const instances = find(stats, { name: 'num_instances', split: 'test' });
    expect([instances?.count, instances?.sum]).toEqual([2, 4]);
  });

  it('derives perplexity from summed logprobs and tokens', () => {
    const stats = aggregateRunStats([
      entry('id1', 0, 'test', { logprob: -2, num_perplexity_tokens: 2, num_bytes: 8 }),
      entry('id2', 0, 'test', { logprob: -4, num_perplexity_tokens: 4, num_bytes: 8 }),
    ]);
    expect(find(stats, { name: 'perplexity', split: 'test' })?.sum).toBeCloseTo(Math.exp(1), 12);
    expect(find(stats, { name: 'logprob_per_byte', split: 'test' })?.sum).toBe(-6 / 16);
  });
});

describe('worstCaseStats', () => {
  it('takes the minimum over the original and its perturbations, and records the original as before', () => {
    const typos = { name: 'typos', robustness: true, fairness: false, computed_on: 'perturbed' };
    const dialect = { name: 'dialect', robustness: false, fairness: true, computed_on: 'perturbed' };
    const stats = worstCaseStats([
      {
        instanceId: 'id1',
        stats: [
          withContext(statOf('exact_match', 1), { split: 'test' }),
          withContext(statOf('exact_match', 0), { split: 'test', perturbation: typos }),
          withContext(statOf('exact_match', 1), { split: 'test', perturbation: dialect }),
        ],
      },
    ]);
    const worst = (perturbation: MetricName['perturbation']) =>
      find(stats, { name: 'exact_match', split: 'test', ...(perturbation ? { perturbation } : {}) })?.sum;
    expect(worst({ name: 'robustness', robustness: true, fairness: false, computed_on: 'worst' })).toBe(0);
    expect(worst({ name: 'fairness', robustness: false, fairness: true, computed_on: 'worst' })).toBe(1);
    expect(worst({ ...typos, computed_on: 'worst' })).toBe(0);
    expect(worst({ ...typos, computed_on: 'original' })).toBe(1);
  });
});
