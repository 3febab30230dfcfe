/**
 * The computed trade-off table of an imported board (docs/rank-interval.md §11, aggregate-only path): for each
 * efficient conf, leave-one-out calibration on pseudo-users simulated from the published cells with the
 * board's strata layout (Classic: the 38 core runs; other boards: one stratum per column, N = 1,000).
 * Cached in `calibration.json`. Tokens per level use the board's own token stats where its runs have them.
 */
import type { Board } from '../../../src-shared/rank/board';
import type { Calibration } from '../../../src-shared/rank/calibration';
import { calibrate } from '../../../src-shared/rank/calibration';
import type { StratumLayout } from '../../../src-shared/rank/classic-layout';
import { budgetAt, fullBudget } from '../../../src-shared/rank/classic-layout';
import { layoutForFamily } from '../../../src-shared/rank/family-layouts';
import { createRng } from '../../../src-shared/rank/prng';
import { prefixStrata, simulateModel } from '../../../src-shared/rank/simulate';
import { estimateCells } from '../../../src-shared/rank/strata';
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import type { TokenRates } from '../../../src-shared/rank/tokens';
import { tokenRates, tokensAt } from '../../../src-shared/rank/tokens';
import type { TradeoffTable } from '../../../src-shared/rank/tradeoff';
import { computeTradeoff } from '../../../src-shared/rank/tradeoff';
import type { LeaderboardIndex } from '../leaderboards/leaderboard-index';
import { boardDirectory, loadLeaderboardIndex } from '../leaderboards/leaderboard-index';
import { boardFromIndex } from './board-from-index';
import { openCalibrationCache } from './calibration-store';
import { EFFICIENT_SIZES } from '../../../src-shared/examples-per-scenario';
import type { EfficientSize } from '../../../src-shared/examples-per-scenario';

/** The strata layout used to simulate a board's pseudo-users. */
export function layoutFor(project: string, board: Board): readonly StratumLayout[] {
  return layoutForFamily(
    project,
    board.columns.map((column) => column.name),
  );
}

/** Leave-one-out calibration at one conf on simulated pseudo-users (each model's populations drawn once). */
export function simulatedCalibration(
  board: Board,
  layout: readonly StratumLayout[],
  level: EfficientSize,
  resamples: number,
  seed: number,
): Calibration {
  const rng = createRng(seed);
  const populations = board.models.map((_, j) => simulateModel(board, j, layout, rng));
  return calibrate(
    board,
    level,
    (j) => {
      const population = populations[j] as Map<string, number[]>;
      if (population.size === 0) return null;
      const full = layout
        .filter((s) => population.has(s.id))
        .map((s) => ({
          id: s.id,
          column: s.column,
          values: population.get(s.id) ?? [],
          populationSize: s.populationSize,
        }));
      return { strata: prefixStrata(layout, population, level), truthCells: estimateCells(full).cells };
    },
    { resamples, seed, basis: 'simulated' },
  );
}

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

export interface TradeoffRequest {
  readonly leaderboardsDir: string;
  readonly leaderboard: string;
  /** B per leave-one-out bootstrap; default 1,000. */
  readonly resamples?: number;
  readonly seed?: number;
  readonly levels?: readonly EfficientSize[];
}

export async function tradeoffForBoard(request: TradeoffRequest): Promise<TradeoffTable> {
  const index = await loadLeaderboardIndex(request.leaderboardsDir, request.leaderboard);
  const { board, columns } = boardFromIndex(index);
  const layout = layoutFor(index.project, board);
  const resamples = request.resamples ?? 1000;
  const seed = request.seed ?? 1;
  const directory = boardDirectory(request.leaderboardsDir, request.leaderboard);
  const cache = await openCalibrationCache(directory, index.release, board.models.length);
  const calibrations = (request.levels ?? EFFICIENT_SIZES).map((level) =>
    cache.get(JSON.stringify(['tradeoff', index.project, level, resamples, seed]), () =>
      simulatedCalibration(board, layout, level, resamples, seed),
    ),
  );
  await cache.save();
  return computeTradeoff(calibrations, layout, index.release, boardTokenRates(index, columns));
}

/** Requests and tokens per model of one plan (a conf, or the full configuration), with the compute it saves. */
export interface PlanCost {
  readonly level: EfficientSize | 'full';
  readonly requests: number;
  readonly tokens: number;
  /** Full-configuration requests ÷ this plan's, over the same scenarios. */
  readonly computeSaved: number;
}

/**
 * What each conf costs for a subset of the board's columns (`scenarios`; empty = all), from the same layout and
 * token rates as {@link tradeoffForBoard}: the Budget step's requests, tokens and compute saved then describe the
 * plan the user chose, not the full 16.
 */
export async function planCostForBoard(
  leaderboardsDir: string,
  leaderboard: string,
  scenarios: readonly string[],
): Promise<{
  readonly columns: readonly string[];
  readonly scenarios: readonly string[];
  readonly costs: readonly PlanCost[];
}> {
  const index = await loadLeaderboardIndex(leaderboardsDir, leaderboard);
  const { board, columns } = boardFromIndex(index);
  const all = board.columns.map((column) => column.name);
  const chosen = scenarios.length === 0 ? all : all.filter((column) => scenarios.includes(column));
  const layout = layoutFor(index.project, board).filter((stratum) => chosen.includes(stratum.column));
  const rates = boardTokenRates(index, columns);
  const full = fullBudget(layout).requests;
  const costs: PlanCost[] = [...EFFICIENT_SIZES, 'full' as const].map((level) => {
    const requests = level === 'full' ? full : budgetAt(layout, level).requests;
    return {
      level,
      requests,
      tokens: tokensAt(layout, level, rates),
      computeSaved: requests > 0 ? full / requests : Number.NaN,
    };
  });
  return { columns: all, scenarios: chosen, costs };
}
