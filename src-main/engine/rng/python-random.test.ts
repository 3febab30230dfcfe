import { describe, expect, it } from 'vitest';
import { PythonRandom } from './python-random';

// Reference values: the seed(0) vectors come from docs/helm-fidelity.md §6; the others were printed with CPython 3.11.7's
// `random` module on this machine (`init_by_array` seeding, `getrandbits`-based `_randbelow`, Lib/random.py's
// `shuffle` and `sample`).
describe('PythonRandom', () => {
  it('seed(0) matches CPython for getrandbits, shuffle, randrange and sample', () => {
    const rng = new PythonRandom(0);
    expect([rng.getrandbits(32), rng.getrandbits(32), rng.getrandbits(32)]).toEqual([
      3626764237, 1654615998, 3255389356,
    ]);
    expect(new PythonRandom(0).shuffle([0, 1, 2, 3, 4])).toEqual([2, 1, 0, 4, 3]);
    const ranges = new PythonRandom(0);
    expect(Array.from({ length: 5 }, () => ranges.randrange(10))).toEqual([6, 6, 0, 4, 8]);
    expect(new PythonRandom(0).sample(range(100), 5)).toEqual([49, 97, 53, 5, 33]);
  });

  it('seeds wider than 32 bits use several key words, and negative seeds use |n|', () => {
    const wide = new PythonRandom(2 ** 40 + 7);
    expect([wide.getrandbits(32), wide.getrandbits(32), wide.getrandbits(32)]).toEqual([
      2635837658, 3209733218, 3500038837,
    ]);
    const negative = new PythonRandom(-5);
    expect([negative.getrandbits(32), negative.getrandbits(32)]).toEqual([2675342405, 1097127993]);
    expect(new PythonRandom(5n).getrandbits(32)).toBe(2675342405);
  });

  it('random, randint, choice and wide getrandbits/randrange match CPython', () => {
    const rng = new PythonRandom(3);
    expect(rng.random()).toBe(0.23796462709189137);
    expect(rng.random()).toBe(0.5442292252959519);
    expect(rng.randint(3, 9)).toBe(5);
    expect(rng.choice([...'abcdefg'])).toBe('e');
    expect(rng.getrandbitsBig(40)).toBe(689230811806n);
    expect(rng.randrange(2 ** 40)).toBe(144228661501);
  });

  it('sample uses the pool branch for small populations and the set branch for large ones', () => {
    // k = 10, n = 30: setsize = 21 + 4^3 = 85 ≥ n → pool branch; then k = n
    const small = new PythonRandom(4);
    expect(small.sample(range(30), 10)).toEqual([7, 9, 3, 23, 12, 15, 4, 2, 22, 0]);
    expect(small.sample(range(10), 10)).toEqual([6, 8, 4, 9, 0, 1, 2, 7, 5, 3]);
    // k = 40, n = 1000: setsize = 21 + 4^4 = 277 < n → set (rejection) branch
    expect(new PythonRandom(1).sample(range(1000), 40)).toEqual([
      137, 582, 867, 821, 782, 64, 261, 120, 507, 779, 460, 483, 667, 388, 807, 214, 96, 499, 29, 914, 855, 399, 443,
      622, 780, 785, 2, 712, 456, 272, 738, 234, 605, 967, 104, 923, 325, 31, 22, 26,
    ]);
    expect(new PythonRandom(7).sample(range(25), 6)).toEqual([10, 4, 12, 20, 1, 2]);
  });

  it('big samples take the branch CPython takes', () => {
    // k = 500, n = 1000: setsize = 21 + 4^6 = 4117 ≥ n → pool branch
    const half = new PythonRandom(11).sample(range(1000), 500);
    expect([half.slice(0, 8), half.slice(-3), sum(half)]).toEqual([
      [463, 886, 573, 877, 946, 799, 476, 462],
      [753, 62, 251],
      247523,
    ]);
    const pool = new PythonRandom(12).sample(range(5000), 1400);
    expect([pool.slice(0, 5), sum(pool)]).toEqual([[3887, 2203, 4334, 2865, 1168], 3540803]);
    // k = 2000, n = 100000: setsize = 21 + 4^7 = 16405 < n → set branch
    const set = new PythonRandom(13).sample(range(100000), 2000);
    expect([set.slice(0, 5), sum(set)]).toEqual([[33948, 38110, 89818, 89663, 24343], 98756600]);
  });

  it('handles empty and degenerate inputs like CPython', () => {
    const rng = new PythonRandom(0);
    expect(rng.sample([], 0)).toEqual([]);
    expect(rng.sample(['only'], 1)).toEqual(['only']);
    expect(rng.shuffle([42])).toEqual([42]);
    expect(rng.randrange(1)).toBe(0);
    expect(rng.getrandbits(0)).toBe(0);
    expect(() => rng.sample([1, 2], 3)).toThrow(/larger than population/);
    expect(() => rng.randrange(0)).toThrow(/empty range/);
    expect(() => rng.choice([])).toThrow(/empty sequence/);
  });
});

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
