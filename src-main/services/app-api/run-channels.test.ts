import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineExit, EngineHostFactory } from '../../engine/process/engine-host';
import type { EngineJobInput } from '../../../src-shared/engine/job';
import type { RunRecord } from '../runs/run-store';
import { MemorySecretStore } from '../secrets/secret-store';
import { HistoryChannels } from './history-channels';
import { RankChannels } from './rank-channels';
import { InThreadRankExecutor } from './rank-executor';
import { RunChannels } from './run-channels';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-run-channels-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const record = (runId: string, patch: Partial<RunRecord>): RunRecord => ({
  version: 1,
  runId,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  status: 'running',
  model: 'user/m',
  apiModel: 'm',
  baseUrl: 'http://127.0.0.1:1/v1',
  mode: 'completions',
  examplesPerScenario: 20,
  scenarios: ['boolq'],
  suite: 'v1',
  numTrainTrials: 1,
  concurrency: 8,
  rateLimit: null,
  pricePerMillionPrompt: null,
  pricePerMillionCompletion: null,
  apiKeyEnv: null,
  leaderboard: 'lb',
  plan: null,
  overall: null,
  runs: [],
  finishedRuns: [],
  error: null,
  startedAt: null,
  finishedAt: null,
  ...patch,
});

async function writeRun(value: RunRecord, rank?: unknown): Promise<void> {
  const runDir = join(dir, 'runs', value.runId);
  await mkdir(runDir, { recursive: true });
  await writeFile(join(runDir, 'run.json'), JSON.stringify(value));
  if (rank) await writeFile(join(runDir, 'rank.json'), JSON.stringify(rank));
}

function channels(): RunChannels {
  return new RunChannels({
    dataDir: dir,
    secrets: new MemorySecretStore({}),
    latencies: new Map(),
    mirror: async () => null,
    emit: () => {},
  });
}

/** The runs, rank and history channels over one data directory, as app-services.ts assembles them. */
function domains(): { runs: RunChannels; rank: RankChannels; history: HistoryChannels } {
  const runs = channels();
  const paths = { runs: join(dir, 'runs'), leaderboards: join(dir, 'leaderboards') };
  const rank = new RankChannels(runs.service, paths, new InThreadRankExecutor(dir));
  return { runs, rank, history: new HistoryChannels(runs, rank, paths) };
}

describe('RunChannels, RankChannels and HistoryChannels', () => {
  it('resumes with the recorded endpoint: run.json’s base URL (after a move), the first address for the cache', async () => {
    const runId = '20260101-000000-bbbbbb';
    const moved = { from: 'http://127.0.0.1:1/v1', to: 'http://127.0.0.1:2/v1', at: '2026-01-02T00:00:00.000Z' };
    await writeRun(record(runId, { status: 'failed', baseUrl: moved.to, endpointMoves: [moved] }));
    // app.json still has the address the run was started with in the app.
    const endpoint = { preset: 'custom', baseUrl: moved.from, model: 'm', mode: 'completions', apiKeyId: null };
    await writeFile(join(dir, 'runs', runId, 'app.json'), JSON.stringify({ endpoint }));
    const jobs: EngineJobInput[] = [];
    const hostFactory: EngineHostFactory = (onMessage) => {
      const done = { type: 'done' as const, outcome: 'completed' as const, runs: [] };
      const exit: Promise<EngineExit> = Promise.resolve({ kind: 'done', message: done });
      return {
        start: (job) => {
          jobs.push(job);
          onMessage(done);
        },
        pause: () => {},
        resume: () => {},
        cancel: () => {},
        wait: () => exit,
        stop: () => exit,
      };
    };
    const app = new RunChannels({
      dataDir: dir,
      secrets: new MemorySecretStore({}),
      latencies: new Map(),
      mirror: async () => null,
      emit: () => {},
      engineHostFactory: hostFactory,
    });
    await app.resume(runId);
    expect(jobs).toMatchObject([{ endpoint: { baseUrl: moved.to, model: 'user/m' }, cacheBaseUrl: moved.from }]);
  });

  it('refuses a run id that is not one before it names a folder (`..` would be the data directory)', async () => {
    await writeFile(join(dir, 'run.json'), '{}');
    const { runs, rank, history } = domains();
    for (const call of [
      () => runs.status('..'),
      () => runs.resume('..'),
      () => rank.result('../runs'),
      () => history.export('20260101-000000-aaaaaa/..', 'json'),
    ])
      await expect(call()).rejects.toMatchObject({ code: 'runs.bad-id' });
  });

  it('shows a run left "running" by a killed app as interrupted and resumable', async () => {
    await writeRun(record('20260101-000000-aaaaaa', { status: 'running' }));
    await writeRun(record('20260101-000000-bbbbbb', { status: 'paused' }));
    const progress = await channels().status('20260101-000000-aaaaaa');
    // Not "failed" and not "cancelled": the user did nothing; Resume continues from the cache.
    expect(progress.status).toBe('interrupted');
    expect(progress.error).toBeNull();
    expect((await channels().status('20260101-000000-bbbbbb')).status).toBe('interrupted');
  });

  it('lists history newest first with saved ranks and the HELM run directory, offline', async () => {
    await writeRun(record('20260101-000000-aaaaaa', { status: 'cancelled', createdAt: '2026-01-01T00:00:00.000Z' }));
    const report = {
      model: 'user/m',
      rank: 4,
      rankInterval: [2, 7],
      meanWinRate: 0.6,
      meanWinRateInterval: [0.5, 0.7],
      method: 'bootstrap',
      calibrated: true,
      probRankAtMost: { '1': 0, '3': 0.2, '5': 0.7, '10': 1 },
      tiedWith: ['a/b'],
      cells: { boolq: 0.7 },
      leaderboard: { name: 'lb', release: 'v0.3.0', models: 12 },
      calibration: { factor: 1.2, models: 12, basis: 'simulated', description: 'calibrated on 12 models' },
    };
    await writeRun(
      record('20260102-000000-bbbbbb', { status: 'done', createdAt: '2026-01-02T00:00:00.000Z', model: 'user/n' }),
      report,
    );
    const history = await domains().history.list();
    expect(history.map((entry) => [entry.runId, entry.status, entry.rank])).toEqual([
      ['20260102-000000-bbbbbb', 'done', 4],
      ['20260101-000000-aaaaaa', 'cancelled', null],
    ]);
    expect(history[0]?.rankInterval).toEqual([2, 7]);
    expect(history[0]?.runDirectory).toBe(
      join(dir, 'runs', '20260102-000000-bbbbbb', 'benchmark_output', 'runs', 'v1'),
    );
    const result = await domains().rank.result('20260102-000000-bbbbbb');
    expect(result).toMatchObject({
      rank: 4,
      leaderboard: 'lb',
      examplesPerScenario: 20,
      calibrationNote: 'calibrated on 12 models',
    });
  });

  it('exports a run as JSON without any key, and a run without a rank has no ranked CSV yet', async () => {
    await writeRun(record('20260102-000000-bbbbbb', { status: 'done', model: 'user/n, "quoted"' }));
    await expect(domains().history.export('20260102-000000-bbbbbb', 'csv')).rejects.toThrow(/no rank yet/);
    const json = await domains().history.export('20260102-000000-bbbbbb', 'json');
    expect(JSON.parse(json.content)).toMatchObject({ run: { runId: '20260102-000000-bbbbbb' }, rank: null });
  });

  it('deletes a finished run with its files, and lists the scenarios a run covered', async () => {
    await writeRun(record('20260102-000000-cccccc', { status: 'done', scenarios: ['boolq', 'imdb'] }));
    await writeRun(
      record('20260102-000000-dddddd', { status: 'done', scenarios: [], createdAt: '2026-01-02T00:00:00.000Z' }),
    );
    const history = await domains().history.list();
    expect(history.map((entry) => entry.scenarios)).toEqual([null, ['boolq', 'imdb']]);
    expect(await domains().history.delete('20260102-000000-cccccc')).toEqual({ deleted: true });
    expect((await domains().history.list()).map((entry) => entry.runId)).toEqual(['20260102-000000-dddddd']);
    expect(await domains().history.delete('20260102-000000-cccccc')).toEqual({ deleted: false });
    await expect(domains().history.delete('../x')).rejects.toThrow(/not a run id/);
  });

  it('refuses a run id that could escape the runs folder', async () => {
    await expect(domains().history.export('../../etc', 'json')).rejects.toThrow();
  });
});
