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
 * τ = {@link SCALE_FLOOR}: a zero-width raw interval on a discrete rank still misses by a rank or two near ties.
 * Small τ follows the bootstrap's local shape, large τ tends to a constant width; 2 was the best compromise in the
 * calibration study, and choosing τ per board on the same records cost coverage (docs/calibration.md §3).
 */
import { choosePaired } from './paired';

/** τ: ranks added to each side's bootstrap half-width before scaling. */
export const SCALE_FLOOR = 2;

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

/** Fits the plain interval rule: ĉ at τ = {@link SCALE_FLOOR}. */
export function fitInterval(records: readonly ScoredRecord[], alpha: number, floor = SCALE_FLOOR): IntervalFit {
  const scores = records.map((record) => ({ group: record.model, score: conformalScore(record, record.truth, floor) }));
  return { scaleFloor: floor, factor: conformalFactor(scores, alpha) };
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
 * The paired factors c at which the reported interval covers the truth: [from, to). The paired interval only widens
 * with c, so "it covers" holds from the paired score on and "it is no longer narrower" (the unpaired interval is
 * shown) from some c on. When the unpaired interval covers, the report covers from the first of the two on; when
 * it misses, only while the paired interval covers and is still narrower; null when never.
 */
export function policyCoverage(
  record: PolicyRecord,
  rows: number,
  floor: number,
): { readonly from: number; readonly to: number } | null {
  const [lo, hi] = record.unpairedInterval;
  const cover = conformalScore(record, record.truth, floor);
  const target = width(record.unpairedInterval);
  let notNarrower: number;
  if (record.certain) notNarrower = target === 0 ? 0 : Number.POSITIVE_INFINITY;
  else {
    // The paired interval changes only where c·s_lo or c·s_hi crosses an integer.
    const [sLo, sHi] = scales(record, floor);
    const breakpoints = [0];
    for (let m = 1; m <= rows; m++) breakpoints.push(m / sLo, m / sHi);
    breakpoints.sort((a, b) => a - b);
    notNarrower =
      breakpoints.find((c) => width(intervalAt(record, c, rows, floor)) >= target) ?? Number.POSITIVE_INFINITY;
  }
  if (record.truth >= lo && record.truth <= hi) return { from: Math.min(cover, notNarrower), to: Infinity };
  return cover < notNarrower ? { from: cover, to: notNarrower } : null;
}

/**
 * The smallest paired factor whose reported intervals cover a pooled mass of (1 − α)(K + 1) models — or, when the
 * unpaired intervals alone cover less, as much as they do: pairing must not lose coverage. Infinity when
 * unattainable (too few models).
 */
export function policyFactor(records: readonly PolicyRecord[], rows: number, floor: number, alpha: number): number {
  const sizes = new Map<string, number>();
  for (const { model } of records) sizes.set(model, (sizes.get(model) ?? 0) + 1);
  const weight = (record: PolicyRecord) => 1 / (sizes.get(record.model) as number);
  const conformalMass = (1 - alpha) * (sizes.size + 1);
  if (conformalMass > sizes.size + 1e-9) return Number.POSITIVE_INFINITY;
  const unpairedMass = records.reduce(
    (sum, r) => sum + (r.truth >= r.unpairedInterval[0] && r.truth <= r.unpairedInterval[1] ? weight(r) : 0),
    0,
  );
  const target = Math.min(conformalMass, unpairedMass) - 1e-9;
  // Sweep c over the [from, to) ends: + at from, − at to (exclusive), the mass checked after each c's events.
  const events: { c: number; delta: number }[] = [];
  for (const record of records) {
    const set = policyCoverage(record, rows, floor);
    if (!set) continue;
    events.push({ c: set.from, delta: weight(record) });
    if (Number.isFinite(set.to)) events.push({ c: set.to, delta: -weight(record) });
  }
  events.sort((a, b) => a.c - b.c);
  let mass = 0;
  for (let i = 0; i < events.length;) {
    const c = (events[i] as { c: number }).c;
    while (i < events.length && (events[i] as { c: number }).c === c) mass += (events[i++] as { delta: number }).delta;
    if (mass >= target && Number.isFinite(c)) return c;
  }
  return Number.POSITIVE_INFINITY;
}

/** Fits the paired factor for the policy, at τ = {@link SCALE_FLOOR}. */
export function fitPolicy(
  records: readonly PolicyRecord[],
  rows: number,
  alpha: number,
  floor = SCALE_FLOOR,
): IntervalFit {
  return { scaleFloor: floor, factor: policyFactor(records, rows, floor, alpha) };
}
