/**
 * Strata: the unit of sampling (docs/rank-interval.md §5). One stratum per HELM run and, for CivilComments, per
 * sub-split (toxic / non-toxic). Each holds the user's per-instance main-metric values on the run's main split
 * (trial-averaged) and the leaderboard run's main-split count N_r, the finite population the user's n_r items
 * were drawn from (the nested prefix, docs/helm-fidelity.md §5).
 *
 * Cells are HELM's merge (docs/helm-fidelity.md §7.1 item 6): Σsum / Σcount over the column's runs, i.e. the
 * weight-averaged stratum means (weight = trials; 1 for the efficient confs' single trial). A stratum with
 * n_r = 0 is imputed with the mean of the column's observed strata, which gives exactly HELM's displayed cell
 * (HELM drops it and reweights), and is flagged because the full run would not drop it.
 */

/** One stratum of the user's data. */
export interface Stratum {
  /** Run name, with `#toxic` / `#non-toxic` for CivilComments sub-splits. */
  readonly id: string;
  /** Board column (leaf run group) the stratum's run belongs to, e.g. `raft`. */
  readonly column: string;
  /** Per-instance main-metric values on the main split (averaged over trials per instance). */
  readonly values: readonly number[];
  /** N_r: the leaderboard run's main-split count (e.g. 355 NarrativeQA, 40 per RAFT subset, 43 TREC). */
  readonly populationSize: number;
  /** Merge weight (HELM's Stat count, i.e. trials); default 1. */
  readonly weight?: number;
  /** All values are 0/1 (exact-match metrics): enables the binomial fast path and Bernoulli fallbacks. */
  readonly binary?: boolean;
  /**
   * Paired estimates (docs/rank-interval.md §9): `values` are residuals y − ŷ and the stratum mean is
   * `offset + mean(values)`, where `offset` is the mean prediction over all N_r leaderboard items. Absent for
   * plain strata.
   */
  readonly offset?: number;
}

/** Main metrics are bounded in [0, 1] (EM, F1, ROUGE-2, RR@10, NDCG@10). */
export const METRIC_RANGE: readonly [number, number] = [0, 1];

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length > 0 ? sum / values.length : Number.NaN;
}

/** The stratum's point estimate, or NaN when it has no observed item. */
export function stratumMean(stratum: Stratum): number {
  if (stratum.values.length === 0) return Number.NaN;
  return (stratum.offset ?? 0) + mean(stratum.values);
}

export function clip(value: number, range: readonly [number, number] = METRIC_RANGE): number {
  return Math.min(range[1], Math.max(range[0], value));
}

/** Strata grouped by column, in first-seen order. */
export function strataByColumn(strata: readonly Stratum[]): Map<string, Stratum[]> {
  const byColumn = new Map<string, Stratum[]>();
  for (const stratum of strata) {
    const list = byColumn.get(stratum.column) ?? [];
    list.push(stratum);
    byColumn.set(stratum.column, list);
  }
  return byColumn;
}

/** Merges per-stratum means into a cell: weighted mean over strata (NaN entries imputed as described above). */
export function mergeCell(means: ArrayLike<number>, weights: ArrayLike<number>): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < means.length; i++) {
    const m = means[i] as number;
    if (Number.isNaN(m)) continue;
    sum += m * (weights[i] as number);
    total += weights[i] as number;
  }
  return total > 0 ? sum / total : Number.NaN;
}

/** The user's cells as HELM would display them, plus the strata that had to be imputed. */
export function estimateCells(strata: readonly Stratum[]): { cells: Record<string, number>; imputedStrata: string[] } {
  const cells: Record<string, number> = {};
  const imputedStrata: string[] = [];
  for (const [column, list] of strataByColumn(strata)) {
    const value = clip(
      mergeCell(
        list.map(stratumMean),
        list.map((s) => s.weight ?? 1),
      ),
    );
    if (Number.isNaN(value)) continue;
    cells[column] = value;
    for (const stratum of list) if (stratum.values.length === 0) imputedStrata.push(stratum.id);
  }
  return { cells, imputedStrata };
}
