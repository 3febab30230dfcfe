import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsFor, schemaFor } from '../../../src-shared/leaderboard/schema';
import { createRng } from '../../../src-shared/rank/prng';
import { runCli } from '../../../dev/testing/run-cli';
import { tinyBoardIndex, writeTinyBoard } from '../../../dev/testing/tiny-board';
import { populationSize, releaseLabel } from './board-from-index';
import { rankRuns } from './rank-service';
import { expectedIntervalView, tradeoffTable } from '../app-api/rank-channels';
import { loadCalibrations } from './calibration-store';
import { expectedIntervalForBoard } from './tradeoff-service';
import { perInstanceValues, readUserRuns } from './run-reader';
import { runKey } from '../../../src-shared/helm/run-name';
import { writeUserRun } from '../../../dev/testing/user-run';

let root: string;
let leaderboardsDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'helm-rank-rank-'));
  leaderboardsDir = join(root, 'data', 'leaderboards');
  await writeTinyBoard(leaderboardsDir);
  const suite = join(root, 'out', 'runs', 'suite');
  await writeUserRun(
    suite,
    'boolq:model=me_my-model',
    'boolq',
    'quasi_exact_match',
    'valid',
    Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? 0 : 1)),
  );
  await writeUserRun(
    suite,
    'narrative_qa:model=me_my-model',
    'narrative_qa',
    'f1_score',
    'test',
    Array.from({ length: 17 }, (_, i) => (i % 4) / 4),
  );
  await writeUserRun(suite, 'raft:subset=overruling,model=me_my-model', 'raft', 'quasi_exact_match', 'test', [1, 0]);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('run reader and index join', () => {
  it('keeps unperturbed main-split values per instance, averaging trials', () => {
    const entries = [
      {
        instance_id: 'a',
        train_trial_index: 0,
        stats: [{ name: { name: 'exact_match', split: 'test' }, count: 1, sum: 1, sum_squared: 1 }],
      },
      {
        instance_id: 'a',
        train_trial_index: 1,
        stats: [{ name: { name: 'exact_match', split: 'test' }, count: 1, sum: 0, sum_squared: 0 }],
      },
      {
        instance_id: 'b',
        train_trial_index: 0,
        stats: [{ name: { name: 'exact_match', split: 'valid' }, count: 1, sum: 1, sum_squared: 1 }],
      },
    ];
    const values = perInstanceValues(entries, { metric: 'quasi_exact_match', split: 'test' });
    expect([...(values.get('') ?? new Map())]).toEqual([['a', 0.5]]);
  });

  it('names the release in messages, or the board when an ad-hoc import has none', () => {
    expect(releaseLabel({ release: 'v0.4.0', name: 'classic-v0.4.0' })).toBe('release v0.4.0');
    expect(releaseLabel({ release: '', name: 'my-board' })).toBe('leaderboard my-board (no release name)');
  });

  it('matches leaderboard runs by name without model and conf arguments', () => {
    expect(
      runKey('mmlu:subject=econometrics,method=multiple_choice_joint,model=openai_davinci,data_augmentation=canonical'),
    ).toBe('mmlu:method=multiple_choice_joint,subject=econometrics');
    const index = tinyBoardIndex(3);
    expect(populationSize(index, 'narrative_qa:model=me_my-model', { group: 'narrative_qa', split: 'test' })).toEqual({
      size: 355,
      source: 'index',
    });
    expect(populationSize(index, 'raft:subset=overruling,model=me', { group: 'raft', split: 'test' })).toEqual({
      size: 40,
      source: 'layout',
    });
  });
});

describe('rankRuns', () => {
  it('ranks a suite directory with a calibrated interval and stores calibration.json', async () => {
    const report = await rankRuns({
      path: join(root, 'out'),
      leaderboardsDir,
      leaderboard: 'tiny',
      resamples: 300,
      calibrationResamples: 200,
      calibrationDraws: 2,
      seed: 3,
    });
    expect(report.model).toBe('me/my-model');
    expect(Object.keys(report.cells).sort()).toEqual(['boolq', 'narrative_qa', 'raft']);
    expect(report.cells.boolq).toBeCloseTo(13 / 20, 12);
    expect(report.rankInterval[0]).toBeLessThanOrEqual(report.rank);
    expect(report.rankInterval[1]).toBeGreaterThanOrEqual(report.rank);
    expect(report.calibrated).toBe(true);
    expect(report.calibrationBasis).toBe('simulated');
    expect(report.certain).toBe(false);
    expect(report.calibration?.description).toMatch(
      /calibrated on \d+ models of release test-1 \(per-instance data simulated/,
    );
    // The state-of-the-art warning is about the board's edge, not about a wide interval.
    const edge = report.rank === 1 || report.rank === report.leaderboard.models + 1;
    expect(report.warnings.some((warning) => /resembles the board's models/.test(warning))).toBe(edge);
    expect(report.method).toBe('bootstrap');
    expect(report.pairedReason).toMatch(/not available/);
    expect(report.missingColumns).toContain('mmlu');
    // P(rank ≤ k) is widened by ĉ like the interval, and still a distribution function of k.
    expect(report.probRankAtMostCalibrated).toBe(true);
    const probabilities = ['1', '3', '5', '10'].map((k) => report.probRankAtMost[k] as number);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => a - b));
    expect(Object.keys(report.probRankAtMostRaw)).toEqual(['1', '3', '5', '10']);
    // T2: the board's own noise only adds uncertainty, so its ties are a superset of the fixed-board ones here.
    expect(report.tiedWithIncludingBoardNoise.length).toBeGreaterThanOrEqual(report.tiedWith.length);
    expect(report.tiedWithIncludingBoardNoise).toEqual(expect.arrayContaining([...report.tiedWith]));
    expect(report.boardNoiseNote).toMatch(/Bhatia–Davis/);
    const stored = JSON.parse(await readFile(join(leaderboardsDir, 'tiny', 'calibration.json'), 'utf8')) as {
      entries: Record<string, unknown>;
    };
    expect(Object.keys(stored.entries)).toHaveLength(1);
  });

  it('pairs the strata the leaderboard has per-instance data for, and says why the others are not', async () => {
    const index = tinyBoardIndex(30);
    const boolq = index.tables.accuracy?.columns.findIndex((column) => column.group === 'boolq') as number;
    const rng = createRng(4);
    const ids = Array.from({ length: 100 }, (_, i) => `id${i + 10}`);
    const matrix = {
      stratumId: 'boolq:model=me_my-model',
      instanceIds: ids,
      models: index.models,
      values: index.models.map((_, j) =>
        ids.map(() => (rng.next() < ((index.tables.accuracy?.values[j]?.[boolq] as number | null) ?? 0.5) ? 1 : 0)),
      ),
    };
    const report = await rankRuns({
      path: join(root, 'out'),
      leaderboardsDir,
      leaderboard: 'tiny',
      resamples: 300,
      calibrationResamples: 200,
      calibrationDraws: 2,
      seed: 3,
      boardMatrices: [matrix],
    });
    expect(report.pairedReason).toMatch(/unpaired: no leaderboard per-instance data for narrative_qa/);
    expect(['paired', 'bootstrap']).toContain(report.method);
    expect(report.calibration?.description).toMatch(/where cached/);
    const mismatched = await rankRuns({
      path: join(root, 'out'),
      leaderboardsDir,
      leaderboard: 'tiny',
      resamples: 200,
      calibrationResamples: 100,
      calibrationDraws: 2,
      seed: 3,
      boardMatrices: [{ ...matrix, instanceIds: ids.map((id) => `x${id}`) }],
    });
    expect(mismatched.method).toBe('bootstrap');
    expect(mismatched.pairedReason).toMatch(/not in the leaderboard's run/);
  });

  it('prints the documented JSON through the CLI', async () => {
    const { code, stdout } = await runCli(
      [
        'rank',
        join(root, 'out'),
        '--leaderboard',
        'tiny',
        '--json',
        '--resamples',
        '200',
        '--data-dir',
        join(root, 'data'),
      ],
      {},
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    for (const key of [
      'model',
      'rank',
      'rankInterval',
      'meanWinRate',
      'meanWinRateInterval',
      'method',
      'calibrated',
      'probRankAtMost',
      'tiedWith',
      'cells',
      'probRankAtMostCalibrated',
      'tiedWithIncludingBoardNoise',
    ])
      expect(json).toHaveProperty(key);
    expect(Object.keys(json.probRankAtMost as object)).toEqual(['1', '3', '5', '10']);
  });

  it('computes the trade-off table through the CLI', async () => {
    const { code, stdout } = await runCli(
      [
        'tradeoff',
        '--leaderboard',
        'tiny',
        '--json',
        '--resamples',
        '100',
        '--draws',
        '1',
        '--data-dir',
        join(root, 'data'),
      ],
      {},
    );
    expect(code).toBe(0);
    const table = JSON.parse(stdout) as {
      rows: { level: number; medianHalfWidth: number; computeSaved: number; tokens: number; requests: number }[];
      basis: string;
      tokensBasis: string;
      fullRunTokens: number;
    };
    expect(table.rows.map((row) => row.level)).toEqual([10, 20, 50, 100, 1000]);
    // Tokens: the board's own median for NarrativeQA (its only run has token stats), stated defaults elsewhere.
    expect(table.tokensBasis).toMatch(
      /board's median num_prompt_tokens \+ output tokens per request on the main split for 1 of 16 scenarios/,
    );
    expect(table.tokensBasis).toMatch(/stated defaults for mmlu, boolq/);
    const tokens = table.rows.map((row) => row.tokens);
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
    expect(table.rows[0]?.tokens).toBeGreaterThan(table.rows[0]?.requests as number);
    expect(table.fullRunTokens).toBeGreaterThan(table.rows[4]?.tokens as number);
    const printed = await runCli(
      ['tradeoff', '--leaderboard', 'tiny', '--resamples', '100', '--draws', '1', '--data-dir', join(root, 'data')],
      {},
    );
    expect(printed.code).toBe(0);
    const text = printed.stdout + printed.stderr;
    expect(text).toMatch(/tokens/);
    expect(text).toMatch(/Tokens: the board's median/);
    expect(table.rows[0]?.computeSaved).toBeGreaterThan(table.rows[4]?.computeSaved as number);
    expect(table.rows[0]?.medianHalfWidth).toBeGreaterThan(table.rows[4]?.medianHalfWidth as number);
    expect(table.basis).toMatch(/simulated/);
  });

  it("answers the Budget step through rank.expectedInterval: one N, a scenario subset, the board's own counts", async () => {
    const view = await expectedIntervalView(leaderboardsDir, {
      leaderboard: 'tiny',
      examplesPerScenario: 20,
      scenarios: ['boolq', 'narrative_qa'],
    });
    expect(view.scenarios).toEqual(['boolq', 'narrative_qa']);
    // NarrativeQA's N_r comes from the board's own run (355 test items): N = 20 gives 17 main-split items.
    expect(view.mainSplitItems).toBe(20 + 17);
    expect(view.halfWidth).toBeGreaterThan(0);
    expect(view.coverage).toBeGreaterThan(0.8);
    expect(view.calibrationBasis).toBe('simulated');
    expect(view.source).toMatch(/30 models × 5 draws/);
    expect(
      (await expectedIntervalView(leaderboardsDir, { leaderboard: 'tiny', examplesPerScenario: 'all' })).halfWidth,
    ).toBe(0);
    await expect(
      expectedIntervalView(leaderboardsDir, { leaderboard: 'tiny', examplesPerScenario: 20, scenarios: ['nope'] }),
    ).rejects.toMatchObject({ code: 'rank.unknown-scenario' });
  });

  it("calibrates a run of a Budget row's design with that row's own calibration: one function for plan, CLI and result", async () => {
    const scenarios = ['boolq', 'narrative_qa'];
    const view = await expectedIntervalView(leaderboardsDir, {
      leaderboard: 'tiny',
      examplesPerScenario: 20,
      scenarios,
    });
    // The Budget table (rank.tradeoff for the chosen scenarios) and `helm-rank tradeoff --json` give the same row.
    const table = await tradeoffTable(leaderboardsDir, 'tiny', scenarios);
    const row = table.rows.find((entry) => entry.examplesPerScenario === 20);
    expect(table.scenarios).toEqual(scenarios);
    expect(row).toMatchObject({
      medianHalfWidth: view.halfWidth,
      q95HalfWidth: view.q95HalfWidth,
      coverage: view.coverage,
    });
    const cli = await runCli(
      [
        'tradeoff',
        '--leaderboard',
        'tiny',
        '--scenarios',
        scenarios.join(','),
        '--json',
        '--data-dir',
        join(root, 'data'),
      ],
      {},
    );
    const printed = (
      JSON.parse(cli.stdout) as { rows: { level: number; medianHalfWidth: number; calibratedCoverage: number }[] }
    ).rows;
    expect(printed.find((entry) => entry.level === 20)).toMatchObject({
      medianHalfWidth: view.halfWidth,
      calibratedCoverage: view.coverage,
    });
    // A run of exactly that design: 20 BoolQ items, 17 NarrativeQA test items (the board's run key).
    const suite = join(root, 'planned', 'runs', 'suite');
    await writeUserRun(
      suite,
      'boolq:model=me_my-model',
      'boolq',
      'quasi_exact_match',
      'valid',
      Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? 0 : 1)),
    );
    await writeUserRun(
      suite,
      'narrative_qa:model=me_my-model,data_augmentation=canonical',
      'narrative_qa',
      'f1_score',
      'test',
      Array.from({ length: 17 }, (_, i) => ((i % 5) + 0.5) / 5),
    );
    const stored = async () =>
      Object.keys((await loadCalibrations(join(leaderboardsDir, 'tiny'), 'test-1', 30)).entries).length;
    const before = await stored();
    const report = await rankRuns({ path: suite, leaderboardsDir, leaderboard: 'tiny', resamples: 500 });
    // The result is calibrated by the plan's calibration itself (found under the same key: nothing new computed).
    expect(await stored()).toBe(before);
    const plan = await expectedIntervalForBoard({ leaderboardsDir, leaderboard: 'tiny', level: 20, scenarios });
    expect(report.calibration).toMatchObject({ factor: plan.factor, coverage: plan.coverage, models: plan.models });
    expect(plan.halfWidth).toBe(view.halfWidth);
    // Its half-width is one the plan's pseudo-users got: within the range the Budget row summarises.
    const halfWidths = (plan.calibration?.records ?? []).map(
      (record) => (record.calibratedInterval[1] - record.calibratedInterval[0]) / 2,
    );
    const half = (report.rankInterval[1] - report.rankInterval[0]) / 2;
    expect(half).toBeGreaterThanOrEqual(Math.min(...halfWidths));
    expect(half).toBeLessThanOrEqual(Math.max(...halfWidths));
  });
});

describe('run reader on damaged outputs', () => {
  it('names each unreadable file, skips its run, and ignores partial directories', async () => {
    const suite = join(root, 'damaged', 'runs', 'suite');
    await writeUserRun(suite, 'boolq:model=me_my-model', 'boolq', 'quasi_exact_match', 'valid', [1, 0, 1]);
    await writeUserRun(suite, 'boolq:x=1,model=me_my-model', 'boolq', 'quasi_exact_match', 'valid', [1]);
    const torn = join(suite, 'boolq_x=1,model=me_my-model', 'per_instance_stats.json');
    await writeFile(torn, '[{"instance_id": "id1');
    await mkdir(join(suite, 'empty'), { recursive: true });
    await writeFile(join(suite, 'empty', 'run_spec.json'), '');
    // Left by an older version after a full disk.
    await mkdir(join(suite, 'boolq:model=me_my-model.partial-4242'), { recursive: true });
    await writeFile(join(suite, 'boolq:model=me_my-model.partial-4242', 'run_spec.json'), '{"na');
    const columns = (columnsFor(schemaFor('classic'), 'accuracy') ?? []).filter((c) => c.group === 'boolq');
    const read = await readUserRuns(suite, columns);
    expect(read.runs.map((run) => run.name)).toEqual(['boolq:model=me_my-model']);
    expect(read.warnings).toHaveLength(2);
    expect(read.warnings[0]).toMatch(new RegExp(`^${torn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: unreadable \\(`));
    expect(read.warnings[1]).toContain(`${join(suite, 'empty', 'run_spec.json')}: unreadable (`);
  });
});
