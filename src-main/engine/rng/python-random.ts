/**
 * CPython's `random.Random` (Modules/_randommodule.c + Lib/random.py, CPython 3.11), limited to what HELM's
 * in-context example sampling and scenarios use: `seed(int)`, `getrandbits`, `_randbelow`, `randrange`,
 * `randint`, `choice`, `shuffle`, `sample` and `random()` (docs/helm-fidelity.md §6).
 */
import { AppError } from '../../../src-shared/errors';
import { Mt19937 } from './mt19937';

const TWO_POW_32 = 2 ** 32;

/** A Python `random.Random` seeded with an integer. */
export class PythonRandom {
  private readonly generator = new Mt19937();

  constructor(seed: number | bigint = 0) {
    this.seed(seed);
  }

  /**
   * `random_seed` for an int: `init_by_array` with the 32-bit words of `|seed|`, least significant first,
   * and the key `[0]` for 0. This is not numpy's `init_genrand`.
   */
  seed(seed: number | bigint): void {
    if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
      throw new AppError({ code: 'rng.invalid_seed', message: `Python random seeds must be integers, got ${seed}.` });
    }
    let value = BigInt(seed);
    if (value < 0n) value = -value;
    const key: number[] = [];
    while (value > 0n) {
      key.push(Number(value & 0xffffffffn));
      value >>= 32n;
    }
    if (key.length === 0) key.push(0);
    this.generator.initByArray(key);
  }

  /** `getrandbits(k)` for 0 ≤ k ≤ 32: the top k bits of one word. */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k > 32) {
      throw new AppError({ code: 'rng.invalid_bits', message: `getrandbits supports 0..32 bits here, got ${k}.` });
    }
    if (k === 0) return 0; // CPython 3.9+: no word is drawn
    return this.generator.nextUint32() >>> (32 - k);
  }

  /**
   * `getrandbits(k)` for any k: words fill from the least significant end and the last (most significant)
   * word keeps its top `k mod 32` bits (`_random_Random_getrandbits_impl`).
   */
  getrandbitsBig(k: number): bigint {
    if (k <= 32) return BigInt(this.getrandbits(k));
    let result = 0n;
    let shift = 0n;
    for (let remaining = k; remaining > 0; remaining -= 32) {
      let word = this.generator.nextUint32();
      if (remaining < 32) word >>>= 32 - remaining;
      result |= BigInt(word) << shift;
      shift += 32n;
    }
    return result;
  }

  /**
   * `_randbelow_with_getrandbits(n)`: `k = n.bit_length()` (of n, not n − 1), redraw `getrandbits(k)` until
   * it is below n.
   */
  randbelow(n: number): number {
    if (!Number.isSafeInteger(n) || n <= 0) {
      throw new AppError({ code: 'rng.invalid_range', message: `randbelow needs a positive integer, got ${n}.` });
    }
    const k = bitLength(n);
    if (k <= 32) {
      let r = this.getrandbits(k);
      while (r >= n) r = this.getrandbits(k);
      return r;
    }
    const limit = BigInt(n);
    let r = this.getrandbitsBig(k);
    while (r >= limit) r = this.getrandbitsBig(k);
    return Number(r);
  }

  /** `randrange(stop)` or `randrange(start, stop)` with step 1 (ValueError on an empty range). */
  randrange(startOrStop: number, stop?: number): number {
    const start = stop === undefined ? 0 : startOrStop;
    const end = stop === undefined ? startOrStop : stop;
    if (end <= start) {
      throw new AppError({ code: 'rng.invalid_range', message: `empty range for randrange(${start}, ${end})` });
    }
    return start + this.randbelow(end - start);
  }

  /** `randint(a, b)` = `a + _randbelow(b − a + 1)`, both ends included. */
  randint(a: number, b: number): number {
    return this.randrange(a, b + 1);
  }

  /** `choice(seq)` = `seq[_randbelow(len(seq))]` (IndexError on an empty sequence). */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new AppError({ code: 'rng.empty_sequence', message: 'Cannot choose from an empty sequence.' });
    }
    return items[this.randbelow(items.length)] as T;
  }

  /** `shuffle(x)` in place: for i = len − 1 … 1, swap x[i] with x[_randbelow(i + 1)]. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i >= 1; i--) {
      const j = this.randbelow(i + 1);
      const swap = items[i] as T;
      items[i] = items[j] as T;
      items[j] = swap;
    }
    return items;
  }

  /**
   * `sample(population, k)`: for small populations (n ≤ setsize) a partial Fisher–Yates over a copy, else
   * rejection of already-selected indices; `setsize = 21 + 4^ceil(log4(3k))` when k > 5 (Lib/random.py).
   */
  sample<T>(population: readonly T[], k: number): T[] {
    const n = population.length;
    if (!Number.isInteger(k) || k < 0 || k > n) {
      throw new AppError({ code: 'rng.invalid_sample', message: 'Sample larger than population or is negative.' });
    }
    const result: T[] = [];
    let setsize = 21;
    if (k > 5) setsize += 4 ** ceilLog4(3 * k);
    if (n <= setsize) {
      const pool = population.slice();
      for (let i = 0; i < k; i++) {
        const j = this.randbelow(n - i);
        result.push(pool[j] as T);
        pool[j] = pool[n - i - 1] as T;
      }
    } else {
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = this.randbelow(n);
        while (selected.has(j)) j = this.randbelow(n);
        selected.add(j);
        result.push(population[j] as T);
      }
    }
    return result;
  }

  /** `random()`: a 53-bit float from two words, `(a·2²⁶ + b) / 2⁵³` with a = w₁ ≫ 5, b = w₂ ≫ 6. */
  random(): number {
    const a = this.generator.nextUint32() >>> 5;
    const b = this.generator.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}

function bitLength(n: number): number {
  let bits = 0;
  let value = n;
  while (value >= TWO_POW_32) {
    value = Math.floor(value / TWO_POW_32);
    bits += 32;
  }
  return bits + (value === 0 ? 0 : 32 - Math.clz32(value));
}

/**
 * `_ceil(_log(3k, 4))` as CPython computes it, in floating point: `math.log(x, 4)` = ln x / ln 4. We use the
 * same formula so powers of 4 round the way CPython's do.
 */
function ceilLog4(x: number): number {
  return Math.ceil(Math.log(x) / Math.log(4));
}
