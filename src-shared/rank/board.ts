/**
 * The leaderboard as the rank module sees it: one row per model in the release's row order, one column per
 * leaf scenario of the Accuracy table, the release's tie rule and its aggregation. Cells that HELM leaves out
 * of the mean win rate (empty cells; strongly contaminated cells under the legacy rule, docs/helm-fidelity.md §7.2) are
 * `null`: the board builder decides validity, the rank math only counts valid cells.
 */
import type { WinRateRule } from '../api/leaderboards';

/** One Accuracy column (a leaf run group such as `boolq`). */
export interface BoardColumn {
  /** Run-group name, e.g. `narrative_qa`. */
  readonly name: string;
  /** From the schema's metric; every Classic main metric is higher-is-better. */
  readonly lowerIsBetter: boolean;
}

/** How the aggregate column is computed: HELM's default `win_rate`, or `mean` (Capabilities' "Mean score"). */
export type Aggregation = 'win_rate' | 'mean';

/** A published Accuracy table reduced to what ranking needs. */
export interface Board {
  /** Model ids in the release's row order (the legacy tie rule depends on it, docs/helm-fidelity.md §7.1 item 8). */
  readonly models: readonly string[];
  readonly columns: readonly BoardColumn[];
  /** `values[model][column]`; `null` = no valid cell (empty, or excluded by the legacy contamination rule). */
  readonly values: readonly (readonly (number | null)[])[];
  readonly rule: WinRateRule;
  readonly aggregation: Aggregation;
}

/** The board without one model (leave-one-out calibration, docs/rank-interval.md §8). */
export function withoutModel(board: Board, index: number): Board {
  return {
    ...board,
    models: board.models.filter((_, i) => i !== index),
    values: board.values.filter((_, i) => i !== index),
  };
}

/** A model's cells as a record keyed by column name (absent = no cell). */
export function rowCells(board: Board, index: number): Record<string, number> {
  const cells: Record<string, number> = {};
  const row = board.values[index] ?? [];
  board.columns.forEach((column, c) => {
    const value = row[c];
    if (value !== null && value !== undefined) cells[column.name] = value;
  });
  return cells;
}
