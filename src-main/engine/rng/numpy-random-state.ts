/**
 * numpy's legacy `RandomState` (numpy/random/mtrand.pyx, `_mt19937.pyx` `_legacy_seeding`,
 * `src/distributions/distributions.c` `random_interval`), limited to what HELM's eval-instance sampling uses:
 * `RandomState(seed).choice(pool, n, replace=False)` = `permutation(len(pool))[:n]` (docs/helm-fidelity.md §5).
 */
import { AppError } from '../../../src-shared/errors';
import { Mt19937 } from './mt19937';

const MAX_UINT32 = 0xffffffff;

/** A numpy legacy `RandomState` seeded with an integer. */
export class NumpyRandomState {
  private readonly generator = new Mt19937();

  /**
   * numpy seeds an int with `mt19937_seed` (= `init_genrand`), not `init_by_array`, and rejects ints outside
   * [0, 2³²) with a ValueError; we throw too.
   */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_UINT32) {
      throw new AppError({
        code: 'rng.invalid_seed',
        message: `numpy RandomState seeds must be integers between 0 and 2**32 - 1, got ${seed}.`,
      });
    }
    this.generator.initGenrand(seed);
  }

  /** The next raw 32-bit word (numpy `randint(2**32, dtype=uint32)` draws the same words). */
  nextUint32(): number {
    return this.generator.nextUint32();
  }

  /**
   * `random_interval(max)`: a uniform integer in [0, max] by masked rejection — draw `next_uint32() & mask`
   * until it is ≤ max, with `mask` the smallest all-ones number ≥ max. Only the 32-bit branch is needed
   * (pools have fewer than 2³² items).
   */
  interval(max: number): number {
    return maskedInterval(max, () => this.generator.nextUint32());
  }

  /** `permutation(n)`: Fisher–Yates over `0..n−1` from the top, `j = interval(i)` (legacy `_shuffle_raw`). */
  permutation(n: number): number[] {
    const values = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i >= 1; i--) {
      const j = this.interval(i);
      const swap = values[i] as number;
      values[i] = values[j] as number;
      values[j] = swap;
    }
    return values;
  }

  /** `choice(n, k, replace=False)` without `p`: the first k of `permutation(n)` (numpy raises if k > n). */
  choiceWithoutReplacement(n: number, k: number): number[] {
    if (k > n || k < 0) {
      throw new AppError({
        code: 'rng.invalid_sample',
        message: `Cannot take a larger sample (${k}) than the population (${n}) without replacement.`,
      });
    }
    return this.permutation(n).slice(0, k);
  }
}

/**
 * numpy's `random_interval(max)` over any bit generator's `next_uint32`: a uniform integer in [0, max] by masked
 * rejection (`RandomState` and `Generator` share it; only the 32-bit branch, for max < 2³²).
 */
export function maskedInterval(max: number, nextUint32: () => number): number {
  if (max === 0) return 0;
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  mask >>>= 0;
  let value: number;
  do {
    value = (nextUint32() & mask) >>> 0;
  } while (value > max);
  return value;
}
