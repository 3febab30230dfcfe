import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogueEntry } from '../../../src-shared/api/leaderboards';
import { Downloader } from '../../engine/download/downloader';
import { startFixtureServer } from '../../demo/http-fixture-server';
import type { FixtureServer } from '../../demo/http-fixture-server';
import { LeaderboardService } from './leaderboard-service';
import { parseRunsToSuites, releaseFileUrls, RUNS_TO_SUITES_FILE } from './release-files';

const RELEASE = '/storage.googleapis.com/crfm-helm-public/benchmark_output/releases/v0.4.0/';
const header = (value: string) => ({ value, lower_is_better: false });
/** A small `groups/core_scenarios.json` in table.py's shape. */
const CORE = [
  {
    title: 'Accuracy',
    header: [{ value: 'Model/adapter' }, header('Mean win rate'), header('BoolQ - EM'), header('MMLU - EM')],
    rows: [
      [{ value: 'davinci (175B)' }, { value: 0.6 }, { value: 0.722 }, { value: 0.422 }],
      [{ value: 'T0pp (11B)' }, { value: 0.4 }, { value: 0.0 }, { value: 0.407 }],
    ],
  },
];
const RUN_MAP = {
  'boolq:model=openai_davinci,data_augmentation=canonical': 'v0.3.0',
  'mmlu:subject=anatomy,method=multiple_choice_joint,model=together_t0pp,data_augmentation=canonical': 'v0.3.0',
};

const catalogue: CatalogueEntry[] = [
  {
    id: 'classic-rel',
    title: 'Classic release',
    project: 'classic',
    release: 'v0.4.0',
    kind: 'release-files',
    urls: [`https:/${RELEASE}`],
    approxBytes: null,
    winRateRule: 'legacy',
    isDefault: true,
    description: '',
  },
];

let server: FixtureServer;
let dataDir: string;

beforeEach(async () => {
  server = await startFixtureServer();
  dataDir = await mkdtemp(join(tmpdir(), 'helm-rank-release-'));
  server.set(`${RELEASE}groups/core_scenarios.json`, JSON.stringify(CORE));
});
afterEach(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function importRelease(source = 'classic-rel') {
  const service = new LeaderboardService({
    dataDir,
    mirror: server.baseUrl,
    catalogue,
    downloader: new Downloader({ retries: 0 }),
  });
  const { jobId } = await service.startImport({ source, name: 'rel' });
  return service.waitForJob(jobId);
}

describe('release-file import keeps runs_to_run_suites.json', () => {
  it('stores the run → suite map in the board folder', async () => {
    server.set(`${RELEASE}${RUNS_TO_SUITES_FILE}`, JSON.stringify(RUN_MAP, null, 2));
    const result = await importRelease();
    expect(result.phase).toBe('done');
    expect(result.warnings).toEqual([]);
    const stored = parseRunsToSuites(await readFile(join(dataDir, 'leaderboards', 'rel', RUNS_TO_SUITES_FILE), 'utf8'));
    expect(stored).toEqual(RUN_MAP);
  });

  it('imports the table with a warning when the map is missing', async () => {
    const result = await importRelease();
    expect(result.phase).toBe('done');
    expect(result.warnings.map((warning) => warning.code)).toEqual(['import.no-run-map']);
    await expect(readFile(join(dataDir, 'leaderboards', 'rel', RUNS_TO_SUITES_FILE), 'utf8')).rejects.toThrow();
  });

  it('reads the map next to a local release folder', async () => {
    const folder = join(dataDir, 'release');
    await mkdir(join(folder, 'groups'), { recursive: true });
    await writeFile(join(folder, 'groups', 'core_scenarios.json'), JSON.stringify(CORE));
    await writeFile(join(folder, RUNS_TO_SUITES_FILE), JSON.stringify(RUN_MAP));
    const result = await importRelease(folder);
    expect(result.phase).toBe('done');
    expect(
      parseRunsToSuites(await readFile(join(dataDir, 'leaderboards', 'rel', RUNS_TO_SUITES_FILE), 'utf8')),
    ).toEqual(RUN_MAP);
  });
});

describe('release file helpers', () => {
  it('finds a release file next to core_scenarios.json or in a release folder URL', () => {
    expect(
      releaseFileUrls(
        ['https://h/p/releases/v1/groups/core_scenarios.json', 'https://h/q/releases/v1/', '/local/path'],
        'x.json',
      ),
    ).toEqual(['https://h/p/releases/v1/x.json', 'https://h/q/releases/v1/x.json']);
  });

  it('accepts only a {run name: suite} object', () => {
    expect(parseRunsToSuites('{"a": "v1"}')).toEqual({ a: 'v1' });
    expect(parseRunsToSuites('["a"]')).toBeNull();
    expect(parseRunsToSuites('{"a": 1}')).toBeNull();
    expect(parseRunsToSuites('{')).toBeNull();
  });
});
