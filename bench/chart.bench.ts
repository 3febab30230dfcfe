/**
 * Results chart render time in the browser: RankChart with 100 leaderboard models plus the new one, built
 * with the production Vite config and rendered in Debian Chromium. Target: < 500 ms after the data arrives.
 * Prints the first (cold) render and the median of 10 warm renders.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = resolve(root, 'out', 'bench-chart');
/** The page's hook (see src-renderer/bench/chart-bench.tsx); this file compiles without the DOM lib. */
type BenchGlobal = { renderChart?: (models: number) => Promise<{ ms: number; bars: number }> };
const render = (models: number) => (globalThis as unknown as BenchGlobal).renderChart!(models); // boundary: runs inside the page
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

export default async function chartBench(): Promise<void> {
  await build({
    configFile: resolve(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      rolldownOptions: { input: resolve(root, 'src-renderer', 'bench', 'chart-bench.html') },
    },
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Serve the build from memory under a fake origin (module scripts do not load from file://).
    await page.route('http://bench.local/**', async (route) => {
      const path = join(outDir, decodeURIComponent(new URL(route.request().url()).pathname));
      try {
        await route.fulfill({
          body: await readFile(path),
          contentType: TYPES[extname(path)] ?? 'application/octet-stream',
        });
      } catch {
        await route.fulfill({ status: 404, body: '' });
      }
    });
    await page.goto('http://bench.local/bench/chart-bench.html');
    await page.waitForFunction(() => typeof (globalThis as unknown as BenchGlobal).renderChart === 'function');
    const cold = await page.evaluate(render, 100);
    const warm: number[] = [];
    for (let index = 0; index < 10; index += 1) warm.push((await page.evaluate(render, 100)).ms);
    warm.sort((a, b) => a - b);
    const median = (warm[4]! + warm[5]!) / 2;
    console.log(
      `chart: 100 leaderboard models + 1 → ${cold.bars} bars; cold render ${cold.ms.toFixed(0)} ms, warm median ${median.toFixed(0)} ms (target < 500 ms) ${Math.max(cold.ms, median) < 500 ? 'OK' : 'SLOW'}`,
    );
  } finally {
    await browser.close();
  }
}
