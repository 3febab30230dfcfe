import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RankResult } from '../../../src-shared/api/rank';
import { placeModel } from '../../../src-shared/rank/placement';
import { buildFixtureLeaderboardZip, FIXTURE_LEADERBOARD_MODELS } from '../../demo/fixture-leaderboard';
import { dataPaths } from '../data-dir';
import { LeaderboardService } from '../leaderboards/leaderboard-service';
import { loadLeaderboardIndex } from '../leaderboards/leaderboard-index';
import { boardFromIndex } from '../rank/board-from-index';
import { expectedIntervalForBoard, tradeoffForBoard } from '../rank/tradeoff-service';
import { rankedTable, rankedTableCsv } from './ranked-table';

let dir = '';
let leaderboardsDir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-ranked-'));
  const zip = join(dir, 'board.zip');
  await writeFile(zip, buildFixtureLeaderboardZip());
  const service = new LeaderboardService({ dataDir: dir });
  const { jobId } = await service.startImport({ source: zip, name: 'board' });
  expect((await service.waitForJob(jobId)).phase).toBe('done');
  leaderboardsDir = dataPaths(dir).leaderboards;
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function resultFor(cells: Record<string, number>): Promise<RankResult> {
  const { board } = boardFromIndex(await loadLeaderboardIndex(leaderboardsDir, 'board'));
  const placement = placeModel(board, cells);
  return {
    model: 'acme/x',
    leaderboard: 'board',
    rank: placement.rank,
    rankInterval: [Math.max(1, placement.rank - 2), placement.rank + 2],
    meanWinRate: placement.score ?? 0,
    meanWinRateInterval: [0, 1],
    method: 'bootstrap',
    calibrated: true,
    calibrationBasis: 'simulated',
    certain: false,
    calibrationNote: null,
    probRankAtMost: {},
    probRankAtMostCalibrated: true,
    tiedWith: [FIXTURE_LEADERBOARD_MODELS[4] ?? ''],
    tiedWithIncludingBoardNoise: null,
    boardNoiseNote: null,
    cells,
    examplesPerScenario: 10,
    scenarios: ['boolq', 'imdb'],
  };
}

describe('the ranked table (rank.table, CSV export)', () => {
  it('places the model by the same placement as the rank, recomputing every mean win rate', async () => {
    const result = await resultFor({ boolq: 0.75, imdb: 0.8 });
    const table = await rankedTable(leaderboardsDir, result);
    expect(table.rows).toHaveLength(FIXTURE_LEADERBOARD_MODELS.length + 1);
    const mine = table.rows.findIndex((row) => row.isYou);
    expect(table.rows.filter((row) => row.isYou)).toHaveLength(1);
    expect(table.rows[mine]?.rank).toBe(result.rank);
    expect(mine + 1).toBe(result.rank);
    expect(table.rows[mine]?.meanWinRate).toBeCloseTo(result.meanWinRate, 12);
    // Best first, and the ranks follow the order.
    for (let i = 1; i < table.rows.length; i++)
      expect(table.rows[i - 1]!.meanWinRate!).toBeGreaterThanOrEqual(table.rows[i]!.meanWinRate!);
    expect(table.rows.find((row) => row.model === FIXTURE_LEADERBOARD_MODELS[4])?.isTied).toBe(true);
    expect(table.rows.find((row) => row.model === 'openai/text-davinci-002')?.displayName).toBeTruthy();
  });

  it('exports the ranked table as CSV, one line per model with every cell', async () => {
    const table = await rankedTable(leaderboardsDir, await resultFor({ boolq: 0.75, imdb: 0.8 }));
    const lines = rankedTableCsv(table).trim().split('\n');
    expect(lines[0]).toBe(['rank,model,display_name,mean_win_rate,is_you,tied', ...table.columns].join(','));
    expect(lines).toHaveLength(table.rows.length + 1);
    const mine = lines.find((line) => line.includes(',acme/x,'));
    expect(mine).toMatch(/,yes,no,/);
    expect(mine?.split(',')[table.columns.indexOf('boolq') + 6]).toBe('0.75');
    // Numbers without floating-point noise (before: 0.5389999999999999 beside 0.539).
    const noisy = { ...table, rows: [{ ...table.rows[0]!, meanWinRate: 0.1 + 0.2, cells: { boolq: 0.539 - 1e-16 } }] };
    expect(rankedTableCsv(noisy).split('\n')[1]).toContain(',0.3,');
    expect(rankedTableCsv(noisy).split('\n')[1]).toContain(',0.539');
  });
});

describe('the trade-off of a scenario subset (the Budget rows)', () => {
  it('describes the chosen scenarios in every column: interval, requests, tokens and compute saved', async () => {
    const settings = { draws: 1, resamples: 50 };
    const all = await tradeoffForBoard({ leaderboardsDir, leaderboard: 'board', settings, levels: [10] });
    const two = await tradeoffForBoard({
      leaderboardsDir,
      leaderboard: 'board',
      scenarios: ['boolq', 'truthful_qa'],
      settings,
      levels: [10],
    });
    expect(two.scenarios).toEqual(['boolq', 'truthful_qa']);
    expect(all.scenarios).toHaveLength(16);
    const [row, allRow] = [two.rows[0]!, all.rows[0]!];
    expect(row.requests).toBe(20);
    expect(row.requests).toBeLessThan(allRow.requests);
    expect(row.tokens).toBeLessThan(allRow.tokens);
    expect(row.computeSaved).toBeCloseTo(two.fullRunRequests / 20, 10);
    // The interval is the two scenarios' own design (20 items, not all 16 columns'), from the planning function.
    expect(row.mainSplitItems).toBe(20);
    expect(allRow.mainSplitItems).toBeGreaterThan(20);
    const planned = await expectedIntervalForBoard({
      leaderboardsDir,
      leaderboard: 'board',
      scenarios: ['boolq', 'truthful_qa'],
      settings,
      level: 10,
    });
    expect(planned.scenarios).toEqual(['boolq', 'truthful_qa']);
    // A 12-model board is too small to calibrate: both give the raw interval's figures, and say so.
    expect([row.calibrated, planned.calibrated]).toEqual([false, false]);
    expect([row.medianHalfWidth, row.calibratedCoverage ?? row.rawCoverage]).toEqual([
      planned.halfWidth,
      planned.coverage,
    ]);
  });
});
