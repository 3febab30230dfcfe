import type { RankedTable, RankResult } from '../../../src-shared/api/rank';
import { formatRate } from '../../format';

/**
 * Your cells beside the rivals' per scenario. Under each rival's score, "you ▲" / "you ▼" says whether yours is
 * better or worse than that score (a bare ▼ after the rival's value read as if the rival were worse); the marker, not
 * colour alone, carries it, with a screen-reader sentence. Rivals are chosen from the whole board, by display name.
 */
export function RivalsTable({
  result,
  table,
  rivals,
  onToggle,
}: {
  result: RankResult;
  table: RankedTable;
  rivals: readonly string[];
  onToggle: (model: string) => void;
}) {
  const board = table.rows.filter((row) => !row.isYou);
  const rivalRows = board.filter((row) => rivals.includes(row.model));
  return (
    <>
      <h3>Per-scenario comparison</h3>
      <div className="table-wide fit">
        <table data-testid="rivals-table">
          <caption className="small">
            Beside a rival&apos;s score: <span className="versus better">you ▲</span> your score is better than theirs,{' '}
            <span className="versus worse">you ▼</span> worse (per scenario, in the column&apos;s own direction)
          </caption>
          <thead>
            <tr>
              <th scope="col">Scenario</th>
              <th scope="col">{result.model} (yours)</th>
              {rivalRows.map((row) => (
                <th scope="col" key={row.model} title={row.model}>
                  #{row.rank} {row.displayName ?? row.model}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.columns.map((column, index) => {
              const mine = result.cells[column] ?? null;
              return (
                <tr key={column}>
                  <th scope="row">{table.headers[index] ?? column}</th>
                  <td>{formatRate(mine)}</td>
                  {rivalRows.map((row) => {
                    const theirs = row.cells[column] ?? null;
                    const lowerIsBetter = table.lowerIsBetter[index] === true;
                    const comparable = mine !== null && theirs !== null && mine !== theirs;
                    const isBetter = comparable && (lowerIsBetter ? mine < theirs : mine > theirs);
                    return (
                      <td key={row.model} className={comparable ? (isBetter ? 'better' : 'worse') : undefined}>
                        {formatRate(theirs)}
                        {comparable && (
                          <>
                            {' '}
                            <span className="versus" aria-hidden="true">
                              you {isBetter ? '▲' : '▼'}
                            </span>
                            <span className="sr-only">{isBetter ? 'yours is better' : 'yours is worse'}</span>
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <details>
        <summary>Choose rivals ({rivalRows.length} shown)</summary>
        <div className="rival-list">
          {board.map((row) => (
            <label key={row.model} title={row.model}>
              <input type="checkbox" checked={rivals.includes(row.model)} onChange={() => onToggle(row.model)} /> #
              {row.rank} {row.displayName ?? row.model}
            </label>
          ))}
        </div>
      </details>
    </>
  );
}
