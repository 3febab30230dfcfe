import { useEffect, useState } from 'react';
import type { ExportFormat } from '../../src-shared/api/history';
import { readChartColours, readFigureColours } from '../chart/chart-colours';
import { figurePng, figureSvg, figureTitle } from '../chart/export-figure';
import { RankChart } from '../chart/RankChart';
import { toRankChartModel } from '../chart/rank-chart-data';
import { useAppStore, useProgress, useRankedTable, useResult } from '../store/hooks';
import { EnterPrices } from '../components/EnterPrices';
import { runCostWords } from '../cost-words';
import { formatNumber } from '../format';
import { fileSafe, saveFile } from './export';
import { RankHeadline } from './results/RankHeadline';
import { ResultsHelp } from './results/ResultsHelp';
import { RivalsTable } from './results/RivalsTable';

/** Step 5: the rank with its interval, the chart around your row, ties, help, per-scenario comparison, exports. */
export function ResultsStep() {
  const result = useResult();
  const table = useRankedTable();
  const rivals = useAppStore((state) => state.rivals);
  const history = useAppStore((state) => state.history);
  const runId = useAppStore((state) => state.runId);
  const view = useAppStore((state) => state.chartView);
  const theme = useAppStore((state) => state.theme);
  const { toggleRival, showError, goTo, exportRun, setChartView, openInstances } = useAppStore((state) => state);
  // Read again once a new theme is applied (App sets it in a layout effect): the chart draws literal colours. Exported
  // figures always take the light theme's (readFigureColours).
  const [colours, setColours] = useState(readChartColours);
  useEffect(() => setColours(readChartColours()), [theme]);

  if (!result || !table) {
    return (
      <section data-testid="step-results" aria-labelledby="results-title">
        <h2 id="results-title" tabIndex={-1}>
          5. Results
        </h2>
        <p>No results yet: finish a run, or open one from History.</p>
        <button type="button" onClick={() => goTo('history')}>
          Open History
        </button>
      </section>
    );
  }
  const runDirectory = history.find((entry) => entry.runId === runId)?.runDirectory ?? null;
  const scenarios = {
    chosen: result.scenarios?.filter((scenario) => table.columns.includes(scenario)).length ?? table.columns.length,
    of: table.columns.length,
  };
  const exportAs = async (format: ExportFormat) => {
    try {
      const file = await exportRun(format);
      if (file) saveFile(file.fileName, file.content, file.mimeType);
    } catch (error) {
      showError(error);
    }
  };
  const exportFigure = async (format: 'png' | 'svg') => {
    try {
      const svg = figureSvg(toRankChartModel(table, result, view), readFigureColours(), {
        title: figureTitle(result, table.rows.length, scenarios),
        footer: [
          `HELM Rank · leaderboard ${result.leaderboard} · every mean win rate recomputed with ${result.model} · ${result.method}`,
          result.calibrationNote ?? (result.calibrated ? 'calibrated' : 'not calibrated'),
        ],
      });
      const name = `${fileSafe(result.model)}-rank-${fileSafe(result.leaderboard)}`;
      if (format === 'svg') saveFile(`${name}.svg`, svg.text, 'image/svg+xml');
      else saveFile(`${name}.png`, await figurePng(svg));
    } catch (error) {
      showError(error);
    }
  };

  return (
    <section aria-labelledby="results-title" data-testid="step-results">
      <h2 id="results-title" tabIndex={-1}>
        5. Results
      </h2>
      <RankHeadline result={result} table={table} scenarios={scenarios} />
      <div className="chart-card">
        <div className="row chart-toolbar">
          <button
            type="button"
            onClick={() => setChartView(view === 'around' ? 'all' : 'around')}
            aria-pressed={view === 'all'}
            data-testid="chart-show-all"
          >
            {view === 'around' ? `Show all ${table.rows.length} models` : 'Show the rows around yours'}
          </button>
          <button type="button" onClick={() => void exportFigure('png')} data-testid="export-png">
            Export chart PNG
          </button>
          <button type="button" onClick={() => void exportFigure('svg')} data-testid="export-svg">
            Export chart SVG
          </button>
        </div>
        <RankChart table={table} result={result} view={view} colours={colours} />
      </div>
      <ResultsHelp result={result} />
      <RivalsTable result={result} table={table} rivals={rivals} onToggle={toggleRival} />
      <h3>Answers and files</h3>
      <RunTotals runId={runId} />
      <div className="row">
        {runId && (
          <button type="button" onClick={() => void openInstances(runId)} data-testid="instances-open">
            Read the answers, instance by instance
          </button>
        )}
        <button type="button" onClick={() => void exportAs('csv')} data-testid="export-csv">
          Export ranked table (CSV)
        </button>
        <button type="button" onClick={() => void exportAs('json')} data-testid="export-json">
          Export JSON
        </button>
      </div>
      {runDirectory && (
        <p className="muted small" data-testid="run-directory">
          HELM run directories: <code className="path">{runDirectory}</code>
        </p>
      )}
    </section>
  );
}

/** What the run sent and what it cost (or why no cost: no price), when its progress is known. */
function RunTotals({ runId }: { runId: string | null }) {
  const progress = useProgress();
  const endpoint = useAppStore((state) => state.endpoint);
  if (!progress || progress.runId !== runId) return null;
  const cost = runCostWords(progress, endpoint);
  return (
    <p data-testid="results-cost" data-priced={cost.isPriced}>
      This run: {formatNumber(progress.requestsDone)} requests ·{' '}
      {formatNumber(progress.promptTokens + progress.completionTokens)} tokens · {cost.text}
      {!cost.isPriced && <EnterPrices />}
    </p>
  );
}
