import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../src-shared/api/history';
import { useAppStore } from '../store/hooks';
import { formatRate } from '../format';
import { examplesLabel } from './BudgetStep';
import { matchesSearch, rankWithInterval, runScenarios, scenarioSummary } from './history-view';

/**
 * Every past run (offline: everything is read from the data directory), searchable, with the scenarios it covered;
 * runs can be opened, compared side by side, read instance by instance, or deleted.
 */
export function HistoryStep() {
  const history = useAppStore((state) => state.history);
  const table = useAppStore((state) => state.table);
  const imported = useAppStore((state) => state.imported);
  const compared = useAppStore((state) => state.compared);
  const { loadHistory, openHistoryEntry, toggleCompared, deleteRun, openInstances } = useAppStore((state) => state);
  const [query, setQuery] = useState('');
  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);
  // A run's core scenarios are its own board's columns (16 on Classic), else the open board's.
  const boardColumns = (entry: HistoryEntry): readonly string[] =>
    imported.find((board) => board.name === entry.leaderboard)?.columns ?? table?.columns ?? [];
  const columnCount = (entry: HistoryEntry): number => boardColumns(entry).length || 16;
  // Scenarios by the open board's names ("BoolQ", not `boolq`) where it has them.
  const scenarioName = (id: string): string => {
    const header = table?.headers[table.columns.indexOf(id)];
    return header ? (header.split(' - ')[0] ?? header) : id;
  };
  const shown = history.filter((entry) =>
    matchesSearch(entry, query, runScenarios(entry, boardColumns(entry)), scenarioName),
  );
  return (
    <section aria-labelledby="history-title" data-testid="step-history">
      <h2 id="history-title" tabIndex={-1}>
        History
      </h2>
      {history.length === 0 ? (
        <p className="muted">No runs yet.</p>
      ) : (
        <>
          <div className="row">
            <label>
              Search{' '}
              <input
                type="search"
                value={query}
                placeholder="model, board, scenario…"
                onChange={(event) => setQuery(event.target.value)}
                data-testid="history-search"
              />
            </label>
            <span className="muted small">
              {shown.length} of {history.length} runs · tick two or more to compare
            </span>
          </div>
          {shown.length === 0 ? (
            <p className="muted" data-testid="history-no-match">
              No run matches “{query.trim()}”.
            </p>
          ) : (
            <div className="table-wide">
              <table data-testid="history-table">
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="sr-only">Compare</span>
                    </th>
                    <th scope="col">Date</th>
                    <th scope="col">Model</th>
                    <th scope="col">Leaderboard</th>
                    <th scope="col">Examples</th>
                    <th scope="col">Scenarios</th>
                    <th scope="col">Status</th>
                    <th scope="col">Rank (95 %)</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((entry) => (
                    <tr key={entry.runId}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Compare ${entry.model} (${entry.runId})`}
                          checked={compared.includes(entry.runId)}
                          onChange={() => void toggleCompared(entry.runId)}
                          data-testid={`compare-${entry.runId}`}
                        />
                      </td>
                      <td className="date">
                        {new Date(entry.createdAt).toLocaleString(undefined, {
                          dateStyle: 'medium',
                          timeStyle: 'short',
                        })}
                      </td>
                      <th scope="row" className="model-name">
                        <ModelName name={entry.model} />
                      </th>
                      <td>{entry.leaderboard || '—'}</td>
                      <td>{examplesLabel(entry.examplesPerScenario)}</td>
                      <td
                        className="wrap"
                        title={entry.scenarios?.length ? entry.scenarios.join(', ') : 'every core scenario'}
                      >
                        {scenarioSummary(entry, columnCount(entry), scenarioName)}
                      </td>
                      <td>{entry.status}</td>
                      <td className="rank">
                        <RankWithInterval rank={entry.rank} interval={entry.rankInterval} />
                      </td>
                      <td>
                        <div className="row-actions">
                          <button
                            type="button"
                            className="small-button"
                            onClick={() => void openHistoryEntry(entry)}
                            data-testid={`open-run-${entry.runId}`}
                          >
                            Open
                          </button>
                          <button
                            type="button"
                            className="small-button"
                            onClick={() => void openInstances(entry.runId)}
                            data-testid={`instances-${entry.runId}`}
                          >
                            Instances
                          </button>
                          <button
                            type="button"
                            className="small-button"
                            disabled={entry.status === 'running' || entry.status === 'planning'}
                            title={entry.status === 'running' ? 'Cancel the run first' : undefined}
                            onClick={() => {
                              if (window.confirm(`Delete the run of ${entry.model} (${entry.runId}) and its files?`))
                                void deleteRun(entry.runId);
                            }}
                            data-testid={`delete-${entry.runId}`}
                          >
                            Delete
                          </button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <CompareTable />
        </>
      )}
    </section>
  );
}

/** The ticked runs side by side: rank, interval, and each scenario's cell. */
function CompareTable() {
  const history = useAppStore((state) => state.history);
  const compared = useAppStore((state) => state.compared);
  const results = useAppStore((state) => state.comparedResults);
  const table = useAppStore((state) => state.table);
  if (compared.length < 2) return null;
  const entries = compared
    .map((runId) => history.find((entry) => entry.runId === runId))
    .filter((entry) => entry !== undefined);
  const columns = table?.columns ?? [
    ...new Set(entries.flatMap((entry) => Object.keys(results[entry.runId]?.cells ?? {}))),
  ];
  const header = (column: string) => table?.headers[table.columns.indexOf(column)] ?? column;
  return (
    <>
      <h3>Comparison</h3>
      <div className="table-wide fit">
        <table data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col">Run</th>
              {entries.map((entry) => (
                <th scope="col" key={entry.runId} title={entry.runId}>
                  {entry.model}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Leaderboard · examples</th>
              {entries.map((entry) => (
                <td key={entry.runId}>
                  {entry.leaderboard || '—'} · {examplesLabel(entry.examplesPerScenario)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Rank (95 % interval)</th>
              {entries.map((entry) => {
                const result = results[entry.runId];
                return (
                  <td key={entry.runId}>
                    {result
                      ? rankWithInterval(result.rank, result.rankInterval)
                      : entry.status === 'done'
                        ? 'not ranked'
                        : entry.status}
                  </td>
                );
              })}
            </tr>
            {columns.map((column) => (
              <tr key={column}>
                <th scope="row">{header(column)}</th>
                {entries.map((entry) => (
                  <td key={entry.runId}>{formatRate(results[entry.runId]?.cells[column] ?? null)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** A model id that may wrap after its organisation ("meta/" then "llama-3-8b"), never inside a word. */
function ModelName({ name }: { name: string }) {
  const at = name.indexOf('/');
  if (at < 0) return <>{name}</>;
  return (
    <>
      {name.slice(0, at + 1)}
      <wbr />
      {name.slice(at + 1)}
    </>
  );
}

/** "#12 (#10–#13)", wrapping (when it must) only before the interval. */
function RankWithInterval({ rank, interval }: { rank: number | null; interval: readonly [number, number] | null }) {
  const text = rankWithInterval(rank, interval);
  const at = text.indexOf(' (');
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)} <span className="nowrap">{text.slice(at + 1)}</span>
    </>
  );
}
