/**
 * Placement: insert the user's row into a published board and rank it (docs/rank-interval.md §4).
 *
 * Mean win rate (docs/helm-fidelity.md §7.2): per column, a row's win rate is (#worse + tie credit) / (N − 1) over the
 * column's N valid cells; a row's MWR is the mean over its own valid columns (missing columns are simply not
 * in its mean, as HELM does); columns with fewer than 2 valid cells are skipped. Tie credit is ½ per tied row
 * under the `current` rule (HELM PR #3001) and, under `legacy` (Classic v0.3.0/v0.4.0 summarize), the sort
 * position by (value, row index): a tie goes to the later row in higher-is-better columns and to the earlier
 * row in lower-is-better ones. Inserting the user changes every column's N and every row's wins, so all MWRs
 * are recomputed. Rank = 1 + #rows with a strictly higher MWR. `mean` boards (Capabilities) rank by row mean.
 *
 * Fast update (docs/rank-interval.md §4): the board's own pairwise wins are precomputed once per column (base wins), so each
 * placement costs O(models × user columns) plus a binary search per column — no re-sort — which the
 * bootstrap calls thousands of times.
 */
import type { Board } from './board';

/** Two MWRs closer than this are equal: our sums run in another order than HELM's, so exact float equality would be luck. */
export const MWR_EPSILON = 1e-9;

/**
 * A user cell this close to a board cell is the same value (a tie). Our cells are sums of per-instance values
 * in another order than the board's (or an estimator's offset + residual mean), so a true tie can differ in
 * the last bits; HELM's own comparison is exact on equal inputs.
 */
export const CELL_EPSILON = 1e-12;

/** `u`, snapped to a board value within {@link CELL_EPSILON}. */
function snap(sorted: Float64Array, u: number): number {
  const at = lowerBound(sorted, u);
  if (at < sorted.length && Math.abs((sorted[at] as number) - u) <= CELL_EPSILON) return sorted[at] as number;
  if (at > 0 && Math.abs((sorted[at - 1] as number) - u) <= CELL_EPSILON) return sorted[at - 1] as number;
  return u;
}

/** Options for inserting the user row. */
export interface PlacementOptions {
  /**
   * The user's position in the row order (0 = before every board row). Only the legacy tie rule reads it.
   * Default 0: models not listed in the schema sort first (docs/helm-fidelity.md §7.1 item 8).
   */
  readonly userRowIndex?: number;
}

/** A placement of the user's row. */
export interface Placement {
  /** 1 + number of board rows with a strictly higher score. */
  readonly rank: number;
  /** The user's mean win rate (or row mean on `mean` boards); null when the user has no valid column. */
  readonly score: number | null;
  /** Every board row's score after the insertion, in board order. */
  readonly boardScores: Float64Array;
  /** Board models whose score equals the user's (reported, not resolved). */
  readonly tiedExactly: readonly string[];
  /** Columns the board has but the user row lacks; HELM averages the user over its own columns only. */
  readonly missingColumns: readonly string[];
}

interface PreparedColumn {
  readonly lowerIsBetter: boolean;
  /** Valid board values, ascending. */
  readonly sorted: Float64Array;
  /** Board row index of each sorted value (legacy ties). */
  readonly sortedRows: Int32Array;
  /** Per board row: wins against the other board rows (NaN when the row has no valid cell). */
  readonly baseWins: Float64Array;
}

/** A board ready for repeated placements of a user row with a fixed set of columns. */
export interface Placer {
  readonly board: Board;
  /** Which columns the user row has, in board column order. */
  readonly userColumns: readonly boolean[];
  /** Rank of a user row (cells in board column order; only the user's columns are read). */
  rank(cells: ArrayLike<number>, scoresOut?: Float64Array): { rank: number; score: number };
  /** The full placement with every row's score and ties. */
  place(cells: ArrayLike<number>): Placement;
}

/** Does row `a` (at row position `rowA`) get the credit of a tie with row `b`, under the legacy rule? */
function legacyTieWin(rowA: number, rowB: number, lowerIsBetter: boolean): boolean {
  return lowerIsBetter ? rowA < rowB : rowA > rowB;
}

function prepareColumn(board: Board, c: number): PreparedColumn {
  const column = board.columns[c];
  if (!column) throw new Error(`column ${c} out of range`);
  const rows: number[] = [];
  board.values.forEach((row, j) => {
    const value = row[c];
    if (value !== null && value !== undefined && Number.isFinite(value)) rows.push(j);
  });
  const value = (j: number): number => board.values[j]?.[c] as number; // validated just above
  rows.sort((a, b) => value(a) - value(b) || a - b);
  const sorted = Float64Array.from(rows, value);
  const sortedRows = Int32Array.from(rows);
  const baseWins = new Float64Array(board.models.length).fill(Number.NaN);
  for (let k = 0; k < rows.length; k++) {
    const j = rows[k] as number;
    const v = sorted[k] as number;
    const lo = lowerBound(sorted, v);
    const hi = upperBound(sorted, v);
    const strictlyWorse = column.lowerIsBetter ? rows.length - hi : lo;
    let ties = 0;
    for (let t = lo; t < hi; t++) {
      const other = sortedRows[t] as number;
      if (other === j) continue;
      ties += board.rule === 'current' ? 0.5 : legacyTieWin(j, other, column.lowerIsBetter) ? 1 : 0;
    }
    baseWins[j] = strictlyWorse + ties;
  }
  return { lowerIsBetter: column.lowerIsBetter, sorted, sortedRows, baseWins };
}

/** First index with sorted[i] >= v. */
export function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with sorted[i] > v. */
export function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Prepares a board for a user row that has exactly the columns flagged in `userColumns`. */
export function createPlacer(board: Board, userColumns: readonly boolean[], options: PlacementOptions = {}): Placer {
  const K = board.models.length;
  const S = board.columns.length;
  const userRow = options.userRowIndex ?? 0;
  const columns = board.columns.map((_, c) => prepareColumn(board, c));
  // Board row j sits at position j (before the user) or j + 1 (after): only the order matters.
  const isBeforeUser = (j: number) => j < userRow;

  // Per row: the constant part of its MWR sum (columns the user lacks) and its number of valid columns.
  const constantSum = new Float64Array(K);
  const validColumns = new Float64Array(K);
  const userColumnIndices: number[] = [];
  // Board means for `mean` boards.
  const rowMeans = new Float64Array(K);
  for (let c = 0; c < S; c++) {
    const column = columns[c] as PreparedColumn;
    const count = column.sorted.length + (userColumns[c] ? 1 : 0);
    if (userColumns[c] && count >= 2) userColumnIndices.push(c);
    if (count < 2) continue;
    for (let j = 0; j < K; j++) {
      const wins = column.baseWins[j] as number;
      if (Number.isNaN(wins)) continue;
      validColumns[j] = (validColumns[j] as number) + 1;
      // The denominator (valid cells − 1) does not depend on the user's value, so base wins are constant too;
      // a replicate only adds each row's result against the user.
      constantSum[j] = (constantSum[j] as number) + wins / (count - 1);
    }
  }
  for (let j = 0; j < K; j++) {
    let sum = 0;
    let count = 0;
    for (const value of board.values[j] ?? []) {
      if (value !== null && Number.isFinite(value)) {
        sum += value;
        count++;
      }
    }
    rowMeans[j] = count > 0 ? sum / count : Number.NaN;
  }
  const userValidColumns = userColumnIndices.length;
  const meanLowerIsBetter = board.columns.length > 0 && board.columns.every((column) => column.lowerIsBetter);
  const missingColumns = board.columns.filter((_, c) => !userColumns[c]).map((column) => column.name);

  const scoreWinRate = (cells: ArrayLike<number>, out: Float64Array): number => {
    out.set(constantSum);
    let userSum = 0;
    for (const c of userColumnIndices) {
      const column = columns[c] as PreparedColumn;
      const sorted = column.sorted;
      const u = snap(sorted, cells[c] as number);
      const n = sorted.length; // denominator: (n + 1 valid cells) − 1
      const lo = lowerBound(sorted, u);
      const hi = upperBound(sorted, u);
      let userWins = column.lowerIsBetter ? n - hi : lo;
      for (let t = lo; t < hi; t++) {
        const other = column.sortedRows[t] as number;
        if (board.rule === 'current') userWins += 0.5;
        else if (legacyTieWin(isBeforeUser(other) ? 1 : 0, isBeforeUser(other) ? 0 : 1, column.lowerIsBetter))
          userWins += 1;
      }
      userSum += userWins / n;
      // Rows strictly better than the user gain a full win; they are one contiguous run of the sorted column.
      const share = 1 / n;
      const rows = column.sortedRows;
      if (column.lowerIsBetter)
        for (let k = 0; k < lo; k++) out[rows[k] as number] = (out[rows[k] as number] as number) + share;
      else for (let k = hi; k < n; k++) out[rows[k] as number] = (out[rows[k] as number] as number) + share;
      for (let k = lo; k < hi; k++) {
        const j = rows[k] as number;
        const credit =
          board.rule === 'current'
            ? 0.5
            : legacyTieWin(isBeforeUser(j) ? 0 : 1, isBeforeUser(j) ? 1 : 0, column.lowerIsBetter)
              ? 1
              : 0;
        out[j] = (out[j] as number) + credit * share;
      }
    }
    for (let j = 0; j < K; j++)
      out[j] = (validColumns[j] as number) > 0 ? (out[j] as number) / (validColumns[j] as number) : Number.NaN;
    return userValidColumns > 0 ? userSum / userValidColumns : Number.NaN;
  };

  const scoreMean = (cells: ArrayLike<number>, out: Float64Array): number => {
    out.set(rowMeans);
    let sum = 0;
    let count = 0;
    for (let c = 0; c < S; c++) {
      if (!userColumns[c]) continue;
      sum += cells[c] as number;
      count++;
    }
    return count > 0 ? sum / count : Number.NaN;
  };

  const score = board.aggregation === 'mean' ? scoreMean : scoreWinRate;
  const higherIsBetterScore = board.aggregation === 'mean' ? !meanLowerIsBetter : true;
  const scratch = new Float64Array(K);

  const rankOf = (userScore: number, scores: Float64Array): number => {
    let rank = 1;
    if (Number.isNaN(userScore)) return K + 1;
    for (let j = 0; j < K; j++) {
      const s = scores[j] as number;
      if (Number.isNaN(s)) continue;
      if (higherIsBetterScore ? s > userScore + MWR_EPSILON : s < userScore - MWR_EPSILON) rank++;
    }
    return rank;
  };

  return {
    board,
    userColumns,
    rank(cells, scoresOut) {
      const out = scoresOut ?? scratch;
      const userScore = score(cells, out);
      return { rank: rankOf(userScore, out), score: userScore };
    },
    place(cells) {
      const out = new Float64Array(K);
      const userScore = score(cells, out);
      const tiedExactly = board.models.filter((_, j) => Math.abs((out[j] as number) - userScore) <= MWR_EPSILON);
      return {
        rank: rankOf(userScore, out),
        score: Number.isNaN(userScore) ? null : userScore,
        boardScores: out,
        tiedExactly,
        missingColumns,
      };
    },
  };
}

/** Cells keyed by column name → a dense array in board column order plus the column mask. */
export function denseCells(
  board: Board,
  cells: Readonly<Record<string, number | null | undefined>>,
): { values: Float64Array; mask: boolean[] } {
  const values = new Float64Array(board.columns.length).fill(Number.NaN);
  const mask = board.columns.map((column, c) => {
    const value = cells[column.name];
    if (value === null || value === undefined || !Number.isFinite(value)) return false;
    values[c] = value;
    return true;
  });
  return { values, mask };
}

/** One-shot placement of a user row given as `{column: value}`. */
export function placeModel(
  board: Board,
  cells: Readonly<Record<string, number | null | undefined>>,
  options: PlacementOptions = {},
): Placement {
  const { values, mask } = denseCells(board, cells);
  return createPlacer(board, mask, options).place(values);
}
