/**
 * The Budget step's prediction of the interval a run will get, per examples-per-scenario: the expected calibrated
 * 95 % rank interval (median half-width over the leaderboard's models, and the 95th percentile) with the coverage it
 * had in leave-one-out calibration, for the scenarios chosen.
 *
 * An adapter over the `rank.tradeoff` table, which the main process builds from the one planning function
 * (src-shared/rank/expected-interval.ts) — the function whose calibration a finished run of the same plan is
 * calibrated with. The adapter passes the channel's figures through unchanged: it only picks them out per row.
 */
import type { TradeoffTableView } from '../../src-shared/api/rank';
import type { ExamplesPerScenario } from '../../src-shared/examples-per-scenario';

export interface ExpectedInterval {
  readonly examplesPerScenario: ExamplesPerScenario;
  /** Median half-width in ranks: half the models like yours get an interval no wider than ± this. */
  readonly medianHalfWidth: number | null;
  /** 95th-percentile half-width: 1 model in 20 gets a wider one. */
  readonly q95HalfWidth: number | null;
  /** Share of the board's models whose true rank the interval (calibrated, or raw when not) covered. */
  readonly coverage: number | null;
  /** False on a board too small to calibrate: the figures are of the raw interval a run reports, "not calibrated". */
  readonly calibrated: boolean;
  /** The scenarios the estimate is for: the chosen ones (every column of the row describes them). */
  readonly scenarios: readonly string[];
  /** What the calibration rests on. */
  readonly basis: TradeoffTableView['calibrationBasis'];
}

export function expectedIntervals(table: TradeoffTableView): ExpectedInterval[] {
  return table.rows.map((row) => ({
    examplesPerScenario: row.examplesPerScenario,
    medianHalfWidth: row.medianHalfWidth,
    q95HalfWidth: row.q95HalfWidth,
    coverage: row.coverage,
    calibrated: row.calibrated,
    scenarios: table.scenarios,
    basis: table.calibrationBasis,
  }));
}
