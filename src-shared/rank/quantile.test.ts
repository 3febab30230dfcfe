import { describe, expect, it } from 'vitest';
import { quantile, quantileOfSorted } from './quantile';

describe('quantile', () => {
  it('interpolates linearly between order statistics (numpy default)', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([10, 0], 0.95)).toBeCloseTo(9.5, 12);
    expect(quantile([7], 0.2)).toBe(7);
  });

  it('gives the extremes at p = 0 and p = 1 and NaN for no values', () => {
    expect(quantile([3, 9, 1], 0)).toBe(1);
    expect(quantile([3, 9, 1], 1)).toBe(9);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('reads sorted typed arrays without copying', () => {
    expect(quantileOfSorted(Float64Array.from([1, 2, 3, 4, 5]), 0.25)).toBe(2);
  });
});
