/**
 * The whole wizard in Chromium against the web bridge and the real services: pick Classic v0.3.0 (a fixture
 * archive served on loopback under the mirror rule), download it, see the computed budget table, point the
 * model step at the real tiny model server (stories260K over node-llama-cpp), test the connection, run at
 * 10 examples per scenario on fixture datasets, see the rank and the chart, then restart the app and reopen
 * the run from History. Screenshots of every step go to test-results/screenshots/. Skipped without ../shared.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureLeaderboardZip, FIXTURE_LEADERBOARD_MODELS } from '../src-main/demo/fixture-leaderboard';
import { serveMirrorDirectory, writeFixtureMirror } from '../src-main/demo/fixture-sources/index';
import type { FixtureServer } from '../src-main/demo/http-fixture-server';
import { sharedData, sharedPath } from '../dev/testing/shared-data';
import { startTinyModelServer } from '../src-main/demo/tiny-model-server';
import type { TinyModelServer } from '../src-main/demo/tiny-model-server';
import { writeMirroredBoard } from './fixtures';
import { launchApp, launchBrowser } from './harness';

const RUN_TIMEOUT_MS = 480_000;
/** Short prompts, one-token answers: boolq (generation) and TruthfulQA (multiple_choice_joint). */
const E2E_SCENARIOS = ['boolq', 'truthful_qa'];

describe.skipIf(!sharedData)('the wizard end to end with the real tiny model', () => {
  let dir = '';
  let browser: Browser;
  let mirror: FixtureServer;
  let model: TinyModelServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-e2e-wizard-'));
    const mirrorDir = join(dir, 'mirror');
    await writeFixtureMirror(mirrorDir);
    await writeMirroredBoard(mirrorDir, buildFixtureLeaderboardZip());
    [mirror, model, browser] = await Promise.all([
      serveMirrorDirectory(mirrorDir),
      startTinyModelServer({ modelPath: sharedPath('models', 'stories260K.gguf'), port: 0 }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await model?.close();
    await mirror?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('goes from leaderboard to rank, and reopens the result from History after a restart', async () => {
    let app = await launchApp(browser, { mirror: mirror.baseUrl, dataDir: join(dir, 'data') });
    try {
      const { page } = app;
      // 1. Leaderboard
      await expect.poll(() => page.getByTestId('catalogue-select').inputValue()).toBe('classic-v0.3.0');
      await page.getByTestId('download').click();
      await page.locator('[data-testid="import-progress"][data-phase="done"]').waitFor({ timeout: 120_000 });
      await page.getByTestId('leaderboard-table').waitFor();
      expect(await page.locator('[data-testid="leaderboard-table"] tbody tr').count()).toBe(
        FIXTURE_LEADERBOARD_MODELS.length,
      );
      await app.screenshot('wizard-1-leaderboard');

      // 2. Budget: the computed trade-off, labelled with its source, beside HELM's table.
      await page.getByTestId('to-budget').click();
      await page
        .locator('[data-testid="tradeoff-source"]', { hasText: 'Computed on this leaderboard' })
        .waitFor({ timeout: 300_000 });
      await page.getByTestId('budget-10').check();
      // Two quick scenarios keep the run within minutes on a shared 2-core machine; the full set is the default.
      await page.getByTestId('scenario-filter').locator('summary').click();
      // Every box starts ticked (all scenarios): clear them, then tick the ones to run.
      await page.getByTestId('scenarios-none').click();
      for (const scenario of E2E_SCENARIOS) await page.getByTestId(`scenario-${scenario}`).check();
      expect(await page.getByTestId('budget-table').textContent()).toMatch(/±\d/);
      await app.screenshot('wizard-2-budget');

      // 3. Model: llama.cpp-style local server, completions mode, Test connection, dry run.
      await page.getByTestId('to-model').click();
      await page.getByTestId('preset-select').selectOption('llama-cpp');
      await page.getByTestId('base-url').fill(model.baseUrl);
      await page.getByTestId('model-name').fill(model.modelName);
      await page.getByTestId('mode-completions').check();
      await page.getByTestId('test-connection').click();
      const report = page.locator('[data-testid="connection-report"][data-ok="true"]');
      await report.waitFor({ timeout: 60_000 });
      expect(await report.textContent()).toContain('Completions mode: yes');
      await page.locator('[data-testid="dry-run"][data-ready="true"]').waitFor({ timeout: 300_000 });
      expect(await page.getByTestId('dry-run').textContent()).toMatch(
        /Dry run at 10 examples per scenario: [\d,]+ requests in 2 HELM runs/,
      );
      await app.screenshot('wizard-3-model');

      // 4. Run: live progress, then done.
      await page.getByTestId('start-run').click();
      await page.getByTestId('step-run').waitFor();
      await page.locator('[data-testid="scenario-progress"]:not([data-rows="0"])').waitFor({ timeout: 120_000 });
      await app.screenshot('wizard-4-run');
      await page.locator('[data-testid="step-run"][data-status="done"]').waitFor({ timeout: RUN_TIMEOUT_MS });
      await app.screenshot('wizard-4b-run-done');

      // 5. Results: rank with interval, the chart with every leaderboard model plus ours.
      await page.getByTestId('to-results').click();
      await page.getByTestId('rank-headline').waitFor({ timeout: 300_000 });
      const rank = await page.getByTestId('rank-value').textContent();
      expect(rank).toMatch(/^#\d+$/);
      expect(await page.getByTestId('rank-interval').textContent()).toMatch(/^#\d+ – #\d+$/);
      await expect
        .poll(() => page.getByTestId('rank-chart').getAttribute('data-bars'))
        .toBe(String(FIXTURE_LEADERBOARD_MODELS.length + 1));
      await app.screenshot('wizard-5-results');

      // 6. History after a restart: the run is listed with its rank and opens offline.
      app = await app.restart();
      await app.page.getByTestId('nav-history').click();
      const row = app.page.locator('[data-testid="history-table"] tbody tr').first();
      await row.waitFor();
      expect(await row.textContent()).toContain(rank ?? '');
      await app.screenshot('wizard-6-history');
      await row.getByRole('button', { name: 'Open' }).click();
      await app.page.getByTestId('rank-headline').waitFor();
      expect(await app.page.getByTestId('rank-value').textContent()).toBe(rank);
      await app.page.getByTestId('rank-chart').waitFor();
      await app.screenshot('wizard-6b-history-results');
    } finally {
      await app.close();
    }
  });
});
