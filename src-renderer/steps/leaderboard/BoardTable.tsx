import type { LeaderboardRow, LeaderboardTable } from '../../../src-shared/api/leaderboards';
import type { TableSort } from '../../store/leaderboard-slice';
import { formatRate } from '../../format';

/**
 * The board, sortable by any column. Its scenario headers are written upwards (each one whole: HELM's header, e.g.
 * "NaturalQuestions (closed-book) - F1", also in its title), so a column is as wide as its numbers and all 16 of
 * Classic fit a 1280 px window. Should a narrower window still scroll, # and Model stay in place.
 */
export function BoardTable({
  table,
  rows,
  sort,
  onSort,
}: {
  table: LeaderboardTable;
  rows: readonly LeaderboardRow[];
  sort: TableSort;
  onSort: (column: string) => void;
}) {
  return (
    <div className="table-wide">
      <table className="board-table" data-testid="leaderboard-table">
        <thead>
          <tr>
            <th scope="col" className="pin-rank" title="Rank by mean win rate">
              #
            </th>
            <SortHeader column="model" label="Model" sort={sort} onSort={onSort} className="pin-model" />
            <SortHeader column="meanWinRate" label="Mean win rate" sort={sort} onSort={onSort} />
            {table.columns.map((column, index) => (
              <SortHeader
                key={column}
                column={column}
                label={table.headers[index] ?? column}
                sort={sort}
                onSort={onSort}
                className="upright"
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.model}>
              <td className="pin-rank">{row.rank}</td>
              <th scope="row" className="pin-model" title={row.model}>
                {row.displayName ?? row.model}
              </th>
              <td>{formatRate(row.meanWinRate)}</td>
              {table.columns.map((column) => (
                <td key={column}>{formatRate(row.cells[column] ?? null)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortHeader({
  column,
  label,
  sort,
  onSort,
  className,
}: {
  column: string;
  label: string;
  sort: TableSort;
  onSort: (column: string) => void;
  className?: string;
}) {
  const active = sort.column === column;
  return (
    <th
      scope="col"
      className={className}
      title={`${label}: sort by this column`}
      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
    >
      <button type="button" className="link" onClick={() => onSort(column)}>
        {label}
        {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
}
