/**
 * Benchmark page for the results chart (bench/chart.bench.ts builds and drives it in Chromium): renders
 * RankChart for a board of `models` rows plus the new model and reports the time from handing React the
 * data to the first paint after it, i.e. "after data arrives".
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { fakeRankResult, fakeTable } from '../api/fake-api';
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
    meanWinRate: 0.5,
    meanWinRateInterval: [0.42, 0.57] as [number, number],
  };
  flushSync(() => root.render(<div key="empty" />));
  const started = performance.now();
  flushSync(() => root.render(<RankChart key={round} rows={table.rows} result={result} width={1200} />));
  // Two frames: layout + paint of what React committed.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const ms = performance.now() - started;
  return { ms, bars: container.querySelectorAll('.recharts-bar-rectangle').length };
};
