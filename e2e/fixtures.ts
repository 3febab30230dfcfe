/** Fixture leaderboards for the e2e tests, in HELM's run-archive format, served on loopback under the mirror rule. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { loadCatalogue } from '../src-main/services/leaderboards/catalogue';
import { mirrorFilePath } from '../src-main/demo/fixture-sources/index';
import { classicFixtureRuns } from '../dev/testing/leaderboard-fixtures';
import { fixtureArchiveEntries } from '../src-main/demo/helm-run-fixture';
import type { FixtureServer } from '../src-main/demo/http-fixture-server';
import { buildZip } from '../src-main/demo/zip-writer';

export const FIXTURE_MODELS = [
  'openai/davinci',
  'ai21/j1-jumbo',
  'cohere/xlarge-20220609',
  'meta/opt-175b',
  'bigscience/bloom',
  'eleutherai/pythia-12b',
];

/** A Classic v0.3.0-shaped `run_stats.zip` of {@link FIXTURE_MODELS}. */
export function fixtureLeaderboardZip(): Buffer {
  return buildZip(fixtureArchiveEntries(classicFixtureRuns(FIXTURE_MODELS)));
}

/** Serves the zip at every catalogue URL of `catalogueId`, as `<mirror>/HOST/PATH`; returns the URL paths. */
export function serveCatalogueEntry(server: FixtureServer, catalogueId: string, body: Buffer): string[] {
  const entry = loadCatalogue().find((candidate) => candidate.id === catalogueId);
  if (!entry) throw new Error(`No catalogue entry ${catalogueId}.`);
  return entry.urls.map((url) => {
    const parsed = new URL(url);
    const path = `/${parsed.host}${parsed.pathname}`;
    server.set(path, body, { contentType: 'application/zip' });
    return path;
  });
}

/** Writes `zip` into the mirror folder `mirrorDir` where the mirror rule finds the Classic v0.3.0 archive. */
export async function writeMirroredBoard(mirrorDir: string, zip: Buffer): Promise<void> {
  const archive = mirrorFilePath(
    mirrorDir,
    loadCatalogue().find((entry) => entry.id === 'classic-v0.3.0')?.urls[0] ?? '',
  );
  await mkdir(dirname(archive), { recursive: true });
  await writeFile(archive, zip);
}

/** Leaderboard downloaded, BoolQ only at 10 examples, a vLLM-style endpoint at `baseUrl` filled in and its test started. */
export async function configureBoolqRun(page: Page, baseUrl: string): Promise<void> {
  await page.getByTestId('download').click();
  await page.locator('[data-testid="import-progress"][data-phase="done"]').waitFor({ timeout: 120_000 });
  await page.getByTestId('to-budget').click();
  await page.getByTestId('scenario-filter').locator('summary').click();
  // Every box starts ticked (all scenarios): clear them, then tick the ones to run.
  await page.getByTestId('scenarios-none').click();
  await page.getByTestId('scenario-boolq').check();
  await page.getByTestId('to-model').click();
  await page.getByTestId('preset-select').selectOption('vllm');
  await page.getByTestId('base-url').fill(baseUrl);
  await page.getByTestId('model-name').fill('scripted-model');
  await page.getByTestId('test-connection').click();
}
