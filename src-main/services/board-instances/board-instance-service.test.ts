import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import { pairedStrata } from '../../../src-shared/rank/paired';
import { Downloader } from '../../engine/download/downloader';
import type { FixtureRun } from '../../demo/helm-run-fixture';
import { fixtureArchiveEntries, fixtureRunName, fixtureRunSpec } from '../../demo/helm-run-fixture';
import { startFixtureServer } from '../../demo/http-fixture-server';
import type { FixtureServer } from '../../demo/http-fixture-server';
import { buildZip } from '../../demo/zip-writer';
import { loadLeaderboardIndex } from '../leaderboards/leaderboard-index';
import { LeaderboardService } from '../leaderboards/leaderboard-service';
import { BoardInstanceService } from './board-instance-service';
import type { InstancesProgress } from './board-instance-service';
import type { PerInstanceFixture } from '../../../dev/testing/board-instance-fixtures';
import { fixtureItemValue, perInstanceStatsJson } from '../../../dev/testing/board-instance-fixtures';

const MODELS = ['openai/davinci', 'ai21/j1-jumbo', 'together/opt-175b', 'openai/ada'];
const RUNS_BASE = '/storage.googleapis.com/crfm-helm-public/benchmark_output/runs/v0.3.0';
const ids = (prefix: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${from + i}`);

/** The board's runs per model, with the per-instance data the bucket serves for each. */
interface BoardRun {
  readonly run: FixtureRun;
  readonly data: (modelIndex: number) => PerInstanceFixture;
}

const BOOLQ_IDS = ids('id', 100, 12);
const MMLU0_IDS = ids('id', 5, 10);
const MMLU1_IDS = ids('id', 40, 8);
const CIVIL_IDS = ids('id', 300, 10);
const values = (list: readonly string[], m: number) => list.map((id, i) => ({ id, value: fixtureItemValue(m, i) }));

function boardRuns(model: string): BoardRun[] {
  return [
    {
      run: { group: 'boolq', model, metric: 'quasi_exact_match', split: 'valid', value: 0.7 },
      // One model's run has no quasi_exact_match: the reader falls back to exact_match, as the leaderboard does.
      data: (m) => ({
        metric: 'quasi_exact_match',
        split: 'valid',
        instances: values(BOOLQ_IDS, m),
        onlyExactMatch: m === 2,
      }),
    },
    {
      run: { group: 'mmlu', model, metric: 'exact_match', split: 'test', value: 0.4, variant: 'subject=s0' },
      data: (m) => ({
        metric: 'exact_match',
        split: 'test',
        instances: values(MMLU0_IDS, m),
        otherSplit: { split: 'valid', ids: ['id0', 'id1', 'id2'] },
      }),
    },
    {
      run: { group: 'mmlu', model, metric: 'exact_match', split: 'test', value: 0.5, variant: 'subject=s1' },
      data: (m) => ({ metric: 'exact_match', split: 'test', instances: values(MMLU1_IDS, m) }),
    },
    {
      run: {
        group: 'civil_comments',
        model,
        metric: 'quasi_exact_match',
        split: 'test',
        value: 0.6,
        variant: 'demographic=all',
      },
      data: (m) => ({
        metric: 'quasi_exact_match',
        split: 'test',
        instances: CIVIL_IDS.map((id, i) => ({
          id,
          value: fixtureItemValue(m, i),
          subSplit: i % 2 === 0 ? 'toxic' : 'non-toxic',
        })),
      }),
    },
  ];
}

const pathOf = (run: FixtureRun) => `${RUNS_BASE}/${fixtureRunName(run)}/per_instance_stats.json`;

let server: FixtureServer;
let dataDir: string;
let zipPath: string;
/** The board's row order (schema order), which strata follow. */
let boardOrder: string[];
const modelIndex = (model: string) => MODELS.indexOf(model);

beforeEach(async () => {
  server = await startFixtureServer();
  dataDir = await mkdtemp(join(tmpdir(), 'helm-rank-bi-'));
  // An ablation run of the first model (groups include a this_group_only group) must not be selected.
  const ablation: FixtureRun = {
    group: 'mmlu',
    model: MODELS[0] as string,
    metric: 'exact_match',
    split: 'test',
    value: 0.3,
    variant: 'subject=s0,instructions=none',
  };
  const ablationSpec = JSON.parse(fixtureRunSpec(ablation)) as { groups: string[] }; // our own fixture
  ablationSpec.groups = ['ablation_prompts', 'mmlu'];
  const entries = fixtureArchiveEntries(MODELS.flatMap((model) => boardRuns(model).map((entry) => entry.run)));
  const ablationEntries = fixtureArchiveEntries([ablation]).map((entry) =>
    entry.name.endsWith('run_spec.json') ? { ...entry, data: JSON.stringify(ablationSpec) } : entry,
  );
  zipPath = join(dataDir, 'run_stats.zip');
  await writeFile(zipPath, buildZip([...entries, ...ablationEntries]));
  const leaderboards = new LeaderboardService({ dataDir });
  const { jobId } = await leaderboards.startImport({ source: zipPath, name: 'board' });
  const result = await leaderboards.waitForJob(jobId);
  if (result.phase !== 'done') throw new Error(`fixture import failed: ${result.error?.message ?? result.phase}`);
  boardOrder = (await loadLeaderboardIndex(join(dataDir, 'leaderboards'), 'board')).models;
  MODELS.forEach((model, m) => {
    for (const entry of boardRuns(model)) server.set(pathOf(entry.run), perInstanceStatsJson(entry.data(m)));
  });
  server.set(
    pathOf(ablation),
    perInstanceStatsJson({ metric: 'exact_match', split: 'test', instances: values(MMLU0_IDS, 0) }),
  );
});
afterEach(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

function service(concurrency = 2): BoardInstanceService {
  return new BoardInstanceService({
    dataDir,
    mirror: server.baseUrl,
    concurrency,
    downloader: new Downloader({ retries: 1, baseDelayMs: 5, maxDelayMs: 20 }),
  });
}

describe('BoardInstanceService', () => {
  it('selects the runs that carry each model’s cells, filtered by model and column, without ablations', async () => {
    const all = await service().plan({ name: 'board' });
    expect(all).toHaveLength(MODELS.length * 4);
    expect(all.some((ref) => ref.run.includes('instructions=none'))).toBe(false);
    expect(all.every((ref) => ref.suite === 'v0.3.0')).toBe(true);
    const some = await service().plan({ name: 'board', models: ['openai/ada'], columns: ['mmlu'] });
    expect(some.map((ref) => ref.run).sort()).toEqual(
      [
        fixtureRunName(boardRuns('openai/ada')[1]?.run as FixtureRun),
        fixtureRunName(boardRuns('openai/ada')[2]?.run as FixtureRun),
      ].sort(),
    );
    await expect(service().plan({ name: 'board', models: ['nobody/none'] })).rejects.toMatchObject({
      code: 'instances.unknown-model',
    });
  });

  it('downloads the runs through the mirror, keeps trial 0’s unperturbed main metric and builds model × instance strata', async () => {
    const events: InstancesProgress[] = [];
    const result = await service().fetch({ name: 'board', onProgress: (event) => events.push(event) });
    expect(result.failures).toEqual([]);
    expect(result.runsFetched).toBe(16);
    expect(result.bytes).toBeGreaterThan(0);
    const last = events.at(-1);
    expect(last).toMatchObject({ runsTotal: 16, runsDone: 16, runsFailed: 0 });
    expect(events.some((event) => event.bytes > 0 && event.runsDone < 16)).toBe(true);
    // Raw files are deleted once reduced.
    expect(
      (await readdir(join(dataDir, 'downloads')).catch(() => [])).filter((file) => file.includes('per_instance_stats')),
    ).toEqual([]);

    const opened = await service().open('board');
    const keys = opened.strata.map((stratum) => stratum.key);
    expect(keys).toEqual([
      'boolq:',
      'civil_comments:demographic=all#non-toxic',
      'civil_comments:demographic=all#toxic',
      'mmlu:subject=s0',
      'mmlu:subject=s1',
    ]);
    const boolq = opened.strata.find((stratum) => stratum.key === 'boolq:');
    expect(boolq?.models).toEqual(boardOrder);
    expect([...boardOrder].sort()).toEqual([...MODELS].sort());
    expect(boolq?.instanceIds).toEqual(BOOLQ_IDS);
    expect(boolq?.populationSize).toBe(12);
    boardOrder.forEach((model, row) =>
      expect(boolq?.values[row]).toEqual(BOOLQ_IDS.map((_, i) => fixtureItemValue(modelIndex(model), i))),
    );
    const mmlu0 = opened.strata.find((stratum) => stratum.key === 'mmlu:subject=s0');
    expect(mmlu0?.instanceIds).toEqual(MMLU0_IDS);
    expect(mmlu0?.otherSplitIds).toEqual(['id0', 'id1', 'id2']);
    const toxic = opened.strata.find((stratum) => stratum.key.endsWith('#toxic'));
    expect(toxic?.instanceIds).toEqual(CIVIL_IDS.filter((_, i) => i % 2 === 0));
    expect(toxic?.values[0]).toEqual(
      CIVIL_IDS.map((_, i) => fixtureItemValue(modelIndex(boardOrder[0] as string), i)).filter((_, i) => i % 2 === 0),
    );
  });

  it('re-opens and re-fetches from the cache without the network', async () => {
    await service().fetch({ name: 'board' });
    const before = await service().open('board');
    const requests = server.requests.length;
    await server.close();
    const offline = new BoardInstanceService({
      dataDir,
      mirror: 'http://127.0.0.1:9',
      downloader: new Downloader({ retries: 0 }),
    });
    const again = await offline.fetch({ name: 'board' });
    expect(again).toMatchObject({ runsTotal: 16, runsCached: 16, runsFetched: 0, failures: [] });
    expect((await offline.open('board')).strata).toEqual(before.strata);
    server = await startFixtureServer(); // for afterEach
    expect(requests).toBeGreaterThanOrEqual(16);
  });

  it('names a damaged cache file, leaves it out, and fetches that run again', async () => {
    await service().fetch({ name: 'board' });
    const instancesDir = join(dataDir, 'leaderboards', 'board', 'instances');
    const [firstFile] = (await readdir(instancesDir)).sort();
    await writeFile(join(instancesDir, firstFile as string), '{"formatVersion": 1, "run": "x"');
    const damaged = await service().open('board');
    expect(damaged.damaged).toEqual([firstFile]);
    expect(damaged.runs).toHaveLength(15);
    const repaired = await service().fetch({ name: 'board' });
    expect(repaired).toMatchObject({ runsFetched: 1, runsCached: 15, failures: [] });
    expect((await service().open('board')).damaged).toEqual([]);
  });

  it('reports a run that is missing (404) by name and keeps the others', async () => {
    const missing = boardRuns('openai/ada')[0]?.run as FixtureRun;
    server.remove(pathOf(missing));
    const result = await service().fetch({ name: 'board' });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({
      run: fixtureRunName(missing),
      model: 'openai/ada',
      code: 'download.not-found',
    });
    expect(result.runsFetched).toBe(15);
    const boolq = (await service().open('board')).strata.find((stratum) => stratum.key === 'boolq:');
    expect(boolq?.models).toEqual(boardOrder.filter((model) => model !== 'openai/ada'));
  });

  it('reports a run whose file is not valid per-instance stats, and keeps the others', async () => {
    const broken = boardRuns('openai/davinci')[1]?.run as FixtureRun;
    server.set(pathOf(broken), '{"not": "a list"}');
    const result = await service().fetch({ name: 'board' });
    expect(result.failures.map((failure) => failure.run)).toEqual([fixtureRunName(broken)]);
    expect(result.runsFetched).toBe(15);
  });

  it('cancels between runs, keeps finished runs and resumes', async () => {
    const controller = new AbortController();
    const first = await service(1).plan({ name: 'board' });
    for (const ref of first.slice(1))
      server.fault(`${RUNS_BASE}/${ref.run}/per_instance_stats.json`, { kind: 'delay', ms: 200 });
    const fetching = service(1).fetch({
      name: 'board',
      signal: controller.signal,
      onProgress: (event) => {
        if (event.runsDone >= 1) controller.abort();
      },
    });
    const error: unknown = await fetching.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('instances.cancelled');
    const kept = (await service().open('board')).runs.length;
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(16);
    const resumed = await service().fetch({ name: 'board' });
    expect(resumed.runsCached).toBe(kept);
    expect(resumed.runsFetched).toBe(16 - kept);
  });

  it('checks a user run against the leaderboard prefix and feeds the paired estimator', async () => {
    await service().fetch({ name: 'board' });
    const userDir = join(dataDir, 'user');
    const writeUserRun = async (run: FixtureRun, data: PerInstanceFixture) => {
      const directory = join(userDir, fixtureRunName(run));
      await mkdir(directory, { recursive: true });
      await writeFile(join(directory, 'run_spec.json'), fixtureRunSpec(run));
      await writeFile(join(directory, 'per_instance_stats.json'), perInstanceStatsJson({ ...data, trials: 1 }));
    };
    const model = 'me/my-model';
    // BoolQ: the leaderboard's first 5 items (a true prefix).
    await writeUserRun(
      { group: 'boolq', model, metric: 'quasi_exact_match', split: 'valid', value: 0 },
      { metric: 'quasi_exact_match', split: 'valid', instances: BOOLQ_IDS.slice(0, 5).map((id) => ({ id, value: 1 })) },
    );
    // MMLU s0: the items scored on `valid` by the leaderboard are on `test` here.
    await writeUserRun(
      { group: 'mmlu', model, metric: 'exact_match', split: 'test', value: 0, variant: 'subject=s0' },
      { metric: 'exact_match', split: 'test', instances: ['id0', 'id5'].map((id) => ({ id, value: 1 })) },
    );
    // MMLU s1: ids from another numbering.
    await writeUserRun(
      { group: 'mmlu', model, metric: 'exact_match', split: 'test', value: 0, variant: 'subject=s1' },
      { metric: 'exact_match', split: 'test', instances: ['id900', 'id901'].map((id) => ({ id, value: 0 })) },
    );
    // MMLU s2: not on the board.
    await writeUserRun(
      { group: 'mmlu', model, metric: 'exact_match', split: 'test', value: 0, variant: 'subject=s2' },
      { metric: 'exact_match', split: 'test', instances: [{ id: 'id1', value: 1 }] },
    );
    // CivilComments: a subset, not the prefix, in one sub-split; one unknown id in the other.
    await writeUserRun(
      {
        group: 'civil_comments',
        model,
        metric: 'quasi_exact_match',
        split: 'test',
        value: 0,
        variant: 'demographic=all',
      },
      {
        metric: 'quasi_exact_match',
        split: 'test',
        instances: [
          { id: 'id304', value: 1, subSplit: 'toxic' },
          { id: 'id301', value: 1, subSplit: 'non-toxic' },
          { id: 'id999', value: 0, subSplit: 'non-toxic' },
        ],
      },
    );
    const { verdicts } = await service().checkUserRuns('board', userDir);
    const code = (prefix: string) => verdicts.find((verdict) => verdict.stratum.startsWith(prefix))?.code;
    expect(code('boolq')).toBe('ok');
    expect(verdicts.find((verdict) => verdict.stratum.startsWith('boolq'))).toMatchObject({
      ok: true,
      isPrefix: true,
      userInstances: 5,
      boardInstances: 12,
    });
    expect(code('mmlu:subject=s0')).toBe('split-mismatch');
    expect(code('mmlu:subject=s1')).toBe('unknown-ids');
    expect(code('mmlu:subject=s2')).toBe('no-board-data');
    expect(verdicts.find((verdict) => verdict.stratum.endsWith('#toxic'))).toMatchObject({
      ok: true,
      isPrefix: false,
      code: 'not-prefix',
    });
    expect(verdicts.find((verdict) => verdict.stratum.endsWith('#non-toxic'))).toMatchObject({
      ok: false,
      code: 'pool-mismatch',
    });
    expect(verdicts.every((verdict) => verdict.ok || (verdict.reason ?? '').startsWith(verdict.stratum))).toBe(true);
    expect(verdicts).toHaveLength(6);

    // The matrices match the rank module's contract: the paired estimator pairs the BoolQ stratum.
    const boolqId = verdicts.find((verdict) => verdict.stratum.startsWith('boolq'))?.stratum as string;
    const matrices = await service().matricesFor('board', [{ id: boolqId }]);
    expect(matrices).toHaveLength(1);
    expect(matrices[0]?.models).toEqual(boardOrder);
    const observed = [{ id: boolqId, column: 'boolq', instanceIds: BOOLQ_IDS.slice(0, 5), values: [1, 1, 1, 1, 1] }];
    const outcome = pairedStrata(observed, matrices, { predictor: 'neighbors', neighbors: 2 });
    expect(outcome.method).toBe('paired');

    // The one-call form for the rank service: only passing strata get a matrix, and the reason names the failures.
    const pairing = await service().pairingFor('board', userDir);
    expect(pairing.matrices.map((matrix) => matrix.stratumId).sort()).toEqual(
      verdicts
        .filter((verdict) => verdict.ok)
        .map((verdict) => verdict.stratum)
        .sort(),
    );
    expect(pairing.reason).toMatch(/split-mismatch|another split/);
    expect(pairing.reason).toContain('and 1 more');
  });
});
