/**
 * numpy's `Generator(PCG64(SeedSequence(seed)))` as `np.random.default_rng(seed)` builds it, limited to what HELM's
 * Hugging Face data paths use: `Dataset.shuffle(seed)` = `default_rng(seed).permutation(len(dataset))` (MATH,
 * WMT14) and `train_test_split(seed=42)` (RAFT). docs/helm-fidelity.md §5.
 *
 * - SeedSequence (numpy `bit_generator.pyx`): an integer seed becomes 32-bit words, is hashed into a pool of 4
 *   words, and `generate_state(4, uint64)` draws the PCG64 seed and increment from it.
 * - PCG64 (`pcg64.h`): 128-bit LCG, XSL-RR output; 32-bit draws use the low half of a 64-bit output and keep the
 *   high half for the next draw.
 * - `permutation(n)` shuffles `0..n−1`: for i = n−1 … 1, j = `random_interval(i)` (masked rejection), swap.
 */
import { maskedInterval } from './numpy-random-state';

const M32 = 0xffffffffn;
const M64 = 0xffffffffffffffffn;
const M128 = (1n << 128n) - 1n;
const PCG_MULTIPLIER = 0x2360ed051fc65da44385df649fccf645n;

const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

/** The 32-bit words numpy's SeedSequence makes of a non-negative integer (least significant first; [0] for 0). */
function entropyWords(seed: bigint): number[] {
  if (seed === 0n) return [0];
  const words: number[] = [];
  for (let value = seed; value > 0n; value >>= 32n) words.push(Number(value & M32));
  return words;
}

/** SeedSequence(seed).generate_state(nWords64, uint64), as bigints. */
export function seedSequenceState(seed: number | bigint, nWords64: number): bigint[] {
  const entropy = entropyWords(BigInt(seed));
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    let v = (value ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_A) >>> 0;
    v = Math.imul(v, hashConst) >>> 0;
    return (v ^ (v >>> 16)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> 16)) >>> 0;
  };
  const pool = new Array<number>(POOL_SIZE).fill(0);
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(entropy[i] ?? 0);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst] ?? 0, hashmix(pool[src] ?? 0));
    }
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst] ?? 0, hashmix(entropy[src] ?? 0));
  }
  let hashB = INIT_B;
  const words32: number[] = [];
  for (let i = 0; i < nWords64 * 2; i++) {
    let value = ((pool[i % POOL_SIZE] ?? 0) ^ hashB) >>> 0;
    hashB = Math.imul(hashB, MULT_B) >>> 0;
    value = Math.imul(value, hashB) >>> 0;
    words32.push((value ^ (value >>> 16)) >>> 0);
  }
  const out: bigint[] = [];
  for (let i = 0; i < nWords64; i++) out.push(BigInt(words32[2 * i] ?? 0) | (BigInt(words32[2 * i + 1] ?? 0) << 32n));
  return out;
}

/** numpy's PCG64 bit generator behind `default_rng(seed)`. */
export class Pcg64 {
  private state: bigint;
  private readonly increment: bigint;
  private storedUint32: number | null = null;

  constructor(seed: number | bigint) {
    const [s0 = 0n, s1 = 0n, i0 = 0n, i1 = 0n] = seedSequenceState(seed, 4);
    const initState = (s0 << 64n) | s1;
    const initSeq = (i0 << 64n) | i1;
    this.increment = ((initSeq << 1n) | 1n) & M128;
    this.state = 0n;
    this.step();
    this.state = (this.state + initState) & M128;
    this.step();
  }

  /** The 128-bit state and increment, as numpy's `bit_generator.state` prints them. */
  get rawState(): { state: bigint; inc: bigint } {
    return { state: this.state, inc: this.increment };
  }

  private step(): void {
    this.state = (this.state * PCG_MULTIPLIER + this.increment) & M128;
  }

  /** `next_uint64`: step, then XSL-RR of the new state. */
  nextUint64(): bigint {
    this.step();
    const high = this.state >> 64n;
    const low = this.state & M64;
    const rot = Number(this.state >> 122n);
    const x = (high ^ low) & M64;
    return ((x >> BigInt(rot)) | (x << BigInt((64 - rot) & 63))) & M64;
  }

  /** `next_uint32`: the low half of a 64-bit draw, then its high half on the next call. */
  nextUint32(): number {
    if (this.storedUint32 !== null) {
      const value = this.storedUint32;
      this.storedUint32 = null;
      return value;
    }
    const next = this.nextUint64();
    this.storedUint32 = Number(next >> 32n);
    return Number(next & M32);
  }

  /** `random_interval(max)` for max < 2³²: masked rejection sampling in [0, max]. */
  interval(max: number): number {
    return maskedInterval(max, () => this.nextUint32());
  }

  /** `Generator.permutation(n)` of `0..n−1`, in a typed array (n < 2³²). */
  permutation(n: number): Uint32Array {
    const values = new Uint32Array(n);
    for (let i = 0; i < n; i++) values[i] = i;
    for (let i = n - 1; i >= 1; i--) {
      const j = this.interval(i);
      const swap = values[i] ?? 0;
      values[i] = values[j] ?? 0;
      values[j] = swap;
    }
    return values;
  }
}

/** `np.random.default_rng(seed).permutation(n)`. */
export function defaultRngPermutation(seed: number, n: number): Uint32Array {
  return new Pcg64(seed).permutation(n);
}
