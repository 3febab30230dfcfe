/**
 * Ranks a user's HELM outputs against an imported leaderboard: read the runs into strata, join N_r from the
 * index, place the point estimate, bootstrap, calibrate the user's own design leave-one-model-out on the board
 * (docs/calibration.md; cached in `calibration.json`) and report. Paired estimates need the leaderboard's
 * per-instance matrices (`boardMatrices`, or `loadBoardMatrices` from the board-instances cache); the paired
 * interval is reported only when it is narrower than the unpaired one (`choosePaired`).
 * The result is what `rank --json` prints and what `rank.json` stores.
 *
 * Beside the headline (T1, the board fixed) the report carries two derived views, each labelled in the JSON:
 * calibrated P(rank ≤ k) (`probRankAtMostCalibrated`), and `tiedWithIncludingBoardNoise`, the T2 "statistically
 * tied with" that also draws the board's own cells (board-noise.ts).
 */
import { writeFile } from 'node:fs/promises';
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import type { Board } from '../../../src-shared/rank/board';
import { boardNoiseTies } from '../../../src-shared/rank/board-noise';
import type { BootstrapResult } from '../../../src-shared/rank/bootstrap';
import { bootstrapRank } from '../../../src-shared/rank/bootstrap';
import type { Calibration } from '../../../src-shared/rank/calibration';
import {
  applyCalibration,
  applyPairedPolicy,
  calibratePairedPolicy,
  notCalibratedReason,
} from '../../../src-shared/rank/calibration';
import type { CalibrationSettings } from '../../../src-shared/rank/design-calibration';
import { calibrateDesign, DEFAULT_CALIBRATION_SETTINGS, designOf } from '../../../src-shared/rank/design-calibration';
import type { BoardMatrix, ObservedStratum } from '../../../src-shared/rank/paired';
import { pairedStrata } from '../../../src-shared/rank/paired';
import type { Stratum } from '../../../src-shared/rank/strata';
import { stratumIdOf } from '../../../src-shared/rank/stratum-id';
import type { LeaderboardIndex } from '../leaderboards/leaderboard-index';
import { boardDirectory, loadLeaderboardIndex } from '../leaderboards/leaderboard-index';
import { boardFromIndex, boardRowPosition, populationSize, releaseLabel } from './board-from-index';
import { boardLayout } from './board-layout';
import type { CalibrationCache } from './calibration-store';
import { openCalibrationCache } from './calibration-store';
import { readUserRuns } from './run-reader';
import { formatRankRange } from '../../../src-shared/rank/rank-range';

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
  /** B of each pseudo-user bootstrap; default {@link DEFAULT_CALIBRATION_SETTINGS}. */
  readonly calibrationResamples?: number;
  /** Draws per pseudo-user; default {@link DEFAULT_CALIBRATION_SETTINGS}. */
  readonly calibrationDraws?: number;
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
  /**
   * What the calibration rests on: the leaderboard's real per-instance results, or per-instance data simulated
   * from its published cells (approximate; weakest for graded metrics). Null when not calibrated.
   */
  readonly calibrationBasis: 'per-instance' | 'simulated' | null;
  /** Nothing is unknown (every run observed all its main-split items): the interval is the point. */
  readonly certain: boolean;
  /** P(rank ≤ k) for k = 1, 3, 5, 10: calibrated when `probRankAtMostCalibrated`, else raw. */
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
    readonly draws: number;
    /** The same as {@link RankReport.calibrationBasis} (one value): null when not calibrated. */
    readonly basis: RankReport['calibrationBasis'];
    /** Leave-one-out coverage of the calibrated intervals on this design. */
    readonly coverage: number;
    readonly description: string;
  } | null;
  readonly pairedReason: string | null;
  readonly resamples: number;
  readonly seed: number;
  readonly warnings: readonly string[];
}

/**
 * N_s per column for the board-noise view: the user's strata's N_r summed per column (joined from the index),
 * else the board layout's (Classic: the 38 core runs; other boards: their runs, else 1,000 per column).
 */
export function boardColumnItems(
  index: LeaderboardIndex,
  columns: readonly ColumnSpec[],
  strata: readonly Stratum[],
): Record<string, number> {
  const items: Record<string, number> = {};
  for (const stratum of boardLayout(index, columns))
    items[stratum.column] = (items[stratum.column] ?? 0) + stratum.populationSize;
  const fromUser: Record<string, number> = {};
  for (const stratum of strata) fromUser[stratum.column] = (fromUser[stratum.column] ?? 0) + stratum.populationSize;
  return { ...items, ...fromUser };
}

/**
 * The user's strata with N_r. A run's main-split count comes from the cached leaderboard matrix when we have it,
 * else from the index. CivilComments runs split into toxic / non-toxic strata, which the index counts only
 * together: each sub-split gets the run's N in the user's observed proportion, so a run that observed all N items
 * has n_r = N_r in every sub-split (nothing unknown) and a partial one gets an unbiased share.
 */
function userStrata(
  index: LeaderboardIndex,
  columns: readonly ColumnSpec[],
  observed: readonly ObservedStratum[],
  matrices: readonly BoardMatrix[],
  warnings: string[],
): Stratum[] {
  const columnByGroup = new Map<string, ColumnSpec>(columns.map((column) => [column.group, column]));
  const matrixSize = new Map(matrices.map((matrix) => [matrix.stratumId, matrix.instanceIds.length]));
  const runTotals = new Map<string, number>();
  for (const stratum of observed) {
    const run = stratum.id.split('#')[0] as string;
    runTotals.set(run, (runTotals.get(run) ?? 0) + stratum.values.length);
  }
  return observed.map((stratum) => {
    const column = columnByGroup.get(stratum.column) as ColumnSpec; // readUserRuns only keeps board columns
    const n = stratum.values.length;
    const [run, subSplit] = stratum.id.split('#') as [string, string | undefined];
    let N: number;
    if (matrixSize.has(stratum.id)) N = matrixSize.get(stratum.id) as number;
    else if (subSplit !== undefined) {
      const { size, source } = populationSize(index, run, column);
      if (source === 'default')
        warnings.push(`${run}: leaderboard run not found; assuming N = ${size} main-split items`);
      const total = runTotals.get(run) ?? 0;
      N = total >= size ? n : Math.round((size * n) / Math.max(total, 1));
    } else {
      const { size, source } = populationSize(index, stratum.id, column);
      if (source === 'default')
        warnings.push(`${stratum.id}: leaderboard run not found; assuming N = ${size} main-split items`);
      N = size;
    }
    return {
      id: stratum.id,
      column: stratum.column,
      values: stratum.values,
      populationSize: Math.max(N, n),
      binary: stratum.binary ?? false,
    };
  });
}

/** A calibrated result of one estimator. */
interface Calibrated {
  readonly result: BootstrapResult;
  readonly calibration: Calibration;
  readonly interval: [number, number];
  readonly probRankAtMost: Record<string, number>;
}

function calibrated(
  board: Board,
  strata: readonly Stratum[],
  calibration: Calibration,
  options: { resamples: number; seed: number; userRowIndex: number },
): Calibrated {
  const result = bootstrapRank(board, strata, options);
  const rows = board.models.length + 1;
  return { result, calibration, ...applyCalibration(result, calibration, rows) };
}

/** Warnings that say what is true of this result (docs/calibration.md §7). */
function edgeWarnings(result: BootstrapResult, rows: number): string[] {
  if (result.certain) return [];
  if (result.rank === 1)
    return [
      "The estimate is above every model on the board: calibration assumes the model resembles the board's models, which a new state of the art does not, so the interval's upper end is least certain.",
    ];
  if (result.rank === rows)
    return [
      "The estimate is below every model on the board: calibration assumes the model resembles the board's models, which one weaker than all of them does not.",
    ];
  return [];
}

/** Ranks the runs under `request.path`. */
export async function rankRuns(request: RankRequest): Promise<RankReport> {
  const index = await loadLeaderboardIndex(request.leaderboardsDir, request.leaderboard);
  const { board, columns } = boardFromIndex(index);
  const user = await readUserRuns(request.path, columns);
  const warnings = [...user.warnings];
  const boardMatrices =
    request.boardMatrices ?? (request.loadBoardMatrices ? await request.loadBoardMatrices(user.strata) : []);
  const strata = userStrata(index, columns, user.strata, boardMatrices, warnings);
  const resamples = request.resamples ?? 2000;
  const seed = request.seed ?? 1;
  const settings: CalibrationSettings = {
    draws: request.calibrationDraws ?? DEFAULT_CALIBRATION_SETTINGS.draws,
    resamples: request.calibrationResamples ?? DEFAULT_CALIBRATION_SETTINGS.resamples,
    seed,
  };
  const userRowIndex = board.rule === 'legacy' ? boardRowPosition(index, user) : 0;
  const directory = boardDirectory(request.leaderboardsDir, request.leaderboard);
  const cache = await openCalibrationCache(directory, index.release, board.models.length);
  // The planning function's calibration (docs/calibration.md §6): a run of a planned design gets its plan's. The
  // design names the user's strata by their stratum ids, as the board's layout and per-instance data do.
  const design = designOf(strata).map((stratum) => ({ ...stratum, id: stratumIdOf(stratum.id) }));
  const designMatrices = boardMatrices.map((matrix) => ({ ...matrix, stratumId: stratumIdOf(matrix.stratumId) }));
  const calibrationOf = (mode: 'plain' | 'paired', cacheOf: CalibrationCache) =>
    calibrateDesign(board, design, { ...settings, matrices: designMatrices, mode, cache: cacheOf });
  const options = { resamples, seed, userRowIndex };
  const plainCalibration = calibrationOf('plain', cache);
  const unpaired = calibrated(board, strata, plainCalibration, options);
  let chosen = unpaired;
  let method: RankReport['method'] = 'bootstrap';
  let pairedReason: string | null = request.paired === 'off' ? 'paired estimates turned off' : null;
  if (request.paired !== 'off') {
    if (boardMatrices.length === 0) {
      pairedReason = `the leaderboard's per-instance stats are not available locally (not downloaded for ${request.leaderboard}); unpaired bootstrap`;
    } else {
      const outcome = pairedStrata(user.strata, boardMatrices);
      if (outcome.method === 'bootstrap') pairedReason = outcome.reason;
      else {
        const residuals = new Map(outcome.strata.map((stratum) => [stratum.id, stratum]));
        const used = strata.map((stratum) => residuals.get(stratum.id) ?? stratum);
        // The paired factor is fitted for the policy "report paired only where narrower" (docs/calibration.md §3).
        const policy = calibratePairedPolicy(plainCalibration, calibrationOf('paired', cache));
        const pairedResult = bootstrapRank(board, used, options);
        const shown = applyPairedPolicy(pairedResult, policy, unpaired.interval, board.models.length + 1);
        const notes = [
          outcome.isPrefix ? '' : 'ids are in the leaderboard run but not its prefix',
          outcome.unpaired.length > 0 ? `unpaired: ${outcome.unpaired.map((u) => u.reason).join('; ')}` : '',
        ].filter((note) => note !== '');
        const choice = shown?.choice ?? {
          usePaired: false,
          reason: 'unpaired: the paired estimate could not be calibrated on this board',
        };
        pairedReason = [choice.reason, ...notes].join('; ');
        if (shown && choice.usePaired) {
          method = 'paired';
          chosen = { result: pairedResult, calibration: policy, ...shown };
        }
      }
    }
  }
  await cache.save().catch((error: unknown) => warnings.push(`calibration.json not saved: ${String(error)}`));

  const { result, calibration, interval, probRankAtMost } = chosen;
  const rows = board.models.length + 1;
  const factor = calibration.factor;
  const isCalibrated = factor !== null;
  // T2 on the plain strata: residual (paired) strata lean on the board's per-instance data, which this view perturbs.
  const noise = boardNoiseTies(board, strata, {
    resamples,
    seed,
    userRowIndex,
    columnItems: boardColumnItems(index, columns, strata),
  });
  warnings.push(...edgeWarnings(result, rows));
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
  const release = releaseLabel(index);
  // What the calibration rests on — only when there is one (ĉ); the report's two fields are this one value.
  const calibrationBasis = isCalibrated ? calibration.basis : null;
  return {
    model: user.model,
    rank: result.rank,
    rankInterval: interval,
    meanWinRate: result.meanWinRate,
    meanWinRateInterval: result.meanWinRateInterval,
    method,
    calibrated: isCalibrated,
    calibrationBasis,
    certain: result.certain,
    probRankAtMost,
    probRankAtMostCalibrated: isCalibrated || result.certain,
    probRankAtMostRaw: result.probRankAtMost,
    tiedWith: result.certain ? [] : result.tiedWith,
    tiedWithIncludingBoardNoise: noise.tiedWith,
    boardNoiseNote: `T2 view: the board's cells drawn too, Normal(x, x(1 − x)/N) per cell (Bhatia–Davis bound: exact for 0/1 metrics, conservative for graded ones), the user's without the finite-population factor; ${noise.resamples} resamples; raw T2 rank range ${formatRankRange(noise.rankInterval[0], noise.rankInterval[1])} (not calibrated)`,
    cells: result.cells,
    rawRankInterval: result.rankInterval,
    tiedExactly: result.tiedExactly,
    missingColumns: result.missingColumns,
    imputedStrata: result.imputedStrata,
    leaderboard: { name: index.name, release: index.release, models: board.models.length },
    calibration: {
      factor,
      models: calibration.models,
      draws: calibration.draws,
      basis: calibrationBasis,
      coverage: calibration.calibratedCoverage,
      description: result.certain
        ? `exact: every run observed all of its main-split items, so nothing is left to estimate (${release})`
        : factor === null
          ? `not calibrated: ${notCalibratedReason(calibration) ?? ''}`
          : `calibrated on ${calibration.models} models of ${release} (${basis}; leave-one-out coverage ${(calibration.calibratedCoverage * 100).toFixed(0)} % over ${calibration.records.length} draws); ĉ = ${factor.toFixed(2)}`,
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
