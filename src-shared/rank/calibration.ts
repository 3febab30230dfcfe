/**
 * Leave-one-model-out calibration of the bootstrap (docs/calibration.md; docs/rank-interval.md §8).
 *
 * Each board model j in turn is a pseudo-user: `draws` samples of its per-instance data on the user's design
 * (its real prefix and random subsets of its real items, or data simulated from its cells), each bootstrapped
 * against the board without j exactly as a user's run is. Its truth r_j is its full-data rank against that board.
 *
 * Interval: conformal on the studentized rank error (conformal.ts): ĉ is fitted on the records, and a user's
 * interval is [r̂ − ⌊ĉ·s_lo⌋, r̂ + ⌊ĉ·s_hi⌋] ∩ [1, rows] with the scale floor τ in s_lo, s_hi. A `certain` result (nothing
 * unknown) keeps its zero-width interval: calibration scales uncertainty, never creates it.
 *
 * Probabilities: P(rank ≤ k) is the raw bootstrap share recalibrated per k by a logistic map fitted on the same
 * records (probability-map.ts), then kept consistent with the interval: at most α below its lower end, at least
 * 1 − α from its upper end on, and within [α/2, 1 − α/2] for a k the interval leaves open — never "certain" unless
 * the interval is.
 *
 * Every figure reported with a calibration (coverage, half-widths, reliability) is leave-one-model-out: model j's
 * interval and probabilities use ĉ and the maps fitted without any of its draws.
 */
import type { Board } from './board';
import { rowCells, withoutModel } from './board';
import type { BootstrapOptions } from './bootstrap';
import { bootstrapRank, RANK_THRESHOLDS } from './bootstrap';
import { placeModel } from './placement';
import type { PolicyRecord } from './conformal';
import { conformalScore, fitInterval, fitPolicy, intervalAt, policyInterval } from './conformal';
import { choosePaired } from './paired';
import { fitProbabilityMap, mapProbability } from './probability-map';
import type { ProbabilityMap } from './probability-map';
import { quantile } from './quantile';
import type { Stratum } from './strata';

/** One pseudo-user draw of the calibration. */
export interface CalibrationRecord {
  readonly model: string;
  readonly draw: number;
  /** r_j: full-data rank against the board without j. */
  readonly truth: number;
  readonly estimate: number;
  readonly quantileLo: number;
  readonly quantileHi: number;
  /** Raw bootstrap shares P*(rank ≤ k), the inputs of the probability map. */
  readonly rawProbRankAtMost: Readonly<Record<string, number>>;
  readonly certain: boolean;
  /** The smallest factor whose interval covers the truth, at the fitted τ. */
  readonly score: number;
  readonly rawCovered: boolean;
  /** Interval with ĉ fitted on the other models' records. */
  readonly calibratedInterval: readonly [number, number];
  readonly calibratedCovered: boolean;
  /** P(rank ≤ k) with the map fitted on the other models' records. */
  readonly probRankAtMost: Readonly<Record<string, number>>;
}

/** Mean reported P(rank ≤ k) beside the observed share of truths ≤ k (leave-one-model-out). */
export interface Reliability {
  readonly k: number;
  readonly meanProbability: number;
  readonly frequency: number;
}

/** Calibration of one design on one board; stored in `calibration.json`. */
export interface Calibration {
  /** Examples per scenario (the conf's N), or 0 for a user's own design. */
  readonly level: number;
  /** ĉ; `null` when K is too small for a 1 − α conformal factor. */
  readonly factor: number | null;
  /** τ: ranks added to each side's bootstrap half-width before scaling. */
  readonly scaleFloor: number;
  /** K: models used as pseudo-users. */
  readonly models: number;
  /** Draws per model. */
  readonly draws: number;
  /** Rows of a pseudo-user's board (K: it joins the K − 1 other models). */
  readonly rows: number;
  /** B of each pseudo-user's bootstrap (the probability map's input resolution). */
  readonly resamples: number;
  readonly alpha: number;
  readonly rawCoverage: number;
  readonly calibratedCoverage: number;
  /** Median and 95th percentile of |r̂ − r| over all records. */
  readonly medianAbsError: number;
  readonly q95AbsError: number;
  /** Median and 95th percentile of the leave-one-out calibrated half-width (hi − lo)/2. */
  readonly medianHalfWidth: number;
  readonly q95HalfWidth: number;
  readonly reliability: readonly Reliability[];
  /** P(rank ≤ k) maps, one per k. */
  readonly probability: readonly ProbabilityMap[];
  readonly records: readonly CalibrationRecord[];
  /** `simulated` when pseudo-users' per-instance data were simulated from cells (approximate). */
  readonly basis: 'per-instance' | 'simulated';
}

/** What a user's result needs to be calibrated: the raw bootstrap summary. */
export interface RawRankResult {
  readonly rank: number;
  readonly rankQuantiles: { readonly lo: number; readonly hi: number };
  readonly probRankAtMost: Readonly<Record<string, number>>;
  readonly resamples: number;
  readonly certain: boolean;
}

function rawOf(result: RawRankResult) {
  return {
    estimate: result.rank,
    quantileLo: result.rankQuantiles.lo,
    quantileHi: result.rankQuantiles.hi,
    certain: result.certain,
  };
}

/**
 * Why a calibration has no conformal factor, in words ("12 models are too few for a 95 % conformal factor"); null
 * when it has one. The rank result and the planning figure both say it with this.
 */
export function notCalibratedReason(calibration: Pick<Calibration, 'factor' | 'models' | 'alpha'>): string | null {
  if (calibration.factor !== null) return null;
  return `${calibration.models} models are too few for a ${Math.round((1 - calibration.alpha) * 100)} % conformal factor`;
}

/** The raw bootstrap interval [⌊q_lo⌋, ⌈q_hi⌉] of a result (the point when `certain`): what an uncalibrated result reports. */
export function rawRankInterval(
  raw: Pick<CalibrationRecord, 'estimate' | 'quantileLo' | 'quantileHi' | 'certain'>,
): [number, number] {
  if (raw.certain) return [raw.estimate, raw.estimate];
  return [Math.floor(raw.quantileLo), Math.ceil(raw.quantileHi)];
}

/**
 * A raw result's reported interval and P(rank ≤ k) under a calibration: calibrated when the calibration has a factor;
 * without one (too few models, {@link notCalibratedReason}) the raw bootstrap interval and shares, reported as not
 * calibrated — never the whole board as if that were a calibrated answer.
 */
export function applyCalibration(
  result: RawRankResult,
  calibration: Pick<Calibration, 'factor' | 'scaleFloor' | 'probability' | 'alpha'>,
  rows: number,
): { interval: [number, number]; probRankAtMost: Record<string, number> } {
  if (calibration.factor === null && !result.certain)
    return { interval: rawRankInterval(rawOf(result)), probRankAtMost: { ...result.probRankAtMost } };
  const interval = intervalAt(
    rawOf(result),
    calibration.factor ?? Number.POSITIVE_INFINITY,
    rows,
    calibration.scaleFloor,
  );
  return {
    interval,
    probRankAtMost: calibratedProbabilities(result, calibration.probability, interval, calibration.alpha),
  };
}

/**
 * A user's paired result under the paired-or-unpaired policy (its calibration from {@link calibratePairedPolicy}):
 * the paired interval and probabilities, and whether the policy shows them ({@link choosePaired}: only when the
 * interval is narrower than `unpairedInterval`). Null when the paired estimate could not be calibrated.
 */
export function applyPairedPolicy(
  result: RawRankResult,
  calibration: Pick<Calibration, 'factor' | 'scaleFloor' | 'probability' | 'alpha'>,
  unpairedInterval: readonly [number, number],
  rows: number,
): {
  interval: [number, number];
  probRankAtMost: Record<string, number>;
  choice: { usePaired: boolean; reason: string };
} | null {
  if (calibration.factor === null) return null;
  const applied = applyCalibration(result, calibration, rows);
  return { ...applied, choice: choosePaired(unpairedInterval, applied.interval) };
}

/** P(rank ≤ k) from the raw shares through the maps, made consistent with the interval (see the file comment). */
export function calibratedProbabilities(
  result: Pick<RawRankResult, 'rank' | 'probRankAtMost' | 'resamples' | 'certain'>,
  maps: readonly ProbabilityMap[],
  interval: readonly [number, number],
  alpha: number,
): Record<string, number> {
  const keys = Object.keys(result.probRankAtMost).sort((a, b) => Number(a) - Number(b));
  if (result.certain) return Object.fromEntries(keys.map((key) => [key, result.rank <= Number(key) ? 1 : 0]));
  const mapped = keys.map((key) => {
    const raw = result.probRankAtMost[key] as number;
    const map = maps.find((m) => m.k === Number(key));
    return map ? mapProbability(map, raw, result.resamples) : raw;
  });
  // Each k has its own map: pool adjacent violators so P(rank ≤ k) stays non-decreasing in k.
  const monotone = poolAdjacentViolators(mapped);
  const out: Record<string, number> = {};
  keys.forEach((key, i) => {
    const k = Number(key);
    let p = monotone[i] as number;
    // The interval claims P(rank outside) ≤ α: a k below it has P ≤ α, a k at or past its end P ≥ 1 − α.
    if (k < interval[0]) p = Math.min(p, alpha);
    if (k >= interval[1]) p = Math.max(p, 1 - alpha);
    // Nothing the interval leaves open is stated as (nearly) certain either way.
    if (k < interval[1]) p = Math.min(p, 1 - alpha / 2);
    if (k >= interval[0]) p = Math.max(p, alpha / 2);
    out[key] = p;
  });
  return out;
}

/** The non-decreasing sequence closest to `values` in least squares (pool adjacent violators, equal weights). */
export function poolAdjacentViolators(values: readonly number[]): number[] {
  const blocks: { sum: number; count: number }[] = [];
  for (const value of values) {
    blocks.push({ sum: value, count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1] as { sum: number; count: number };
      const previous = blocks[blocks.length - 2] as { sum: number; count: number };
      if (previous.sum / previous.count <= last.sum / last.count) break;
      blocks.pop();
      previous.sum += last.sum;
      previous.count += last.count;
    }
  }
  return blocks.flatMap((block) => Array.from({ length: block.count }, () => block.sum / block.count));
}

/** Inputs for one pseudo-user draw: its strata on the design and, optionally, its truth cells (default: published). */
export interface PseudoUser {
  readonly strata: readonly Stratum[];
  readonly truthCells?: Readonly<Record<string, number>>;
}

/** Options of {@link calibrate}. */
export interface CalibrateOptions extends BootstrapOptions {
  readonly basis?: Calibration['basis'];
  /** Draws per model; default 1. */
  readonly draws?: number;
}

type RawRecord = Omit<CalibrationRecord, 'calibratedInterval' | 'calibratedCovered' | 'probRankAtMost'>;

/**
 * Runs the leave-one-model-out loop. `pseudoUser(j, draw)` returns model j's data for one draw (real or
 * simulated), or null to skip (e.g. no data for j).
 */
export function calibrate(
  board: Board,
  level: number,
  pseudoUser: (modelIndex: number, draw: number) => PseudoUser | null,
  options: CalibrateOptions = {},
): Calibration {
  const alpha = options.alpha ?? 0.05;
  const draws = Math.max(1, options.draws ?? 1);
  const resamples = options.resamples ?? 2000;
  const raw: RawRecord[] = [];
  board.models.forEach((model, j) => {
    const rest = withoutModel(board, j);
    for (let draw = 0; draw < draws; draw++) {
      const user = pseudoUser(j, draw);
      if (!user) continue;
      const truth = placeModel(rest, user.truthCells ?? rowCells(board, j), { userRowIndex: j }).rank;
      const seed = (options.seed ?? 1) + j * draws + draw;
      const result = bootstrapRank(rest, user.strata, { ...options, resamples, userRowIndex: j, seed });
      raw.push({
        model,
        draw,
        truth,
        estimate: result.rank,
        quantileLo: result.rankQuantiles.lo,
        quantileHi: result.rankQuantiles.hi,
        rawProbRankAtMost: result.probRankAtMost,
        certain: result.certain,
        score: 0,
        rawCovered: truth >= result.rankInterval[0] && truth <= result.rankInterval[1],
      });
    }
  });
  const rows = board.models.length; // a pseudo-user joins K − 1 others: K rows
  const fit = (records: readonly RawRecord[]) => ({
    ...fitInterval(records, alpha),
    probability: probabilityMaps(records, rows, resamples),
  });
  const all = fit(raw);
  const loo = leaveOneModelOut(raw, fit);
  const records: CalibrationRecord[] = raw.map((record) => {
    const own = loo.get(record.model) as ReturnType<typeof fit>; // every record's model has a fit
    const applied = applyCalibration(
      {
        rank: record.estimate,
        rankQuantiles: { lo: record.quantileLo, hi: record.quantileHi },
        probRankAtMost: record.rawProbRankAtMost,
        resamples,
        certain: record.certain,
      },
      { ...own, alpha },
      rows,
    );
    return {
      ...record,
      score: conformalScore(record, record.truth, all.scaleFloor),
      calibratedInterval: applied.interval,
      calibratedCovered: record.truth >= applied.interval[0] && record.truth <= applied.interval[1],
      probRankAtMost: applied.probRankAtMost,
    };
  });
  return summarize(records, {
    level,
    factor: Number.isFinite(all.factor) ? all.factor : null,
    scaleFloor: all.scaleFloor,
    models: new Set(records.map((record) => record.model)).size,
    draws,
    rows,
    resamples,
    alpha,
    probability: all.probability,
    basis: options.basis ?? 'per-instance',
  });
}

/** The fit without each model's records, by model. */
function leaveOneModelOut<R extends { readonly model: string }, F>(
  records: readonly R[],
  fit: (records: readonly R[]) => F,
): Map<string, F> {
  const fits = new Map<string, F>();
  for (const record of records)
    if (!fits.has(record.model)) fits.set(record.model, fit(records.filter((other) => other.model !== record.model)));
  return fits;
}

/**
 * The paired path as it is reported (conformal.ts, policy): per draw the paired interval where it is strictly
 * narrower than the unpaired one, else the unpaired one. The paired factor is fitted for that policy, so
 * its coverage holds for what a user is shown; the returned calibration's records and figures are the reported
 * ones (leave-one-model-out), its maps the paired estimator's.
 */
export function calibratePairedPolicy(unpaired: Calibration, paired: Calibration): Calibration {
  const rows = paired.rows;
  const unpairedBy = new Map(unpaired.records.map((record) => [`${record.model}\u0000${record.draw}`, record]));
  const records: (PolicyRecord & { readonly source: CalibrationRecord; readonly fallback: CalibrationRecord })[] = [];
  for (const record of paired.records) {
    const fallback = unpairedBy.get(`${record.model}\u0000${record.draw}`);
    if (fallback) records.push({ ...record, unpairedInterval: fallback.calibratedInterval, source: record, fallback });
  }
  const alpha = paired.alpha;
  const fit = (subset: readonly PolicyRecord[]) => fitPolicy(subset, rows, alpha);
  const all = fit(records);
  const loo = leaveOneModelOut(records, fit);
  const reported: CalibrationRecord[] = records.map((record) => {
    const own = loo.get(record.model) as ReturnType<typeof fit>;
    const choice = policyInterval(record, own.factor, rows, own.scaleFloor);
    const base = choice.paired ? record.source : record.fallback;
    return {
      ...base,
      calibratedInterval: [choice.interval[0], choice.interval[1]],
      calibratedCovered: record.truth >= choice.interval[0] && record.truth <= choice.interval[1],
    };
  });
  return summarize(reported, {
    level: paired.level,
    factor: Number.isFinite(all.factor) ? all.factor : null,
    scaleFloor: all.scaleFloor,
    models: paired.models,
    draws: paired.draws,
    rows,
    resamples: paired.resamples,
    alpha,
    probability: paired.probability,
    basis: paired.basis,
  });
}

function probabilityMaps(records: readonly RawRecord[], rows: number, resamples: number): ProbabilityMap[] {
  return RANK_THRESHOLDS.filter((k) => k < rows).map((k) =>
    fitProbabilityMap(
      k,
      records.map((record) => ({ raw: record.rawProbRankAtMost[String(k)] ?? 0, outcome: record.truth <= k })),
      resamples,
    ),
  );
}

/** The summary figures of a set of records (leave-one-out intervals and probabilities already in them). */
export function summarize(
  records: readonly CalibrationRecord[],
  head: Omit<
    Calibration,
    | 'records'
    | 'rawCoverage'
    | 'calibratedCoverage'
    | 'medianAbsError'
    | 'q95AbsError'
    | 'medianHalfWidth'
    | 'q95HalfWidth'
    | 'reliability'
  >,
): Calibration {
  const absErrors = records.map((record) => Math.abs(record.estimate - record.truth));
  const halfWidths = records.map((record) => (record.calibratedInterval[1] - record.calibratedInterval[0]) / 2);
  const share = (predicate: (record: CalibrationRecord) => boolean) =>
    records.length > 0 ? records.filter(predicate).length / records.length : Number.NaN;
  const reliability = RANK_THRESHOLDS.map((k) => ({
    k,
    meanProbability:
      records.length > 0
        ? records.reduce((sum, record) => sum + (record.probRankAtMost[String(k)] ?? 0), 0) / records.length
        : Number.NaN,
    frequency: share((record) => record.truth <= k),
  }));
  return {
    ...head,
    rawCoverage: share((record) => record.rawCovered),
    calibratedCoverage: share((record) => record.calibratedCovered),
    medianAbsError: quantile(absErrors, 0.5),
    q95AbsError: quantile(absErrors, 0.95),
    medianHalfWidth: quantile(halfWidths, 0.5),
    q95HalfWidth: quantile(halfWidths, 0.95),
    reliability,
    records,
  };
}
