/**
 * The run layout of an imported board (docs/calibration.md §6): its strata with the full-run main-split counts N_r
 * and the items a user gets at each conf, from the board's own runs where the index has them.
 * Strata are named by their stratum ids (src-shared/rank/stratum-id.ts), the names the board's cached per-instance
 * data and a user's runs get too, so a plan reads the data its run will and is calibrated under the run's key.
 * - Run archives: one stratum per run key of an Accuracy column (CivilComments: per sub-split); N_r is the median
 *   `num_instances` on the column's main split over the board's models. A run of the family's known layout keeps
 *   the conf's share of main-split items (classic-layout.ts, lite-layout.ts), capped at N_r; another run gets
 *   min(N, main-split share × N) where the share is N_r over all its evaluated instances (the conf's
 *   `max_eval_instances` counts every eval split).
 * - Columns without runs (published release tables keep none): the family's known layout (Classic's 38 core runs,
 *   Lite's 28 runs, src-shared/rank/family-layouts.ts), else one stratum of 1,000 items per column.
 */
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import type { StratumLayout } from '../../../src-shared/rank/classic-layout';
import { familyLayoutStratum, knownLayout } from '../../../src-shared/rank/family-layouts';
import type { IndexedRun, LeaderboardIndex } from '../leaderboards/leaderboard-index';
import { SUB_SPLIT_SHARE } from './board-from-index';
import { stratumId } from '../../../src-shared/rank/stratum-id';
import type { EfficientSize } from '../../../src-shared/examples-per-scenario';
import { EFFICIENT_SIZES } from '../../../src-shared/examples-per-scenario';

/** Metrics scored 0/1 per instance (HELM's exact-match family). */
const BINARY_METRICS = new Set(['exact_match', 'quasi_exact_match', 'prefix_exact_match', 'quasi_prefix_exact_match']);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function sizes(of: (level: EfficientSize) => number): Record<EfficientSize, number> {
  return Object.fromEntries(EFFICIENT_SIZES.map((level) => [level, of(level)])) as Record<EfficientSize, number>;
}

/** Strata of one column from its runs in the index, or null when the index has none. */
function columnFromRuns(project: string, column: ColumnSpec, runs: readonly IndexedRun[]): StratumLayout[] | null {
  const byKey = new Map<string, IndexedRun[]>();
  for (const run of runs) {
    if (!run.groups.includes(column.group)) continue;
    const main = run.numInstances[column.split];
    if (typeof main !== 'number' || main <= 0) continue;
    const key = stratumId(run.name);
    byKey.set(key, [...(byKey.get(key) ?? []), run]);
  }
  if (byKey.size === 0) return null;
  const binary = BINARY_METRICS.has(column.metric);
  const strata: StratumLayout[] = [];
  for (const [key, list] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const N = Math.round(median(list.map((run) => run.numInstances[column.split] as number)));
    const total = median(list.map((run) => Object.values(run.numInstances).reduce((sum, n) => sum + n, 0)));
    const share = total > 0 ? Math.min(1, N / total) : 1;
    const subSplits = column.group === 'civil_comments' ? Object.keys(SUB_SPLIT_SHARE) : [undefined];
    for (const subSplit of subSplits) {
      const part = subSplit ? (SUB_SPLIT_SHARE[subSplit] as number) : 1;
      const populationSize = Math.max(1, Math.round(N * part));
      const id = stratumId(key, subSplit);
      const known = familyLayoutStratum(project, id, column.group);
      strata.push({
        id,
        column: column.group,
        populationSize,
        sampleSize: sizes((level) =>
          Math.min(populationSize, known ? known.sampleSize[level] : Math.max(1, Math.round(level * share * part))),
        ),
        binary,
        requestsPerInstance: known?.requestsPerInstance ?? 1,
      });
    }
  }
  return strata;
}

/** The layout of a board's Accuracy columns (see the file comment). */
export function boardLayout(
  index: Pick<LeaderboardIndex, 'project' | 'runs'>,
  columns: readonly ColumnSpec[],
): StratumLayout[] {
  return columns.flatMap((column) => {
    const fromRuns = columnFromRuns(index.project, column, index.runs);
    if (fromRuns) return fromRuns;
    const family = (knownLayout(index.project) ?? []).filter((s) => s.column === column.group);
    if (family.length > 0) return family;
    return [
      {
        id: column.group,
        column: column.group,
        populationSize: 1000,
        sampleSize: sizes((level) => Math.min(level, 1000)),
        binary: BINARY_METRICS.has(column.metric),
        requestsPerInstance: 1,
      },
    ];
  });
}
