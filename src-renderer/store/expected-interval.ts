/**
 * The Budget step's prediction of the interval a run will get, per examples-per-scenario: the expected calibrated
 * 95 % rank interval (median half-width over the leaderboard's models, and the 95th percentile) with the coverage it
 * had in leave-one-out calibration — the same calibration the results page's interval is widened by.
 *
 * An adapter over the `rank.tradeoff` table, so the step does not depend on where the estimate comes from; when the
 * estimate covers fewer scenarios than were chosen (`intervalScenarios`), it says so and the step shows it.
 */
import type { TradeoffTableView } from '../../src-shared/api/rank';
import type { ExamplesPerScenario } from '../../src-shared/examples-per-scenario';

export interface ExpectedInterval {
  readonly examplesPerScenario: ExamplesPerScenario;
  /** Median half-width in ranks: half the models like yours get an interval no wider than ± this. */
  readonly medianHalfWidth: number | null;
  /** 95th-percentile half-width: 1 model in 20 gets a wider one. */
  readonly q95HalfWidth: number | null;
  /** Share of the board's models whose true rank the calibrated interval covered. */
  readonly coverage: number | null;
  /** How many scenarios the estimate is for, and whether that is the chosen set. */
  readonly scenarios: number;
  readonly isForChosen: boolean;
}

export function expectedIntervals(table: TradeoffTableView): ExpectedInterval[] {
  const isForChosen =
    table.intervalScenarios.length === table.scenarios.length &&
    table.scenarios.every((scenario) => table.intervalScenarios.includes(scenario));
  return table.rows.map((row) => ({
    examplesPerScenario: row.examplesPerScenario,
    medianHalfWidth: row.medianHalfWidth,
    q95HalfWidth: row.q95HalfWidth,
    coverage: row.coverage,
    scenarios: table.intervalScenarios.length,
    isForChosen,
  }));
}
