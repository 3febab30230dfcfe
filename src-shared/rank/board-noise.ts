/**
 * "Statistically tied with", including the leaderboard's own noise (docs/rank-interval.md §3 T2, §10): the
 * optional secondary view beside the headline full-run rank (T1, bootstrap.ts).
 *
 * T2 compares true scenario-population means, so both sides are samples:
 *  - the user's cells are drawn as in the bootstrap but without the finite-population factor (the user's n
 *    items estimate the scenario population, not the board's N items);
 *  - each board cell, which we only have as an aggregate, is drawn x*_{j,s} ~ Normal(x_{j,s}, σ²_{j,s}/N_s),
 *    clipped to the metric's range [a, b], with σ² the Bhatia–Davis bound (b − x)(x − a). For 0/1 metrics on
 *    [0, 1] that is exactly the Bernoulli variance x(1 − x); for graded metrics (F1, ROUGE-2, RR@10, NDCG@10)
 *    it is an upper bound, so the view is conservative (more ties) there. N_s is the column's main-split
 *    items in the board's runs (Σ over the column's runs). `stats.json` stddev is never used: it is across
 *    trials, not instances (docs/rank-interval.md §10).
 * Every replicate recomputes every row's mean win rate on the perturbed board (each column re-sorted: the
 * board's own pairwise wins change), so this costs O(B × models × scenarios × log models), more than the T1
 * update.
 * A board model is tied with the user when P(user above model) lies in (α/2, 1 − α/2). By Perlitz et al.'s
 * finding 2 this view never gets much narrower than ±1 rank, which is why it is not the headline.
 */
import type { Board } from './board';
import type { BootstrapOptions } from './bootstrap';
import { drawUserCells, planStrata } from './bootstrap';
import { lowerBound, MWR_EPSILON, upperBound } from './placement';
import { createRng } from './prng';
import type { Rng } from './prng';
import type { Stratum } from './strata';
import { clip, estimateCells } from './strata';

/** Settings of the board-noise view. */
export interface BoardNoiseOptions extends BootstrapOptions {
  /** N_s per column: main-split items behind a board cell (a multi-run column sums its runs). */
  readonly columnItems: Readonly<Record<string, number>>;
  /** Items assumed for a column missing from `columnItems`; default 1,000 (HELM's `-m 1000` cap). */
  readonly defaultItems?: number;
  /** Metric range [a, b] per column for the Bhatia–Davis bound; default [0, 1]. */
  readonly columnRange?: Readonly<Record<string, readonly [number, number]>>;
}

/** The T2 view of one user row. */
export interface BoardNoiseResult {
  /** Board models whose order against the user is unresolved once both sides' sampling noise is drawn. */
  readonly tiedWith: readonly string[];
  /** P(user above model) per board model, in board order (ties count ½). */
  readonly probUserAbove: readonly number[];
  /** Raw 2.5 / 97.5 % rank quantiles under T2 (not calibrated; context only). */
  readonly rankInterval: readonly [number, number];
  readonly resamples: number;
  readonly seed: number;
}

/** Standard deviation of a board cell's mean over `items` items of a metric bounded in [a, b] (Bhatia–Davis). */
export function cellStandardError(value: number, items: number, range: readonly [number, number] = [0, 1]): number {
  const [a, b] = range;
  const variance = Math.max(0, (b - value) * (value - a));
  return items > 0 ? Math.sqrt(variance / items) : 0;
}

/**
 * One draw of the board's cells, row-major K × S (NaN = no valid cell, kept NaN): each valid cell moves by
 * its standard error times a normal draw, clipped to its column's range.
 */
export function perturbCells(
  cells: Float64Array,
  standardErrors: Float64Array,
  ranges: readonly (readonly [number, number])[],
  rng: Rng,
  out: Float64Array,
): void {
  const S = ranges.length;
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i] as number;
    out[i] = Number.isNaN(value)
      ? Number.NaN
      : clip(value + (standardErrors[i] as number) * rng.normal(), ranges[i % S] ?? [0, 1]);
  }
}

/**
 * Every row's score on a perturbed board with the user's row in it (the user's is returned, the board's
 * written to `scoresOut`): mean win rate, or the row mean on `mean` boards. Unlike placement.ts this sorts
 * every column afresh (the board's own order changes per draw). Ties get half credit under either rule:
 * with continuous noise they only occur at clipped bounds, where the legacy row-order credit would be
 * arbitrary anyway.
 */
function noisyScores(
  board: Board,
  cells: Float64Array,
  user: Float64Array,
  scoresOut: Float64Array,
  column: Float64Array,
): number {
  const K = board.models.length;
  const S = board.columns.length;
  scoresOut.fill(0);
  const counts = new Float64Array(K);
  let userSum = 0;
  let userCount = 0;
  if (board.aggregation === 'mean') {
    for (let j = 0; j < K; j++) {
      for (let c = 0; c < S; c++) {
        const value = cells[j * S + c] as number;
        if (Number.isNaN(value)) continue;
        scoresOut[j] = (scoresOut[j] as number) + value;
        counts[j] = (counts[j] as number) + 1;
      }
    }
    for (let c = 0; c < S; c++) {
      if (Number.isNaN(user[c] as number)) continue;
      userSum += user[c] as number;
      userCount++;
    }
  } else {
    for (let c = 0; c < S; c++) {
      const lowerIsBetter = board.columns[c]?.lowerIsBetter === true;
      let m = 0;
      for (let j = 0; j < K; j++) {
        const value = cells[j * S + c] as number;
        if (!Number.isNaN(value)) column[m++] = value;
      }
      const userValue = user[c] as number;
      const hasUser = !Number.isNaN(userValue);
      if (hasUser) column[m++] = userValue;
      if (m < 2) continue;
      const sorted = column.subarray(0, m).sort();
      const winRate = (value: number): number => {
        const lo = lowerBound(sorted, value);
        const hi = upperBound(sorted, value);
        const worse = lowerIsBetter ? m - hi : lo;
        return (worse + 0.5 * (hi - lo - 1)) / (m - 1);
      };
      for (let j = 0; j < K; j++) {
        const value = cells[j * S + c] as number;
        if (Number.isNaN(value)) continue;
        scoresOut[j] = (scoresOut[j] as number) + winRate(value);
        counts[j] = (counts[j] as number) + 1;
      }
      if (hasUser) {
        userSum += winRate(userValue);
        userCount++;
      }
    }
  }
  for (let j = 0; j < K; j++)
    scoresOut[j] = (counts[j] as number) > 0 ? (scoresOut[j] as number) / (counts[j] as number) : Number.NaN;
  return userCount > 0 ? userSum / userCount : Number.NaN;
}

/** Ties of the user's row with every board model when the board's cells are noisy too (T2). */
export function boardNoiseTies(board: Board, strata: readonly Stratum[], options: BoardNoiseOptions): BoardNoiseResult {
  const resamples = options.resamples ?? 2000;
  const seed = options.seed ?? 1;
  const alpha = options.alpha ?? 0.05;
  // Its own stream, so adding this view never changes the T1 bootstrap's draws.
  const rng = createRng(seed + 0x7f2);
  const K = board.models.length;
  const S = board.columns.length;
  const { cells } = estimateCells(strata);
  const { plans, cellWeights } = planStrata(board, strata, options.minResampleSize ?? 3, false);
  const mask = board.columns.map((column) => cells[column.name] !== undefined);
  const ranges = board.columns.map((column) => options.columnRange?.[column.name] ?? ([0, 1] as const));
  const base = new Float64Array(K * S);
  const standardErrors = new Float64Array(K * S);
  board.values.forEach((row, j) =>
    board.columns.forEach((column, c) => {
      const value = row[c];
      const valid = value !== null && value !== undefined && Number.isFinite(value);
      base[j * S + c] = valid ? value : Number.NaN;
      standardErrors[j * S + c] = valid
        ? cellStandardError(value, options.columnItems[column.name] ?? options.defaultItems ?? 1000, ranges[c])
        : 0;
    }),
  );
  const higherIsBetter = board.aggregation === 'win_rate' || !board.columns.every((column) => column.lowerIsBetter);
  const userAbove = new Float64Array(K);
  const ranks = new Float64Array(resamples);
  const replicate = new Float64Array(S);
  const noisy = new Float64Array(K * S);
  const boardScores = new Float64Array(K);
  const column = new Float64Array(K + 1);
  for (let b = 0; b < resamples; b++) {
    drawUserCells(plans, cellWeights, mask, rng, replicate);
    perturbCells(base, standardErrors, ranges, rng, noisy);
    const score = noisyScores(board, noisy, replicate, boardScores, column);
    let rank = 1;
    for (let j = 0; j < K; j++) {
      const other = boardScores[j] as number;
      if (Number.isNaN(other)) continue;
      if (higherIsBetter ? score > other + MWR_EPSILON : score < other - MWR_EPSILON)
        userAbove[j] = (userAbove[j] as number) + 1;
      else if (Math.abs(score - other) <= MWR_EPSILON) userAbove[j] = (userAbove[j] as number) + 0.5;
      else rank++;
    }
    ranks[b] = Number.isNaN(score) ? K + 1 : rank;
  }
  const probUserAbove = Array.from(userAbove, (count) => count / resamples);
  const sorted = ranks.sort();
  const at = (p: number) => sorted[Math.min(resamples - 1, Math.max(0, Math.round(p * (resamples - 1))))] as number;
  return {
    tiedWith: board.models.filter(
      (_, j) => (probUserAbove[j] as number) > alpha / 2 && (probUserAbove[j] as number) < 1 - alpha / 2,
    ),
    probUserAbove,
    rankInterval: [at(alpha / 2), at(1 - alpha / 2)],
    resamples,
    seed,
  };
}
