/**
 * Ranks a user's HELM outputs against an imported leaderboard: read the runs into strata, join N_r from the
 * index, place the point estimate, bootstrap, calibrate (leave-one-out on the board, cached in
 * `calibration.json`) and report. Paired estimates need the leaderboard's per-instance matrices
 * (`boardMatrices`); downloading them from HELM storage is not wired yet, so `auto` falls back to the unpaired
 * bootstrap and says why. The result is what `rank --json` prints and what `rank.json` stores.
 *
 * Beside the headline (T1, the board fixed) the report carries two derived views, each labelled in the JSON:
 * P(rank ≤ k) widened by the same conformal factor as the interval (`probRankAtMostCalibrated`), and
 * `tiedWithIncludingBoardNoise`, the T2 "statistically tied with" that also draws the board's own cells
 * (board-noise.ts).
 */
import { writeFile } from 'node:fs/promises';
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import type { Board } from '../../../src-shared/rank/board';
import { boardNoiseTies } from '../../../src-shared/rank/board-noise';
import { bootstrapRank, RANK_THRESHOLDS } from '../../../src-shared/rank/bootstrap';
import { applyCalibration, calibratedProbRankAtMost } from '../../../src-shared/rank/calibration';
import type { BoardMatrix, ObservedStratum } from '../../../src-shared/rank/paired';
import { choosePaired, pairedStrata } from '../../../src-shared/rank/paired';
import type { Stratum } from '../../../src-shared/rank/strata';
import { boardDirectory, loadLeaderboardIndex } from '../leaderboards/leaderboard-index';
import { boardFromIndex, populationSize } from './board-from-index';
import { openCalibrationCache } from './calibration-store';
import { calibrateDesign } from './design-calibration';
import { readUserRuns } from './run-reader';
import { layoutFor } from './tradeoff-service';

export interface RankRequest {
  /** A run directory or a suite directory. */
  readonly path: string;
  readonly leaderboardsDir: string;
  readonly leaderboard: string;
  readonly resamples?: number;
  readonly seed?: number;
  readonly paired?: 'auto' | 'off';
  /** The leaderboard's per-instance main-metric matrices, one per stratum id, when available. */
  readonly boardMatrices?: readonly BoardMatrix[];
  /**
   * Loads them for the user's strata when `boardMatrices` is not given (the CLI passes the board-instances
   * cache, `BoardInstanceService.matricesFor`); an empty result means "not downloaded".
   */
  readonly loadBoardMatrices?: (observed: readonly ObservedStratum[]) => Promise<readonly BoardMatrix[]>;
  /** B for each leave-one-out bootstrap; default 1,000. */
  readonly calibrationResamples?: number;
}

/** `rank --json` output and `rank.json` content. */
export interface RankReport {
  readonly model: string;
  readonly rank: number;
  readonly rankInterval: readonly [number, number];
  readonly meanWinRate: number | null;
  readonly meanWinRateInterval: readonly [number, number];
  readonly method: 'bootstrap' | 'paired';
  readonly calibrated: boolean;
  /** P(rank ≤ k) for k = 1, 3, 5, 10: calibrated (widened by ĉ) when `probRankAtMostCalibrated`, else raw. */
  readonly probRankAtMost: Readonly<Record<string, number>>;
  readonly probRankAtMostCalibrated: boolean;
  /** The raw bootstrap shares, for reference. */
  readonly probRankAtMostRaw: Readonly<Record<string, number>>;
  /** T1: board models whose order against the user is unresolved with the board's cells fixed. */
  readonly tiedWith: readonly string[];
  /** T2: the same with the board models' own sampling noise drawn too (wider; never the headline). */
  readonly tiedWithIncludingBoardNoise: readonly string[];
  /** How the T2 view was computed, shown beside it. */
  readonly boardNoiseNote: string;
  readonly cells: Readonly<Record<string, number>>;
  readonly rawRankInterval: readonly [number, number];
  readonly tiedExactly: readonly string[];
  readonly missingColumns: readonly string[];
  readonly imputedStrata: readonly string[];
  readonly leaderboard: { readonly name: string; readonly release: string; readonly models: number };
  readonly calibration: {
    readonly factor: number | null;
    readonly models: number;
    readonly basis: string;
    readonly description: string;
  } | null;
  readonly pairedReason: string | null;
  readonly resamples: number;
  readonly seed: number;
  readonly warnings: readonly string[];
}

function signature(strata: readonly Stratum[], method: string, resamples: number): string {
  return JSON.stringify([method, resamples, strata.map((s) => [s.id, s.values.length, s.populationSize]).sort()]);
}

/**
 * N_s per column for the board-noise view: the user's strata's N_r summed per column (joined from the index),
 * else the board layout's (Classic: the 38 core runs; other boards: 1,000 per column).
 */
export function boardColumnItems(project: string, board: Board, strata: readonly Stratum[]): Record<string, number> {
  const items: Record<string, number> = {};
  for (const stratum of layoutFor(project, board))
    items[stratum.column] = (items[stratum.column] ?? 0) + stratum.populationSize;
  const fromUser: Record<string, number> = {};
  for (const stratum of strata) fromUser[stratum.column] = (fromUser[stratum.column] ?? 0) + stratum.populationSize;
  return { ...items, ...fromUser };
}

/** Ranks the runs under `request.path`. */
export async function rankRuns(request: RankRequest): Promise<RankReport> {
  const index = await loadLeaderboardIndex(request.leaderboardsDir, request.leaderboard);
  const { board, columns } = boardFromIndex(index);
  const user = await readUserRuns(request.path, columns);
  const warnings = [...user.warnings];
  const columnByGroup = new Map<string, ColumnSpec>(columns.map((column) => [column.group, column]));
  const boardMatrices =
    request.boardMatrices ?? (request.loadBoardMatrices ? await request.loadBoardMatrices(user.strata) : []);
  const matrixSize = new Map(boardMatrices.map((matrix) => [matrix.stratumId, matrix.instanceIds.length]));
  const strata: Stratum[] = user.strata.map((observed) => {
    const column = columnByGroup.get(observed.column) as ColumnSpec; // readUserRuns only keeps board columns
    // N_r: the cached leaderboard run's main-split items when we have them (exact, also per sub-split), else the index.
    const { size, source } = matrixSize.has(observed.id)
      ? { size: matrixSize.get(observed.id) as number, source: 'matrix' }
      : populationSize(index, observed.id, column);
    if (source === 'default')
      warnings.push(`${observed.id}: leaderboard run not found; assuming N = ${size} main-split items`);
    const N = Math.max(size, observed.values.length);
    return {
      id: observed.id,
      column: observed.column,
      values: observed.values,
      populationSize: N,
      binary: observed.binary ?? false,
    };
  });
  const resamples = request.resamples ?? 2000;
  const seed = request.seed ?? 1;
  const calibrationResamples = request.calibrationResamples ?? 1000;

  const directory = boardDirectory(request.leaderboardsDir, request.leaderboard);
  const calibrations = await openCalibrationCache(directory, index.release, board.models.length);
  let method: RankReport['method'] = 'bootstrap';
  let pairedReason: string | null = request.paired === 'off' ? 'paired estimates turned off' : null;
  let used: readonly Stratum[] = strata;
  // With leaderboard matrices, pseudo-users get their real prefixes where available (plain and paired alike).
  let calibration = calibrations.get(signature(strata, `plain:${boardMatrices.length}`, calibrationResamples), () =>
    calibrateDesign(board, strata, boardMatrices, 'plain', calibrationResamples, seed),
  );
  if (request.paired !== 'off') {
    if (boardMatrices.length === 0) {
      pairedReason = `the leaderboard's per-instance stats are not available locally (not downloaded for ${request.leaderboard}); unpaired bootstrap`;
    } else {
      const outcome = pairedStrata(user.strata, boardMatrices);
      if (outcome.method === 'bootstrap') pairedReason = outcome.reason;
      else {
        const pairedCalibration = calibrations.get(
          signature(strata, `paired:${boardMatrices.length}`, calibrationResamples),
          () => calibrateDesign(board, strata, boardMatrices, 'paired', calibrationResamples, seed),
        );
        const choice = choosePaired(calibration, pairedCalibration);
        const notes = [
          outcome.isPrefix ? '' : 'ids are in the leaderboard run but not its prefix',
          outcome.unpaired.length > 0 ? `unpaired: ${outcome.unpaired.map((u) => u.reason).join('; ')}` : '',
        ].filter((note) => note !== '');
        pairedReason = [choice.reason, ...notes].join('; ');
        if (choice.usePaired) {
          method = 'paired';
          const paired = new Map(outcome.strata.map((stratum) => [stratum.id, stratum]));
          used = strata.map((stratum) => paired.get(stratum.id) ?? stratum);
          calibration = pairedCalibration;
        }
      }
    }
  }
  await calibrations.save().catch((error: unknown) => warnings.push(`calibration.json not saved: ${String(error)}`));

  const result = bootstrapRank(board, used, { resamples, seed });
  const rows = board.models.length + 1;
  const factor = calibration.factor;
  const interval = factor === null ? result.rankInterval : applyCalibration(result, factor, rows);
  const probRankAtMost =
    factor === null
      ? result.probRankAtMost
      : calibratedProbRankAtMost(result.histogram, result.rank, factor, rows, RANK_THRESHOLDS);
  // T2 on the plain strata: residual (paired) strata lean on the board's per-instance data, which this view perturbs.
  const noise = boardNoiseTies(board, strata, {
    resamples,
    seed,
    columnItems: boardColumnItems(index.project, board, strata),
  });
  if (interval[0] === 1)
    warnings.push(
      "The interval reaches rank 1: calibration assumes the model resembles the board's models, which a new state of the art does not (clipped at 1).",
    );
  if (result.imputedStrata.length > 0)
    warnings.push(
      `No main-split item in ${result.imputedStrata.join(', ')}: estimated from the scenario's other runs.`,
    );
  const basis =
    calibration.basis === 'per-instance'
      ? "the leaderboard's per-instance data"
      : boardMatrices.length > 0
        ? "the leaderboard's per-instance data where cached, data simulated from the published cells elsewhere (approximate)"
        : 'per-instance data simulated from the published cells (approximate)';
  return {
    model: user.model,
    rank: result.rank,
    rankInterval: interval,
    meanWinRate: result.meanWinRate,
    meanWinRateInterval: result.meanWinRateInterval,
    method,
    calibrated: factor !== null,
    probRankAtMost,
    probRankAtMostCalibrated: factor !== null,
    probRankAtMostRaw: result.probRankAtMost,
    tiedWith: result.tiedWith,
    tiedWithIncludingBoardNoise: noise.tiedWith,
    boardNoiseNote: `T2 view: the board's cells drawn too, Normal(x, x(1 − x)/N) per cell (Bhatia–Davis bound: exact for 0/1 metrics, conservative for graded ones), the user's without the finite-population factor; ${noise.resamples} resamples; raw T2 rank range #${noise.rankInterval[0]}–#${noise.rankInterval[1]} (not calibrated)`,
    cells: result.cells,
    rawRankInterval: result.rankInterval,
    tiedExactly: result.tiedExactly,
    missingColumns: result.missingColumns,
    imputedStrata: result.imputedStrata,
    leaderboard: { name: index.name, release: index.release, models: board.models.length },
    calibration: {
      factor,
      models: calibration.models,
      basis: calibration.basis,
      description:
        factor === null
          ? `not calibrated: ${calibration.models} models are too few for a 95 % conformal factor`
          : `calibrated on ${calibration.models} models of release ${index.release} (${basis}); ĉ = ${factor.toFixed(2)}`,
    },
    pairedReason,
    resamples,
    seed,
    warnings,
  };
}

/** Stores a report as `rank.json`. */
export async function saveRankReport(path: string, report: RankReport): Promise<void> {
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}
