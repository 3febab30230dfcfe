/**
 * A leaderboard table as the app shows it: the schema's columns, the aggregate column (mean win rate or mean score),
 * ranks, rows sorted best first.
 */
import type { LeaderboardRow, LeaderboardTable, TableName, WinRateRule } from '../api/leaderboards';
import type { BoardSchema, ColumnSpec } from './schema';
import { meanScores, meanWinRates, rankRows } from './win-rate';

/** Input of {@link buildLeaderboardTable}: cells already computed (from runs or a published table). */
export interface LeaderboardTableInput {
  /** Leaderboard name (the imported board). */
  name: string;
  table: TableName;
  rule: WinRateRule;
  schema: BoardSchema;
  /** Row models in HELM's row order (legacy ties depend on it). */
  models: readonly string[];
  /** Display names per row; missing ones come from the schema, else null. */
  displayNames?: readonly (string | null)[];
  /** `values[row][column]` in the schema's column order for `table`. */
  values: readonly (readonly (number | null)[])[];
}

/** The strongly-contaminated mask of the legacy rule: (model, column group) listed in the schema. */
export function contaminationMask(
  models: readonly string[],
  columns: readonly ColumnSpec[],
  schema: BoardSchema,
): boolean[][] {
  const strong = new Set(schema.strongContamination.map(({ model, group }) => `${model}\u0000${group}`));
  return models.map((model) => columns.map((column) => strong.has(`${model}\u0000${column.group}`)));
}

/**
 * Computes the aggregate column and ranks and sorts rows by it, best first (rows without one last, ties in input
 * order). The legacy rule leaves strongly contaminated cells out of the win rate (they stay visible in `cells`).
 */
export function buildLeaderboardTable(input: LeaderboardTableInput): LeaderboardTable {
  const { schema, models, values } = input;
  const columns = schema.tables[input.table] ?? [];
  if (values.length !== models.length || values.some((row) => row.length !== columns.length)) {
    throw new RangeError(
      `buildLeaderboardTable: values must be ${models.length} rows × ${columns.length} columns for table ${input.table}`,
    );
  }
  const lowerIsBetter = columns.map((column) => column.lowerIsBetter);
  const aggregate =
    schema.aggregation === 'mean'
      ? meanScores(values)
      : meanWinRates(values, lowerIsBetter, {
          rule: input.rule,
          ...(input.rule === 'legacy' ? { invalid: contaminationMask(models, columns, schema) } : {}),
        });
  const ranks = rankRows(aggregate);
  const rows: LeaderboardRow[] = models.map((model, index) => ({
    model,
    displayName: input.displayNames?.[index] ?? schema.displayNames?.[model] ?? null,
    meanWinRate: aggregate[index] ?? null,
    rank: ranks[index]!,
    cells: Object.fromEntries(
      columns.map((column, columnIndex) => [column.group, values[index]![columnIndex] ?? null]),
    ),
  }));
  const order = rows.map((_, index) => index).sort((a, b) => ranks[a]! - ranks[b]! || a - b);
  return {
    name: input.name,
    table: input.table,
    winRateRule: input.rule,
    columns: columns.map((column) => column.group),
    headers: columns.map((column) => column.header),
    lowerIsBetter,
    rows: order.map((index) => rows[index]!),
  };
}
