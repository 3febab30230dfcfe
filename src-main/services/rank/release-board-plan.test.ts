/**
 * One calibration for a plan and its run on a release-file board (docs/calibration.md §6): a board imported from a
 * release's published tables (Classic v0.4.0, Lite) keeps no runs, so its layout is the family's; its per-instance
 * data is cached from the release's runs. The Budget row of a design and a run of that design must name the same
 * strata, read the same cached data and get the same calibration.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_RELEASE_MMLU, writeTinyReleaseBoard, writeTinyReleaseInstances } from '../../../dev/testing/tiny-board';
import { writeUserRun } from '../../../dev/testing/user-run';
import type { RunRecord } from '../runs/run-store';
import { cachedBoardMatrices } from '../board-instances/board-instance-service';
import { runRankJob } from '../app-api/rank-jobs';
import { loadCalibrations } from './calibration-store';
import { rankRuns } from './rank-service';
import { expectedIntervalForBoard } from './tradeoff-service';

const BOARD = 'tiny-release';
const SCENARIOS = ['boolq', 'mmlu'];
// Main-split items at N = 20 (docs/helm-fidelity.md §3.1): 20 BoolQ items; MMLU's `max_eval_instances=4` per subject
// leaves 2, 3, 2, 3, 2 test items.
const MMLU_AT_20: Readonly<Record<string, number>> = {
  abstract_algebra: 2,
  college_chemistry: 3,
  computer_security: 2,
  econometrics: 3,
  us_foreign_policy: 2,
};

let root: string;
let dataDir: string;
let leaderboardsDir: string;

/** The user's efficient N = 20 run of BoolQ and MMLU, named as the engine names them, items from the board's prefix. */
async function writePlannedRun(suite: string): Promise<void> {
  const prefix = (n: number) => Array.from({ length: n }, (_, i) => `id${i}`);
  await writeUserRun(
    suite,
    'boolq:model=me_my-model,max_eval_instances=20',
    'boolq',
    'quasi_exact_match',
    'valid',
    Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? 0 : 1)),
    prefix(20),
  );
  for (const [subject] of TINY_RELEASE_MMLU) {
    const n = MMLU_AT_20[subject] as number;
    await writeUserRun(
      suite,
      `mmlu:subject=${subject},method=multiple_choice_joint,model=me_my-model,max_eval_instances=4`,
      'mmlu',
      'exact_match',
      'test',
      Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0)),
      prefix(n),
    );
  }
}

const storedKeys = async () =>
  Object.keys((await loadCalibrations(join(leaderboardsDir, BOARD), 'test-1', 30)).entries);

const halfWidthsOf = (records: readonly { calibratedInterval: readonly [number, number] }[]) =>
  records.map((record) => (record.calibratedInterval[1] - record.calibratedInterval[0]) / 2);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'helm-rank-release-plan-'));
  dataDir = join(root, 'data');
  leaderboardsDir = join(dataDir, 'leaderboards');
  await writeTinyReleaseBoard(leaderboardsDir);
  await writeTinyReleaseInstances(leaderboardsDir);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a plan and its run on a release-file board with cached per-instance data', () => {
  it('gets one calibration: the Budget row and the run rest on the per-instance data, under one design key', async () => {
    // calibration.json as the plan left it before plans found the cached data: this design, simulated, under the key
    // a design without per-instance data has (no stratum names). It is a right answer to another question and must
    // not be served once the data is found.
    const simulated = await expectedIntervalForBoard({
      leaderboardsDir,
      leaderboard: BOARD,
      level: 20,
      scenarios: SCENARIOS,
    });
    expect(simulated.basis).toBe('simulated');
    const old = await storedKeys();
    const loadBoardMatrices = cachedBoardMatrices(dataDir, BOARD);
    const plan = await expectedIntervalForBoard({
      leaderboardsDir,
      leaderboard: BOARD,
      level: 20,
      scenarios: SCENARIOS,
      loadBoardMatrices,
    });
    expect(plan.mainSplitItems).toBe(20 + 12);
    expect(plan.basis).toBe('per-instance');
    expect((await storedKeys()).filter((key) => !old.includes(key))).toHaveLength(1);
    const planned = await storedKeys();

    const suite = join(root, 'planned', 'runs', 'suite');
    await writePlannedRun(suite);
    const report = await rankRuns({
      path: suite,
      leaderboardsDir,
      leaderboard: BOARD,
      resamples: 500,
      loadBoardMatrices,
    });
    expect(report.calibrationBasis).toBe('per-instance');
    // The run's unpaired calibration is the plan's own, found under the plan's key; the run adds only its paired one.
    const added = (await storedKeys()).filter((key) => !planned.includes(key));
    expect(added.map((key) => (JSON.parse(key) as unknown[])[1])).toEqual(['paired']);
    expect(report.calibration).toMatchObject({
      factor: plan.factor,
      coverage: plan.coverage,
      models: plan.models,
      basis: 'per-instance',
    });
    const halfWidths = halfWidthsOf(plan.calibration?.records ?? []);
    const half = (report.rankInterval[1] - report.rankInterval[0]) / 2;
    expect(half).toBeGreaterThanOrEqual(Math.min(...halfWidths));
    expect(half).toBeLessThanOrEqual(Math.max(...halfWidths));
  });

  it('gives the same through the app: rank.expectedInterval and rank.result as rank jobs', async () => {
    const view = await runRankJob(
      { kind: 'expectedInterval', leaderboard: BOARD, examplesPerScenario: 20, scenarios: SCENARIOS },
      dataDir,
    );
    expect(view.calibrationBasis).toBe('per-instance');
    const runId = '20260101-000000-ab12cd';
    await writePlannedRun(join(dataDir, 'runs', runId, 'benchmark_output', 'runs', 'v1'));
    const record: RunRecord = {
      version: 1,
      runId,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      status: 'done',
      model: 'me/my-model',
      apiModel: 'my-model',
      baseUrl: 'http://127.0.0.1:1/v1',
      mode: 'completions',
      examplesPerScenario: 20,
      scenarios: SCENARIOS,
      suite: 'v1',
      numTrainTrials: 1,
      concurrency: 8,
      rateLimit: null,
      pricePerMillionPrompt: null,
      pricePerMillionCompletion: null,
      apiKeyEnv: null,
      leaderboard: BOARD,
      plan: null,
      overall: null,
      runs: [],
      finishedRuns: [],
      error: null,
      startedAt: null,
      finishedAt: null,
    };
    const before = await storedKeys();
    const result = await runRankJob({ kind: 'rank', runId, record }, dataDir);
    expect(result.calibrationBasis).toBe('per-instance');
    expect(result.calibrationNote).toMatch(/per-instance data; leave-one-out coverage/);
    expect(result.calibrationNote).toContain(`coverage ${(view.coverage * 100).toFixed(0)} %`);
    // No new unpaired calibration: the result's is the Budget row's (at most the paired one is new).
    const added = (await storedKeys()).filter((key) => !before.includes(key));
    expect(added.filter((key) => (JSON.parse(key) as unknown[])[1] !== 'paired')).toEqual([]);
  });
});
