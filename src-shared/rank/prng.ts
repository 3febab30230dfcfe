/**
 * A small seeded PRNG for the rank bootstrap (docs/rank-interval.md §13: store the seed and B with every
 * result so an interval can be reproduced). `src-shared` may not import node:crypto, and Math.random cannot
 * be seeded, hence our own generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit
 * state, passes PractRand), seeded through splitmix32 so that nearby seeds give unrelated streams.
 */

/** A seeded random source. All draws come from {@link Rng.next}. */
export interface Rng {
  /** Uniform in [0, 1) with 32 random bits. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller, one value per call; the spare is cached). */
  normal(): number;
  /** Gamma(shape, 1) (Marsaglia–Tsang), for Beta draws. */
  gamma(shape: number): number;
  /** Beta(a, b) as G(a) / (G(a) + G(b)). */
  beta(a: number, b: number): number;
  /** Binomial(n, p) by counting Bernoulli draws: n is at most a run's 1,000 items, so this is cheap enough. */
  binomial(n: number, p: number): number;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a generator from an integer seed (any JS number; only its low 32 bits and integer part matter). */
export function createRng(seed: number): Rng {
  const init = splitmix32(Math.trunc(seed) >>> 0);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  let spare: number | null = null;

  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Warm up: sfc32's first outputs are weakly mixed.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = (): number => nextUint32() / 4294967296;

  const normal = (): number => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    let u = next();
    while (u <= 0) u = next();
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };

  const gamma = (shape: number): number => {
    if (shape < 1) {
      // Boost: G(a) = G(a + 1) · U^(1/a).
      let u = next();
      while (u <= 0) u = next();
      return gamma(shape + 1) * Math.pow(u, 1 / shape);
    }
    const dd = shape - 1 / 3;
    const cc = 1 / Math.sqrt(9 * dd);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + cc * x;
      } while (v <= 0);
      v = v * v * v;
      const u = next();
      if (u < 1 - 0.0331 * x * x * x * x) return dd * v;
      if (Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v;
    }
  };

  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    normal,
    gamma,
    beta: (alpha: number, betaShape: number) => {
      const x = gamma(alpha);
      const y = gamma(betaShape);
      return x + y > 0 ? x / (x + y) : 0.5;
    },
    binomial: (n: number, p: number) => {
      let count = 0;
      for (let i = 0; i < n; i++) if (next() < p) count++;
      return count;
    },
  };
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const swap = items[i] as T;
    items[i] = items[j] as T;
    items[j] = swap;
  }
  return items;
}
