/**
 * Model-endpoint faults in Chromium against the real services (issue #5 acceptance): a wrong API key is named as
 * an authentication failure with what to do, the right key then connects, and no key is ever sent back to the
 * page; a server without logprobs or echo is reported before the run with the scenarios it affects, and a run
 * over HellaSwag (needs echo) and BoolQ (does not) finishes BoolQ, says why HellaSwag was skipped, and is kept
 * in History. Uses the scripted OpenAI-compatible server and loopback fixture sources.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveMirrorDirectory, writeFixtureMirror } from '../src-main/demo/fixture-sources/index';
import type { FixtureServer } from '../src-main/demo/http-fixture-server';
import { startScriptedOpenAiServer } from '../dev/testing/scripted-openai-server';
import { fixtureLeaderboardZip, writeMirroredBoard } from './fixtures';
import { launchApp, launchBrowser } from './harness';
import type { AppUnderTest } from './harness';

const WRONG_KEY = 'sk-wrong-5f1c9a7e2b';
const RIGHT_KEY = 'sk-right-8d3e6b0c4a';

let dir = '';
let browser: Browser;
let mirror: FixtureServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-e2e-model-faults-'));
  const mirrorDir = join(dir, 'mirror');
  await writeFixtureMirror(mirrorDir, ['boolq', 'commonsense']); // source names: HellaSwag's is 'commonsense'
  await writeMirroredBoard(mirrorDir, fixtureLeaderboardZip());
  [mirror, browser] = await Promise.all([serveMirrorDirectory(mirrorDir), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await mirror?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Records the body of every response and every Server-Sent Event the page receives, from a reload on. */
async function recordWhatThePageReceives(app: AppUnderTest): Promise<() => Promise<string[]>> {
  const { page } = app;
  const bodies: Promise<string>[] = [];
  // SSE streams never end, so their bodies are read in the page: the event stream (a fetch carrying the bridge
  // token, src-renderer/api/event-stream.ts) is teed and every chunk it delivers is kept.
  await page.addInitScript(`{
    const nativeFetch = window.fetch.bind(window);
    window.__receivedEvents = [];
    window.fetch = async (...args) => {
      const response = await nativeFetch(...args);
      if (!(response.headers.get('content-type') || '').includes('text/event-stream') || !response.body) return response;
      const [mine, copy] = response.body.tee();
      (async () => {
        const reader = copy.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          window.__receivedEvents.push(decoder.decode(value));
        }
      })();
      return new Response(mine, { status: response.status, headers: response.headers });
    };
  }`);
  page.on('response', (response) => {
    if ((response.headers()['content-type'] ?? '').includes('text/event-stream')) return;
    bodies.push(response.text().catch(() => ''));
  });
  await page.reload();
  await page.getByTestId('app').waitFor();
  return async () => {
    const events = await page.evaluate('window.__receivedEvents');
    return [...(await Promise.all(bodies)), ...(Array.isArray(events) ? events.map(String) : [])];
  };
}

describe('model endpoint faults', () => {
  it('names a wrong key (HTTP 401) and what to do, connects with the right key, and never shows a key back', async () => {
    const server = await startScriptedOpenAiServer({ apiKey: RIGHT_KEY });
    const app = await launchApp(browser, { mirror: mirror.baseUrl });
    try {
      const received = await recordWhatThePageReceives(app);
      const { page } = app;
      await page.getByTestId('nav-model').click();
      await page.getByTestId('preset-select').selectOption('openai-compatible');
      await page.getByTestId('base-url').fill(server.baseUrl);
      await page.getByTestId('model-name').fill('scripted-model');
      await page.getByTestId('mode-completions').check();

      // A wrong key: saved write-only, then refused by the server.
      await page.getByTestId('api-key').fill(WRONG_KEY);
      await page.getByTestId('save-key').click();
      await page.locator('[data-testid="key-status"]', { hasText: 'Key stored' }).waitFor();
      expect(await page.getByTestId('api-key').inputValue()).toBe('');
      await page.getByTestId('test-connection').click();
      const refused = page.locator('[data-testid="connection-report"][data-ok="false"]');
      await refused.waitFor({ timeout: 60_000 });
      const refusal = await refused.textContent();
      expect(refusal).toContain(`${server.baseUrl} refused the API key (HTTP 401: authentication failed).`);
      expect(refusal).toContain('Enter the correct key for this service, press "Save key", then test again.');
      // Nothing typed is lost, and a run cannot start on a refused key.
      expect(await page.getByTestId('base-url').inputValue()).toBe(server.baseUrl);
      expect(await page.getByTestId('model-name').inputValue()).toBe('scripted-model');
      expect(await page.getByTestId('start-run').isDisabled()).toBe(true);
      expect(server.servedTotal()).toBe(0);
      await app.screenshot('fault-wrong-key');

      // The right key replaces it and connects.
      await page.getByTestId('api-key').fill(RIGHT_KEY);
      await page.getByTestId('save-key').click();
      await page.getByTestId('connection-report').waitFor({ state: 'detached' });
      await page.getByTestId('test-connection').click();
      const connected = page.locator('[data-testid="connection-report"][data-ok="true"]');
      await connected.waitFor({ timeout: 60_000 });
      expect(await connected.textContent()).toContain('Completions mode: yes');
      expect(server.servedTotal()).toBeGreaterThan(0);
      await app.screenshot('fault-right-key');

      // Neither key is in the page, in an input, or in anything the page received (API answers and events).
      const html = await page.content();
      const inputs = await Promise.all((await page.locator('input').all()).map((input) => input.inputValue()));
      const texts = await received();
      expect(texts.some((text) => text.includes('"present":true'))).toBe(true);
      for (const key of [WRONG_KEY, RIGHT_KEY]) {
        expect(html).not.toContain(key);
        expect(inputs).not.toContain(key);
        expect(texts.filter((text) => text.includes(key))).toEqual([]);
      }
    } finally {
      await app.close();
      await server.close();
    }
  });

  it('reports a server without logprobs or echo, skips HellaSwag with a reason, finishes BoolQ and keeps the run', async () => {
    const server = await startScriptedOpenAiServer({ supportsEcho: false, supportsLogprobs: false });
    const app = await launchApp(browser, { mirror: mirror.baseUrl });
    try {
      const { page } = app;
      await page.getByTestId('download').click();
      await page.locator('[data-testid="import-progress"][data-phase="done"]').waitFor({ timeout: 120_000 });
      await page.getByTestId('to-budget').click();
      await page.getByTestId('budget-10').check();
      await page.getByTestId('scenario-filter').locator('summary').click();
      // Every box starts ticked (all scenarios): clear them, then tick the ones to run.
      await page.getByTestId('scenarios-none').click();
      await page.getByTestId('scenario-boolq').check();
      await page.getByTestId('scenario-hellaswag').check();
      await page.getByTestId('to-model').click();
      await page.getByTestId('preset-select').selectOption('vllm');
      await page.getByTestId('base-url').fill(server.baseUrl);
      await page.getByTestId('model-name').fill('scripted-model');
      await page.getByTestId('test-connection').click();

      // Before the run: what is unsupported, and which scenarios it affects.
      await page.locator('[data-testid="connection-report"][data-ok="true"]').waitFor({ timeout: 60_000 });
      // Only the chosen scenarios are named: HellaSwag needs echo; neither chosen one ranks by token logprobs.
      expect(await page.getByTestId('echo-support').textContent()).toMatch(
        /Prompt logprobs \(echo\): no — unsupported: HellaSwag score each answer by them and will be skipped/,
      );
      expect(await page.getByTestId('token-logprobs-support').textContent()).toBe(
        'Token logprobs: no — none of the chosen scenarios needs them.',
      );
      await page.locator('[data-testid="dry-run"][data-ready="true"]').waitFor({ timeout: 120_000 });
      await app.screenshot('fault-no-logprobs-connection');

      // The run: BoolQ is answered without logprobs, HellaSwag is skipped with its reason.
      await page.getByTestId('start-run').click();
      await page.locator('[data-testid="step-run"][data-status="done"]').waitFor({ timeout: 180_000 });
      const rows = page.locator('[data-testid="scenario-progress"] tbody tr');
      const hellaswag = rows.filter({ hasText: 'hellaswag' });
      const boolq = rows.filter({ hasText: 'boolq' });
      expect(await hellaswag.count()).toBeGreaterThan(0);
      expect(await boolq.count()).toBeGreaterThan(0);
      for (const text of await hellaswag.allTextContents())
        expect(text).toContain(
          'skipped: This endpoint cannot score prompts (echo with logprobs), which multiple_choice_separate_* scenarios need. (400 echo is not supported)',
        );
      for (const text of await boolq.allTextContents()) expect(text).toMatch(/(\d+) \/ \1$/);
      const warnings = await page.getByTestId('run-warnings').textContent();
      expect(warnings).toMatch(/hellaswag[^\n]*skipped: This endpoint cannot score prompts \(echo with logprobs\)/);
      expect(warnings?.split('This endpoint cannot score prompts').length).toBe(2); // said once, not once per source
      expect(server.duplicates()).toEqual([]);
      await app.screenshot('fault-no-logprobs-run');

      // Nothing done is lost: History lists the run, and it opens.
      await page.getByTestId('nav-history').click();
      const row = page.locator('[data-testid="history-table"] tbody tr').first();
      await row.waitFor();
      expect(await row.textContent()).toContain('scripted-model');
      expect(await row.textContent()).toContain('done');
      await app.screenshot('fault-no-logprobs-history');
    } finally {
      await app.close();
      await server.close();
    }
  });
});
