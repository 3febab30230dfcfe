/**
 * Browser mode in real Chromium (issue #10 acceptance): the bridge token never reaches another origin, and a
 * saved API key never goes to another endpoint. An unrelated loopback server on another port ("the other
 * server") logs every request it gets — method, URL and every header, cookies and Referer included — while the
 * page opens the bridge URL, then that server in the same tab, a new tab and a navigation from the app. Its log
 * must hold no token. The printed URL still opens the app in one step and survives a reload. Then the Model step
 * saves a key for one endpoint, shows where it belongs, and refuses to send it to the other server.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedOpenAiServer } from '../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../dev/testing/scripted-openai-server';
import { launchApp, launchBrowser } from './harness';
import type { AppUnderTest } from './harness';

const KEY = 'sk-bound-3c8e1f0a9d';

interface LoggedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

interface OtherServer {
  readonly origin: string;
  readonly log: LoggedRequest[];
  close(): Promise<void>;
}

/** A page that, like any local dev server, makes credentialed requests to itself and to the bridge. */
async function startOtherServer(bridgeOrigin: () => string): Promise<OtherServer> {
  const log: LoggedRequest[] = [];
  const server: Server = createServer((request, response) => {
    log.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    if (request.url?.startsWith('/v1')) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"no"}}');
      return;
    }
    const page = `<!doctype html><title>other</title><img src="/pixel.png"><script>
      Promise.allSettled([
        fetch('/probe', { credentials: 'include' }),
        fetch(${JSON.stringify(bridgeOrigin())} + '/api/settings.get', { method: 'POST', credentials: 'include', body: '{}' }),
      ]).then(() => { document.title = 'done'; });
    </script>`;
    response.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, // cast: a TCP server's address
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let browser: Browser;
let model: ScriptedServer;
let other: OtherServer;
let app: AppUnderTest;

beforeAll(async () => {
  [browser, model] = await Promise.all([launchBrowser(), startScriptedOpenAiServer({ apiKey: KEY })]);
  other = await startOtherServer(() => app.bridge.origin);
  app = await launchApp(browser);
});

afterAll(async () => {
  await app?.close();
  await other?.close();
  await model?.close();
  await browser?.close();
});

/** The app is up and talking to the bridge: the catalogue came through the authorized API. */
async function appWorks(page: Page): Promise<void> {
  await page.getByTestId('app').waitFor();
  await expect.poll(() => page.getByTestId('catalogue-select').inputValue()).toBe('classic-v0.3.0');
}

describe('browser mode security in Chromium', () => {
  it('keeps the bridge token away from every other origin, and the printed URL opens in one step', async () => {
    const { page, bridge } = app;
    const apiStatuses = new Map<string, number>();
    const eventAuth: string[] = [];
    /** Headers the browser sent to the bridge's API from a page of the other server. */
    const fromOther: Promise<Record<string, string>>[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/events')) eventAuth.push(request.headers().authorization ?? '');
      if (request.url().startsWith(`${bridge.origin}/api/`) && request.frame().url().startsWith(other.origin))
        fromOther.push(request.allHeaders());
    });
    page.on('response', (response) => apiStatuses.set(response.url(), response.status()));

    // One step: the printed URL (harness: page.goto(bridge.url)) shows a working app.
    await appWorks(page);
    expect(bridge.url).toBe(`${bridge.origin}/#token=${bridge.token}`);
    expect(page.url()).toBe(`${bridge.origin}/`); // the token left the address bar
    expect(await page.context().cookies()).toEqual([]);

    // A reload of the same tab keeps working (sessionStorage of this exact origin), with events authorized.
    await page.reload();
    await appWorks(page);
    await expect.poll(() => eventAuth.at(-1)).toBe(`Bearer ${bridge.token}`);
    expect(apiStatuses.get(`${bridge.origin}/api/events`)).toBe(200);

    // The other server: in the same tab, by a navigation from the app, and in a new tab of the same browser.
    await page.goto(`${other.origin}/same-tab`);
    await expect.poll(() => page.title()).toBe('done');
    // Its credentialed call to the bridge carried no credential at all (the bridge answers such calls 401).
    expect(fromOther.length).toBeGreaterThan(0);
    for (const headers of await Promise.all(fromOther)) {
      expect(headers.authorization).toBeUndefined();
      expect(headers.cookie).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(bridge.token);
    }
    await page.goto(bridge.url);
    await appWorks(page);
    await page.evaluate(`window.location.href = ${JSON.stringify(`${other.origin}/from-the-app`)}`);
    await expect.poll(() => page.title()).toBe('done');
    const second = await page.context().newPage();
    await second.goto(`${other.origin}/new-tab`);
    await expect.poll(() => second.title()).toBe('done');

    const paths = other.log.map((request) => request.url);
    for (const path of ['/same-tab', '/from-the-app', '/new-tab', '/probe', '/pixel.png'])
      expect(paths).toContain(path);
    for (const request of other.log) {
      expect(JSON.stringify(request)).not.toContain(bridge.token);
      expect(request.headers.cookie ?? '').toBe('');
    }
    expect(await page.context().cookies()).toEqual([]);

    // Another tab opened on the bridge without the printed URL gets a clear message, not the app's data.
    await second.goto(`${bridge.origin}/`);
    await second.locator('[data-testid="error-banner"][data-code="bridge.unauthorized"]').waitFor();
    expect(await second.getByTestId('error-banner').textContent()).toContain('token included');
    await second.close();
    await page.goto(bridge.url);
    await appWorks(page);
  });

  it('shows which endpoint a saved key belongs to, never sends it to another one, and lets keyless servers work', async () => {
    const { page } = app;
    const before = other.log.length;
    await page.getByTestId('nav-model').click();
    await page.getByTestId('preset-select').selectOption('openai-compatible');
    await page.getByTestId('base-url').fill(`${model.baseUrl}`);
    await page.getByTestId('model-name').fill('scripted-model');
    await page.getByTestId('mode-completions').check();
    await page.getByTestId('api-key').fill(KEY);
    await page.getByTestId('save-key').click();
    await page.locator('[data-testid="key-status"]', { hasText: `for ${new URL(model.baseUrl).origin}` }).waitFor();
    await page.getByTestId('test-connection').click();
    await page.locator('[data-testid="connection-report"][data-ok="true"]').waitFor({ timeout: 60_000 });

    // The same key, another origin: said before testing; the test goes there without the key.
    await page.getByTestId('base-url').fill(`${other.origin}/v1`);
    expect(await page.getByTestId('key-elsewhere').textContent()).toContain(`not sent to ${other.origin}`);
    await page.getByTestId('test-connection').click();
    await page.locator('[data-testid="connection-report"][data-ok="false"]').waitFor({ timeout: 60_000 });
    expect(other.log.length).toBeGreaterThan(before);
    expect(JSON.stringify(other.log)).not.toContain(KEY);

    // A service that wants a key of its own is told why none was sent, and asked for its key.
    const keyed = await startScriptedOpenAiServer({ apiKey: 'sk-another-service' });
    try {
      const keyedOrigin = new URL(keyed.baseUrl).origin;
      await page.getByTestId('base-url').fill(keyed.baseUrl);
      await page.getByTestId('test-connection').click();
      const report = page.locator('[data-testid="connection-report"][data-ok="false"]', {
        hasText: 'never sent to another endpoint',
      });
      await report.waitFor({ timeout: 60_000 });
      expect(await report.textContent()).toContain(`Enter the API key for ${keyedOrigin} in the API key field`);
      await app.screenshot('security-key-other-origin');
    } finally {
      await keyed.close();
    }

    // A keyless local server works although a key is stored for another endpoint.
    const keyless = await startScriptedOpenAiServer();
    try {
      await page.getByTestId('base-url').fill(keyless.baseUrl);
      await page.getByTestId('test-connection').click();
      await page.locator('[data-testid="connection-report"][data-ok="true"]').waitFor({ timeout: 60_000 });
    } finally {
      await keyless.close();
    }
    expect(JSON.stringify(other.log)).not.toContain(KEY);
  });
});
