/** Pure sorting of the browse table: by mean win rate or any run-group column; nulls always last. */
import type { LeaderboardRow } from '../../src-shared/api/leaderboards';
import type { TableSort } from '../store/leaderboard-slice';

export function sortRows(rows: readonly LeaderboardRow[], sort: TableSort): LeaderboardRow[] {
  if (sort.column === 'model') {
    return [...rows].sort(
      (a, b) => (sort.descending ? -1 : 1) * (a.displayName ?? a.model).localeCompare(b.displayName ?? b.model),
    );
  }
  const value = (row: LeaderboardRow): number | null =>
    sort.column === 'meanWinRate' ? row.meanWinRate : (row.cells[sort.column] ?? null);
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null) return y === null ? 0 : 1;
    if (y === null) return -1;
    return sort.descending ? y - x : x - y;
  });
}
