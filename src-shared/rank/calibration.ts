/**
 * Leave-one-out split-conformal calibration of the bootstrap interval (docs/rank-interval.md §8).
 *
 * Each board model j in turn is a pseudo-user on the same instance prefix a user gets; the board without j is
 * the leaderboard; j's truth r_j is the rank of its published row inserted into that board. With the raw
 * bootstrap estimate r̂_j and quantiles q_lo, q_hi: lo_j = max(r̂_j − q_lo, ½), hi_j = max(q_hi − r̂_j, ½),
 * e_j = max((r_j − r̂_j)/hi_j, (r̂_j − r_j)/lo_j) (the studentized error). ĉ is the ⌈(1 − α)(K + 1)⌉-th smallest
 * e_j (infinite when that index exceeds K; K ≥ 19 is needed at α = 0.05), and a user's interval is
 * [floor(r̂ − ĉ·lo), ceil(r̂ + ĉ·hi)] ∩ [1, K + 1]. Marginal coverage ≥ 1 − α holds if the user is
 * exchangeable with the board's models (Lei et al. 2018); a model above every board model breaks it, so the
 * interval is clipped at 1 and flagged. The reported coverage is itself leave-one-out: model j's interval
 * uses ĉ fitted without e_j, so it is not an in-sample number.
 */
import type { Board } from './board';
import { rowCells, withoutModel } from './board';
import type { BootstrapOptions, BootstrapResult } from './bootstrap';
import { bootstrapRank } from './bootstrap';
import { placeModel } from './placement';
import { quantile } from './quantile';
import type { Stratum } from './strata';

/** One pseudo-user of the calibration. */
export interface CalibrationRecord {
  readonly model: string;
  /** r_j: full-run rank against the board without j. */
  readonly truth: number;
  readonly estimate: number;
  readonly quantileLo: number;
  readonly quantileHi: number;
  /** Studentized error e_j. */
  readonly error: number;
  readonly rawCovered: boolean;
  /** Interval with ĉ fitted on the other models' errors. */
  readonly calibratedInterval: readonly [number, number];
  readonly calibratedCovered: boolean;
}

/** Calibration of one conf level on one board; stored in `calibration.json`. */
export interface Calibration {
  /** Examples per scenario (the conf's N) or another label of the design. */
  readonly level: number;
  /** ĉ; `null` when K is too small for the level (infinite factor). */
  readonly factor: number | null;
  /** K: models used as pseudo-users. */
  readonly models: number;
  readonly alpha: number;
  readonly rawCoverage: number;
  readonly calibratedCoverage: number;
  /** Median and 95th percentile of |r̂ − r|. */
  readonly medianAbsError: number;
  readonly q95AbsError: number;
  /** Median and 95th percentile of the calibrated half-width (hi − lo)/2. */
  readonly medianHalfWidth: number;
  readonly q95HalfWidth: number;
  readonly records: readonly CalibrationRecord[];
  /** `simulated` when pseudo-users' per-instance data were simulated from cells (approximate). */
  readonly basis: 'per-instance' | 'simulated';
}

/** The ⌈(1 − α)(K + 1)⌉-th smallest error, or Infinity. */
export function conformalFactor(errors: readonly number[], alpha: number): number {
  const sorted = [...errors].sort((a, b) => a - b);
  const index = Math.ceil((1 - alpha) * (sorted.length + 1));
  return index > sorted.length ? Number.POSITIVE_INFINITY : (sorted[index - 1] as number);
}

export function studentizedError(truth: number, estimate: number, quantileLo: number, quantileHi: number): number {
  const lo = Math.max(estimate - quantileLo, 0.5);
  const hi = Math.max(quantileHi - estimate, 0.5);
  return Math.max((truth - estimate) / hi, (estimate - truth) / lo);
}

/** A raw bootstrap result widened by ĉ, clipped to [1, K + 1]. */
export function calibratedInterval(
  estimate: number,
  quantileLo: number,
  quantileHi: number,
  factor: number,
  rows: number,
): [number, number] {
  if (!Number.isFinite(factor)) return [1, rows];
  const lo = Math.max(estimate - quantileLo, 0.5);
  const hi = Math.max(quantileHi - estimate, 0.5);
  // At ĉ·½ < 1 the half-unit floors must not widen a zero-width interval (n = N): round the studentized ends.
  const lower = factor === 0 ? estimate : Math.floor(estimate - factor * lo + 1e-9);
  const upper = factor === 0 ? estimate : Math.ceil(estimate + factor * hi - 1e-9);
  return [Math.max(1, Math.min(estimate, lower)), Math.min(rows, Math.max(estimate, upper))];
}

/** Applies a calibration to a user's bootstrap result. */
export function applyCalibration(result: BootstrapResult, factor: number, rows: number): [number, number] {
  return calibratedInterval(result.rank, result.rankQuantiles.lo, result.rankQuantiles.hi, factor, rows);
}

/**
 * P(rank ≤ k), calibrated consistently with the interval: every replicate rank r_b is moved away from the
 * point estimate by the same factor, r′_b = r̂ + ĉ·(r_b − r̂), clipped to [1, rows], and counted as rank ≤ k
 * when it rounds to k or better (r′_b < k + ½). At ĉ = 1 this is the raw bootstrap share; at ĉ = 0 (n = N)
 * all mass sits on r̂. The interval's ½-rank floors on its half-widths are not applied here, so on very narrow
 * distributions the probabilities are slightly less spread than the interval; they are a calibrated summary,
 * not an exact conformal statement (conformal guarantees only the 95 % interval's marginal coverage).
 */
export function calibratedProbRankAtMost(
  histogram: readonly number[],
  estimate: number,
  factor: number,
  rows: number,
  thresholds: readonly number[],
): Record<string, number> {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  const out: Record<string, number> = {};
  for (const k of thresholds) {
    let atMost = 0;
    histogram.forEach((count, index) => {
      if (count === 0) return;
      const widened = Math.min(rows, Math.max(1, estimate + factor * (index + 1 - estimate)));
      if (widened < k + 0.5) atMost += count;
    });
    out[String(k)] = total > 0 ? atMost / total : Number.NaN;
  }
  return out;
}

/** Inputs for one pseudo-user: its strata on the prefix and, optionally, its truth cells (default: published). */
export interface PseudoUser {
  readonly strata: readonly Stratum[];
  readonly truthCells?: Readonly<Record<string, number>>;
}

/**
 * Runs the leave-one-out loop. `pseudoUser(j)` returns model j's prefix data (real or simulated) or null to
 * skip j (e.g. no per-instance data for it).
 */
export function calibrate(
  board: Board,
  level: number,
  pseudoUser: (modelIndex: number) => PseudoUser | null,
  options: BootstrapOptions & { basis?: Calibration['basis'] } = {},
): Calibration {
  const alpha = options.alpha ?? 0.05;
  const raw: Omit<CalibrationRecord, 'calibratedInterval' | 'calibratedCovered'>[] = [];
  board.models.forEach((model, j) => {
    const user = pseudoUser(j);
    if (!user) return;
    const rest = withoutModel(board, j);
    const truth = placeModel(rest, user.truthCells ?? rowCells(board, j), { userRowIndex: j }).rank;
    const result = bootstrapRank(rest, user.strata, { ...options, userRowIndex: j, seed: (options.seed ?? 1) + j });
    const { lo, hi } = result.rankQuantiles;
    raw.push({
      model,
      truth,
      estimate: result.rank,
      quantileLo: lo,
      quantileHi: hi,
      error: studentizedError(truth, result.rank, lo, hi),
      rawCovered: truth >= result.rankInterval[0] && truth <= result.rankInterval[1],
    });
  });
  const errors = raw.map((record) => record.error);
  const factor = conformalFactor(errors, alpha);
  const rows = board.models.length; // a pseudo-user joins K − 1 others: K rows
  const records: CalibrationRecord[] = raw.map((record, i) => {
    const others = errors.filter((_, k) => k !== i);
    const interval = calibratedInterval(
      record.estimate,
      record.quantileLo,
      record.quantileHi,
      conformalFactor(others, alpha),
      rows,
    );
    return {
      ...record,
      calibratedInterval: interval,
      calibratedCovered: record.truth >= interval[0] && record.truth <= interval[1],
    };
  });
  const absErrors = records.map((record) => Math.abs(record.estimate - record.truth));
  const halfWidths = records.map((record) => (record.calibratedInterval[1] - record.calibratedInterval[0]) / 2);
  const share = (predicate: (record: CalibrationRecord) => boolean) =>
    records.length > 0 ? records.filter(predicate).length / records.length : Number.NaN;
  return {
    level,
    factor: Number.isFinite(factor) ? factor : null,
    models: records.length,
    alpha,
    rawCoverage: share((record) => record.rawCovered),
    calibratedCoverage: share((record) => record.calibratedCovered),
    medianAbsError: quantile(absErrors, 0.5),
    q95AbsError: quantile(absErrors, 0.95),
    medianHalfWidth: quantile(halfWidths, 0.5),
    q95HalfWidth: quantile(halfWidths, 0.95),
    records,
    basis: options.basis ?? 'per-instance',
  };
}
