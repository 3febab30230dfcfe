/**
 * The conformal pieces of the calibration (docs/calibration.md §3): scales, scores, the pooled factor ĉ, the
 * choice of the scale floor τ, and the paired-or-unpaired reporting policy.
 *
 * With the raw estimate r̂ and bootstrap quantiles q_lo, q_hi, the scales are s_lo = (r̂ − q_lo) + τ and
 * s_hi = (q_hi − r̂) + τ, and the interval at factor c is [r̂ − ⌊c·s_lo⌋, r̂ + ⌊c·s_hi⌋] ∩ [1, rows]. Rounding the
 * half-widths down makes the interval at c cover exactly the truths whose score — the smallest covering c,
 * (r − r̂)/s_hi above the estimate, (r̂ − r)/s_lo below, 0 on it — is ≤ c.
 * ĉ pools the models' score distributions (each model weighs 1, its draws share that weight) and takes the
 * smallest c with Σ_j F_j(c) ≥ (1 − α)(K + 1): split conformal over exchangeable models (Lei et al. 2018) with
 * the CDF-pooling rule for repeated draws per model (Dunn, Wasserman & Ramdas 2022). Infinite when
 * K < (1 − α)/α, i.e. fewer than 19 models at α = 0.05.
 * τ is chosen from {@link SCALE_FLOORS} as the one whose calibrated intervals are narrowest on the calibration
 * records (median half-width): small τ follows the bootstrap's local shape, large τ tends to a constant width.
 */
import { choosePaired } from './paired';

/** Candidate scale floors τ (ranks). */
export const SCALE_FLOORS: readonly number[] = [0.5, 1, 2, 4, 8];

/** What a record needs for the interval math. */
export interface RawInterval {
  readonly estimate: number;
  readonly quantileLo: number;
  readonly quantileHi: number;
  /** Nothing unknown: the interval is the point whatever the factor. */
  readonly certain: boolean;
}

/** A record with its truth and the model it belongs to (the pooling unit). */
export interface ScoredRecord extends RawInterval {
  readonly model: string;
  readonly truth: number;
}

/** The scales (s_lo, s_hi) of a raw result. */
export function scales(raw: RawInterval, floor: number): [number, number] {
  return [Math.max(raw.estimate - raw.quantileLo, 0) + floor, Math.max(raw.quantileHi - raw.estimate, 0) + floor];
}

/** The smallest factor whose interval covers `truth` (Infinity when none does: a certain result off its truth). */
export function conformalScore(raw: RawInterval, truth: number, floor: number): number {
  if (truth === raw.estimate) return 0;
  if (raw.certain) return Number.POSITIVE_INFINITY;
  const [lo, hi] = scales(raw, floor);
  return truth > raw.estimate ? (truth - raw.estimate) / hi : (raw.estimate - truth) / lo;
}

/** The interval of a raw result at factor c, clipped to [1, rows]; the point when `certain`. */
export function intervalAt(raw: RawInterval, factor: number, rows: number, floor: number): [number, number] {
  if (raw.certain) return [raw.estimate, raw.estimate];
  if (!Number.isFinite(factor)) return [1, rows];
  const [lo, hi] = scales(raw, floor);
  // 1e-9: a score equal to ĉ must stay covered despite floating-point products.
  return [
    Math.max(1, raw.estimate - Math.floor(factor * lo + 1e-9)),
    Math.min(rows, raw.estimate + Math.floor(factor * hi + 1e-9)),
  ];
}

/**
 * ĉ by CDF pooling over groups (see the file comment): Infinity when (1 − α)(groups + 1) exceeds the number of
 * groups or the scores never reach it.
 */
export function conformalFactor(scores: readonly { group: string; score: number }[], alpha: number): number {
  const sizes = new Map<string, number>();
  for (const { group } of scores) sizes.set(group, (sizes.get(group) ?? 0) + 1);
  const target = (1 - alpha) * (sizes.size + 1);
  if (target > sizes.size + 1e-9) return Number.POSITIVE_INFINITY;
  const sorted = [...scores].sort((a, b) => a.score - b.score);
  let mass = 0;
  for (const { group, score } of sorted) {
    mass += 1 / (sizes.get(group) as number);
    if (mass >= target - 1e-9) return score;
  }
  return Number.POSITIVE_INFINITY;
}

/** A fitted interval rule. */
export interface IntervalFit {
  readonly scaleFloor: number;
  /** ĉ, Infinity when there are too few models. */
  readonly factor: number;
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(middle)] as number) + (sorted[Math.ceil(middle)] as number)) / 2;
}

/**
 * Chooses τ and ĉ on `records`. `score(record, τ)` and `interval(record, τ, c)` define the procedure (the plain
 * interval, or the paired-or-unpaired policy); the narrowest median half-width wins, ties to the smaller τ.
 */
export function fitFloorAndFactor<R extends { readonly model: string }>(
  records: readonly R[],
  alpha: number,
  score: (record: R, floor: number) => number,
  interval: (record: R, floor: number, factor: number) => readonly [number, number],
): IntervalFit {
  let best: { fit: IntervalFit; width: number } | null = null;
  for (const floor of SCALE_FLOORS) {
    const factor = conformalFactor(
      records.map((record) => ({ group: record.model, score: score(record, floor) })),
      alpha,
    );
    const width = medianOf(
      records.map((record) => {
        const [lo, hi] = interval(record, floor, factor);
        return (hi - lo) / 2;
      }),
    );
    if (!best || width < best.width - 1e-12) best = { fit: { scaleFloor: floor, factor }, width };
  }
  return (best as { fit: IntervalFit }).fit; // SCALE_FLOORS is not empty
}

/** Fits the plain interval rule. */
export function fitInterval(records: readonly ScoredRecord[], rows: number, alpha: number): IntervalFit {
  return fitFloorAndFactor(
    records,
    alpha,
    (record, floor) => conformalScore(record, record.truth, floor),
    (record, floor, factor) => intervalAt(record, factor, rows, floor),
  );
}

/** A paired record beside the unpaired interval the same draw is shown without pairing. */
export interface PolicyRecord extends ScoredRecord {
  readonly unpairedInterval: readonly [number, number];
}

const width = (interval: readonly [number, number]) => interval[1] - interval[0];

/** The reported interval under the policy ({@link choosePaired}): the paired one when narrower, else the unpaired one. */
export function policyInterval(
  record: PolicyRecord,
  factor: number,
  rows: number,
  floor: number,
): { interval: readonly [number, number]; paired: boolean } {
  const paired = intervalAt(record, factor, rows, floor);
  return choosePaired(record.unpairedInterval, paired).usePaired
    ? { interval: paired, paired: true }
    : { interval: record.unpairedInterval, paired: false };
}

/**
 * The smallest paired factor from which the reported interval covers the truth for every larger factor. The
 * paired interval only widens with c, so "it covers" and "it is no longer narrower" both hold from some c on;
 * when the unpaired interval misses the truth, a large c reports it, so the score is Infinity.
 */
export function policyScore(record: PolicyRecord, rows: number, floor: number): number {
  const truth = record.truth;
  const [lo, hi] = record.unpairedInterval;
  if (truth < lo || truth > hi) return Number.POSITIVE_INFINITY;
  const cover = conformalScore(record, truth, floor);
  if (record.certain) return width(record.unpairedInterval) === 0 ? 0 : cover;
  // The paired interval changes only where c·s_lo or c·s_hi crosses an integer.
  const [sLo, sHi] = scales(record, floor);
  const breakpoints = [0];
  for (let m = 1; m <= rows; m++) breakpoints.push(m / sLo, m / sHi);
  breakpoints.sort((a, b) => a - b);
  const target = width(record.unpairedInterval);
  const notNarrower =
    breakpoints.find((c) => width(intervalAt(record, c, rows, floor)) >= target) ?? Number.POSITIVE_INFINITY;
  return Math.min(cover, notNarrower);
}

/** Fits the paired factor for the policy (τ and ĉ as for the plain interval). */
export function fitPolicy(records: readonly PolicyRecord[], rows: number, alpha: number): IntervalFit {
  return fitFloorAndFactor(
    records,
    alpha,
    (record, floor) => policyScore(record, rows, floor),
    (record, floor, factor) => policyInterval(record, factor, rows, floor).interval,
  );
}
