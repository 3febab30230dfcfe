import { describe, expect, it } from 'vitest';
import { NumpyRandomState } from './numpy-random-state';

// Reference values: the first three come from docs/helm-fidelity.md §5 (numpy 2.4); the others were printed with
// numpy 2.4.6 `np.random.RandomState(seed)` on CPython 3.11.7 (legacy MT19937, `init_genrand` seeding,
// masked-rejection `random_interval`, Fisher–Yates from the top).
describe('NumpyRandomState', () => {
  it('seed(0) yields the mt19937ar init_genrand words', () => {
    const rng = new NumpyRandomState(0);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([2357136044, 2546248239, 3071714933]);
  });

  it('permutation(10) and permutation(1000) match numpy', () => {
    expect(new NumpyRandomState(0).permutation(10)).toEqual([2, 8, 4, 9, 1, 6, 7, 3, 0, 5]);
    expect(new NumpyRandomState(0).permutation(1000).slice(0, 10)).toEqual([
      993, 859, 298, 553, 672, 971, 27, 231, 306, 706,
    ]);
  });

  it('matches numpy for other seeds, including the largest 32-bit seed', () => {
    const rng = new NumpyRandomState(12345);
    expect(rng.permutation(7)).toEqual([6, 3, 4, 0, 1, 5, 2]);
    // choice(50, 5, replace=False) continues the same stream
    expect(rng.choiceWithoutReplacement(50, 5)).toEqual([30, 35, 38, 44, 26]);
    expect(new NumpyRandomState(2 ** 32 - 1).permutation(20)).toEqual([
      11, 17, 19, 15, 1, 5, 8, 16, 13, 18, 14, 9, 10, 6, 0, 4, 7, 12, 2, 3,
    ]);
  });

  it('handles a pool of one, k = 0 and keeps the stream position like numpy', () => {
    const rng = new NumpyRandomState(0);
    expect(rng.choiceWithoutReplacement(1, 1)).toEqual([0]);
    expect(rng.choiceWithoutReplacement(3, 0)).toEqual([]);
    // numpy: choice(1,1), choice(3,0) then permutation(5) = [4, 2, 1, 3, 0]
    expect(rng.permutation(5)).toEqual([4, 2, 1, 3, 0]);
    expect(new NumpyRandomState(0).permutation(0)).toEqual([]);
  });

  it('rejects seeds numpy rejects and samples larger than the pool', () => {
    expect(() => new NumpyRandomState(2 ** 32)).toThrow(/2\*\*32/);
    expect(() => new NumpyRandomState(-1)).toThrow();
    expect(() => new NumpyRandomState(0).choiceWithoutReplacement(3, 4)).toThrow(/larger sample/);
  });

  it('permutes a large pool like numpy (131,075 items, masks above 2^17)', () => {
    const permutation = new NumpyRandomState(5).permutation(131075);
    expect(permutation.slice(0, 6)).toEqual([75122, 45827, 15863, 92341, 80574, 2908]);
    expect(permutation.at(-1)).toBe(35683);
    // Σ p[i]·i mod 1,000,003, printed by numpy for the same permutation
    expect(permutation.reduce((total, value, index) => (total + ((value * index) % 1000003)) % 1000003, 0)).toBe(
      969021,
    );
  });

  it('interval(m) stays within [0, m]', () => {
    const rng = new NumpyRandomState(7);
    for (const max of [1, 2, 3, 5, 1000, 2 ** 31 + 1, 2 ** 32 - 1]) {
      for (let i = 0; i < 50; i++) {
        const value = rng.interval(max);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(max);
      }
    }
  });
});
