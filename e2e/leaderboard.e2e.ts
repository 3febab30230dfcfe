import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startFixtureServer } from '../src-main/demo/http-fixture-server';
import type { FixtureServer } from '../src-main/demo/http-fixture-server';
import { FIXTURE_MODELS, fixtureLeaderboardZip, serveCatalogueEntry } from './fixtures';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildRenderer, launchApp, launchBrowser } from './harness';

let browser: Browser;
let server: FixtureServer;
let zip: Buffer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startFixtureServer()]);
  zip = fixtureLeaderboardZip();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Leaderboard step', () => {
  it('downloads the preselected Classic v0.3.0 through the real import and browses a sortable table', async () => {
    const paths = serveCatalogueEntry(server, 'classic-v0.3.0', zip);
    const app = await launchApp(browser, { mirror: server.baseUrl });
    try {
      const { page } = app;
      await expect.poll(() => page.getByTestId('catalogue-select').inputValue()).toBe('classic-v0.3.0');
      await expect.poll(() => page.getByTestId('catalogue-status').textContent()).toContain('not downloaded');
      await page.getByTestId('download').click();
      await page.locator('[data-testid="import-progress"][data-phase="done"]').waitFor();
      await page.getByTestId('leaderboard-table').waitFor();
      expect(server.requestsTo(paths[0] ?? '').length).toBeGreaterThan(0);
      const rows = page.locator('[data-testid="leaderboard-table"] tbody tr');
      expect(await rows.count()).toBe(FIXTURE_MODELS.length);
      // Model 0 of the fixture is best in every column, so it leads the mean-win-rate order.
      expect(await rows.first().locator('th').textContent()).toContain('davinci');
      await app.screenshot('01-leaderboard');

      // Sorting by a column toggles its order (ascending puts the worst model first).
      const header = page.getByRole('button', { name: /Mean win rate/ });
      await header.click();
      await expect.poll(() => page.locator('th[aria-sort="ascending"]').count()).toBe(1);
      expect(await rows.first().locator('th').textContent()).toContain('pythia');
      expect(await page.getByTestId('catalogue-status').textContent()).toContain(
        `downloaded (${FIXTURE_MODELS.length} models)`,
      );
    } finally {
      await app.close();
    }
  });

  it('cancels a slow download with a clear message and keeps nothing half-imported', async () => {
    const paths = serveCatalogueEntry(server, 'classic-v0.3.0', zip);
    for (const path of paths) server.fault(path, { kind: 'delay', ms: 20_000, times: 1 });
    const app = await launchApp(browser, { mirror: server.baseUrl });
    try {
      const { page } = app;
      await page.getByTestId('download').click();
      await page.getByTestId('cancel-download').click();
      await page.locator('[data-testid="import-progress"][data-phase="cancelled"]').waitFor();
      expect(await page.getByTestId('import-progress').textContent()).toContain('Download cancelled');
      expect(await page.getByTestId('catalogue-status').textContent()).toContain('not downloaded');
      await app.screenshot('01b-leaderboard-cancelled');
    } finally {
      await app.close();
    }
  });

  it('is readable in the dark theme at 1920×1080', async () => {
    serveCatalogueEntry(server, 'classic-v0.3.0', zip);
    const app = await launchApp(browser, {
      mirror: server.baseUrl,
      viewport: { width: 1920, height: 1080 },
      colorScheme: 'dark',
    });
    try {
      const { page } = app;
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document
                .documentElement.dataset.theme,
          ),
        )
        .toBe('dark');
      await page.getByTestId('download').click();
      await page.getByTestId('leaderboard-table').waitFor();
      await app.screenshot('01c-leaderboard-dark-1920');
      await page.getByTestId('theme-toggle').click();
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document
                .documentElement.dataset.theme,
          ),
        )
        .toBe('light');
    } finally {
      await app.close();
    }
  });
});

describe('renderer bundle', () => {
  it('contains no Node built-in or Electron imports (the layer rules hold in the build)', async () => {
    const dir = await buildRenderer();
    const assets = join(dir, 'assets');
    const scripts = (await readdir(assets)).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      const code = await readFile(join(assets, file), 'utf8');
      expect(code).not.toMatch(
        /from\s*["'](node:|electron)|require\(["'](node:|electron|fs|path|child_process)["']\)|import\(["']node:/,
      );
      expect(code).not.toContain('ipcRenderer');
    }
  });
});
