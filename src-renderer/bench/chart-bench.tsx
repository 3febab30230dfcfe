/**
 * Benchmark page for the results chart (bench/chart.bench.ts builds and drives it in Chromium): renders
 * RankChart's whole-board view for a board of `models` rows plus the new model and reports the time from handing React the
 * data to the first paint after it, i.e. "after data arrives".
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { fakeRankedTable, fakeRankResult, fakeTable } from '../api/fake-api';
import { readChartColours } from '../chart/chart-colours';
import { RankChart } from '../chart/RankChart';
import '../styles.css';

declare global {
  interface Window {
    renderChart?: (models: number) => Promise<{ ms: number; bars: number }>;
  }
}

const container = document.getElementById('root');
if (!container) throw new Error('chart-bench.html has no #root.');
const root = createRoot(container);
let round = 0;

window.renderChart = async (models) => {
  round += 1;
  const table = fakeTable(`bench-${round}`, models);
  const result = {
    ...fakeRankResult('bench', table.name),
    rank: Math.ceil(models / 2),
    rankInterval: [Math.ceil(models / 4), Math.ceil((3 * models) / 4)] as [number, number],
  };
  const ranked = fakeRankedTable(result, table);
  const colours = readChartColours();
  flushSync(() => root.render(<div key="empty" />));
  const started = performance.now();
  // The whole board: the largest drawing the page makes.
  flushSync(() =>
    root.render(<RankChart key={round} table={ranked} result={result} view="all" colours={colours} width={1200} />),
  );
  // Two frames: layout + paint of what React committed.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const ms = performance.now() - started;
  return { ms, bars: container.querySelectorAll('[data-testid^="chart-row"]').length };
};
