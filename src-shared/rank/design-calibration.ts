/**
 * Leave-one-model-out calibration of one design (docs/calibration.md §2–§3): every board model in turn becomes a
 * pseudo-user with the design's strata and n_r, `draws` times.
 * - Where the leaderboard's per-instance matrix covers a stratum, a draw is the model's real data: draw 0 its
 *   first n_r items in run order (HELM's nested prefix, the very items a user runs), later draws random
 *   n_r-subsets of its items; its truth is its full run.
 * - Elsewhere both are simulated from its published cell (simulate.ts), a fresh full-run population per draw;
 *   the calibration is then labelled `simulated`.
 * `plain` calibrates the unpaired bootstrap; `paired` the difference estimator on the strata with matrices and
 * the plain bootstrap on the others, on the same draws, so a user's two intervals are comparable.
 * {@link calibrateDesign} is the one entry point: the rank service calibrates a user's own design with it, and
 * {@link expectedInterval} a planned one — the same design (strata, n_r, N_r, metric type, matrices, settings) gives
 * the same calibration, under the same cache key, whichever asked first.
 */
import type { Board } from './board';
import type { Calibration } from './calibration';
import { calibrate } from './calibration';
import { matrixDigest } from './matrix-digest';
import type { BoardMatrix, ObservedStratum } from './paired';
import { pairedStrata } from './paired';
import { createRng, shuffleInPlace } from './prng';
import type { Rng } from './prng';
import { DEFAULT_SPREAD_RATIO, simulatePopulation } from './simulate';
import type { Stratum } from './strata';
import { estimateCells } from './strata';

/** One stratum of a design: what a user (and so each pseudo-user) observes of it. */
export interface DesignStratum {
  readonly id: string;
  /** Board column (leaf run group). */
  readonly column: string;
  /** N_r: main-split items of the leaderboard's full run. */
  readonly populationSize: number;
  /** n_r: main-split items the user observes (≤ N_r). */
  readonly sampleSize: number;
  /** 0/1 main metric. */
  readonly binary: boolean;
}

/** Cost settings of a calibration; stored with it. */
export interface CalibrationSettings {
  /** Draws per pseudo-user. */
  readonly draws: number;
  /** B of each pseudo-user bootstrap. */
  readonly resamples: number;
  readonly seed: number;
}

/** Defaults: 5 draws of B = 500 per model (docs/calibration.md §5 on why these suffice). */
export const DEFAULT_CALIBRATION_SETTINGS: CalibrationSettings = { draws: 5, resamples: 500, seed: 1 };

export interface DesignCalibrationOptions extends Partial<CalibrationSettings> {
  /** The leaderboard's per-instance matrices, by stratum id (empty: fully simulated). */
  readonly matrices?: readonly BoardMatrix[];
  readonly mode?: 'plain' | 'paired';
  /** Label of the design (the conf's N; 0 for a user's own design). */
  readonly level?: number;
  readonly alpha?: number;
}

interface DrawnStratum {
  readonly stratum: Stratum;
  /** Set for real (matrix) data: pairable. */
  readonly observed: ObservedStratum | null;
  readonly full: Stratum;
}

/** The items of one real matrix row a draw observes: the prefix at draw 0, a random n-subset later. */
function realIndices(row: readonly number[], n: number, draw: number, rng: Rng): number[] | null {
  const present = row.flatMap((v, i) => (Number.isNaN(v) ? [] : [i]));
  if (draw === 0) {
    const prefix = Array.from({ length: Math.min(n, row.length) }, (_, i) => i);
    return prefix.every((i) => !Number.isNaN(row[i] as number)) ? prefix : null;
  }
  if (present.length < n) return null;
  return shuffleInPlace(present, rng)
    .slice(0, n)
    .sort((a, b) => a - b);
}

/** Model j's data for one draw of the design, or null when it has none of the design's columns. */
function drawModel(
  board: Board,
  j: number,
  design: readonly DesignStratum[],
  matrices: ReadonlyMap<string, BoardMatrix>,
  draw: number,
  seed: number,
): DrawnStratum[] | null {
  const model = board.models[j] as string;
  const columnIndex = new Map(board.columns.map((column, c) => [column.name, c]));
  const rng = createRng(seed * 7919 + j * 104729 + draw * 13);
  const result: DrawnStratum[] = [];
  for (const stratum of design) {
    const n = stratum.sampleSize;
    const base = { id: stratum.id, column: stratum.column, binary: stratum.binary };
    const matrix = matrices.get(stratum.id);
    const row = matrix ? matrix.values[matrix.models.indexOf(model)] : undefined;
    const indices = matrix && row ? realIndices(row, n, draw, rng) : null;
    if (matrix && row && indices) {
      const values = indices.map((i) => row[i] as number);
      const real = row.filter((v) => !Number.isNaN(v));
      result.push({
        stratum: { ...base, values, populationSize: matrix.instanceIds.length },
        observed: { ...base, instanceIds: indices.map((i) => matrix.instanceIds[i] as string), values },
        full: { ...base, values: real, populationSize: real.length },
      });
      continue;
    }
    const c = columnIndex.get(stratum.column);
    const cell = c === undefined ? null : board.values[j]?.[c];
    if (cell === null || cell === undefined) continue;
    const population = simulatePopulation(cell, stratum.populationSize, stratum.binary, rng, DEFAULT_SPREAD_RATIO);
    const full = { ...base, populationSize: stratum.populationSize };
    result.push({
      stratum: { ...full, values: population.slice(0, n) },
      observed: null,
      full: { ...full, values: population },
    });
  }
  return result.length > 0 ? result : null;
}

/** Calibrates a design on the board (see the file comment). */
export function designCalibration(
  board: Board,
  design: readonly DesignStratum[],
  options: DesignCalibrationOptions = {},
): Calibration {
  const settings = { ...DEFAULT_CALIBRATION_SETTINGS, ...options };
  const matrices = options.matrices ?? [];
  const byId = new Map(matrices.map((matrix) => [matrix.stratumId, matrix]));
  const simulatedAny = design.some((stratum) => !byId.has(stratum.id));
  const mode = options.mode ?? 'plain';
  return calibrate(
    board,
    options.level ?? 0,
    (j, draw) => {
      const data = drawModel(board, j, design, byId, draw, settings.seed);
      if (!data) return null;
      const truthCells = estimateCells(data.map((d) => d.full)).cells;
      const plain = data.map((d) => d.stratum);
      if (mode === 'plain') return { strata: plain, truthCells };
      const observed = data.flatMap((d) => (d.observed ? [d.observed] : []));
      const outcome = pairedStrata(observed, matrices, { excludeModel: board.models[j] as string });
      if (outcome.method !== 'paired') return { strata: plain, truthCells };
      const paired = new Map(outcome.strata.map((s) => [s.id, s]));
      return { strata: plain.map((s) => paired.get(s.id) ?? s), truthCells };
    },
    {
      resamples: settings.resamples,
      seed: settings.seed,
      draws: settings.draws,
      ...(options.alpha === undefined ? {} : { alpha: options.alpha }),
      basis: simulatedAny ? 'simulated' : 'per-instance',
    },
  );
}

/** A user's observed strata as a design (n_r = what they observed). */
export function designOf(strata: readonly Stratum[]): DesignStratum[] {
  return strata.map((stratum) => ({
    id: stratum.id,
    column: stratum.column,
    populationSize: stratum.populationSize,
    sampleSize: stratum.values.length,
    binary: stratum.binary ?? false,
  }));
}

/** A store of calibrations by key: the stored one, else `compute()`'s result (kept). */
export interface CalibrationMemo {
  get(key: string, compute: () => Calibration): Calibration;
}

export interface CalibrateDesignOptions extends Partial<CalibrationSettings> {
  readonly matrices?: readonly BoardMatrix[];
  readonly mode?: 'plain' | 'paired';
  /** Label of the design (the conf's N); not part of the key. Default: the largest n_r. */
  readonly level?: number;
  /** Keeps calibrations between calls (the board's `calibration.json`). */
  readonly cache?: CalibrationMemo;
}

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The design in one order — by column, N_r, n_r, metric type, then id — so the same strata give the same
 * calibration in any order. Ids only name strata (a user's run key, a layout's id for the same run), so equal
 * designs sort alike whatever their ids.
 */
function canonical(design: readonly DesignStratum[]): DesignStratum[] {
  return [...design].sort(
    (a, b) =>
      compare(a.column, b.column) ||
      a.populationSize - b.populationSize ||
      a.sampleSize - b.sampleSize ||
      Number(a.binary) - Number(b.binary) ||
      compare(a.id, b.id),
  );
}

/**
 * The cache key of a design's calibration: what it depends on and nothing else — the strata's columns, N_r, n_r and
 * metric type, which of them have the board's per-instance data (by id: the data depends on the run) and what that
 * data holds (./matrix-digest.ts: more models or items fetched later make another key), the estimator and the
 * settings.
 */
export function designKey(
  design: readonly DesignStratum[],
  options: Omit<CalibrateDesignOptions, 'cache' | 'level'>,
): string {
  const settings = {
    draws: options.draws ?? DEFAULT_CALIBRATION_SETTINGS.draws,
    resamples: options.resamples ?? DEFAULT_CALIBRATION_SETTINGS.resamples,
    seed: options.seed ?? DEFAULT_CALIBRATION_SETTINGS.seed,
  };
  const withData = new Map((options.matrices ?? []).map((matrix) => [matrix.stratumId, matrixDigest(matrix)]));
  return JSON.stringify([
    'design',
    options.mode ?? 'plain',
    settings,
    canonical(design).map((s) => [
      s.column,
      s.populationSize,
      s.sampleSize,
      s.binary,
      ...(withData.has(s.id) ? [s.id, withData.get(s.id)] : []),
    ]),
  ]);
}

/**
 * The calibration of a design (see the file comment): the planning function and the rank service both call this,
 * so a run of the planned design is calibrated exactly as its plan was.
 */
export function calibrateDesign(
  board: Board,
  design: readonly DesignStratum[],
  options: CalibrateDesignOptions = {},
): Calibration {
  const { cache, level, ...rest } = options;
  const strata = canonical(design);
  const ids = new Set(strata.map((stratum) => stratum.id));
  const matrices = (rest.matrices ?? []).filter((matrix) => ids.has(matrix.stratumId));
  const label = level ?? strata.reduce((max, stratum) => Math.max(max, stratum.sampleSize), 0);
  const compute = () => designCalibration(board, strata, { ...rest, matrices, level: label });
  return cache ? cache.get(designKey(strata, { ...rest, matrices }), compute) : compute();
}
