import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLASSIC_SCHEMA } from '../../../src-shared/leaderboard/schema';
import { Downloader } from '../../engine/download/downloader';
import { startFixtureServer } from '../../demo/http-fixture-server';
import type { FixtureServer } from '../../demo/http-fixture-server';
import { writeLeaderboardAtomically } from '../leaderboards/leaderboard-index';
import { LeaderboardService } from '../leaderboards/leaderboard-service';
import type { LeaderboardIndex } from '../leaderboards/leaderboard-index';
import { BoardInstanceService } from './board-instance-service';
import { fixtureItemValue, perInstanceStatsJson } from '../../../dev/testing/board-instance-fixtures';

const BUCKET = '/storage.googleapis.com/crfm-helm-public/benchmark_output';
const RELEASE = `https:/${BUCKET}/releases/v0.4.0/groups/core_scenarios.json`;
const MODELS = ['openai/davinci', 'meta/llama-2-70b'];
const RUNS: Record<string, string> = {
  'boolq:model=openai_davinci,data_augmentation=canonical': 'v0.3.0',
  'boolq:model=meta_llama-2-70b,data_augmentation=canonical': 'v0.4.0',
  'boolq:only_contrast=True,model=openai_davinci,data_augmentation=contrast_sets,groups=robustness_contrast_sets':
    'v0.3.0',
  'wikifact:k=5,subject=author,model=openai_davinci': 'v0.3.0',
};
const IDS = ['id3', 'id8', 'id1', 'id5'];

let server: FixtureServer;
let dataDir: string;

beforeEach(async () => {
  server = await startFixtureServer();
  dataDir = await mkdtemp(join(tmpdir(), 'helm-rank-bi-release-'));
  const columns = CLASSIC_SCHEMA.tables.accuracy ?? [];
  const index: LeaderboardIndex = {
    formatVersion: 1,
    name: 'v040',
    catalogueId: null,
    title: 'Classic v0.4.0',
    project: 'classic',
    release: 'v0.4.0',
    kind: 'release-files',
    winRateRule: 'legacy',
    importedAt: '2026-01-01T00:00:00.000Z',
    models: MODELS,
    displayNames: [null, null],
    runs: [],
    warnings: [],
    tables: { accuracy: { columns: [...columns], values: MODELS.map(() => columns.map(() => 0.5)), cells: null } },
  };
  await writeLeaderboardAtomically(join(dataDir, 'leaderboards'), index, {
    url: RELEASE,
    fetchedFrom: null,
    sha256: null,
    importedAt: index.importedAt,
  });
  server.set(`${BUCKET}/releases/v0.4.0/runs_to_run_suites.json`, JSON.stringify(RUNS, null, 2));
  Object.entries(RUNS).forEach(([run, suite], r) => {
    server.set(
      `${BUCKET}/runs/${suite}/${run}/per_instance_stats.json`,
      perInstanceStatsJson({
        metric: 'quasi_exact_match',
        split: 'valid',
        instances: IDS.map((id, i) => ({ id, value: fixtureItemValue(r, i) })),
      }),
    );
  });
});
afterEach(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('BoardInstanceService on a release-file board', () => {
  it('fetches runs_to_run_suites.json once into the board folder and downloads each model’s runs from its suite', async () => {
    const service = new BoardInstanceService({
      dataDir,
      mirror: server.baseUrl,
      downloader: new Downloader({ retries: 0 }),
    });
    const result = await service.fetch({ name: 'v040' });
    expect(result).toMatchObject({ runsTotal: 2, runsFetched: 2, failures: [] });
    const stored = JSON.parse(
      await readFile(join(dataDir, 'leaderboards', 'v040', 'runs_to_run_suites.json'), 'utf8'),
    ) as Record<string, string>;
    expect(stored).toEqual(RUNS);
    expect(
      server.requestsTo(
        `${BUCKET}/runs/v0.4.0/boolq:model=meta_llama-2-70b,data_augmentation=canonical/per_instance_stats.json`,
      ),
    ).toHaveLength(1);

    const { strata } = await service.open('v040');
    expect(strata).toHaveLength(1);
    expect(strata[0]).toMatchObject({
      key: 'boolq:',
      column: 'boolq',
      instanceIds: IDS,
      models: MODELS,
      populationSize: 4,
    });
    expect(strata[0]?.values[1]).toEqual(IDS.map((_, i) => fixtureItemValue(1, i)));

    // A second plan reads the stored map: no new request for it.
    await service.plan({ name: 'v040' });
    expect(server.requestsTo(`${BUCKET}/releases/v0.4.0/runs_to_run_suites.json`)).toHaveLength(1);
  });

  it('uses the map the import stored, mapping published display names to run-name models', async () => {
    const header = (value: string) => ({ value, lower_is_better: false });
    const core = [
      {
        title: 'Accuracy',
        header: [{ value: 'Model/adapter' }, header('Mean win rate'), header('BoolQ - EM')],
        rows: [
          [{ value: 'davinci (175B)' }, { value: 0.6 }, { value: 0.7 }],
          [{ value: 'Llama 2 (70B)' }, { value: 0.4 }, { value: 0.8 }],
        ],
      },
    ];
    server.set(`${BUCKET}/releases/v0.4.0/groups/core_scenarios.json`, JSON.stringify(core));
    const leaderboards = new LeaderboardService({
      dataDir,
      mirror: server.baseUrl,
      downloader: new Downloader({ retries: 0 }),
      catalogue: [
        {
          id: 'rel',
          title: 'r',
          project: 'classic',
          release: 'v0.4.0',
          kind: 'release-files',
          urls: [`https:/${BUCKET}/releases/v0.4.0/`],
          approxBytes: null,
          winRateRule: 'legacy',
          isDefault: true,
          description: '',
        },
      ],
    });
    const { jobId } = await leaderboards.startImport({ source: 'rel', name: 'imported' });
    expect((await leaderboards.waitForJob(jobId)).phase).toBe('done');
    const service = new BoardInstanceService({
      dataDir,
      mirror: server.baseUrl,
      downloader: new Downloader({ retries: 0 }),
    });
    const refs = await service.plan({ name: 'imported' });
    expect(refs.map((ref) => [ref.model, ref.suite])).toEqual([
      ['meta/llama-2-70b', 'v0.4.0'],
      ['openai/davinci', 'v0.3.0'],
    ]);
    expect(server.requestsTo(`${BUCKET}/releases/v0.4.0/runs_to_run_suites.json`)).toHaveLength(1);
  });
});
