/**
 * The Mersenne Twister MT19937 (Matsumoto & Nishimura, `mt19937ar.c`), the generator behind both numpy's
 * legacy `RandomState` and CPython's `random`. The two differ only in how they seed: numpy's
 * `RandomState(seed)` uses `init_genrand`, CPython's `random.seed(int)` uses `init_by_array`
 * (docs/helm-fidelity.md §5, §6). Arithmetic is mod 2³² via `Math.imul` and `>>> 0`.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** MT19937 state with the two reference seeding routines and the tempered 32-bit output. */
export class Mt19937 {
  private readonly mt = new Uint32Array(N);
  private index = N + 1;

  /** `init_genrand(s)`: `mt[0] = s; mt[i] = 1812433253 · (mt[i−1] ⊕ (mt[i−1] ≫ 30)) + i`. */
  initGenrand(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const previous = mt[i - 1] as number;
      mt[i] = (Math.imul(1812433253, (previous ^ (previous >>> 30)) >>> 0) + i) >>> 0;
    }
    this.index = N;
  }

  /** `init_by_array(key)` of mt19937ar.c (CPython's `random.seed`); `key` holds 32-bit words. */
  initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    const keyLength = Math.max(key.length, 1);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, keyLength); k > 0; k--) {
      const previous = mt[i - 1] as number;
      const mixed = Math.imul((previous ^ (previous >>> 30)) >>> 0, 1664525);
      mt[i] = (((mt[i] as number) ^ mixed) >>> 0) + ((key[j] ?? 0) >>> 0) + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
      if (j >= keyLength) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const previous = mt[i - 1] as number;
      const mixed = Math.imul((previous ^ (previous >>> 30)) >>> 0, 1566083941);
      mt[i] = ((((mt[i] as number) ^ mixed) >>> 0) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
    }
    mt[0] = 0x80000000; // MSB is 1, assuring a non-zero initial array
    this.index = N;
  }

  /** `genrand_int32`: the next tempered 32-bit word. */
  nextUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      if (this.index === N + 1) this.initGenrand(5489); // never seeded: the reference default
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = ((mt[kk] as number) & UPPER_MASK) | ((mt[kk + 1] as number) & LOWER_MASK);
        mt[kk] = (mt[kk + M] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = ((mt[kk] as number) & UPPER_MASK) | ((mt[kk + 1] as number) & LOWER_MASK);
        mt[kk] = (mt[kk + (M - N)] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = ((mt[N - 1] as number) & UPPER_MASK) | ((mt[0] as number) & LOWER_MASK);
      mt[N - 1] = (mt[M - 1] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.index = 0;
    }
    let y = mt[this.index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}
