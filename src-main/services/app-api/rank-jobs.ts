/**
 * The rank work the app serves (`rank.result`, `rank.tradeoff`, `rank.expectedInterval`) as plain, cloneable jobs:
 * what to compute, named by paths, never by data. {@link runRankJob} is the one place a job is done, whether the
 * rank worker thread does it (./rank-worker.ts, the app) or this thread does (running from the TypeScript sources):
 * the same functions, the same board files, the same per-instance cache and `calibration.json`, so the same numbers.
 * The heavy part is the leave-one-model-out calibration of a new design (docs/calibration.md §6).
 */
import type { ExpectedIntervalView, RankResult, TradeoffTableView } from '../../../src-shared/api/rank';
import type { ExamplesPerScenario } from '../../../src-shared/examples-per-scenario';
import { cachedBoardMatrices } from '../board-instances/board-instance-service';
import { dataPaths } from '../data-dir';
import type { RunRecord } from '../runs/run-store';
import { runDirectory } from '../runs/run-store';
import { expectedIntervalView, rankRun, tradeoffTable } from './rank-channels';

/** A piece of rank work, by name. */
export type RankJob =
  | { readonly kind: 'rank'; readonly runId: string; readonly record: RunRecord }
  | { readonly kind: 'tradeoff'; readonly leaderboard: string; readonly scenarios: readonly string[] }
  | {
      readonly kind: 'expectedInterval';
      readonly leaderboard: string;
      readonly examplesPerScenario: ExamplesPerScenario;
      readonly scenarios?: readonly string[] | undefined;
    };

/** What each kind of job answers. */
export interface RankJobResults {
  rank: RankResult;
  tradeoff: TradeoffTableView;
  expectedInterval: ExpectedIntervalView;
}

export type RankJobResult<J extends RankJob> = RankJobResults[J['kind']];

/**
 * Does one job on the data directory `dataDir`: the board's index and cached per-instance data are read from disk
 * here (`cachedBoardMatrices`, the loader the CLI gives too), so a worker receives paths, not matrices.
 */
export async function runRankJob<J extends RankJob>(job: J, dataDir: string): Promise<RankJobResult<J>> {
  const paths = dataPaths(dataDir);
  const result = await doJob(job, dataDir, paths);
  return result as RankJobResult<J>; // cast: doJob answers each kind with its own result (see the switch)
}

async function doJob(
  job: RankJob,
  dataDir: string,
  paths: ReturnType<typeof dataPaths>,
): Promise<RankJobResults[RankJob['kind']]> {
  switch (job.kind) {
    case 'rank':
      return rankRun(
        runDirectory(paths.runs, job.runId),
        job.record,
        paths.leaderboards,
        job.record.leaderboard ? cachedBoardMatrices(dataDir, job.record.leaderboard) : undefined,
      );
    case 'tradeoff':
      return tradeoffTable(
        paths.leaderboards,
        job.leaderboard,
        job.scenarios,
        cachedBoardMatrices(dataDir, job.leaderboard),
      );
    case 'expectedInterval':
      return expectedIntervalView(paths.leaderboards, job, cachedBoardMatrices(dataDir, job.leaderboard));
  }
}
