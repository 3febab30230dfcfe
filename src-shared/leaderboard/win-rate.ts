/**
 * The aggregate column of a leaderboard table: HELM's mean win rate (`compute_aggregate_row_win_rates`) in its two
 * historical forms, the mean score (`compute_aggregate_row_means`), and ranks (docs/helm-fidelity.md §7.2).
 */
import type { WinRateRule } from '../api/leaderboards';

/** Options of {@link meanWinRates}. */
export interface WinRateOptions {
  /**
   * `current` (HELM HEAD, PR #3001): tied cells share the average of their positions.
   * `legacy` (HELM v0.3.0 / v0.4.0): ties are broken by row position, so rows must be in HELM's row order.
   */
  rule: WinRateRule;
  /**
   * `invalid[row][column]`: cells left out of the column as if empty. HELM's legacy code left out strongly
   * contaminated cells; pass the mask for the legacy rule only (HEAD has no contamination handling).
   */
  invalid?: readonly (readonly boolean[])[];
}

/**
 * Mean win rate per row of `values[row][column]`. Columns whose `lowerIsBetter` is null, and columns with fewer than
 * two valid cells, are skipped. A row's win rate in a column is the share of the other valid rows it beats; its mean
 * over the row's valid columns is null when it has none.
 */
export function meanWinRates(
  values: readonly (readonly (number | null)[])[],
  lowerIsBetter: readonly (boolean | null)[],
  options: WinRateOptions,
): (number | null)[] {
  const perRow: number[][] = values.map(() => []);
  lowerIsBetter.forEach((lower, column) => {
    if (lower === null) return;
    const valid: { value: number; row: number }[] = [];
    values.forEach((row, rowIndex) => {
      const value = row[column];
      // NaN has no order; HELM never has one here (stats with a NaN sum are not written).
      if (value === null || value === undefined || Number.isNaN(value)) return;
      if (options.invalid?.[rowIndex]?.[column]) return;
      valid.push({ value, row: rowIndex });
    });
    if (valid.length < 2) return;
    const wins = options.rule === 'legacy' ? legacyWins(valid, lower) : averageTieWins(valid, lower);
    for (const [row, win] of wins) perRow[row]!.push(win / (valid.length - 1));
  });
  return perRow.map((rates) => (rates.length === 0 ? null : rates.reduce((a, b) => a + b, 0) / rates.length));
}

/**
 * v0.4.0 `compute_aggregate_row_win_rates`: `sorted((value, row), reverse=lower_is_better)`, the k-th gets k wins.
 * A tie therefore goes to the later row when higher is better and to the earlier row when lower is better.
 */
function legacyWins(valid: readonly { value: number; row: number }[], lowerIsBetter: boolean): Map<number, number> {
  const sorted = [...valid].sort((a, b) => a.value - b.value || a.row - b.row);
  if (lowerIsBetter) sorted.reverse();
  return new Map(sorted.map((cell, k) => [cell.row, k]));
}

/** HEAD: wins = #worse values + (#equal values − 1) / 2. */
function averageTieWins(valid: readonly { value: number; row: number }[], lowerIsBetter: boolean): Map<number, number> {
  const counts = new Map<number, number>();
  for (const { value } of valid) counts.set(value, (counts.get(value) ?? 0) + 1);
  const ascending = [...counts.keys()].sort((a, b) => a - b);
  if (lowerIsBetter) ascending.reverse();
  const winsByValue = new Map<number, number>();
  let worse = 0;
  for (const value of ascending) {
    const count = counts.get(value)!;
    winsByValue.set(value, worse + (count - 1) / 2);
    worse += count;
  }
  return new Map(valid.map((cell) => [cell.row, winsByValue.get(cell.value)!]));
}

/**
 * `compute_aggregate_row_means` (HEAD, `aggregation_strategies: [mean]`, e.g. HELM Capabilities' "Mean score"):
 * the mean of the row's non-null cells, null when it has none. HELM requires all columns to share `lower_is_better`.
 */
export function meanScores(values: readonly (readonly (number | null)[])[]): (number | null)[] {
  return values.map((row) => {
    const present = row.filter((value): value is number => value !== null && !Number.isNaN(value));
    return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
  });
}

/** Competition ranks: 1 + number of rows with a strictly higher score; rows without a score rank after all others. */
export function rankRows(scores: readonly (number | null)[]): number[] {
  const present = scores.filter((score): score is number => score !== null && !Number.isNaN(score));
  return scores.map((score) => {
    if (score === null || Number.isNaN(score)) return present.length + 1;
    return 1 + present.filter((other) => other > score).length;
  });
}
