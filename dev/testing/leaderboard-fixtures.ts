/**
 * Shared fixture set for the leaderboard service, CLI tests and the import benchmark: runs of the Classic core
 * scenarios for a few models, with known cell values.
 */
import { CLASSIC_SCHEMA } from '../../src-shared/leaderboard/schema';
import type { FixtureRun } from '../../src-main/demo/helm-run-fixture';

/** `value(model, column)` in (0, 1), distinct per model; model 0 is best everywhere. */
export function fixtureValue(modelIndex: number, columnIndex: number): number {
  return Math.round((0.9 - 0.1 * modelIndex - 0.01 * columnIndex) * 1000) / 1000;
}

/**
 * Runs for `models` on every Classic accuracy column; `runsPerGroup` runs (subjects) per column, whose values
 * average to {@link fixtureValue} so the merged cell equals it.
 */
export function classicFixtureRuns(models: readonly string[], runsPerGroup = 1): FixtureRun[] {
  const columns = CLASSIC_SCHEMA.tables.accuracy ?? [];
  const runs: FixtureRun[] = [];
  models.forEach((model, modelIndex) => {
    columns.forEach((column, columnIndex) => {
      const value = fixtureValue(modelIndex, columnIndex);
      for (let k = 0; k < runsPerGroup; k += 1) {
        // Symmetric offsets around the value: the mean of the runs is exactly `value` (equal trial counts).
        const offset = runsPerGroup === 1 ? 0 : (k - (runsPerGroup - 1) / 2) * 0.01;
        runs.push({
          group: column.group,
          model,
          metric: column.metric,
          split: column.split,
          value: value + offset,
          ...(runsPerGroup > 1 ? { variant: `subject=s${k}` } : {}),
        });
      }
    });
  });
  return runs;
}
