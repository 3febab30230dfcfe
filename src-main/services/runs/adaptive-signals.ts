/**
 * The per-scenario inputs of the refinement policy's priority d_s·σ_s/√c_s (docs/rank-interval.md §12), measured
 * on the user's latest runs: σ_s, the per-instance standard deviation of the scenario's main-metric values, and
 * d_s, the number of leaderboard cells within ±δ of the user's cell in the scenario's columns, with δ the
 * user's own ≈95 % margin 2·σ_s/√n_s (at least 0.01): the rivals whose order against the user more items
 * could still change.
 */
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import type { Board } from '../../../src-shared/rank/board';
import { readUserRuns } from '../rank/run-reader';
import type { ObservedStratum } from '../../../src-shared/rank/paired';
import { mean } from '../../../src-shared/rank/strata';
import { runScenario } from '../../../src-shared/helm/run-name';
import type { ScenarioSignal } from './adaptive-run';

const MIN_DELTA = 0.01;

/** d_s and σ_s per scenario (run-entry function) of the runs in `directories`; runs outside the board's columns are left out. */
export async function scenarioSignals(
  board: Board,
  columns: readonly ColumnSpec[],
  directories: readonly string[],
): Promise<Record<string, ScenarioSignal>> {
  const byScenario = new Map<string, ObservedStratum[]>();
  for (const directory of directories) {
    let strata: readonly ObservedStratum[];
    try {
      strata = (await readUserRuns(directory, columns)).strata;
    } catch {
      continue; // not in a leaderboard column: ranking ignores it too
    }
    for (const stratum of strata) {
      const scenario = runScenario(stratum.id);
      byScenario.set(scenario, [...(byScenario.get(scenario) ?? []), stratum]);
    }
  }
  const signals: Record<string, ScenarioSignal> = {};
  for (const [scenario, strata] of byScenario) {
    const values = strata.flatMap((stratum) => stratum.values);
    if (values.length === 0) continue;
    const average = mean(values);
    const spread = Math.sqrt(values.reduce((sum, y) => sum + (y - average) ** 2, 0) / values.length);
    const delta = Math.max(MIN_DELTA, (2 * spread) / Math.sqrt(values.length));
    let nearbyModels = 0;
    for (const column of new Set(strata.map((stratum) => stratum.column))) {
      const columnValues = strata.filter((stratum) => stratum.column === column).flatMap((stratum) => stratum.values);
      const cell = mean(columnValues);
      const c = board.columns.findIndex((boardColumn) => boardColumn.name === column);
      if (c < 0) continue;
      for (const row of board.values) {
        const value = row[c];
        if (value !== null && value !== undefined && Math.abs(value - cell) <= delta) nearbyModels += 1;
      }
    }
    signals[scenario] = { nearbyModels, spread };
  }
  return signals;
}
