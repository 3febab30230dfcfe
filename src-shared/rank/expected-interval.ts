/**
 * The planning figure (docs/calibration.md §6): before a run, the rank interval a user can expect on a
 * board at N examples per scenario, optionally on a subset of its scenarios. It calibrates that design with
 * {@link calibrateDesign} — the same function, with the board's own run layout and instance counts, that
 * calibrates a finished run (a run of exactly this design gets this very calibration) — and summarises it: the median calibrated half-width is what
 * a typical user gets, the leave-one-out coverage how often such intervals held the full-run rank. On a board with
 * too few models for a conformal factor a run reports its raw bootstrap interval, "not calibrated"
 * (calibration.ts `applyCalibration`), so the plan gives the raw intervals' figures, labelled so, with the reason.
 * The Budget step, `helm-rank tradeoff` and the rank service's trade-off all read this one function.
 */
import type { Board } from './board';
import type { Calibration } from './calibration';
import { notCalibratedReason, rawRankInterval } from './calibration';
import { quantile } from './quantile';
import type { StratumLayout } from './classic-layout';
import type { CalibrationMemo, CalibrationSettings, DesignStratum } from './design-calibration';
import { calibrateDesign } from './design-calibration';
import type { BoardMatrix } from './paired';
import type { EfficientSize } from '../examples-per-scenario';

/** What to plan: a board, its layout, N and (optionally) the scenarios to run. */
export interface ExpectedIntervalRequest {
  readonly board: Board;
  /** The board's strata with their full-run counts and per-conf sample sizes. */
  readonly layout: readonly StratumLayout[];
  /** Examples per scenario (a conf level), or `all` for the full configuration. */
  readonly level: EfficientSize | 'all';
  /** Board columns (run groups) to run; absent or empty: all the layout's columns. */
  readonly scenarios?: readonly string[];
  /** The leaderboard's per-instance matrices where cached (pseudo-users then use real data there). */
  readonly matrices?: readonly BoardMatrix[];
  readonly settings?: Partial<CalibrationSettings>;
  /** Keeps calibrations between calls (the service's `calibration.json`); keyed by the design and settings. */
  readonly cache?: CalibrationMemo;
}

/** The expected interval of a design: calibrated, or — on a board too small to calibrate — the raw one a run reports. */
export interface ExpectedInterval {
  readonly level: EfficientSize | 'all';
  /** Columns in the design. */
  readonly scenarios: readonly string[];
  /**
   * Whether the figures are of calibrated intervals. False when the calibration has no factor (too few models): a run
   * of this design then reports its raw bootstrap interval, "not calibrated", so the figures are of that interval.
   */
  readonly calibrated: boolean;
  /** Why not calibrated ("12 models are too few for a 95 % conformal factor"); null when calibrated. */
  readonly notCalibratedReason: string | null;
  /** Median half-width (ranks) of the interval a run reports: what a typical user gets. */
  readonly halfWidth: number;
  readonly q95HalfWidth: number;
  /** Leave-one-model-out share of those intervals (calibrated, or raw when not) that held the full-run rank. */
  readonly coverage: number;
  readonly medianAbsError: number;
  readonly q95AbsError: number;
  /** ĉ; null when the board has too few models for a 95 % factor. */
  readonly factor: number | null;
  readonly models: number;
  readonly basis: Calibration['basis'];
  /** Main-split items a user runs (Σ n_r). */
  readonly mainSplitItems: number;
  /** The calibration behind the figures (null for `all`: nothing is unknown). */
  readonly calibration: Calibration | null;
}

/**
 * The design of a layout at a level, restricted to `scenarios` (all columns when absent or empty). Where the board's
 * per-instance data covers a stratum, N_r is its leaderboard run's item count, as it is for a run of the design
 * (the rank service), so the plan and the run are the same design.
 */
export function designAt(
  layout: readonly StratumLayout[],
  level: EfficientSize,
  scenarios?: readonly string[],
  matrices: readonly Pick<BoardMatrix, 'stratumId' | 'instanceIds'>[] = [],
): DesignStratum[] {
  const wanted = scenarios && scenarios.length > 0 ? new Set(scenarios) : null;
  const cached = new Map(matrices.map((matrix) => [matrix.stratumId, matrix.instanceIds.length]));
  return layout
    .filter((stratum) => !wanted || wanted.has(stratum.column))
    .map((stratum) => {
      const populationSize = cached.get(stratum.id) ?? stratum.populationSize;
      return {
        id: stratum.id,
        column: stratum.column,
        populationSize,
        sampleSize: Math.min(stratum.sampleSize[level], populationSize),
        binary: stratum.binary,
      };
    });
}

/** Columns of `scenarios` the board does not have (the caller reports them). */
export function unknownScenarios(board: Board, scenarios: readonly string[] = []): string[] {
  const columns = new Set(board.columns.map((column) => column.name));
  return scenarios.filter((scenario) => !columns.has(scenario));
}

/** Expected calibrated half-width and coverage of a design (see the file comment). */
export function expectedInterval(request: ExpectedIntervalRequest): ExpectedInterval {
  const unknown = unknownScenarios(request.board, request.scenarios);
  if (unknown.length > 0) throw new RangeError(`not a column of this board: ${unknown.join(', ')}`);
  const boardColumns = new Set(request.board.columns.map((column) => column.name));
  const layout = request.layout.filter((stratum) => boardColumns.has(stratum.column));
  if (request.level === 'all') {
    const design = designAt(layout, 1000, request.scenarios, request.matrices);
    return {
      level: 'all',
      scenarios: [...new Set(design.map((stratum) => stratum.column))],
      calibrated: true,
      notCalibratedReason: null,
      halfWidth: 0,
      q95HalfWidth: 0,
      coverage: 1,
      medianAbsError: 0,
      q95AbsError: 0,
      factor: 0,
      models: request.board.models.length,
      basis: 'per-instance',
      mainSplitItems: design.reduce((sum, stratum) => sum + stratum.populationSize, 0),
      calibration: null,
    };
  }
  const level = request.level;
  const design = designAt(layout, level, request.scenarios, request.matrices);
  const calibration = calibrateDesign(request.board, design, {
    ...request.settings,
    ...(request.matrices ? { matrices: request.matrices } : {}),
    ...(request.cache ? { cache: request.cache } : {}),
    level,
  });
  return summarizeExpected(calibration, design, level);
}

/**
 * The planning summary of a calibration: its calibrated half-widths and coverage, or, when it has no factor, those of
 * the pseudo-users' raw bootstrap intervals — what calibration.ts `applyCalibration` reports for a run on such a board.
 */
export function summarizeExpected(
  calibration: Calibration,
  design: readonly DesignStratum[],
  level: EfficientSize | 'all',
): ExpectedInterval {
  const reason = notCalibratedReason(calibration);
  const raw = calibration.records.map((record) => rawRankInterval(record));
  const rawHalfWidths = raw.map(([lo, hi]) => (hi - lo) / 2);
  return {
    level,
    scenarios: [...new Set(design.map((stratum) => stratum.column))],
    calibrated: reason === null,
    notCalibratedReason: reason,
    halfWidth: reason === null ? calibration.medianHalfWidth : quantile(rawHalfWidths, 0.5),
    q95HalfWidth: reason === null ? calibration.q95HalfWidth : quantile(rawHalfWidths, 0.95),
    coverage: reason === null ? calibration.calibratedCoverage : calibration.rawCoverage,
    medianAbsError: calibration.medianAbsError,
    q95AbsError: calibration.q95AbsError,
    factor: calibration.factor,
    models: calibration.models,
    basis: calibration.basis,
    mainSplitItems: design.reduce((sum, stratum) => sum + stratum.sampleSize, 0),
    calibration,
  };
}
