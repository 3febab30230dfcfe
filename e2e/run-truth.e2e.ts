/**
 * Issue #13, findings 1, 7 and 9, in Chromium against the real services and engine: failures look like
 * failures (a dry run names the mirror URL that answered 404 and blocks Start; a run that scored nothing ends
 * failed, in the app, run.json and History), progress is real (the planned request count from the first
 * frame, phases while data is prepared, "waiting for the model server…" instead of an ETA while a server
 * answers nothing, retries as one line that goes away), and a paused run survives a server restart as
 * "interrupted" while the page shows at once that its server went away and recovers by itself.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveMirrorDirectory, writeFixtureMirror } from '../src-main/demo/fixture-sources/index';
import type { FixtureServer } from '../src-main/demo/http-fixture-server';
import { BOOLQ_BASE_URL } from '../src-main/engine/scenarios/boolq';
import { startScriptedOpenAiServer } from '../dev/testing/scripted-openai-server';
import { configureBoolqRun, fixtureLeaderboardZip, writeMirroredBoard } from './fixtures';
import { launchApp, launchBrowser } from './harness';
import { recordTexts } from './page-recorder';

let dir = '';
let browser: Browser;
/** The leaderboard and BoolQ's files. */
let fullMirror: FixtureServer;
/** The leaderboard only: BoolQ's files are missing. */
let boardOnlyMirror: FixtureServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-e2e-run-truth-'));
  await writeFixtureMirror(join(dir, 'full'), ['boolq']);
  await writeMirroredBoard(join(dir, 'full'), fixtureLeaderboardZip());
  await writeMirroredBoard(join(dir, 'board-only'), fixtureLeaderboardZip());
  [fullMirror, boardOnlyMirror, browser] = await Promise.all([
    serveMirrorDirectory(join(dir, 'full')),
    serveMirrorDirectory(join(dir, 'board-only')),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await fullMirror?.close();
  await boardOnlyMirror?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** {@link configureBoolqRun}, then the connection found working and the dry run done. */
async function configure(page: Page, baseUrl: string): Promise<void> {
  await configureBoolqRun(page, baseUrl);
  await page.locator('[data-testid="connection-report"][data-ok="true"]').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="dry-run"][data-ready="true"]').waitFor({ timeout: 120_000 });
}

describe('the run tells the truth', () => {
  it('names the mirror URL that answered 404, blocks Start, and a run that scored nothing ends failed', async () => {
    const model = await startScriptedOpenAiServer();
    const app = await launchApp(browser, { mirror: boardOnlyMirror.baseUrl });
    try {
      const { page } = app;
      await configure(page, model.baseUrl);
      const triedUrl = `${boardOnlyMirror.baseUrl}/${BOOLQ_BASE_URL.replace('https://', '')}/train.jsonl`;
      // Before: the dry run said "0 requests" with no warning, Start stayed enabled, and the error named the
      // original URL. Observed first, asserted after, so a failure shows what the page said.
      const dryRun = (await page.getByTestId('dry-run').textContent()) ?? '';
      const startDisabled = await page.getByTestId('start-run').isDisabled();
      const stepText = (await page.getByTestId('step-model').textContent()) ?? '';
      expect.soft(dryRun).toContain('BoolQ');
      expect.soft(dryRun).toContain(triedUrl);
      expect.soft(dryRun).toContain('HTTP 404');
      expect.soft(dryRun).not.toMatch(/network/i);
      expect.soft(startDisabled).toBe(true);
      expect.soft(stepText).toContain('None of the chosen scenarios can run');
      await app.screenshot('truth-dry-run-unreachable');

      // Started anyway (as the CLI or a stale page could): the run scores nothing and ends failed, everywhere.
      const endpoint = {
        preset: 'vllm' as const,
        baseUrl: model.baseUrl,
        model: 'scripted-model',
        mode: 'completions' as const,
        apiKeyId: null,
        pricePerMillionPrompt: null,
        pricePerMillionCompletion: null,
      };
      const { runId } = await app.backend.api['runs.start']({
        config: { leaderboard: 'classic-v0.3.0', examplesPerScenario: 10, endpoint, scenarios: ['boolq'] },
      });
      await expect
        .poll(async () => (await app.backend.api['runs.status']({ runId })).status, { timeout: 120_000 })
        .toMatch(/done|failed/);
      expect.soft((await app.backend.api['runs.status']({ runId })).status).toBe('failed');
      // Before: this run ended "done" (run.json, API and GUI) with nothing to show.
      type Stored = { status: string; error: { code: string; message: string } | null };
      const stored = async () =>
        JSON.parse(await readFile(join(app.dataDir, 'runs', runId, 'run.json'), 'utf8')) as Stored;
      await expect.poll(async () => (await stored()).status, { timeout: 30_000 }).not.toBe('running');
      const record = await stored();
      expect.soft(record.status).toBe('failed');
      expect.soft(record.error?.code).toBe('run.nothing-scored');
      expect.soft(record.error?.message ?? '').toContain(triedUrl);
      await page.getByTestId('nav-history').click();
      const row = page.locator('[data-testid="history-table"] tbody tr').first();
      await row.waitFor();
      expect.soft(await row.textContent()).toContain('failed');
      await row.getByRole('button', { name: 'Open' }).click();
      await page.getByTestId('step-run').waitFor();
      await expect.poll(() => page.getByTestId('step-run').getAttribute('data-status')).toMatch(/done|failed/);
      const run = (await page.locator('main').textContent()) ?? '';
      expect.soft(await page.getByTestId('step-run').getAttribute('data-status')).toBe('failed');
      expect.soft(run).toContain('Nothing was scored');
      expect.soft(run).toContain(triedUrl);
      expect.soft(run).toContain('download mirror');
      expect.soft(await page.getByTestId('to-results').count()).toBe(0);
      expect.soft(run).not.toContain('--mirror');
      expect.soft(run).not.toContain('Pass a run directory');
      await app.screenshot('truth-run-nothing-scored');
    } finally {
      await app.close();
      await model.close();
    }
  });

  it('shows the planned count at once, phases, one retry line, and "waiting for the model server" when it hangs', async () => {
    // Before: "0 / 0 requests" and a bar stuck at 30 % while data was prepared, ~100 "Retrying…" lines left
    // after success, and "running · ETA 21 s" while a dead server answered nothing (and Cancel waited for it).
    // The first attempt of the first 12 requests gets a 503: their retries are one line while they happen.
    const model = await startScriptedOpenAiServer({
      latencyMs: 150,
      fault: ({ attempt, index }) => (attempt === 1 && index < 12 ? { kind: 'server-error', status: 503 } : undefined),
    });
    const app = await launchApp(browser, { mirror: fullMirror.baseUrl });
    try {
      const { page } = app;
      // The dry run downloads and prepares BoolQ here (a fresh data directory): its phases are said as they pass.
      const dryRunTexts = await recordTexts(page, '[data-testid="dry-run"]');
      await configure(page, model.baseUrl);
      const dryRunSeen = (await dryRunTexts()).join('\n');
      expect
        .soft(dryRunSeen)
        .toMatch(/Checking the scenarios’ sources \d+ \/ \d+|Downloading BoolQ data|Preparing BoolQ/);
      expect.soft(dryRunSeen).not.toContain('0 / 0 requests');
      const planned = Number(
        /(\d+)/.exec((await page.getByTestId('dry-run').locator('strong').first().textContent()) ?? '')?.[1],
      );
      expect(planned).toBeGreaterThan(0);
      const texts = await recordTexts(page, '[data-testid="step-run"]');
      await page.getByTestId('start-run').click();
      await page.locator('[data-testid="step-run"][data-status="done"]').waitFor({ timeout: 180_000 });
      const seen = await texts();
      expect.soft(seen.filter((text) => text.includes('0 / 0 requests'))).toEqual([]);
      expect
        .soft(seen.filter((text) => /\d+ \/ \d+ requests/.test(text) && !text.includes(`/ ${planned} requests`)))
        .toEqual([]);
      // The run's own preparation reads what the dry run prepared: it passes too fast to be seen, but its planning
      // is said with counts.
      expect.soft(seen.join('\n')).toMatch(/Planning the requests: \d+ \/ 1 HELM runs/);
      expect.soft(seen.join('\n')).toMatch(/Retrying \d+ requests? · HTTP 503/);
      // After success nothing is left of the retries: no line per attempt.
      const after = (await page.getByTestId('step-run').textContent()) ?? '';
      expect.soft(after.match(/Retrying/g) ?? []).toEqual([]);
      await app.screenshot('truth-run-done-after-retries');

      // A server that stops answering: no ETA, the wait is said as it is.
      model.setOptions({ hangAfterServed: model.servedTotal() + 3, fault: () => undefined });
      await page.getByTestId('nav-model').click();
      await page.getByTestId('model-name').fill('scripted-model-2');
      await page.getByTestId('test-connection').click();
      await page.locator('[data-testid="dry-run"][data-ready="true"]').waitFor({ timeout: 120_000 });
      await page.getByTestId('start-run').click();
      await expect.poll(() => model.servedTotal(), { timeout: 120_000 }).toBeGreaterThanOrEqual(3);
      const hung = await recordTexts(page, '[data-testid="step-run"]');
      await page
        .locator('[data-testid="step-run"]', { hasText: 'waiting for the model server' })
        .waitFor({ timeout: 60_000 })
        .catch(() => undefined);
      const whileHung = await hung();
      expect.soft(whileHung.join('\n')).toContain('waiting for the model server');
      expect.soft(whileHung[whileHung.length - 1] ?? '').not.toMatch(/ETA \d/);
      await app.screenshot('truth-run-waiting-for-server');
      await page.getByTestId('cancel-run').click();
      await page.locator('[data-testid="step-run"][data-status="cancelled"]').waitFor({ timeout: 60_000 });
    } finally {
      await app.close();
      await model.close();
    }
  });

  it('sees the server go away at once, recovers, and shows a paused run as interrupted after the restart', async () => {
    // Before: a stopped server went unnoticed until a click, and the paused run showed "cancelled" after it restarted.
    const model = await startScriptedOpenAiServer({ latencyMs: 400 });
    const app = await launchApp(browser, { mirror: fullMirror.baseUrl });
    try {
      const { page } = app;
      await configure(page, model.baseUrl);
      // Two answers, then the server holds every request: the run is surely under way when it is paused.
      model.setOptions({ hangAfterServed: model.servedTotal() + 2 });
      await page.getByTestId('start-run').click();
      // Some answers counted first (the connection test's own requests are served too, so the page is asked).
      await page
        .getByTestId('run-counts')
        .filter({ hasText: /^[1-9]/ })
        .waitFor({ timeout: 120_000 });
      await page.getByTestId('pause-run').click();
      await page.locator('[data-testid="step-run"][data-status="paused"]').waitFor({ timeout: 60_000 });

      await app.stopServer();
      const lost = page.getByTestId('connection-lost');
      await lost.waitFor({ timeout: 10_000 }).catch(() => undefined);
      expect.soft(await page.locator('body').textContent()).toContain('Lost the connection to the HELM Rank server');
      expect.soft(await page.getByTestId('resume-run').isDisabled()).toBe(true);
      await app.screenshot('truth-connection-lost');

      await app.startServer();
      await lost.waitFor({ state: 'detached', timeout: 30_000 });
      await page
        .locator('[data-testid="step-run"][data-status="interrupted"]')
        .waitFor({ timeout: 30_000 })
        .catch(() => undefined);
      const step = (await page.getByTestId('step-run').textContent()) ?? '';
      expect.soft(await page.getByTestId('step-run').getAttribute('data-status')).toBe('interrupted');
      expect.soft(step).toMatch(/Interrupted — [1-9]\d* \/ \d+ done — Resume/);
      await app.screenshot('truth-run-interrupted');
      await page.getByTestId('nav-history').click();
      const row = page.locator('[data-testid="history-table"] tbody tr').first();
      await row.waitFor();
      const rowText = (await row.textContent()) ?? '';
      expect.soft(rowText).toContain('interrupted');
      expect.soft(rowText).not.toContain('cancelled');
      await row.getByRole('button', { name: 'Open' }).click();
      model.setOptions({ hangAfterServed: Number.MAX_SAFE_INTEGER });
      await page.getByTestId('resume-run').click();
      await page.locator('[data-testid="step-run"][data-status="done"]').waitFor({ timeout: 180_000 });
      expect(model.duplicates()).toEqual([]);
    } finally {
      await app.close();
      await model.close();
    }
  });
});
