import { describe, expect, it } from 'vitest';
import { addValue, createAccumulator, mergeInto, toStat, statMean } from './stat';

describe('Stat accumulator (HELM statistic.py)', () => {
  it('computes population variance and merges like Stat.merge', () => {
    const a = createAccumulator({ name: 'exact_match', split: 'test' });
    [1, 0, 1].forEach((v) => addValue(a, v));
    const b = createAccumulator({ name: 'exact_match', split: 'test' });
    addValue(b, 0);
    const merged = toStat(mergeInto(a, toStat(b)));
    expect(merged.count).toBe(4);
    expect(merged.mean).toBeCloseTo(0.5);
    expect(merged.variance).toBeCloseTo(0.25);
    expect(merged.min).toBe(0);
    expect(merged.max).toBe(1);
  });

  it('writes empty stats with only name, count, sum and sum_squared', () => {
    const empty = toStat(createAccumulator({ name: 'training_co2_cost', split: 'test' }));
    expect(Object.keys(empty).sort()).toEqual(['count', 'name', 'sum', 'sum_squared']);
    expect(statMean(empty)).toBeNull();
  });
});
