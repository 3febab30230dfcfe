import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLASSIC_SCHEMA } from '../../../src-shared/leaderboard/schema';
import { Downloader } from '../../engine/download/downloader';
import { startFixtureServer } from '../../demo/http-fixture-server';
import type { FixtureServer } from '../../demo/http-fixture-server';
import catalogueJson from '../../../resources/catalogue.json' with { type: 'json' };
import { familyDefaultEntry, loadCatalogue, resolveImportSource } from './catalogue';
import { parseCatalogue } from './catalogue-schema';
import { LeaderboardService } from './leaderboard-service';

describe('catalogue', () => {
  it('bundles a catalogue the contract’s schema accepts, read the same without it', () => {
    expect(parseCatalogue(catalogueJson)).toEqual(loadCatalogue());
  });

  it('bundles Classic v0.3.0 (both archive URLs, in order, default), Classic v0.4.0 and Lite release files', () => {
    const catalogue = loadCatalogue();
    const v3 = catalogue.find((entry) => entry.id === 'classic-v0.3.0');
    expect(v3?.isDefault).toBe(true);
    expect(v3?.winRateRule).toBe('legacy');
    expect(v3?.urls).toEqual([
      'https://storage.googleapis.com/crfm-helm-public/benchmark_output/archives/v0.3.0/run_stats.zip',
      'https://storage.googleapis.com/crfm-helm-public/efficient_helm/classic_v0.3.0_run_stats.zip',
    ]);
    expect(catalogue.find((entry) => entry.id === 'classic-v0.4.0')).toMatchObject({
      kind: 'release-files',
      winRateRule: 'legacy',
    });
    expect(catalogue.find((entry) => entry.project === 'lite')).toMatchObject({
      kind: 'release-files',
      winRateRule: 'current',
    });
  });

  it('lists every HELM Lite release v1.0.0 … v1.13.0, the newest as Lite’s default', () => {
    const lite = loadCatalogue().filter((entry) => entry.project === 'lite');
    expect(lite.map((entry) => entry.release)).toEqual(Array.from({ length: 14 }, (_, i) => `v1.${13 - i}.0`));
    expect(lite.every((entry) => entry.winRateRule === 'current' && entry.kind === 'release-files')).toBe(true);
    expect(familyDefaultEntry('lite')?.id).toBe('lite-v1.13.0');
    expect(familyDefaultEntry('classic')?.id).toBe('classic-v0.3.0');
    expect(resolveImportSource('lite').entry?.id).toBe('lite-v1.13.0');
    expect(resolveImportSource('lite/v1.2.0').entry?.urls).toEqual([
      'https://storage.googleapis.com/crfm-helm-public/lite/benchmark_output/releases/v1.2.0/',
    ]);
    const [a, b] = loadCatalogue().filter((entry) => entry.project === 'lite');
    expect(() =>
      parseCatalogue({ entries: [loadCatalogue()[0], { ...a, familyDefault: true }, { ...b, familyDefault: true }] }),
    ).toThrow(/more than one 'lite'/);
  });

  it('rejects duplicate ids and a missing default', () => {
    const entry = loadCatalogue()[0]!;
    expect(() => parseCatalogue({ entries: [entry, entry] })).toThrow(/twice/);
    expect(() => parseCatalogue({ entries: [{ ...entry, isDefault: false }] })).toThrow(/default/);
    expect(() => parseCatalogue({ entries: [{ ...entry, kind: 'tarball' }] })).toThrow(/not a valid catalogue/);
  });

  it('resolves versions, URLs and paths', () => {
    expect(resolveImportSource('v0.3.0').entry?.id).toBe('classic-v0.3.0');
    expect(resolveImportSource('classic/v0.4.0').entry?.id).toBe('classic-v0.4.0');
    expect(resolveImportSource('lite-v1.0.0').entry?.id).toBe('lite-v1.0.0');
    expect(resolveImportSource('https://example.org/x/run_stats.zip')).toMatchObject({
      kind: 'run-archive',
      defaultName: 'run_stats',
      project: 'classic',
    });
    expect(resolveImportSource('https://example.org/lite/benchmark_output/releases/v1.2.0/')).toMatchObject({
      kind: 'release-files',
      defaultName: 'v1.2.0',
      project: 'lite',
    });
    expect(
      resolveImportSource('https://h.org/lite/benchmark_output/releases/v1.1.0/groups/core_scenarios.json').defaultName,
    ).toBe('v1.1.0');
    expect(() => resolveImportSource('/no/such/path.zip')).toThrow(
      "There is no file or folder at '/no/such/path.zip'.",
    );
    expect(() => resolveImportSource('no-such-version')).toThrow(/neither a catalogue version/);
  });
});

describe('release-files import', () => {
  let server: FixtureServer;
  let dataDir: string;
  beforeEach(async () => {
    server = await startFixtureServer();
    dataDir = await mkdtemp(join(tmpdir(), 'helm-rank-release-'));
  });
  afterEach(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('imports groups/core_scenarios.json of Classic v0.4.0 through the mirror', async () => {
    const columns = CLASSIC_SCHEMA.tables.accuracy ?? [];
    // table.py shape: first column the display name, then Mean win rate, then one column per run group.
    const row = (display: string, base: number) => [
      { value: display },
      { value: 0.5 },
      ...columns.map((_, i) =>
        i === 3 ? { description: 'No matching runs' } : { value: base - i * 0.01, description: 'min=…' },
      ),
    ];
    const published = [
      {
        title: 'Accuracy',
        header: [
          { value: 'Model/adapter' },
          { value: 'Mean win rate', lower_is_better: false },
          ...columns.map((column) => ({ value: column.header, lower_is_better: false })),
        ],
        rows: [row('J1-Jumbo v1 (178B)', 0.5), row('davinci (175B)', 0.7)],
      },
    ];
    server.set(
      '/storage.googleapis.com/crfm-helm-public/benchmark_output/releases/v0.4.0/groups/core_scenarios.json',
      JSON.stringify(published),
    );
    const lb = new LeaderboardService({ dataDir, mirror: server.baseUrl, downloader: new Downloader({ retries: 0 }) });
    const { jobId } = await lb.startImport({ source: 'classic-v0.4.0' });
    const result = await lb.waitForJob(jobId);
    expect(result.error).toBeNull();
    const table = await lb.table({ name: 'classic-v0.4.0' });
    expect(table.winRateRule).toBe('legacy');
    expect(table.rows.map((r) => r.model)).toEqual(['openai/davinci', 'ai21/j1-jumbo']);
    expect(table.rows[0]?.cells.mmlu).toBe(0.7);
    expect(table.rows[0]?.cells[columns[3]!.group]).toBeNull();
    expect(table.rows[0]?.meanWinRate).toBe(1);
    const [summary] = await lb.list();
    expect(summary).toMatchObject({ name: 'classic-v0.4.0', runs: 0, models: 2 });
  });
});
