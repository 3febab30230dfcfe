/**
 * Pure data for the results chart, in rank space: the leaderboard with your model placed in it (every mean win rate
 * recomputed, `rank.table`), one row per position, and the 95 % rank interval as the band of positions your model
 * could hold. The default view is the rows around yours ("where am I"); the whole board is one toggle away.
 */
import type { RankedTable, RankResult } from '../../src-shared/api/rank';
import type { ChartView } from '../store/results-slice';

/** One row: a position in the ranking with your model inserted. */
export interface RankChartRow {
  /** 1-based position in the ranking (yours is at your rank). */
  readonly position: number;
  readonly rank: number;
  readonly model: string;
  readonly label: string;
  readonly meanWinRate: number | null;
  readonly isYou: boolean;
  readonly isTied: boolean;
  /** Inside your 95 % rank interval (a position your model could hold). */
  readonly isInInterval: boolean;
}

export interface RankChartModel {
  /** The visible rows, best first. */
  readonly rows: readonly RankChartRow[];
  /** Rows of the whole ranking (the board plus yours). */
  readonly total: number;
  readonly you: RankChartRow | null;
  readonly interval: readonly [number, number];
  /** Indexes into `rows` of the band's first and last visible row; null when no band row is visible. */
  readonly band: { readonly first: number; readonly last: number } | null;
  /** The interval goes on above / below the visible rows. */
  readonly clippedAbove: boolean;
  readonly clippedBelow: boolean;
}

/** Rows shown on each side of yours in the default view. */
export const AROUND = 6;

/** The label of a row: the board's display name, or the id; yours is marked. */
export function rowLabel(row: { model: string; displayName: string | null; isYou: boolean }): string {
  return row.isYou ? `${row.model} (yours)` : (row.displayName ?? row.model);
}

export function toRankChartModel(
  table: RankedTable,
  result: Pick<RankResult, 'rankInterval'>,
  view: ChartView,
  around = AROUND,
): RankChartModel {
  const [low, high] = result.rankInterval;
  const all: RankChartRow[] = table.rows.map((row, index) => ({
    position: index + 1,
    rank: row.rank,
    model: row.model,
    label: rowLabel(row),
    meanWinRate: row.meanWinRate,
    isYou: row.isYou,
    isTied: row.isTied,
    isInInterval: index + 1 >= low && index + 1 <= high,
  }));
  const you = all.find((row) => row.isYou) ?? null;
  let first = 0;
  let last = all.length - 1;
  if (view === 'around' && you) {
    // A fixed-size window centred on yours, slid inwards at either end of the board.
    const size = Math.min(all.length, 2 * around + 1);
    first = Math.min(Math.max(0, you.position - 1 - around), all.length - size);
    last = first + size - 1;
  }
  const rows = all.slice(first, last + 1);
  const inBand = rows.map((row, index) => (row.isInInterval ? index : -1)).filter((index) => index >= 0);
  return {
    rows,
    total: all.length,
    you,
    interval: [low, high],
    band: inBand.length > 0 ? { first: inBand[0] ?? 0, last: inBand[inBand.length - 1] ?? 0 } : null,
    clippedAbove: low < first + 1,
    clippedBelow: high > last + 1,
  };
}
