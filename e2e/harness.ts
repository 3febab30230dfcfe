/**
 * e2e harness: builds the renderer once, serves it with the real app services through the real web bridge
 * on a fresh data directory, and drives it with Playwright in Debian Chromium. Tests wait on app-state
 * markers (data-testid, aria, data-* attributes), never on sleeps. Screenshots go to test-results/screenshots/, or to
 * the folder named by HELM_RANK_SCREENSHOTS (e.g. /tmp/shots-13 when reviewing them).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { build } from 'vite';
import { createAppServices } from '../src-main/services/app-services';
import type { AppBackend, AppServicesOptions } from '../src-main/services/app-services';
import { startWebBridge } from '../src-main/web/bridge-server';
import type { WebBridge } from '../src-main/web/bridge-server';
import { repositoryRoot } from '../dev/testing/shared-data';
import { builtEntry } from '../dev/testing/built-app';

export const SCREENSHOT_DIR = resolve(
  process.env.HELM_RANK_SCREENSHOTS ?? resolve(repositoryRoot, 'test-results', 'screenshots'),
);
const RENDERER_DIR = resolve(repositoryRoot, 'out', 'e2e-renderer');

let built: Promise<string> | null = null;

/** Builds the renderer into out/e2e-renderer once per test process (the real production bundle). */
export function buildRenderer(): Promise<string> {
  built ??= build({
    configFile: resolve(repositoryRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: RENDERER_DIR, emptyOutDir: true, sourcemap: false },
  }).then(() => RENDERER_DIR);
  return built;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
}

export interface AppUnderTest {
  readonly page: Page;
  readonly backend: AppBackend;
  readonly bridge: WebBridge;
  readonly dataDir: string;
  screenshot(name: string): Promise<void>;
  /** Reloads the page against a new bridge and backend on the same data directory (an app restart). */
  restart(): Promise<AppUnderTest>;
  /** Stops the bridge and the services, leaving the page open (a server that went away). */
  stopServer(): Promise<void>;
  /**
   * Starts services and a bridge again on the same data directory, port and token, so the open page can
   * reconnect by itself (`helm-rank serve` restarted). `backend` and `bridge` then name the new ones.
   */
  startServer(): Promise<void>;
  close(): Promise<void>;
}

/**
 * What the page shows now, in one line (the step, the run's status, any error banner), for a test's failure
 * message: a wait that times out then says where the app was instead of only what it did not find.
 */
export async function describePage(page: Page): Promise<string> {
  const read = async (testId: string, what: (element: Locator) => Promise<string | null>) => {
    const element = page.getByTestId(testId).first();
    return (await element.count()) > 0 ? what(element) : null;
  };
  const step = await read('app', (element) => element.getAttribute('data-step'));
  const run = await read('step-run', (element) => element.getAttribute('data-status'));
  const error = await read('error-banner', (element) => element.textContent());
  return `step ${step}, run status ${run}, error banner ${JSON.stringify(error)}`;
}

/** Waits for `locator` to be visible; a timeout's error names what the page showed meanwhile ({@link describePage}). */
export async function waitShown(page: Page, locator: Locator, timeout = 30_000): Promise<void> {
  try {
    await locator.waitFor({ timeout });
  } catch (error) {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\nThe page showed: ${await describePage(page)}`,
    );
  }
}

export interface LaunchOptions extends Partial<Omit<AppServicesOptions, 'dataDir'>> {
  readonly dataDir?: string;
  readonly viewport?: { width: number; height: number };
  readonly colorScheme?: 'light' | 'dark';
}

export async function launchApp(browser: Browser, options: LaunchOptions = {}): Promise<AppUnderTest> {
  const rendererDir = await buildRenderer();
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'helm-rank-e2e-')));
  // Runs fork the built engine (out/app/engine.js) and ranking runs on the built rank worker, as in `helm-rank serve`.
  const services = () =>
    createAppServices({
      engineEntry: builtEntry('engine'),
      rankWorkerEntry: builtEntry('rank-worker'),
      ...options,
      dataDir,
      env: options.env ?? {},
    });
  let backend = services();
  let bridge = await startWebBridge({ port: backend, staticDir: rendererDir });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(bridge.url);
  await page.getByTestId('app').waitFor();
  await mkdir(SCREENSHOT_DIR, { recursive: true });

  let isServing = true;
  const stopServer = async () => {
    if (!isServing) return;
    isServing = false;
    await bridge.close();
    await backend.close();
  };
  const app: AppUnderTest = {
    page,
    get backend() {
      return backend;
    },
    get bridge() {
      return bridge;
    },
    dataDir,
    screenshot: async (name) => {
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
    restart: async () => {
      await context.close();
      await stopServer();
      return launchApp(browser, { ...options, dataDir });
    },
    stopServer,
    startServer: async () => {
      if (isServing) return;
      const { port } = new URL(bridge.origin);
      backend = services();
      bridge = await startWebBridge({
        port: backend,
        staticDir: rendererDir,
        listenPort: Number(port),
        token: bridge.token,
      });
      isServing = true;
    },
    close: async () => {
      await context.close();
      await stopServer();
      if (ownsDir) await rm(dataDir, { recursive: true, force: true });
      if (pageErrors.length > 0) throw new Error(`Uncaught errors in the page: ${pageErrors.join('; ')}`);
    },
  };
  return app;
}
