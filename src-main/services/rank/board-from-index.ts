/**
 * Joins the imported leaderboard index with the rank module: the Accuracy table as a rank `Board` (row order,
 * rule, legacy contamination mask, aggregation) and, per user stratum, N_r — the leaderboard run's main-split
 * count (`num_instances` on the main split, docs/helm-fidelity.md §3.1) — matched by run name without the model and the
 * conf-specific arguments.
 */
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import { schemaFor } from '../../../src-shared/leaderboard/schema';
import { contaminationMask } from '../../../src-shared/leaderboard/table';
import type { Board } from '../../../src-shared/rank/board';
import { knownLayout } from '../../../src-shared/rank/family-layouts';
import type { LeaderboardIndex } from '../leaderboards/leaderboard-index';
import { runKey } from '../../../src-shared/helm/run-name';

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
const SUB_SPLIT_SHARE: Record<string, number> = { toxic: 0.3, 'non-toxic': 0.7 };

/**
 * N_r for a stratum id (`<run name>` or `<run name>#<sub-split>`): the median `num_instances[split]` of the
 * leaderboard's runs with the same key; else the Classic layout's count; else 1,000 (the `-m 1000` cap).
 */
export function populationSize(
  index: LeaderboardIndex,
  stratumId: string,
  column: Pick<ColumnSpec, 'group' | 'split'>,
): { size: number; source: 'index' | 'layout' | 'default' } {
  const [runName, subSplit] = stratumId.split('#') as [string, string | undefined];
  const key = runKey(runName);
  const counts = index.runs
    .filter((run) => runKey(run.name) === key)
    .map((run) => run.numInstances[column.split])
    .filter((n): n is number => typeof n === 'number' && n > 0)
    .sort((a, b) => a - b);
  const share = subSplit ? (SUB_SPLIT_SHARE[subSplit] ?? 0.5) : 1;
  if (counts.length > 0)
    return {
      size: Math.max(1, Math.round((counts[Math.floor(counts.length / 2)] as number) * share)),
      source: 'index',
    };
  const layoutKey = subSplit
    ? `${key.replace(/^civil_comments:.*demographic=([^,]+).*$/, 'civil_comments:demographic=$1')}#${subSplit}`
    : key.replace(/^(mmlu|raft):.*(subject|subset)=([^,]+).*$/, '$1:$2=$3');
  const sameColumn = (knownLayout(index.project) ?? []).filter((stratum) => stratum.column === column.group);
  const layout =
    sameColumn.find((stratum) => stratum.id === layoutKey || stratum.id === key.replace(/:$/, '')) ??
    (sameColumn.length === 1 ? sameColumn[0] : undefined);
  if (layout) return { size: layout.populationSize, source: 'layout' };
  return { size: 1000, source: 'default' };
}
