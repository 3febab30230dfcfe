/** `rank.result` and `rank.tradeoff` over the rank service, in the app API's shapes. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RankResult, TradeoffTableView } from '../../../src-shared/api/rank';
import { rankResultSchema } from '../../../src-shared/api/rank';
import { AppError } from '../../../src-shared/errors';
import { HELM_PUBLISHED_SOURCE, HELM_PUBLISHED_TRADEOFF } from '../../../src-shared/rank/tradeoff';
import { rankRuns, saveRankReport } from '../rank/rank-service';
import type { RankReport } from '../rank/rank-service';
import { planCostForBoard, tradeoffForBoard } from '../rank/tradeoff-service';
import type { RunRecord } from '../runs/run-store';
import { isExamplesPerScenario } from '../../../src-shared/examples-per-scenario';
import type { ExamplesPerScenario } from '../../../src-shared/examples-per-scenario';

/** A report as the app reads it: `rank.json` files written before the T2 view have no T2 fields (null here). */
type RankReportView = Omit<RankReport, 'tiedWithIncludingBoardNoise' | 'boardNoiseNote'> & {
  readonly tiedWithIncludingBoardNoise: readonly string[] | null;
  readonly boardNoiseNote: string | null;
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

/** Fields `rank.json` lacked before the calibrated P(rank ≤ k) and the T2 view: old files had raw shares and no T2. */
type SavedRankReport = Omit<RankReport, 'probRankAtMostCalibrated' | 'tiedWithIncludingBoardNoise' | 'boardNoiseNote'> &
  Partial<Pick<RankReport, 'probRankAtMostCalibrated' | 'tiedWithIncludingBoardNoise' | 'boardNoiseNote'>>;

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
    };
    return rankResultSchema.parse(toRankResult(report, record, report.leaderboard?.name ?? record.leaderboard ?? ''));
  } catch {
    return null;
  }
}

/** Ranks a finished run against its leaderboard and saves `rank.json` (so History opens it offline). */
export async function rankRun(runDir: string, record: RunRecord, leaderboardsDir: string): Promise<RankResult> {
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
  });
  await saveRankReport(rankPath(runDir), report);
  return toRankResult(report, record, record.leaderboard);
}

function parseTimes(text: string): number {
  return Number(text.replace(/[^\d.]/g, ''));
}

/**
 * `rank.tradeoff`: per N, the expected calibrated interval (median and 95th-percentile half-width, with its
 * coverage) and the cost of the plan. Requests, tokens and compute saved follow `scenarios`; the interval columns are
 * the full board's calibration (`intervalScenarios` says which) until the expected-interval estimate takes a subset.
 */
export async function tradeoffTable(
  leaderboardsDir: string,
  leaderboard: string,
  scenarios: readonly string[] = [],
): Promise<TradeoffTableView> {
  const [table, plan] = await Promise.all([
    tradeoffForBoard({ leaderboardsDir, leaderboard }),
    planCostForBoard(leaderboardsDir, leaderboard, scenarios),
  ]);
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  const cost = (level: number | 'full') => plan.costs.find((entry) => entry.level === level);
  return {
    leaderboard,
    scenarios: [...plan.scenarios],
    intervalScenarios: [...plan.columns],
    source: `Computed on this leaderboard: ${table.basis}.`,
    rows: table.rows
      .filter((row) => isExamplesPerScenario(row.level))
      .map((row) => ({
        examplesPerScenario: row.level as ExamplesPerScenario, // checked by isExamplesPerScenario above
        medianRankError: finite(row.medianAbsError),
        p95RankError: finite(row.q95AbsError),
        medianHalfWidth: finite(row.medianHalfWidth),
        q95HalfWidth: finite(row.q95HalfWidth),
        coverage: finite(row.calibratedCoverage),
        requests: cost(row.level)?.requests ?? null,
        tokens: finite(cost(row.level)?.tokens ?? Number.NaN),
        computeSaved: finite(cost(row.level)?.computeSaved ?? Number.NaN),
      }))
      .concat({
        // The full configuration is the target itself: zero rank error and width by definition (T1), nothing saved.
        examplesPerScenario: 'all',
        medianRankError: 0,
        p95RankError: 0,
        medianHalfWidth: 0,
        q95HalfWidth: 0,
        coverage: null,
        requests: cost('full')?.requests ?? null,
        tokens: finite(cost('full')?.tokens ?? Number.NaN),
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
