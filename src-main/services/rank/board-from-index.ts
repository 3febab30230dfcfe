/**
 * Joins the imported leaderboard index with the rank module: the Accuracy table as a rank `Board` (row order,
 * rule, legacy contamination mask, aggregation) and, per user stratum, N_r — the leaderboard run's main-split
 * count (`num_instances` on the main split, docs/helm-fidelity.md §3.1) — matched by stratum id (the run name without
 * the model and the conf-specific arguments, src-shared/rank/stratum-id.ts).
 */
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import { schemaFor } from '../../../src-shared/leaderboard/schema';
import { contaminationMask } from '../../../src-shared/leaderboard/table';
import type { RowIdentity } from '../../../src-shared/leaderboard/row-order';
import { KNOWN_RELEASE_DEPLOYMENTS, rowOrderKeyFor, userRowPosition } from '../../../src-shared/leaderboard/row-order';
import type { Board } from '../../../src-shared/rank/board';
import { familyLayoutStratum } from '../../../src-shared/rank/family-layouts';
import type { LeaderboardIndex } from '../leaderboards/leaderboard-index';
import { stratumId } from '../../../src-shared/rank/stratum-id';

/** The board and the Accuracy columns it was built from (columns without a direction are dropped, as the win rate skips them). */
export function boardFromIndex(index: LeaderboardIndex): { board: Board; columns: ColumnSpec[] } {
  const table = index.tables.accuracy;
  if (!table) throw new Error(`leaderboard ${index.name} has no Accuracy table`);
  const schema = schemaFor(index.project);
  const keep = table.columns.map((column, c) => ({ column, c })).filter(({ column }) => column.lowerIsBetter !== null);
  const columns = keep.map(({ column }) => column);
  // Legacy boards leave strongly contaminated cells out of the win rate (docs/helm-fidelity.md §7.2): they become invalid here.
  const invalid = index.winRateRule === 'legacy' ? contaminationMask(index.models, columns, schema) : null;
  const values = index.models.map((_, i) =>
    keep.map(({ c }, k) => (invalid?.[i]?.[k] ? null : (table.values[i]?.[c] ?? null))),
  );
  return {
    board: {
      models: index.models,
      columns: columns.map((column) => ({ name: column.group, lowerIsBetter: column.lowerIsBetter === true })),
      values,
      rule: index.winRateRule,
      aggregation: schema.aggregation,
    },
    columns,
  };
}

/** CivilComments splits each run into toxic / non-toxic strata; the index counts per split only. */
export const SUB_SPLIT_SHARE: Readonly<Record<string, number>> = { toxic: 0.3, 'non-toxic': 0.7 };

/** The board's release for messages; an ad-hoc import has none, so its name stands in. */
export function releaseLabel(index: Pick<LeaderboardIndex, 'release' | 'name'>): string {
  return index.release.trim() !== '' ? `release ${index.release}` : `leaderboard ${index.name} (no release name)`;
}

/**
 * The user's row position under the legacy tie rule (src-shared/leaderboard/row-order.ts): board rows' deployments
 * come from their runs (run archives) or, for published release tables, from what is known of the release.
 */
export function boardRowPosition(index: LeaderboardIndex, user: RowIdentity): number {
  const deployments = new Map<string, string>();
  for (const run of index.runs)
    if (run.modelDeployment !== '' && !deployments.has(run.model)) deployments.set(run.model, run.modelDeployment);
  const rows = index.models.map((model) => ({
    model,
    deployment:
      deployments.get(model) ?? (index.kind === 'release-files' ? (KNOWN_RELEASE_DEPLOYMENTS[model] ?? '') : ''),
  }));
  return userRowPosition(rows, user, schemaFor(index.project).rowOrder, rowOrderKeyFor(index.release));
}

/**
 * N_r for a stratum id (`<run name>` or `<run name>#<sub-split>`): the median `num_instances[split]` of the
 * leaderboard's runs with the same key; else the Classic layout's count; else 1,000 (the `-m 1000` cap).
 */
export function populationSize(
  index: LeaderboardIndex,
  id: string,
  column: Pick<ColumnSpec, 'group' | 'split'>,
): { size: number; source: 'index' | 'layout' | 'default' } {
  const [runName, subSplit] = id.split('#') as [string, string | undefined];
  const key = stratumId(runName);
  const counts = index.runs
    .filter((run) => stratumId(run.name) === key)
    .map((run) => run.numInstances[column.split])
    .filter((n): n is number => typeof n === 'number' && n > 0)
    .sort((a, b) => a - b);
  const share = subSplit ? (SUB_SPLIT_SHARE[subSplit] ?? 0.5) : 1;
  if (counts.length > 0)
    return {
      size: Math.max(1, Math.round((counts[Math.floor(counts.length / 2)] as number) * share)),
      source: 'index',
    };
  const layout = familyLayoutStratum(index.project, stratumId(runName, subSplit), column.group);
  if (layout) return { size: layout.populationSize, source: 'layout' };
  return { size: 1000, source: 'default' };
}
