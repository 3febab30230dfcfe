/**
 * The rank domain's channels (`rank.result`, `rank.table`, `rank.tradeoff`, `rank.expectedInterval`) over the rank
 * service, in the app API's shapes. The functions below do the work; {@link RankChannels} has it done by a
 * {@link RankExecutor} (the app's rank worker thread) and answers in the meantime.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExpectedIntervalView, RankedTable, RankResult, TradeoffTableView } from '../../../src-shared/api/rank';
import { rankResultSchema } from '../../../src-shared/api/rank';
import { AppError } from '../../../src-shared/errors';
import type { BoardMatrix } from '../../../src-shared/rank/paired';
import { HELM_PUBLISHED_SOURCE, HELM_PUBLISHED_TRADEOFF } from '../../../src-shared/rank/tradeoff';
import { rankRuns, saveRankReport } from '../rank/rank-service';
import type { RankReport } from '../rank/rank-service';
import { expectedIntervalForBoard, tradeoffForBoard } from '../rank/tradeoff-service';
import type { RunRecord } from '../runs/run-store';
import { runDirectory } from '../runs/run-store';
import type { RankExecutor } from './rank-executor';
import { rankedTable } from './ranked-table';
import { isExamplesPerScenario } from '../../../src-shared/examples-per-scenario';
import type { ExamplesPerScenario } from '../../../src-shared/examples-per-scenario';

/**
 * A report as the app reads it: `rank.json` files written before the T2 view have no T2 fields, and those written
 * before the calibration basis was recorded have none (null / false here).
 */
type RankReportView = Omit<
  RankReport,
  'tiedWithIncludingBoardNoise' | 'boardNoiseNote' | 'calibrationBasis' | 'certain'
> & {
  readonly tiedWithIncludingBoardNoise: readonly string[] | null;
  readonly boardNoiseNote: string | null;
  readonly calibrationBasis: RankReport['calibrationBasis'];
  readonly certain: boolean;
};

export function toRankResult(
  report: RankReportView,
  record: Pick<RunRecord, 'examplesPerScenario' | 'scenarios'>,
  leaderboard: string,
): RankResult {
  return {
    model: report.model,
    leaderboard,
    rank: report.rank,
    rankInterval: [report.rankInterval[0], report.rankInterval[1]],
    meanWinRate: report.meanWinRate ?? 0,
    meanWinRateInterval: [report.meanWinRateInterval[0], report.meanWinRateInterval[1]],
    method: report.method,
    calibrated: report.calibrated,
    calibrationBasis: report.calibrationBasis,
    certain: report.certain,
    calibrationNote: report.calibration?.description ?? null,
    probRankAtMost: { ...report.probRankAtMost },
    probRankAtMostCalibrated: report.probRankAtMostCalibrated,
    tiedWith: [...report.tiedWith],
    tiedWithIncludingBoardNoise: report.tiedWithIncludingBoardNoise ? [...report.tiedWithIncludingBoardNoise] : null,
    boardNoiseNote: report.boardNoiseNote,
    cells: { ...report.cells },
    examplesPerScenario: record.examplesPerScenario,
    scenarios: record.scenarios && record.scenarios.length > 0 ? [...record.scenarios] : null,
  };
}

/** `<run dir>/rank.json` as the rank service writes it, plus the leaderboard it was ranked on. */
export function rankPath(runDir: string): string {
  return join(runDir, 'rank.json');
}

/**
 * Fields `rank.json` lacked before the calibrated P(rank ≤ k), the T2 view and the calibration basis: old files
 * had raw shares, no T2 and no basis.
 */
type OptionalSaved =
  'probRankAtMostCalibrated' | 'tiedWithIncludingBoardNoise' | 'boardNoiseNote' | 'calibrationBasis' | 'certain';
type SavedRankReport = Omit<RankReport, OptionalSaved> & Partial<Pick<RankReport, OptionalSaved>>;

export async function readSavedRank(runDir: string, record: RunRecord): Promise<RankResult | null> {
  const path = rankPath(runDir);
  if (!existsSync(path)) return null;
  try {
    const saved = JSON.parse(await readFile(path, 'utf8')) as SavedRankReport; // boundary: our own file; the result is validated below
    const report = {
      ...saved,
      probRankAtMostCalibrated: saved.probRankAtMostCalibrated ?? false,
      tiedWithIncludingBoardNoise: saved.tiedWithIncludingBoardNoise ?? null,
      boardNoiseNote: saved.boardNoiseNote ?? null,
      calibrationBasis: saved.calibrationBasis ?? null,
      certain: saved.certain ?? false,
    };
    return rankResultSchema.parse(toRankResult(report, record, report.leaderboard?.name ?? record.leaderboard ?? ''));
  } catch {
    return null;
  }
}

/** The board's cached per-instance matrices (`cachedBoardMatrices`), given to ranking and planning alike. */
export type MatrixLoader = (strata: readonly { readonly id: string }[]) => Promise<readonly BoardMatrix[]>;

/** Ranks a finished run against its leaderboard and saves `rank.json` (so History opens it offline). */
export async function rankRun(
  runDir: string,
  record: RunRecord,
  leaderboardsDir: string,
  loadBoardMatrices?: MatrixLoader,
): Promise<RankResult> {
  const saved = await readSavedRank(runDir, record);
  if (saved) return saved;
  if (!record.leaderboard)
    throw new AppError({
      code: 'rank.no-leaderboard',
      message: `Run ${record.runId} names no leaderboard to rank against.`,
    });
  if (record.status !== 'done')
    throw new AppError({
      code: 'rank.not-finished',
      message: `Run ${record.runId} is ${record.status}; it can be ranked once it has finished.`,
    });
  const report = await rankRuns({
    path: join(runDir, 'benchmark_output', 'runs', record.suite),
    leaderboardsDir,
    leaderboard: record.leaderboard,
    ...(loadBoardMatrices ? { loadBoardMatrices } : {}),
  });
  await saveRankReport(rankPath(runDir), report);
  return toRankResult(report, record, record.leaderboard);
}

function parseTimes(text: string): number {
  return Number(text.replace(/[^\d.]/g, ''));
}

/**
 * `rank.tradeoff`: per N, the expected calibrated interval (median and 95th-percentile half-width, with its
 * coverage) and the cost of the plan, every column for the same scenarios (`scenarios`; empty = all): each row is
 * the planning function's answer for that N (`expectedInterval`, as `rank.expectedInterval` and a finished run's
 * calibration).
 */
export async function tradeoffTable(
  leaderboardsDir: string,
  leaderboard: string,
  scenarios: readonly string[] = [],
  loadBoardMatrices?: MatrixLoader,
): Promise<TradeoffTableView> {
  const table = await tradeoffForBoard({
    leaderboardsDir,
    leaderboard,
    ...(scenarios.length > 0 ? { scenarios } : {}),
    ...(loadBoardMatrices ? { loadBoardMatrices } : {}),
  });
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  return {
    leaderboard,
    scenarios: [...table.scenarios],
    calibrationBasis: table.rows.some((row) => row.calibrationBasis === 'simulated') ? 'simulated' : 'per-instance',
    source: `leave-one-model-out on ${table.calibratedOn.models} models (${table.calibratedOn.release}), ${table.calibratedOn.draws} draws each`,
    notCalibrated: table.notCalibrated,
    rows: table.rows
      .filter((row) => isExamplesPerScenario(row.level))
      .map((row) => ({
        examplesPerScenario: row.level as ExamplesPerScenario, // checked by isExamplesPerScenario above
        medianRankError: finite(row.medianAbsError),
        p95RankError: finite(row.q95AbsError),
        medianHalfWidth: finite(row.medianHalfWidth),
        q95HalfWidth: finite(row.q95HalfWidth),
        calibrated: row.calibrated,
        coverage: finite(row.calibratedCoverage ?? row.rawCoverage),
        requests: row.requests,
        tokens: finite(row.tokens),
        computeSaved: finite(row.computeSaved),
      }))
      .concat({
        // The full configuration is the target itself: zero rank error and width by definition (T1), nothing saved.
        examplesPerScenario: 'all',
        medianRankError: 0,
        p95RankError: 0,
        medianHalfWidth: 0,
        q95HalfWidth: 0,
        calibrated: true,
        coverage: null,
        requests: table.fullRunRequests,
        tokens: finite(table.fullRunTokens),
        computeSaved: 1,
      }),
    tokensBasis: table.tokensBasis,
    published: HELM_PUBLISHED_TRADEOFF.filter((row) => isExamplesPerScenario(row.examplesPerScenario)).map((row) => ({
      examplesPerScenario: row.examplesPerScenario as ExamplesPerScenario, // checked by isExamplesPerScenario above
      plusMinus: parseTimes(row.ci95),
      computeSaved: parseTimes(row.computeSaved),
    })),
    publishedSource: HELM_PUBLISHED_SOURCE,
  };
}

/** `rank.expectedInterval`: the Budget step's figure, from the one planning function. */
export async function expectedIntervalView(
  leaderboardsDir: string,
  request: { leaderboard: string; examplesPerScenario: ExamplesPerScenario; scenarios?: readonly string[] | undefined },
  loadBoardMatrices?: MatrixLoader,
): Promise<ExpectedIntervalView> {
  const expected = await expectedIntervalForBoard({
    leaderboardsDir,
    leaderboard: request.leaderboard,
    ...(loadBoardMatrices ? { loadBoardMatrices } : {}),
    level: request.examplesPerScenario,
    ...(request.scenarios && request.scenarios.length > 0 ? { scenarios: request.scenarios } : {}),
  });
  const draws = expected.calibration?.draws ?? 0;
  return {
    leaderboard: request.leaderboard,
    examplesPerScenario: request.examplesPerScenario,
    scenarios: [...expected.scenarios],
    halfWidth: expected.halfWidth,
    q95HalfWidth: expected.q95HalfWidth,
    calibrated: expected.calibrated,
    coverage: expected.coverage,
    medianRankError: expected.medianAbsError,
    p95RankError: expected.q95AbsError,
    models: expected.models,
    calibrationBasis: expected.basis,
    mainSplitItems: expected.mainSplitItems,
    source:
      expected.level === 'all'
        ? 'The full configuration is the target itself: nothing is left to estimate.'
        : `${expected.notCalibratedReason === null ? '' : `Not calibrated: ${expected.notCalibratedReason}; the raw bootstrap interval a run reports. `}Leave-one-model-out on this leaderboard: ${expected.models} models × ${draws} draws, ${expected.basis === 'simulated' ? 'per-instance data simulated from the published cells (approximate)' : "the leaderboard's per-instance data"}.`,
  };
}

/**
 * `rank.*`: each run ranked once per process (and saved as `rank.json`), its ranked table, the trade-off table. The
 * ranking and planning themselves are rank jobs (./rank-jobs.ts), done by `executor`: in the app a worker thread
 * (./rank-executor.ts), so a calibration of a new design never stalls the other channels.
 */
export class RankChannels {
  private readonly ranking = new Map<string, Promise<RankResult>>();

  constructor(
    private readonly records: { get(runId: string): Promise<RunRecord> },
    private readonly paths: { readonly runs: string; readonly leaderboards: string },
    private readonly executor: RankExecutor,
  ) {}

  /** `rank.result`: the saved rank, else the run ranked now (one ranking at a time per run). */
  async result(runId: string): Promise<RankResult> {
    const existing = this.ranking.get(runId);
    if (existing) return existing;
    const work = this.records.get(runId).then(async (record) => {
      // A saved rank is read here: History and reopened results never wait behind a calibration.
      const saved = await readSavedRank(runDirectory(this.paths.runs, runId), record);
      return saved ?? this.executor.run({ kind: 'rank', runId, record });
    });
    this.ranking.set(runId, work);
    work.catch(() => this.ranking.delete(runId));
    return work;
  }

  /** `rank.table`: the run's model placed in its leaderboard, every row with its recomputed mean win rate. */
  async table(runId: string): Promise<RankedTable> {
    return rankedTable(this.paths.leaderboards, await this.result(runId));
  }

  /** `rank.tradeoff`. */
  tradeoff(leaderboard: string, scenarios: readonly string[] = []): Promise<TradeoffTableView> {
    return this.executor.run({ kind: 'tradeoff', leaderboard, scenarios });
  }

  /** `rank.expectedInterval`: the Budget step's figure. */
  expectedInterval(request: {
    leaderboard: string;
    examplesPerScenario: ExamplesPerScenario;
    scenarios?: readonly string[] | undefined;
  }): Promise<ExpectedIntervalView> {
    return this.executor.run({
      kind: 'expectedInterval',
      leaderboard: request.leaderboard,
      examplesPerScenario: request.examplesPerScenario,
      ...(request.scenarios ? { scenarios: request.scenarios } : {}),
    });
  }

  /** Forgets a deleted run's ranking. */
  forget(runId: string): void {
    this.ranking.delete(runId);
  }
}
