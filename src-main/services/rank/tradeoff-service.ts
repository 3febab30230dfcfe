/**
 * Planning on an imported board (docs/calibration.md §6): the expected calibrated interval of a design
 * (`expectedInterval`, from src-shared) with the board's own run layout and instance counts (board-layout.ts), for
 * one N and scenario subset (the Budget step, `rank.expectedInterval`) or every conf (`helm-rank tradeoff`,
 * `rank.tradeoff`). Calibrations are cached in `calibration.json`. Tokens per budget use the board's own token
 * stats where its runs have them.
 */
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import type { CalibrationSettings } from '../../../src-shared/rank/design-calibration';
import type { BoardMatrix } from '../../../src-shared/rank/paired';
import { DEFAULT_CALIBRATION_SETTINGS } from '../../../src-shared/rank/design-calibration';
import type { ExpectedInterval } from '../../../src-shared/rank/expected-interval';
import { expectedInterval } from '../../../src-shared/rank/expected-interval';
import { checkScenarioNames } from '../../../src-shared/scenario-names';
import type { TokenRates } from '../../../src-shared/rank/tokens';
import { tokenRates } from '../../../src-shared/rank/tokens';
import type { TradeoffTable } from '../../../src-shared/rank/tradeoff';
import { computeTradeoff } from '../../../src-shared/rank/tradeoff';
import type { LeaderboardIndex } from '../leaderboards/leaderboard-index';
import { boardDirectory, loadLeaderboardIndex } from '../leaderboards/leaderboard-index';
import { boardFromIndex, releaseLabel } from './board-from-index';
import { boardLayout } from './board-layout';
import { openCalibrationCache } from './calibration-store';
import type { EfficientSize } from '../../../src-shared/examples-per-scenario';
import { EFFICIENT_SIZES } from '../../../src-shared/examples-per-scenario';

/**
 * Tokens per request by column: the median over the board's runs in the column's group of the run's mean
 * prompt + output tokens on the column's (main) split. The median, not the mean, so one model with an
 * unusual tokenizer does not set the estimate. Columns without such runs (every column of a release-file
 * board, which keeps no run stats) get the stated defaults; `tokenRates` labels which is which.
 */
export function boardTokenRates(
  index: LeaderboardIndex,
  columns: readonly Pick<ColumnSpec, 'group' | 'split'>[],
): TokenRates {
  const medians: Record<string, number> = {};
  for (const column of columns) {
    const values = index.runs
      .filter((run) => run.groups.includes(column.group))
      .map((run) => run.tokensPerRequest?.[column.split])
      .filter((tokens) => tokens !== undefined)
      .map((tokens) => tokens.prompt + tokens.output)
      .sort((a, b) => a - b);
    if (values.length === 0) continue;
    const middle = values.length >> 1;
    medians[column.group] =
      values.length % 2 === 1
        ? (values[middle] as number)
        : ((values[middle - 1] as number) + (values[middle] as number)) / 2;
  }
  return tokenRates(
    columns.map((column) => column.group),
    medians,
  );
}

export interface PlanningRequest {
  readonly leaderboardsDir: string;
  readonly leaderboard: string;
  /** Board columns (run groups) to run; absent or empty: all. */
  readonly scenarios?: readonly string[];
  /** Calibration cost; default {@link DEFAULT_CALIBRATION_SETTINGS}. */
  readonly settings?: Partial<CalibrationSettings>;
  /**
   * The board's cached per-instance matrices for these strata (the loader the rank service gets too), so a plan
   * is calibrated on the data its run will be; absent or empty: simulated from the published cells.
   */
  readonly loadBoardMatrices?: (strata: readonly { readonly id: string }[]) => Promise<readonly BoardMatrix[]>;
}

export interface TradeoffRequest extends PlanningRequest {
  readonly levels?: readonly EfficientSize[];
}

/** Expected intervals of several levels on one board, computed or read from `calibration.json`. */
async function plan(
  request: PlanningRequest,
  levels: readonly (EfficientSize | 'all')[],
): Promise<{
  index: LeaderboardIndex;
  columns: ColumnSpec[];
  layout: ReturnType<typeof boardLayout>;
  rows: ExpectedInterval[];
}> {
  const index = await loadLeaderboardIndex(request.leaderboardsDir, request.leaderboard);
  const { board, columns } = boardFromIndex(index);
  checkScenarioNames(
    request.scenarios ?? [],
    board.columns.map((column) => column.name),
    `Leaderboard ${request.leaderboard}`,
  );
  const layout = boardLayout(index, columns);
  const wanted = request.scenarios && request.scenarios.length > 0 ? new Set(request.scenarios) : null;
  const matrices = request.loadBoardMatrices
    ? await request.loadBoardMatrices(layout.filter((stratum) => !wanted || wanted.has(stratum.column)))
    : [];
  const cache = await openCalibrationCache(
    boardDirectory(request.leaderboardsDir, request.leaderboard),
    index.release,
    board.models.length,
  );
  const settings = { ...DEFAULT_CALIBRATION_SETTINGS, ...request.settings };
  const rows = levels.map((level) =>
    expectedInterval({
      board,
      layout,
      level,
      ...(request.scenarios ? { scenarios: request.scenarios } : {}),
      settings,
      matrices,
      cache,
    }),
  );
  await cache.save();
  return { index, columns, layout, rows };
}

/** The expected calibrated interval at one N (and scenario subset) on an imported board. */
export async function expectedIntervalForBoard(
  request: PlanningRequest & { readonly level: EfficientSize | 'all' },
): Promise<ExpectedInterval> {
  const { rows } = await plan(request, [request.level]);
  return rows[0] as ExpectedInterval; // one level asked, one row
}

export async function tradeoffForBoard(request: TradeoffRequest): Promise<TradeoffTable> {
  const { index, columns, layout, rows } = await plan(request, request.levels ?? EFFICIENT_SIZES);
  return computeTradeoff(rows, layout, releaseLabel(index), boardTokenRates(index, columns));
}
