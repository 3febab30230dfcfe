/**
 * Issue #13, findings 6, 7 (import) and 8, in Chromium against the real services: "Test connection" tells a
 * 404 / 501 answer, a URL without a scheme, `htp://` and a refused connection apart, each with its fix; a 404
 * from a mirror is named with the mirror's URL and not called a network problem, in the app's words (no CLI
 * flags), and the red banner goes away when the retry succeeds; the import shows determinate progress with
 * counts.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer } from '../src-main/demo/http-fixture-server';
import type { FixtureServer } from '../src-main/demo/http-fixture-server';
import { fixtureLeaderboardZip, serveCatalogueEntry } from './fixtures';
import { launchApp, launchBrowser } from './harness';
import { recordTexts } from './page-recorder';

let browser: Browser;
const servers: Server[] = [];

/** A loopback server answering every request with `status` (and a small JSON or HTML body). */
async function answering(status: number, body: string): Promise<string> {
  const server = createServer((_request, response) => {
    response.writeHead(status, { 'content-type': body.startsWith('{') ? 'application/json' : 'text/html' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('messages tell the truth', () => {
  it('diagnoses a connection test: 404, 501, no scheme, htp://, refused — each with its own fix', async () => {
    // Before: each of these got "Nothing answered… is the server running?".
    const notFound = await answering(404, '{"detail":"Not Found"}');
    const notImplemented = await answering(501, '<html><body>Unsupported method</body></html>');
    const refusedPort = await closedPort();
    const app = await launchApp(browser);
    try {
      const { page } = app;
      await page.getByTestId('nav-model').click();
      await page.getByTestId('model-name').fill('my-model');
      const report = page.getByTestId('connection-report');
      const test = async (baseUrl: string): Promise<string> => {
        await page.getByTestId('base-url').fill(baseUrl);
        await page.getByTestId('test-connection').click();
        await page.locator('[data-testid="connection-report"][data-ok="false"]').waitFor({ timeout: 60_000 });
        return (await report.textContent()) ?? '';
      };
      const cases: [string, string, RegExp[]][] = [
        [
          'http-404',
          `${notFound}/v1`,
          [/answered HTTP 404 \(not found\)/, /no OpenAI-compatible API at this address/, /usually ends in \/v1/],
        ],
        ['http-501', `${notImplemented}/v1`, [/answered HTTP 501 \(not implemented\)/, /not an OpenAI-compatible/]],
        ['no-scheme', `127.0.0.1:${refusedPort}/v1`, [/needs http:\/\/ or https:\/\//, /http:\/\/127\.0\.0\.1/]],
        ['bad-scheme', `htp://127.0.0.1:${refusedPort}/v1`, [/“htp:\/\/”/, /Did you mean http:\/\//]],
        ['refused', `http://127.0.0.1:${refusedPort}/v1`, [/connection refused/, /Start the model server/]],
      ];
      for (const [name, url, expected] of cases) {
        const text = await test(url);
        for (const pattern of expected) expect.soft(text, name).toMatch(pattern);
        expect.soft(text, name).not.toContain('Nothing answered');
        expect.soft(text, name).not.toMatch(/--[a-z]/);
        await app.screenshot(`truth-connection-${name}`);
      }
    } finally {
      await app.close();
    }
  });

  it('names the mirror URL that answered 404, in the app’s words, and clears the banner when the retry works', async () => {
    // Before: a mirror's 404 was "a network problem" with the original URL and "--mirror / HELM_RANK_MIRROR" as
    // advice, the red banner stayed through a successful retry, and the import bar sat at 30 % with no counts.
    const mirror: FixtureServer = await startFixtureServer();
    const app = await launchApp(browser, { mirror: mirror.baseUrl });
    try {
      const { page } = app;
      await page.getByTestId('download').click();
      const banner = page.getByTestId('error-banner');
      await banner.waitFor({ timeout: 60_000 });
      const text = (await banner.textContent()) ?? '';
      expect(text).toContain(`${mirror.baseUrl}/`);
      expect(text).toContain('HTTP 404');
      expect(text).not.toMatch(/network/i);
      expect(text).not.toMatch(/--mirror|HELM_RANK_MIRROR/);
      expect(text).toMatch(/mirror/);
      await app.screenshot('truth-import-404');

      // The mirror gets the file (slowly, so the progress is seen): the retry succeeds and the banner goes.
      const paths = serveCatalogueEntry(mirror, 'classic-v0.3.0', fixtureLeaderboardZip());
      for (const path of paths) mirror.fault(path, { kind: 'delay', ms: 300 });
      const progress = await recordTexts(page, '[data-testid="import-progress"]');
      await page.getByTestId('download').click();
      await page.locator('[data-testid="import-progress"][data-phase="done"]').waitFor({ timeout: 120_000 });
      await banner.waitFor({ state: 'detached', timeout: 10_000 });
      const seen = await progress();
      const importing = seen.filter((entry) => entry.startsWith('import|') || entry.startsWith('index|'));
      expect(importing.length).toBeGreaterThan(0);
      for (const entry of importing) expect(entry.split('|')[1]).not.toBe('none');
      expect(seen.join('\n')).toMatch(/Indexing \d+ \/ \d+/);
      await app.screenshot('truth-import-retried');
    } finally {
      await app.close();
      await mirror.close();
    }
  });
});
