import { useEffect } from 'react';
import { useAppStore } from '../store/hooks';
import { examplesLabel } from './BudgetStep';

/** Every past run; opening one shows its results (offline: everything is read from the data directory). */
export function HistoryStep() {
  const history = useAppStore((state) => state.history);
  const { loadHistory, openHistoryEntry } = useAppStore((state) => state);
  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);
  return (
    <section aria-labelledby="history-title" data-testid="step-history">
      <h2 id="history-title">History</h2>
      {history.length === 0 ? (
        <p className="muted">No runs yet.</p>
      ) : (
        <table data-testid="history-table">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Model</th>
              <th scope="col">Leaderboard</th>
              <th scope="col">Examples</th>
              <th scope="col">Status</th>
              <th scope="col">Rank</th>
              <th scope="col">
                <span className="sr-only">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {history.map((entry) => (
              <tr key={entry.runId}>
                <td>{new Date(entry.createdAt).toLocaleString()}</td>
                <th scope="row">{entry.model}</th>
                <td>{entry.leaderboard}</td>
                <td>{examplesLabel(entry.examplesPerScenario)}</td>
                <td>{entry.status}</td>
                <td>
                  {entry.rank !== null
                    ? `#${entry.rank}${entry.rankInterval ? ` (${entry.rankInterval[0]}–${entry.rankInterval[1]})` : ''}`
                    : '—'}
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => void openHistoryEntry(entry)}
                    data-testid={`open-run-${entry.runId}`}
                  >
                    Open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
