import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureItemValue, perInstanceStatsJson } from '../../../dev/testing/board-instance-fixtures';
import type { FixtureRun } from '../../demo/helm-run-fixture';
import { fixtureArchiveEntries, fixtureRunName, fixtureRunSpec } from '../../demo/helm-run-fixture';
import { startFixtureServer } from '../../demo/http-fixture-server';
import type { FixtureServer } from '../../demo/http-fixture-server';
import { buildZip } from '../../demo/zip-writer';
import { runCli } from '../../../dev/testing/run-cli';
import type { CliOutcome } from '../../../dev/testing/run-cli';

const MODELS = ['openai/davinci', 'ai21/j1-jumbo'];
const RUNS = '/storage.googleapis.com/crfm-helm-public/benchmark_output/runs/v0.3.0';
const IDS = ['id11', 'id4', 'id7', 'id2', 'id9', 'id0'];
const boolq = (model: string): FixtureRun => ({
  group: 'boolq',
  model,
  metric: 'quasi_exact_match',
  split: 'valid',
  value: 0.7,
});
const imdb = (model: string): FixtureRun => ({
  group: 'imdb',
  model,
  metric: 'quasi_exact_match',
  split: 'valid',
  value: 0.8,
});

let server: FixtureServer;
let dataDir: string;

function cli(argv: string[]): Promise<CliOutcome> {
  return runCli(argv, { HELM_RANK_HOME: dataDir });
}

beforeEach(async () => {
  server = await startFixtureServer();
  dataDir = await mkdtemp(join(tmpdir(), 'helm-rank-cli-bi-'));
  const zip = join(dataDir, 'runs.zip');
  await writeFile(zip, buildZip(fixtureArchiveEntries(MODELS.flatMap((model) => [boolq(model), imdb(model)]))));
  expect((await cli(['leaderboard', 'import', zip, '--name', 'board'])).code).toBe(0);
  MODELS.forEach((model, m) => {
    for (const run of [boolq(model), imdb(model)]) {
      server.set(
        `${RUNS}/${fixtureRunName(run)}/per_instance_stats.json`,
        perInstanceStatsJson({
          metric: 'quasi_exact_match',
          split: 'valid',
          instances: IDS.map((id, i) => ({ id, value: fixtureItemValue(m, i) })),
        }),
      );
    }
  });
});
afterEach(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('helm-rank leaderboard instances', () => {
  it('downloads the selected runs through --mirror and prints the strata as JSON', async () => {
    const result = await cli([
      'leaderboard',
      'instances',
      'board',
      '--scenarios',
      'boolq',
      '--mirror',
      server.baseUrl,
      '--json',
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      runsTotal: number;
      runsFetched: number;
      failures: unknown[];
      strata: { key: string; column: string; instances: number; models: number }[];
    };
    expect(json).toMatchObject({ runsTotal: 2, runsFetched: 2, failures: [] });
    expect(json.strata).toEqual([{ key: 'boolq:', column: 'boolq', instances: IDS.length, models: 2 }]);
    expect(result.stderr).toMatch(/^runs/m);
  });

  it('warns about a missing run, and checks a user run against the prefix', async () => {
    server.remove(`${RUNS}/${fixtureRunName(imdb('ai21/j1-jumbo'))}/per_instance_stats.json`);
    const user = join(dataDir, 'user', fixtureRunName(boolq('me/model')));
    await mkdir(user, { recursive: true });
    await writeFile(join(user, 'run_spec.json'), fixtureRunSpec(boolq('me/model')));
    await writeFile(
      join(user, 'per_instance_stats.json'),
      perInstanceStatsJson({
        metric: 'quasi_exact_match',
        split: 'valid',
        trials: 1,
        instances: IDS.slice(0, 3).map((id) => ({ id, value: 1 })),
      }),
    );
    const result = await cli([
      'leaderboard',
      'instances',
      'board',
      '--models',
      'all',
      '--check',
      join(dataDir, 'user'),
      '--mirror',
      server.baseUrl,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`warning: ${fixtureRunName(imdb('ai21/j1-jumbo'))} (ai21/j1-jumbo)`);
    expect(result.stdout).toContain('4 runs (3 downloaded, 0 already cached, 1 failed');
    expect(result.stdout).toContain('Prefix check');
    expect(result.stdout).toMatch(/ok {3}boolq:model=me_model,data_augmentation=canonical: 3 of 6/);
  });

  it('fails with a clear message for an unknown model', async () => {
    const result = await cli([
      'leaderboard',
      'instances',
      'board',
      '--models',
      'nobody/none',
      '--mirror',
      server.baseUrl,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nobody/none');
  });
});
