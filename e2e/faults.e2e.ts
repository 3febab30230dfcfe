/**
 * Faults the UI must survive without losing anything, in Chromium against the real services: a killed engine
 * mid-run (SIGKILL) shows a clear message and "Resume" finishes the run from the cache without paying for a
 * request twice; a bad base URL shows what to fix. Uses the scripted OpenAI-compatible server (fast, counts
 * every request) and loopback fixture sources for BoolQ.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveMirrorDirectory, writeFixtureMirror } from '../src-main/demo/fixture-sources/index';
import type { FixtureServer } from '../src-main/demo/http-fixture-server';
import { startScriptedOpenAiServer } from '../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../dev/testing/scripted-openai-server';
import { configureBoolqRun, fixtureLeaderboardZip, writeMirroredBoard } from './fixtures';
import { launchApp, launchBrowser, waitShown } from './harness';

let dir = '';
let browser: Browser;
let mirror: FixtureServer;
let model: ScriptedServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-e2e-faults-'));
  const mirrorDir = join(dir, 'mirror');
  await writeFixtureMirror(mirrorDir, ['boolq']);
  await writeMirroredBoard(mirrorDir, fixtureLeaderboardZip());
  [mirror, model, browser] = await Promise.all([
    serveMirrorDirectory(mirrorDir),
    startScriptedOpenAiServer(),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await model?.close();
  await mirror?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** PIDs of engine processes forked by this test process (the web bridge's RunService runs in it). */
function enginePids(): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), '-f', 'out/app/engine.js'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

describe('faults', () => {
  it('shows a killed engine clearly and resumes the run from the cache, paying for nothing twice', async () => {
    model.setOptions({ hangAfterServed: 4 });
    const app = await launchApp(browser, { mirror: mirror.baseUrl });
    try {
      const { page } = app;
      await configureBoolqRun(app.page, model.baseUrl);
      await page.locator('[data-testid="connection-report"][data-ok="true"]').waitFor({ timeout: 60_000 });
      // The dry run is an engine process too: let it finish so the only engine left is the run's.
      await page.locator('[data-testid="dry-run"][data-ready="true"]').waitFor({ timeout: 120_000 });
      await page.getByTestId('start-run').click();
      await expect.poll(() => model.servedTotal(), { timeout: 120_000 }).toBeGreaterThanOrEqual(4);
      await expect
        .poll(() => page.locator('[data-testid="step-run"]').getAttribute('data-status'), { timeout: 30_000 })
        .toBe('running');
      const pids = enginePids();
      expect(pids.length).toBe(1);
      process.kill(pids[0]!, 'SIGKILL');

      await page.locator('[data-testid="step-run"][data-status="failed"]').waitFor({ timeout: 60_000 });
      // On the Run step the failure is said once, in the run's own card (not also in the banner).
      expect(await page.getByTestId('run-failed').textContent()).toContain('The engine process stopped unexpectedly');
      await app.screenshot('fault-killed-engine');

      model.setOptions({ hangAfterServed: Number.MAX_SAFE_INTEGER });
      await page.getByTestId('resume-run').click();
      await page.locator('[data-testid="step-run"][data-status="done"]').waitFor({ timeout: 180_000 });
      expect(model.duplicates()).toEqual([]);
      expect(await page.getByTestId('step-run').textContent()).toMatch(/(\d+) \/ \1 requests/);

      // The finished run is ranked; its results export as CSV and as a PNG of the chart.
      await page.getByTestId('to-results').click();
      await page.getByTestId('rank-headline').waitFor({ timeout: 120_000 });
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      expect(csv.suggestedFilename()).toMatch(/^helm-rank-user_scripted-model-.*\.csv$/);
      const csvText = await readFile((await csv.path()) ?? '', 'utf8');
      // The ranked table: one row per model, yours marked, every Accuracy column.
      expect(csvText.split('\n')[0]).toMatch(/^rank,model,display_name,mean_win_rate,is_you,tied,.*\bboolq\b/);
      expect(csvText).toMatch(/\n\d+,user\/scripted-model,,[\d.]+,yes,no,/);
      const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
      expect(png.suggestedFilename()).toMatch(/\.png$/);
      const pngBytes = await readFile((await png.path()) ?? '');
      expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
      await app.screenshot('fault-resumed-results');
    } finally {
      await app.close();
    }
  });

  it('keeps a run resumable across an app restart mid-run, and resumes it from History', async () => {
    // Its own server, so "served twice" counts this run only. The connection test's three requests are answered;
    // every later one hangs, so the run stays in flight until the restart.
    const own = await startScriptedOpenAiServer({ hangAfterServed: 3 });
    let app = await launchApp(browser, { mirror: mirror.baseUrl });
    try {
      await configureBoolqRun(app.page, own.baseUrl);
      await app.page.locator('[data-testid="dry-run"][data-ready="true"]').waitFor({ timeout: 120_000 });
      const beforeRun = own.received();
      await app.page.getByTestId('start-run').click();
      // The run's own requests have reached the server (they hang): it is in flight, not still starting. Before,
      // this waited for the connection test's answers, already there, and the restart could come while the run was
      // being recorded (RunService.stopAll now covers that case too).
      await expect.poll(() => own.received(), { timeout: 120_000 }).toBeGreaterThan(beforeRun);
      // Quit while the run is in flight: the services stop the engine cleanly.
      app = await app.restart();
      own.setOptions({ hangAfterServed: Number.MAX_SAFE_INTEGER });
      await app.page.getByTestId('nav-history').click();
      const row = app.page.locator('[data-testid="history-table"] tbody tr').first();
      await row.waitFor();
      // Stopped by the app, not by the user: interrupted (issue #13, finding 9), resumable.
      expect(await row.textContent()).toContain('interrupted');
      await row.getByRole('button', { name: 'Open' }).click();
      const resume = app.page.getByTestId('resume-run');
      await waitShown(app.page, resume);
      await resume.click();
      await app.page.locator('[data-testid="step-run"][data-status="done"]').waitFor({ timeout: 180_000 });
      expect(own.duplicates()).toEqual([]);
      await app.screenshot('fault-resumed-after-restart');
    } finally {
      await app.close();
      await own.close();
    }
  });

  it('names a bad base URL and keeps the form as typed', async () => {
    const app = await launchApp(browser, { mirror: mirror.baseUrl });
    try {
      const { page } = app;
      await configureBoolqRun(app.page, 'http://127.0.0.1:9/v1');
      const report = page.locator('[data-testid="connection-report"][data-ok="false"]');
      await report.waitFor({ timeout: 60_000 });
      expect(await report.textContent()).toContain('Nothing is listening at 127.0.0.1:9 (connection refused).');
      expect(await page.getByTestId('base-url').inputValue()).toBe('http://127.0.0.1:9/v1');
      expect(await page.getByTestId('start-run').isDisabled()).toBe(true);
      await app.screenshot('fault-bad-base-url');
    } finally {
      await app.close();
    }
  });
});
