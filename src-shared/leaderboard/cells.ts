/**
 * Leaderboard cells from run records, as `Summarizer.create_group_table` / `create_cell` build them
 * (`src/helm/benchmark/presentation/summarize.py`, v0.3.0 … HEAD; docs/helm-fidelity.md §7.1).
 */
import type { Stat } from '../helm/stat';
import { createAccumulator, mergeInto } from '../helm/stat';
import type { BoardSchema, ColumnSpec } from './schema';
import { CLASSIC_THIS_GROUP_ONLY } from './schema';
import { describeStat } from './stat-description';
import { findColumnStat, matchesStatName } from './stat-matcher';

/** What the leaderboard needs of one run directory: `run_spec.json` (name, adapter model, groups) and `stats.json`. */
export interface RunRecord {
  /** Run name, e.g. `boolq:model=openai_davinci,data_augmentation=canonical`. */
  name: string;
  /** `adapter_spec.model`, e.g. `openai/davinci`. */
  model: string;
  /** `adapter_spec.model_deployment` (`""` for runs older than HELM v0.4.0). */
  modelDeployment: string;
  /** `run_spec.groups`, e.g. `["boolq"]`, `["ablation_prompts", "mmlu"]`. */
  groups: readonly string[];
  /** `stats.json`; only the stats a column can match are needed (see {@link isStatNeeded}). */
  stats: readonly Stat[];
  /** The suite (folder above the run directory) it was read from, when known; orders the reading (see {@link readOrder}). */
  suite?: string | null;
}

/**
 * Runs in the order HELM's summarize reads them, which is the order a cell sums them in (floating-point sums
 * depend on it): suite by suite in the order the suites are given (here: first seen), and within a suite by
 * run directory name, sorted — `Summarizer.read_runs_for_suite` iterates `sorted(os.listdir(run_suite_path))`
 * (`src/helm/benchmark/presentation/summarize.py`, v0.3.0 and v0.4.0 alike), and a run directory is named after its
 * run. Python sorts str by code point; so does this comparison. Stable, so runs with one name keep their order.
 */
export function readOrder<R extends Pick<RunRecord, 'name' | 'suite'>>(runs: readonly R[]): R[] {
  const suites = new Map<string, number>();
  const keyed = runs.map((run) => {
    const suite = run.suite ?? '';
    let rank = suites.get(suite);
    if (rank === undefined) suites.set(suite, (rank = suites.size));
    return { run, rank, name: run.name };
  });
  keyed.sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return keyed.map((key) => key.run);
}

/** One table cell: `Stat.merge` over the model's runs in the column's group. */
export interface Cell {
  /** Σsum / Σcount; null when there is no run, no matching stat, count 0, or HELM hides the value. */
  value: number | null;
  sum: number;
  /** Merged count: trials (× sub-splits), not instances. */
  count: number;
  /** Runs whose stat was merged into the cell. */
  runs: number;
  /** As HELM writes it: `min=…, mean=…, max=…, sum=… (count)`, `(0)`, `No matching runs`, `N matching runs, but no matching metrics`. */
  description: string;
}

/** Cells of one table. */
export interface CellTable {
  /** Row models, in HELM's row order. */
  models: string[];
  /** Model deployments seen per row (`""` for old runs), in first-seen order. */
  deployments?: string[][];
  columns: readonly ColumnSpec[];
  /** `cells[modelIndex][columnIndex]`. */
  cells: Cell[][];
}

/** Options of {@link computeCellTable}. */
export interface CellTableOptions {
  /** The schema's `models:` order; unlisted models come first, alphabetically (HELM's `_adapter_spec_sort_key`). */
  rowOrder?: readonly string[];
  /**
   * `schema` (default): sort by {@link rowOrder} (HELM v0.3.0 keys the sort on `model`). `first-seen`: the order in
   * which models first appear, column group by column group, in `runs` — HELM v0.4.0 keys the sort on
   * `model_deployment`, which is `""` for every pre-v0.4.0 run, so its stable sort keeps read order (docs/helm-fidelity.md §7.1 item 8).
   */
  rowOrderRule?: 'schema' | 'first-seen';
  /** Run groups with `visibility: this_group_only`; runs in any of them are dropped. Default: Classic's ablations. */
  thisGroupOnly?: readonly string[];
  /** Hide values HELM hides (value null, description kept). Default: HELM's `LOGPROBS_ISSUE_MODELS` × `_METRICS`. */
  isValueHidden?: (model: string, metric: string) => boolean;
  /** The runs are in {@link readOrder} already: skip sorting them. */
  inReadOrder?: boolean;
  /** A run's stat for a column (default {@link findColumnStat}); the importer passes the ones it found while reading. */
  statFor?: ColumnStatFinder;
}

/** Finds the stat a column shows for one run (see {@link findColumnStat}). */
export type ColumnStatFinder = (run: RunRecord, column: ColumnSpec) => Stat | null;

// Summarizer.LOGPROBS_ISSUE_MODELS / LOGPROBS_ISSUE_METRICS (v0.3.0 = v0.4.0 = HEAD): these models' logprobs are
// unreliable, so their MS MARCO and calibration values are hidden.
const LOGPROBS_ISSUE_MODELS = new Set([
  'anthropic/stanford-online-all-v4-s3',
  'meta/llama-7b',
  'meta/llama-13b',
  'meta/llama-30b',
  'meta/llama-65b',
  'meta/llama-2-7b',
  'meta/llama-2-13b',
  'meta/llama-2-70b',
]);
const LOGPROBS_ISSUE_METRICS = new Set([
  'NDCG@10',
  'RR@10',
  'NDCG@20',
  'RR@20',
  'ece_1_bin',
  'ece_10_bin',
  'platt_ece_1_bin',
  'platt_ece_10_bin',
  'platt_coef',
  'platt_intercept',
  'selective_cov_acc_area',
  'selective_acc@10',
]);

/** HELM's default for {@link CellTableOptions.isValueHidden}. */
export function isLogprobsIssueValue(model: string, metric: string): boolean {
  return LOGPROBS_ISSUE_MODELS.has(model) && LOGPROBS_ISSUE_METRICS.has(metric);
}

/**
 * Rows per model (HELM keys rows on `model` at v0.3.0 and on (`model_deployment`, `model`) from v0.4.0; we key on
 * the model and record deployments), a column per {@link ColumnSpec}, and a cell = Stat.merge of the model's visible
 * runs in that group, summed in HELM's reading order ({@link readOrder}). A model gets a row when it has a visible
 * run in any column's group.
 */
export function computeCellTable(
  runs: readonly RunRecord[],
  columns: readonly ColumnSpec[],
  options: CellTableOptions = {},
): CellTable {
  return computeCellTables(runs, [columns], options)[0] as CellTable;
}

/**
 * {@link computeCellTable} for several tables of one board at once: the runs are sorted, filtered and grouped per
 * model and group once for all of them.
 */
export function computeCellTables(
  runs: readonly RunRecord[],
  tables: readonly (readonly ColumnSpec[])[],
  options: CellTableOptions = {},
): CellTable[] {
  const hiddenGroups = new Set(options.thisGroupOnly ?? CLASSIC_THIS_GROUP_ONLY);
  const isValueHidden = options.isValueHidden ?? isLogprobsIssueValue;
  // filter_runs_by_visibility: a run in a this_group_only group shows only in that group's own page.
  const shown = (options.inReadOrder ? runs : readOrder(runs)).filter(
    (run) => !run.groups.some((group) => hiddenGroups.has(group)),
  );
  // Each model's shown runs per group, in reading order, and the deployments its runs name (first seen first).
  const groupRunsByModel = new Map<string, Map<string, RunRecord[]>>();
  const deploymentsOfModel = new Map<string, string[]>();
  for (const run of shown) {
    let groupRuns = groupRunsByModel.get(run.model);
    if (!groupRuns) groupRunsByModel.set(run.model, (groupRuns = new Map()));
    for (const group of run.groups.length === 1 ? run.groups : new Set(run.groups)) {
      const list = groupRuns.get(group);
      if (list) list.push(run);
      else groupRuns.set(group, [run]);
    }
    const deployments = deploymentsOfModel.get(run.model);
    if (!deployments) deploymentsOfModel.set(run.model, [run.modelDeployment]);
    else if (!deployments.includes(run.modelDeployment)) deployments.push(run.modelDeployment);
  }
  return tables.map((columns) => {
    const groups = [...new Set(columns.map((column) => column.group))];
    const columnGroups = new Set(groups);
    // The runs this table shows are those in one of its columns' groups; a model gets a row when it has one.
    const visibleRuns = () => shown.filter((run) => run.groups.some((group) => columnGroups.has(group)));
    const shownModels = [...groupRunsByModel].flatMap(([model, groupRuns]) =>
      groups.some((group) => groupRuns.has(group)) ? [model] : [],
    );
    // The deployments of a model's visible runs: all of its runs' when it has one (the usual case).
    const deploymentsIn = (model: string): string[] => {
      const all = deploymentsOfModel.get(model) ?? [];
      if (all.length <= 1) return [...all];
      const seen: string[] = [];
      for (const run of shown)
        if (
          run.model === model &&
          run.groups.some((group) => columnGroups.has(group)) &&
          !seen.includes(run.modelDeployment)
        )
          seen.push(run.modelDeployment);
      return seen;
    };
    const models =
      options.rowOrderRule === 'first-seen'
        ? firstSeenOrder(visibleRuns(), groups)
        : sortModels(shownModels, options.rowOrder ?? []);
    const cells = models.map((model) => {
      const groupRuns = groupRunsByModel.get(model);
      return columns.map((column) =>
        computeCell(groupRuns?.get(column.group) ?? [], column, isValueHidden(model, column.metric), options.statFor),
      );
    });
    return { models, deployments: models.map(deploymentsIn), columns, cells };
  });
}

/**
 * Each run's stat for every column of `tables` in its groups, found when the run is added (the importer adds runs
 * while it is still reading others), served as {@link CellTableOptions.statFor}; anything not added is found then.
 * A run's one matching stat is kept as it is (merging one stat changes none of the fields a cell reads), so adding
 * a run allocates little.
 */
export function columnStatCache(tables: readonly (readonly ColumnSpec[])[]): {
  add(run: RunRecord): void;
  statFor: ColumnStatFinder;
} {
  const columnsByGroup = new Map<string, ColumnSpec[]>();
  for (const column of tables.flat()) {
    const list = columnsByGroup.get(column.group);
    if (list) list.push(column);
    else columnsByGroup.set(column.group, [column]);
  }
  const found = new WeakMap<RunRecord, Map<ColumnSpec, Stat | null>>();
  return {
    add(run) {
      const stats = new Map<ColumnSpec, Stat | null>();
      for (const group of run.groups)
        for (const column of columnsByGroup.get(group) ?? []) stats.set(column, cellStat(run.stats, column));
      found.set(run, stats);
    },
    statFor(run, column) {
      const stat = found.get(run)?.get(column);
      return stat !== undefined ? stat : cellStat(run.stats, column);
    },
  };
}

/**
 * What {@link computeCell} merges for one run: {@link findColumnStat}'s stat, or the run's one matching stat itself
 * when there is exactly one with a positive count (its count, sums and extremes are what merging it would give).
 */
function cellStat(stats: readonly Stat[], column: ColumnSpec): Stat | null {
  let only: Stat | null = null;
  for (const stat of stats) {
    if (!matchesStatName(stat.name, column)) continue;
    if (only) return findColumnStat(stats, column);
    only = stat;
  }
  return only && only.count > 0 ? only : findColumnStat(stats, column);
}

/** HELM's row order: `(index in models:, name)` with unlisted models at index −1, i.e. first and alphabetical. */
export function sortModels(models: readonly string[], rowOrder: readonly string[]): string[] {
  const index = new Map(rowOrder.map((model, i) => [model, i]));
  const key = (model: string): number => index.get(model) ?? -1;
  return [...models].sort((a, b) => key(a) - key(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Models in the order `create_group_tables_by_metric_group` inserts them into `adapter_to_runs`: leaf group by leaf
 * group, and within a group in the order of `runs` (HELM reads suites in the order given, run directories sorted).
 */
export function firstSeenOrder(
  runs: readonly Pick<RunRecord, 'model' | 'groups'>[],
  groups: readonly string[],
): string[] {
  const seen = new Set<string>();
  for (const group of groups) {
    for (const run of runs) if (run.groups.includes(group)) seen.add(run.model);
  }
  return [...seen];
}

/** `create_cell`: merge each run's matching stat; distinguish HELM's empty cases in the description. */
export function computeCell(
  groupRuns: readonly RunRecord[],
  column: ColumnSpec,
  hideValue = false,
  statFor?: ColumnStatFinder,
): Cell {
  if (groupRuns.length === 0) return { value: null, sum: 0, count: 0, runs: 0, description: 'No matching runs' };
  let merged: ReturnType<typeof createAccumulator> | null = null;
  let mergedRuns = 0;
  for (const run of groupRuns) {
    const stat = statFor ? statFor(run, column) : findColumnStat(run.stats, column);
    if (!stat) continue;
    merged = mergeInto(merged ?? createAccumulator(stat.name), stat);
    mergedRuns += 1;
  }
  if (!merged) {
    return {
      value: null,
      sum: 0,
      count: 0,
      runs: 0,
      description: `${groupRuns.length} matching runs, but no matching metrics`,
    };
  }
  const mean = merged.count > 0 ? merged.sum / merged.count : null;
  return {
    value: hideValue ? null : mean,
    sum: merged.sum,
    count: merged.count,
    runs: mergedRuns,
    description: describeStat({ count: merged.count, sum: merged.sum, min: merged.min, max: merged.max }),
  };
}

/** metric → split → perturbation names (null: none) that some column of the schema matches (see matchesStatName). */
type NeededIndex = Map<string, Map<string | undefined, Set<string | null>>>;
const neededIndexCache = new WeakMap<BoardSchema, NeededIndex>();

function neededIndex(schema: BoardSchema): NeededIndex {
  const cached = neededIndexCache.get(schema);
  if (cached) return cached;
  const index: NeededIndex = new Map();
  const add = (metric: string, column: ColumnSpec) => {
    const splits = index.get(metric) ?? new Map<string | undefined, Set<string | null>>();
    index.set(metric, splits);
    const perturbations = splits.get(column.split) ?? new Set<string | null>();
    splits.set(column.split, perturbations);
    perturbations.add(column.perturbation);
  };
  for (const column of Object.values(schema.tables).flatMap((table) => table ?? [])) {
    add(column.metric, column);
    // matchesStatName(…, 'exact_match'): the quasi_exact_match fallback of findColumnStat
    if (column.metric === 'quasi_exact_match') add('exact_match', column);
  }
  neededIndexCache.set(schema, index);
  return index;
}

/** Every metric name {@link isStatNeeded} can accept: a stat named otherwise is never needed. */
export function neededMetricNames(schema: BoardSchema): string[] {
  return [...neededIndex(schema).keys()];
}

/**
 * True when some column of some table of the schema can match this stat (use it to keep imported indexes small):
 * stat-matcher.ts's `matchesStatName` against every column, as one lookup (the importer asks for every stat of every run).
 */
export function isStatNeeded(stat: Stat, schema: BoardSchema): boolean {
  const name = stat.name;
  if (name.perturbation && name.perturbation.computed_on !== 'worst') return false;
  return (
    neededIndex(schema)
      .get(name.name)
      ?.get(name.split)
      ?.has(name.perturbation?.name ?? null) ?? false
  );
}
