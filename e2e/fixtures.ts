/** Fixture leaderboards for the e2e tests, in HELM's run-archive format, served on loopback under the mirror rule. */
import { loadCatalogue } from '../src-main/services/leaderboards/catalogue';
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
