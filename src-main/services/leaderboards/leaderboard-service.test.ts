import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogueEntry, ImportProgress } from '../../../src-shared/api/leaderboards';
import { leaderboardTableSchema } from '../../../src-shared/api/leaderboards';
import { CLASSIC_SCHEMA } from '../../../src-shared/leaderboard/schema';
import { Downloader } from '../../engine/download/downloader';
import { startFixtureServer } from '../../demo/http-fixture-server';
import type { FixtureServer } from '../../demo/http-fixture-server';
import { fixtureArchiveEntries, fixtureRunName, fixtureRunSpec, fixtureStats } from '../../demo/helm-run-fixture';
import { buildZip } from '../../demo/zip-writer';
import { LeaderboardService } from './leaderboard-service';
import { leaderboardHandlers } from '../app-api/leaderboard-channels';
import { FileSettingsStore } from '../settings/settings-store';
import { classicFixtureRuns, fixtureValue } from '../../../dev/testing/leaderboard-fixtures';

const MODELS = ['openai/davinci', 'ai21/j1-jumbo', 'together/opt-175b'];
const HOST_PATH = '/storage.googleapis.com/crfm-helm-public/benchmark_output/archives/v0.3.0/run_stats.zip';
const SOURCE_URL = `https:/${HOST_PATH}`;
const columns = CLASSIC_SCHEMA.tables.accuracy ?? [];

function catalogue(urls: string[]): CatalogueEntry[] {
  return [
    {
      id: 'classic-test',
      title: 'Classic test',
      project: 'classic',
      release: 'v0.3.0',
      kind: 'run-archive',
      urls,
      approxBytes: null,
      winRateRule: 'legacy',
      isDefault: true,
      description: '',
    },
  ];
}

let server: FixtureServer;
let dataDir: string;
const archive = buildZip(fixtureArchiveEntries(classicFixtureRuns(MODELS, 2)));

beforeEach(async () => {
  server = await startFixtureServer();
  dataDir = await mkdtemp(join(tmpdir(), 'helm-rank-lb-'));
});
afterEach(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

function service(urls = [SOURCE_URL]): LeaderboardService {
  return new LeaderboardService({
    dataDir,
    mirror: server.baseUrl,
    catalogue: catalogue(urls),
    downloader: new Downloader({ retries: 2, baseDelayMs: 5, maxDelayMs: 20 }),
  });
}

async function runImport(lb: LeaderboardService, source: string, name?: string): Promise<ImportProgress> {
  const { jobId } = await lb.startImport({ source, ...(name ? { name } : {}) });
  return lb.waitForJob(jobId);
}

describe('LeaderboardService', () => {
  it('downloads a run archive through the mirror, imports it and serves the table', async () => {
    server.set(HOST_PATH, archive);
    const lb = service();
    const events: ImportProgress[] = [];
    lb.onProgress((progress) => events.push(progress));
    const result = await runImport(lb, 'classic-test');
    expect(result.error).toBeNull();
    expect(result.phase).toBe('done');
    expect(result.runsRead).toBe(MODELS.length * columns.length * 2);
    expect(events.some((event) => event.phase === 'download' && event.bytes === archive.length)).toBe(true);

    const table = leaderboardTableSchema.parse(await lb.table({ name: 'classic-test' }));
    expect(table.winRateRule).toBe('legacy');
    expect(table.columns).toEqual(columns.map((column) => column.group));
    expect(table.rows.map((row) => row.model)).toEqual(MODELS); // model 0 is best in every column
    expect(table.rows[0]?.meanWinRate).toBe(1);
    expect(table.rows.map((row) => row.rank)).toEqual([1, 2, 3]);
    MODELS.forEach((model, m) => {
      const row = table.rows.find((candidate) => candidate.model === model);
      columns.forEach((column, c) => expect(row?.cells[column.group]).toBeCloseTo(fixtureValue(m, c), 10));
    });

    const [summary] = await lb.list();
    expect(summary).toMatchObject({ name: 'classic-test', models: 3, runs: result.runsRead, warnings: 0 });
    const index = await lb.loadIndex('classic-test');
    const runs = await lb.loadRuns('classic-test');
    expect(runs.map((run) => run.name)).toEqual(index.runs.map((run) => run.name));
    expect(index.runs[0]?.numInstances).toEqual({ [runs[0]?.stats[0]?.name.split ?? '']: 1000 });
    // Only stats a table can match are kept (plus num_instances): no filler metrics, no train split.
    expect(
      runs.every((run) =>
        run.stats.every(
          (stat) =>
            (stat.name.split !== 'train' && !stat.name.name.startsWith('num_')) || stat.name.name === 'num_instances',
        ),
      ),
    ).toBe(true);
    expect(runs[0]?.stats.some((stat) => stat.name.perturbation?.computed_on === 'worst')).toBe(true);
    const row = index.models.indexOf(MODELS[1]!);
    expect(index.tables.robustness?.values[row]?.[0]).toBeCloseTo(fixtureValue(1, 0) * 0.9, 10);
    expect(index.tables.accuracy?.cells?.[row]?.[0]).toMatchObject({ runs: 2, count: 6 });
  });

  it('serves the channels 1:1', async () => {
    server.set(HOST_PATH, archive);
    const handlers = leaderboardHandlers(service(), new FileSettingsStore(join(dataDir, 'settings.json')));
    expect((await handlers['catalogue.list']({}))[0]?.id).toBe('classic-test');
  });

  it('survives a 500 then succeeds', async () => {
    server.set(HOST_PATH, archive);
    server.fault(HOST_PATH, { kind: 'status', status: 500 });
    const result = await runImport(service(), 'classic-test');
    expect(result.phase).toBe('done');
    expect(server.requestsTo(HOST_PATH)).toHaveLength(2);
  });

  it('tries the second catalogue URL when the first is missing', async () => {
    const second = '/storage.googleapis.com/crfm-helm-public/efficient_helm/classic_v0.3.0_run_stats.zip';
    server.set(second, archive);
    const result = await runImport(service([SOURCE_URL, `https:/${second}`]), 'classic-test');
    expect(result.phase).toBe('done');
  });

  describe('faults keep the previous board intact', () => {
    async function importGood(lb: LeaderboardService): Promise<void> {
      server.set(HOST_PATH, archive);
      expect((await runImport(lb, 'classic-test', 'board')).phase).toBe('done');
    }
    async function expectIntact(lb: LeaderboardService): Promise<void> {
      const table = await lb.table({ name: 'board' });
      expect(table.rows).toHaveLength(MODELS.length);
      expect(table.rows[0]?.cells.mmlu).toBeCloseTo(fixtureValue(0, 0), 10);
    }
    async function importBad(body: Buffer): Promise<ImportProgress> {
      const path = '/storage.googleapis.com/bad/run_stats.zip';
      server.set(path, body);
      const lb = new LeaderboardService({
        dataDir,
        mirror: server.baseUrl,
        catalogue: catalogue([`https:/${path}`]),
        downloader: new Downloader({ retries: 0 }),
      });
      const result = await runImport(lb, 'classic-test', 'board');
      await expectIntact(lb);
      return result;
    }

    it('corrupt zip', async () => {
      await importGood(service());
      const result = await importBad(Buffer.from('this is not a zip file at all'.repeat(10)));
      expect(result.phase).toBe('failed');
      expect(result.error).toMatchObject({ code: 'import.corrupt-archive', details: { importOrigin: 'download' } });
    });

    it('a corrupt file of the user’s own, or uploaded: named by its file name, said once, where it came from', async () => {
      const lb = service();
      const own = join(dataDir, 'own.zip');
      await writeFile(own, archive.subarray(0, Math.floor(archive.length / 2)));
      const local = await runImport(lb, own, 'own');
      expect(local.error).toMatchObject({ code: 'import.corrupt-archive', details: { importOrigin: 'file' } });
      expect(local.error?.message).toContain(own);
      expect(local.error?.message).not.toMatch(/\.\.$/);

      const uploaded = await lb.uploads.receive({
        uploadId: null,
        fileName: 'my board.zip',
        offset: 0,
        data: Buffer.from('this is not a zip file at all'.repeat(10)).toString('base64'),
        done: true,
      });
      const upload = await runImport(lb, uploaded.source ?? '', 'uploaded');
      expect(upload.error).toMatchObject({ code: 'import.corrupt-archive', details: { importOrigin: 'upload' } });
      expect(upload.error?.message).toMatch(/^my_board\.zip is not a readable zip archive/);
      expect(JSON.stringify(upload.error)).not.toContain('uploads');
    });

    it('truncated zip', async () => {
      await importGood(service());
      const result = await importBad(archive.subarray(0, Math.floor(archive.length / 2)));
      expect(result.error?.code).toBe('import.corrupt-archive');
    });

    it('zip with ../ entries', async () => {
      await importGood(service());
      const evil = buildZip([
        ...fixtureArchiveEntries(classicFixtureRuns(MODELS.slice(0, 1))),
        { name: '../../etc/stats.json', data: '[]' },
      ]);
      const result = await importBad(evil);
      expect(result.error?.code).toBe('import.unsafe-archive');
      expect(result.error?.message).toContain('../../etc/stats.json');
    });

    it('zip with a symlink entry', async () => {
      await importGood(service());
      const evil = buildZip([{ name: 'runs/v/x/stats.json', data: '/etc/passwd', unixMode: 0o120777 }]);
      expect((await importBad(evil)).error?.code).toBe('import.unsafe-archive');
    });

    it('entry whose real size differs from the declared one', async () => {
      await importGood(service());
      const [spec, stats] = fixtureArchiveEntries(classicFixtureRuns(MODELS.slice(0, 1))).slice(0, 2);
      const lying = buildZip([spec!, { ...stats!, declaredSize: 10 }]);
      expect((await importBad(lying)).error?.code).toBe('import.corrupt-archive');
    });

    it('download cut mid-way fails clearly, then resumes with Range on the next import', async () => {
      await importGood(service());
      const path = '/storage.googleapis.com/cut/run_stats.zip';
      server.set(path, archive);
      server.fault(path, { kind: 'cut', afterBytes: 5000 });
      const lb = new LeaderboardService({
        dataDir,
        mirror: server.baseUrl,
        catalogue: catalogue([`https:/${path}`]),
        downloader: new Downloader({ retries: 0 }),
      });
      const first = await runImport(lb, 'classic-test', 'board');
      expect(first.phase).toBe('failed');
      expect(first.error?.message).toContain(`${server.baseUrl}${path}`);
      await expectIntact(lb);
      const second = await runImport(lb, 'classic-test', 'board');
      expect(second.phase).toBe('done');
      expect(server.requestsTo(path)[1]?.headers.range).toMatch(/^bytes=[1-9]\d*-$/);
    });
  });

  it('cancels a running import and reports it as cancelled', async () => {
    server.set(HOST_PATH, archive);
    server.fault(HOST_PATH, { kind: 'delay', ms: 5000 });
    const lb = service();
    const { jobId } = await lb.startImport({ source: 'classic-test' });
    expect(await lb.cancelImport({ jobId })).toEqual({ cancelled: true });
    const result = await lb.waitForJob(jobId);
    expect(result.phase).toBe('cancelled');
    expect(result.error?.code).toBe('download.cancelled');
    expect(await lb.list()).toEqual([]);
  });

  it('skips a run with an invalid stats.json with a warning naming it, and imports the others', async () => {
    const runs = classicFixtureRuns(MODELS);
    const bad = runs[5]!;
    const entries = fixtureArchiveEntries(runs).map((entry) =>
      entry.name.endsWith(`${fixtureRunName(bad)}/stats.json`)
        ? { ...entry, data: '[{"name": {"name": "exact_match"}, "count": "three"}]' }
        : entry,
    );
    server.set(HOST_PATH, buildZip(entries));
    const lb = service();
    const result = await runImport(lb, 'classic-test');
    expect(result.phase).toBe('done');
    expect(result.runsRead).toBe(runs.length - 1);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]?.item).toBe(fixtureRunName(bad));
    expect(result.warnings[0]?.code).toBe('import.invalid-run');
    const table = await lb.table({ name: 'classic-test' });
    const row = table.rows.find((candidate) => candidate.model === bad.model);
    expect(row?.cells[bad.group]).toBeNull();
  });

  it('imports an unpacked benchmark_output/runs/<suite> folder', async () => {
    const root = join(dataDir, 'benchmark_output', 'runs', 'v0.3.0');
    for (const run of classicFixtureRuns(MODELS.slice(0, 2))) {
      const directory = join(root, fixtureRunName(run));
      await mkdir(directory, { recursive: true });
      await writeFile(join(directory, 'run_spec.json'), fixtureRunSpec(run));
      await writeFile(join(directory, 'stats.json'), fixtureStats(run));
    }
    const lb = service();
    const result = await runImport(lb, join(dataDir, 'benchmark_output', 'runs'), 'folder');
    expect(result.phase).toBe('done');
    const index = await lb.loadIndex('folder');
    expect(index.runs[0]?.suite).toBe('v0.3.0');
    expect(index.models).toHaveLength(2);
  });

  it('rejects an unknown source and a bad name before starting', async () => {
    await expect(service().startImport({ source: 'v9.9.9-nope' })).rejects.toMatchObject({
      code: 'import.unknown-source',
    });
    // What looks like a path is told as a missing path (the Path field, a CLI argument), not as an unknown version.
    for (const source of ['/nonexistent/file.zip', './runs', 'board.zip'])
      await expect(service().startImport({ source })).rejects.toMatchObject({
        code: 'import.no-such-path',
        message: expect.stringMatching(/^There is no file or folder at '.*'\.$/),
      });
    await expect(service().startImport({ source: 'classic-test', name: '../evil' })).rejects.toMatchObject({
      code: 'leaderboard.bad-name',
    });
    await expect(service().table({ name: 'absent' })).rejects.toMatchObject({ code: 'leaderboard.not-found' });
  });
});
