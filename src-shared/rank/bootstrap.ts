/**
 * Stratified bootstrap of the user's full-run rank (docs/rank-interval.md §3 T1, §6, §7).
 *
 * Target: the rank the model would get with the leaderboard's full configuration; the board's cells are
 * fixed and the only uncertainty is the user's unobserved main-split items. Per replicate and stratum r:
 *  - n_r ≥ 3 and n_r < N_r: resample the n_r items with replacement, then the Rao–Wu rescaling
 *    ȳ** = ȳ + f·(ȳ* − ȳ*‾), f = √(n/(n−1)·(1 − n/N)), which matches the without-replacement variance
 *    (1 − n/N)·S²/n in expectation and is exactly 0 at n = N (Rao & Wu 1988). 0/1 metrics draw
 *    ȳ* ~ Binomial(n, p̃)/n with the add-half estimate p̃ = (Σy + ½)/(n + 1): a run that got all its items right
 *    (or wrong) still has sampling variance below N, which the plain p̂ = 1 would hide (docs/calibration.md §2).
 *    A graded run whose values are all equal is drawn like a one-item run (below), for the same reason;
 *  - n_r ≤ 2 (RAFT, CivilComments, MMLU at _10/_20): collapsed strata (Wolter 2007) — a normal draw with the
 *    scenario's pooled within-stratum variance S²_s, ȳ** = ȳ + √((1 − n/N)·S²_s / max(n, 1))·z. When S²_s is 0
 *    or unknown we use the Bernoulli / Bhatia–Davis bound p̃(1 − p̃) with p̃ = (Σy + ½)/(n + 1) over the
 *    scenario, so a run is zero-width only when n = N;
 *  - n_r = 0: centred on the column's other strata (HELM's displayed cell), drawn as for n = 1.
 * Cells are rebuilt as HELM merges them, every row's MWR is recomputed (fast update, placement.ts), and the
 * 2.5 / 97.5 % rank percentiles give the raw interval. Calibration (calibration.ts) inflates it.
 * When every stratum has n_r = N_r nothing is unknown: the result is `certain`, its interval is the point and no
 * calibration widens it.
 */
import type { Board } from './board';
import { createPlacer, MWR_EPSILON } from './placement';
import type { PlacementOptions } from './placement';
import { createRng } from './prng';
import type { Rng } from './prng';
import { quantileOfSorted } from './quantile';
import type { Stratum } from './strata';
import { clip, estimateCells, mean, strataByColumn } from './strata';

/** Bootstrap settings; store them with the result (docs/rank-interval.md §13). */
export interface BootstrapOptions extends PlacementOptions {
  /** B; at least 2,000 keeps the Monte-Carlo error of the 2.5/97.5 % rank quantiles near one rank. */
  readonly resamples?: number;
  readonly seed?: number;
  /** Two-sided level; default 0.05. */
  readonly alpha?: number;
  /** Strata with fewer items use the collapsed-strata draw; default 3. */
  readonly minResampleSize?: number;
}

/** The k of P(rank ≤ k) reported with every result. */
export const RANK_THRESHOLDS = [1, 3, 5, 10] as const;

/** Raw (uncalibrated) bootstrap result for one user row. */
export interface BootstrapResult {
  /** Point estimate: the placement of the user's HELM cells. */
  readonly rank: number;
  readonly meanWinRate: number | null;
  /** Unrounded α/2, 50 %, 1 − α/2 quantiles of the replicate ranks (calibration studentizes with them). */
  readonly rankQuantiles: { readonly lo: number; readonly median: number; readonly hi: number };
  /** [floor(q_lo), ceil(q_hi)]. */
  readonly rankInterval: readonly [number, number];
  readonly meanWinRateInterval: readonly [number, number];
  readonly probRankAtMost: Readonly<Record<string, number>>;
  /** Board models whose order against the user is unresolved: P(user above model) within (α/2, 1 − α/2). */
  readonly tiedWith: readonly string[];
  /** Board models with exactly the user's point score. */
  readonly tiedExactly: readonly string[];
  /** Replicate count per rank, index 0 = rank 1. */
  readonly histogram: readonly number[];
  readonly cells: Readonly<Record<string, number>>;
  readonly missingColumns: readonly string[];
  readonly imputedStrata: readonly string[];
  readonly resamples: number;
  readonly seed: number;
  /**
   * Nothing is unknown: every stratum observed all N_r items (and none was imputed), so every replicate equals
   * the point estimate. Calibration keeps such a result exact (docs/calibration.md §1).
   */
  readonly certain: boolean;
}

/** How one stratum is drawn in each replicate (exported for tests of the variance). */
export interface StratumPlan {
  readonly column: number;
  readonly mode: 'resample' | 'normal' | 'fixed';
  readonly values: readonly number[];
  readonly binary: boolean;
  /** The sample mean: the replicates' centre. */
  readonly center: number;
  /** Mean of the resampled ȳ* (p̃ for 0/1 strata, else the sample mean), subtracted so replicates stay centred. */
  readonly drawMean: number;
  readonly offset: number;
  /** Rao–Wu factor (resample) or standard deviation (normal). */
  readonly scale: number;
  readonly weight: number;
  /** 0/1 strata: CDF of Binomial(n, ȳ), so a draw is one uniform and a binary search (n and ȳ are fixed). */
  readonly binomialCdf: Float64Array | null;
}

/** CDF of Binomial(n, p) at 0…n (computed in log space for stability). */
export function binomialCdf(n: number, p: number): Float64Array {
  const cdf = new Float64Array(n + 1);
  if (p <= 0 || p >= 1) {
    cdf.fill(p <= 0 ? 1 : 0);
    cdf[n] = 1;
    return cdf;
  }
  let logCoefficient = 0;
  let total = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logCoefficient += Math.log((n - k + 1) / k);
    total += Math.exp(logCoefficient + k * Math.log(p) + (n - k) * Math.log(1 - p));
    cdf[k] = total;
  }
  for (let k = 0; k <= n; k++) cdf[k] = (cdf[k] as number) / total;
  return cdf;
}

function drawFromCdf(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cdf[mid] as number) <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Pooled within-stratum variance of one scenario (collapsed strata), with the bounded fallback. */
export function pooledVariance(list: readonly Stratum[]): number {
  let squares = 0;
  let degrees = 0;
  let sum = 0;
  let count = 0;
  for (const stratum of list) {
    const m = mean(stratum.values);
    for (const y of stratum.values) {
      sum += (stratum.offset ?? 0) + y;
      count++;
      if (stratum.values.length >= 2) squares += (y - m) * (y - m);
    }
    if (stratum.values.length >= 2) degrees += stratum.values.length - 1;
  }
  const pooled = degrees > 0 ? squares / degrees : 0;
  if (pooled > 0) return pooled;
  const p = (sum + 0.5) / (count + 1);
  return p * (1 - p);
}

/**
 * How each stratum is drawn. `finitePopulation` (default true) is the T1 target: the rescaling shrinks with
 * 1 − n/N and a run with n = N is fixed. False draws the stratum mean as an estimate of an infinite scenario
 * population (T2, board-noise.ts): no finite-population factor, and no stratum is fixed.
 */
export function planStrata(
  board: Board,
  strata: readonly Stratum[],
  minResampleSize: number,
  finitePopulation = true,
): { plans: StratumPlan[]; cellWeights: Float64Array } {
  const columnIndex = new Map(board.columns.map((column, c) => [column.name, c]));
  const plans: StratumPlan[] = [];
  const cellWeights = new Float64Array(board.columns.length);
  for (const [columnName, list] of strataByColumn(strata)) {
    const c = columnIndex.get(columnName);
    if (c === undefined) continue; // a run of a scenario the board does not show
    const observed = list.filter((s) => s.values.length > 0);
    if (observed.length === 0) continue;
    const observedMeans = observed.map((s) => (s.offset ?? 0) + mean(s.values));
    const fillIn = mean(observedMeans);
    const variance = pooledVariance(list);
    for (const stratum of list) {
      const n = stratum.values.length;
      const N = finitePopulation ? Math.max(stratum.populationSize, n) : Number.POSITIVE_INFINITY;
      const weight = stratum.weight ?? 1;
      cellWeights[c] = (cellWeights[c] as number) + weight;
      const base = {
        column: c,
        values: stratum.values,
        binary: stratum.binary ?? false,
        offset: stratum.offset ?? 0,
        weight,
        binomialCdf: null,
      };
      if (n >= N) {
        const center = (stratum.offset ?? 0) + mean(stratum.values);
        plans.push({ ...base, mode: 'fixed', center, drawMean: center, scale: 0 });
      } else if (n >= minResampleSize && (base.binary || hasSpread(stratum.values))) {
        const center = mean(stratum.values);
        const drawMean = base.binary ? addHalf(stratum.values) : center;
        plans.push({
          ...base,
          mode: 'resample',
          center,
          drawMean,
          scale: Math.sqrt((n / (n - 1)) * (1 - n / N)),
          binomialCdf: base.binary ? binomialCdf(n, drawMean) : null,
        });
      } else {
        const center = n > 0 ? (stratum.offset ?? 0) + mean(stratum.values) : fillIn;
        const scale = Math.sqrt(((1 - n / N) * variance) / Math.max(n, 1));
        plans.push({ ...base, mode: 'normal', center, drawMean: center, scale });
      }
    }
  }
  return { plans, cellWeights };
}

/** The add-half estimate (Σy + ½)/(n + 1) of a 0/1 stratum's mean: never exactly 0 or 1. */
export function addHalf(values: readonly number[]): number {
  let sum = 0;
  for (const y of values) sum += y;
  return (sum + 0.5) / (values.length + 1);
}

function hasSpread(values: readonly number[]): boolean {
  return values.some((y) => y !== values[0]);
}

/** One replicate's stratum mean ȳ** (before clipping). */
export function drawStratum(plan: StratumPlan, rng: Rng): number {
  if (plan.mode === 'fixed') return plan.center;
  if (plan.mode === 'normal') return plan.center + plan.scale * rng.normal();
  const n = plan.values.length;
  let star: number;
  if (plan.binomialCdf) star = drawFromCdf(plan.binomialCdf, rng.next()) / n;
  else {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += plan.values[rng.int(n)] as number;
    star = sum / n;
  }
  return plan.offset + plan.center + plan.scale * (star - plan.drawMean);
}

/** One replicate of the user's cells in board column order (HELM's merge: weighted mean of its strata; NaN where the user has no cell). */
export function drawUserCells(
  plans: readonly StratumPlan[],
  cellWeights: Float64Array,
  mask: readonly boolean[],
  rng: Rng,
  out: Float64Array,
): void {
  out.fill(0);
  for (const plan of plans)
    out[plan.column] = (out[plan.column] as number) + clip(drawStratum(plan, rng)) * plan.weight;
  for (let c = 0; c < out.length; c++)
    out[c] = mask[c] ? clip((out[c] as number) / (cellWeights[c] as number)) : Number.NaN;
}

/** Runs the bootstrap for a user row given by its strata. */
export function bootstrapRank(
  board: Board,
  strata: readonly Stratum[],
  options: BootstrapOptions = {},
): BootstrapResult {
  const resamples = options.resamples ?? 2000;
  const seed = options.seed ?? 1;
  const alpha = options.alpha ?? 0.05;
  const rng = createRng(seed);
  const K = board.models.length;
  const S = board.columns.length;
  const { cells, imputedStrata } = estimateCells(strata);
  const { plans, cellWeights } = planStrata(board, strata, options.minResampleSize ?? 3);
  const mask = board.columns.map((column) => cells[column.name] !== undefined);
  const placer = createPlacer(board, mask, options);
  const pointCells = Float64Array.from(board.columns, (column) => cells[column.name] ?? Number.NaN);
  const point = placer.place(pointCells);

  const ranks = new Float64Array(resamples);
  const scores = new Float64Array(resamples);
  const userAbove = new Float64Array(K);
  const replicate = new Float64Array(S);
  const boardScores = new Float64Array(K);
  const higherIsBetter = board.aggregation === 'win_rate' || !board.columns.every((column) => column.lowerIsBetter);
  for (let b = 0; b < resamples; b++) {
    drawUserCells(plans, cellWeights, mask, rng, replicate);
    const { rank, score } = placer.rank(replicate, boardScores);
    ranks[b] = rank;
    scores[b] = score;
    for (let j = 0; j < K; j++) {
      const other = boardScores[j] as number;
      if (higherIsBetter ? score > other + MWR_EPSILON : score < other - MWR_EPSILON)
        userAbove[j] = (userAbove[j] as number) + 1;
      else if (Math.abs(score - other) <= MWR_EPSILON) userAbove[j] = (userAbove[j] as number) + 0.5;
    }
  }

  const sortedRanks = Float64Array.from(ranks).sort();
  const sortedScores = Float64Array.from(scores).sort();
  const lo = quantileOfSorted(sortedRanks, alpha / 2);
  const hi = quantileOfSorted(sortedRanks, 1 - alpha / 2);
  const histogram = new Array<number>(K + 1).fill(0);
  for (const rank of ranks) histogram[rank - 1] = (histogram[rank - 1] as number) + 1;
  const probRankAtMost: Record<string, number> = {};
  for (const k of RANK_THRESHOLDS)
    probRankAtMost[String(k)] = ranks.reduce((count, rank) => count + (rank <= k ? 1 : 0), 0) / resamples;
  const tiedWith = board.models.filter((_, j) => {
    const p = (userAbove[j] as number) / resamples;
    return p > alpha / 2 && p < 1 - alpha / 2;
  });
  return {
    rank: point.rank,
    meanWinRate: point.score,
    rankQuantiles: { lo, median: quantileOfSorted(sortedRanks, 0.5), hi },
    rankInterval: [Math.floor(lo), Math.ceil(hi)],
    meanWinRateInterval: [quantileOfSorted(sortedScores, alpha / 2), quantileOfSorted(sortedScores, 1 - alpha / 2)],
    probRankAtMost,
    tiedWith,
    tiedExactly: point.tiedExactly,
    histogram,
    cells,
    missingColumns: point.missingColumns,
    imputedStrata,
    resamples,
    seed,
    certain: imputedStrata.length === 0 && plans.length > 0 && plans.every((plan) => plan.mode === 'fixed'),
  };
}
