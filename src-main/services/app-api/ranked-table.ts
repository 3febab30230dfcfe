/**
 * `rank.table` and the CSV export: the leaderboard with the user's model placed in it. Every row's mean win rate is
 * recomputed with the user's row inserted (win rates are relative, docs/rank-interval.md §4), by the same placement
 * the rank uses, so the chart's bars, its rank positions and the headline agree.
 */
import type { RankedRow, RankedTable, RankResult } from '../../../src-shared/api/rank';
import { schemaFor } from '../../../src-shared/leaderboard/schema';
import { MWR_EPSILON, placeModel } from '../../../src-shared/rank/placement';
import { loadLeaderboardIndex } from '../leaderboards/leaderboard-index';
import { boardFromIndex } from '../rank/board-from-index';

export async function rankedTable(leaderboardsDir: string, result: RankResult): Promise<RankedTable> {
  const index = await loadLeaderboardIndex(leaderboardsDir, result.leaderboard);
  const { board } = boardFromIndex(index);
  const accuracy = index.tables.accuracy;
  const columns = accuracy?.columns ?? [];
  const schema = schemaFor(index.project);
  const placement = placeModel(board, result.cells);
  const tied = new Set(result.tiedWith);
  const score = (value: number | null | undefined) =>
    value !== null && value !== undefined && Number.isFinite(value) ? value : null;
  const boardRows = index.models.map((model, i) => ({
    model,
    displayName: index.displayNames[i] ?? schema.displayNames?.[model] ?? null,
    meanWinRate: score(placement.boardScores[i]),
    isYou: false,
    isTied: tied.has(model),
    cells: Object.fromEntries(columns.map((column, c) => [column.group, accuracy?.values[i]?.[c] ?? null])),
  }));
  const you = {
    model: result.model,
    displayName: null,
    meanWinRate: score(placement.score),
    isYou: true,
    isTied: false,
    cells: Object.fromEntries(columns.map((column) => [column.group, result.cells[column.group] ?? null])),
  };
  // Best first; rows without a score last; the user's row first among equals (rank = 1 + strictly better rows).
  const ordered = [you, ...boardRows].sort((a, b) => {
    if (a.meanWinRate === null || b.meanWinRate === null)
      return a.meanWinRate === null ? (b.meanWinRate === null ? 0 : 1) : -1;
    return Math.abs(a.meanWinRate - b.meanWinRate) <= MWR_EPSILON ? 0 : b.meanWinRate - a.meanWinRate;
  });
  const rows: RankedRow[] = ordered.map((row) => ({
    ...row,
    rank: row.isYou
      ? result.rank
      : 1 +
        ordered.filter(
          (other) =>
            other.meanWinRate !== null && row.meanWinRate !== null && other.meanWinRate > row.meanWinRate + MWR_EPSILON,
        ).length,
  }));
  return {
    leaderboard: result.leaderboard,
    columns: columns.map((column) => column.group),
    headers: columns.map((column) => column.header),
    lowerIsBetter: columns.map((column) => column.lowerIsBetter),
    rows,
  };
}

/** The ranked table as CSV: one row per model, yours marked, with every Accuracy cell. */
export function rankedTableCsv(table: RankedTable): string {
  const header = ['rank', 'model', 'display_name', 'mean_win_rate', 'is_you', 'tied', ...table.columns];
  const lines = table.rows.map((row) => [
    row.rank,
    row.model,
    row.displayName ?? '',
    row.meanWinRate ?? '',
    row.isYou ? 'yes' : 'no',
    row.isTied ? 'yes' : 'no',
    ...table.columns.map((column) => row.cells[column] ?? ''),
  ]);
  return `${[header, ...lines].map((line) => line.map(csvField).join(',')).join('\n')}\n`;
}

/**
 * A number at 15 significant digits — every digit a mean of a few hundred values carries — so a spreadsheet reads
 * 0.539, not 0.5389999999999999 (the last bits of floating-point sums); text as is, quoted when it must be.
 */
function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(Number(value.toPrecision(15))) : value;
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
