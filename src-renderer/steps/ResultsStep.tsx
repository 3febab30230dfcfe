import { useMemo, useRef } from 'react';
import type { ExportFormat } from '../../src-shared/api/history';
import { RankChart } from '../chart/RankChart';
import { useAppStore, useResult, useTable } from '../store/hooks';
import { formatRate } from '../format';
import { budgetLabel } from './BudgetStep';
import { saveFile, svgToPng } from './export';

/** Step 5: rank with interval, the ranked chart, per-scenario comparison with rivals, ties, export. */
export function ResultsStep() {
  const result = useResult();
  const table = useTable();
  const rivals = useAppStore((state) => state.rivals);
  const history = useAppStore((state) => state.history);
  const runId = useAppStore((state) => state.runId);
  const { toggleRival, showError, goTo, exportRun } = useAppStore((state) => state);
  const chartRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => table?.rows ?? [], [table]);

  if (!result) {
    return (
      <section data-testid="step-results">
        <h2>5. Results</h2>
        <p>No results yet: finish a run, or open one from History.</p>
        <button type="button" onClick={() => goTo('history')}>
          Open History
        </button>
      </section>
    );
  }
  const runDirectory = history.find((entry) => entry.runId === runId)?.runDirectory ?? null;
  const rivalRows = rows.filter((row) => rivals.includes(row.model));
  const exportAs = async (format: ExportFormat) => {
    try {
      const file = await exportRun(format);
      if (file) saveFile(file.fileName, file.content, file.mimeType);
    } catch (error) {
      showError(error);
    }
  };
  const exportPng = async () => {
    const svg = chartRef.current?.querySelector('svg.recharts-surface');
    if (!(svg instanceof SVGSVGElement)) return;
    try {
      const background = getComputedStyle(document.body).backgroundColor || '#ffffff';
      saveFile(`${result.model.replace(/[^\w.-]+/g, '_')}-rank.png`, await svgToPng(svg, background));
    } catch (error) {
      showError(error);
    }
  };

  return (
    <section aria-labelledby="results-title" data-testid="step-results">
      <h2 id="results-title">5. Results</h2>
      <div className="card headline" data-testid="rank-headline">
        <p className="big">
          <strong>{result.model}</strong> ranks <strong data-testid="rank-value">#{result.rank}</strong> of{' '}
          {rows.length + 1} on {result.leaderboard}
        </p>
        <p>
          95 % interval:{' '}
          <strong data-testid="rank-interval">
            #{result.rankInterval[0]} – #{result.rankInterval[1]}
          </strong>{' '}
          · mean win rate {formatRate(result.meanWinRate)} ({formatRate(result.meanWinRateInterval[0])}–
          {formatRate(result.meanWinRateInterval[1])}) · {budgetLabel(result.budget)} examples per scenario ·{' '}
          {result.method}
          {result.certain
            ? ', exact (every item observed)'
            : result.calibrated
              ? `, calibrated${result.calibrationBasis ? ` (${result.calibrationBasis === 'simulated' ? 'on simulated per-instance data' : 'on per-instance data'})` : ''}`
              : ', not calibrated'}
        </p>
        {result.calibrationNote && <p className="muted small">{result.calibrationNote}</p>}
        <p data-testid="prob-rank">
          P(rank ≤ k)
          {result.probRankAtMostCalibrated
            ? ` (calibrated like the interval${result.calibrationBasis === 'simulated' ? ', on simulated data' : ''})`
            : ' (uncalibrated bootstrap shares)'}
          :{' '}
          {Object.entries(result.probRankAtMost)
            .map(([k, p]) => `≤${k}: ${(p * 100).toFixed(0)} %`)
            .join(' · ')}
        </p>
        <p data-testid="tied-with">
          Statistically tied with: {result.tiedWith.length ? result.tiedWith.join(', ') : 'no model'}
        </p>
        {result.tiedWithIncludingBoardNoise !== null && (
          <p className="muted small" data-testid="tied-with-board-noise" title={result.boardNoiseNote ?? undefined}>
            Also counting the leaderboard models&apos; own sampling noise: tied with{' '}
            {result.tiedWithIncludingBoardNoise.length ? result.tiedWithIncludingBoardNoise.join(', ') : 'no model'}.
          </p>
        )}
      </div>
      <div className="row">
        <button type="button" onClick={() => void exportAs('csv')} data-testid="export-csv">
          Export CSV
        </button>
        <button type="button" onClick={() => void exportAs('json')} data-testid="export-json">
          Export JSON
        </button>
        <button type="button" onClick={() => void exportPng()} data-testid="export-png">
          Export chart PNG
        </button>
        {runDirectory && (
          <span className="muted small" data-testid="run-directory">
            HELM run directories: <code>{runDirectory}</code>
          </span>
        )}
      </div>
      <div ref={chartRef}>
        <RankChart rows={rows} result={result} />
      </div>
      <h3>Per-scenario comparison</h3>
      <div className="table-scroll fit">
        <table data-testid="rivals-table">
          <thead>
            <tr>
              <th scope="col">Scenario</th>
              <th scope="col">{result.model}</th>
              {rivalRows.map((row) => (
                <th scope="col" key={row.model}>
                  {row.displayName ?? row.model}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(table?.columns ?? Object.keys(result.cells)).map((column, index) => {
              const mine = result.cells[column] ?? null;
              return (
                <tr key={column}>
                  <th scope="row">{table?.headers[index] ?? column}</th>
                  <td>{formatRate(mine)}</td>
                  {rivalRows.map((row) => {
                    const theirs = row.cells[column] ?? null;
                    const lowerIsBetter = table?.lowerIsBetter[index] === true;
                    const isBetter =
                      mine !== null && theirs !== null && (lowerIsBetter ? mine < theirs : mine > theirs);
                    return (
                      <td
                        key={row.model}
                        className={mine === null || theirs === null ? undefined : isBetter ? 'better' : 'worse'}
                      >
                        {formatRate(theirs)}
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
        <summary>Choose rivals</summary>
        <div className="rival-list">
          {rows.map((row) => (
            <label key={row.model}>
              <input type="checkbox" checked={rivals.includes(row.model)} onChange={() => toggleRival(row.model)} />{' '}
              {row.displayName ?? row.model}
            </label>
          ))}
        </div>
      </details>
    </section>
  );
}
