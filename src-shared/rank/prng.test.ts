import { describe, expect, it } from 'vitest';
import { createRng, shuffleInPlace } from './prng';

function moments(draw: () => number, count = 20000): { mean: number; variance: number } {
  const values = Array.from({ length: count }, draw);
  const mean = values.reduce((a, b) => a + b, 0) / count;
  return { mean, variance: values.reduce((a, b) => a + (b - mean) ** 2, 0) / (count - 1) };
}

describe('seeded PRNG', () => {
  it('repeats a stream for a seed and differs across seeds', () => {
    const a = createRng(123);
    const b = createRng(123);
    const c = createRng(124);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws uniform, normal, beta and binomial values with the right moments', () => {
    const rng = createRng(5);
    const uniform = moments(() => rng.next());
    expect(uniform.mean).toBeCloseTo(0.5, 1);
    expect(uniform.variance).toBeCloseTo(1 / 12, 2);
    const normal = moments(() => rng.normal());
    expect(normal.mean).toBeCloseTo(0, 1);
    expect(normal.variance).toBeCloseTo(1, 1);
    const beta = moments(() => rng.beta(2, 6));
    expect(beta.mean).toBeCloseTo(0.25, 2);
    expect(beta.variance).toBeCloseTo((2 * 6) / (64 * 9), 2);
    expect(moments(() => rng.binomial(10, 0.3), 5000).mean).toBeCloseTo(3, 0);
    const ints = Array.from({ length: 1000 }, () => rng.int(7));
    expect(Math.min(...ints)).toBe(0);
    expect(Math.max(...ints)).toBe(6);
  });

  it('shuffles into a permutation', () => {
    const items = shuffleInPlace(
      Array.from({ length: 50 }, (_, i) => i),
      createRng(1),
    );
    expect([...items].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(items).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
