/**
 * HELM's published release tables (`releases/<release>/groups/core_scenarios.json`): a list of tables in the shape of
 * `presentation/table.py` — `{title, header: [{value, lower_is_better?, …}], rows: [[{value?, description?, …}]]}`,
 * the first column the model's display name, then "Mean win rate" (or "Mean score"), then one column per run group.
 */
import { z } from 'zod';
import type { TableName } from '../api/leaderboards';
import { AppError } from '../errors';
import type { BoardSchema } from './schema';

const cellSchema = z.looseObject({ value: z.unknown().optional(), description: z.string().nullish() });
const headerSchema = z.looseObject({ value: z.string(), lower_is_better: z.boolean().nullish() });
const tableSchema = z.looseObject({
  title: z.string(),
  header: z.array(headerSchema),
  rows: z.array(z.array(cellSchema)),
});
const tablesSchema = z.array(tableSchema);

// Table titles are the metric groups' display names (schema_classic.yaml / schema_lite.yaml `metric_groups`).
const TITLE_TO_TABLE: Readonly<Record<string, TableName>> = {
  Accuracy: 'accuracy',
  Calibration: 'calibration',
  Robustness: 'robustness',
  Fairness: 'fairness',
  Efficiency: 'efficiency',
};

/** Parsed published tables, aligned to the schema: `tables[name][modelIndex][columnIndex]` in schema column order. */
export interface PublishedTables {
  /** Model names (`adapter_spec.model`) where the schema maps the display name back; the display name otherwise. */
  models: string[];
  displayNames: string[];
  tables: Partial<Record<TableName, (number | null)[][]>>;
}

/**
 * Reads a published `groups/core_scenarios.json`. Rows come in the published order (Accuracy table's rows first,
 * rows only in later tables appended); a schema column the table lacks, or an empty cell, is null. Tables with other
 * titles (General information, Bias, …) are ignored. Throws `leaderboard.bad-published-table` on a malformed file.
 */
export function parsePublishedTables(json: unknown, schema: BoardSchema): PublishedTables {
  const parsed = tablesSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError({
      code: 'leaderboard.bad-published-table',
      message: 'The published leaderboard table is not in HELM’s table format (a list of {title, header, rows}).',
      cause: parsed.error.message,
    });
  }
  const displayToModel = new Map<string, string>();
  for (const [model, displayName] of Object.entries(schema.displayNames ?? {})) {
    // Two schema models can share a display name (PaLM-2 (Bison)); the first listed wins.
    if (!displayToModel.has(displayName)) displayToModel.set(displayName, model);
  }

  const displayNames: string[] = [];
  const rowOf = new Map<string, number>();
  const rowIndex = (displayName: string): number => {
    let index = rowOf.get(displayName);
    if (index === undefined) {
      index = displayNames.length;
      displayNames.push(displayName);
      rowOf.set(displayName, index);
    }
    return index;
  };

  const found: { table: TableName; rows: Map<number, (number | null)[]> }[] = [];
  const ordered = [...parsed.data].sort((a, b) => Number(b.title === 'Accuracy') - Number(a.title === 'Accuracy'));
  for (const table of ordered) {
    const name = TITLE_TO_TABLE[table.title];
    const columns = name ? schema.tables[name] : undefined;
    if (!name || !columns || found.some((entry) => entry.table === name)) continue;
    const headerIndex = new Map(table.header.map((header, index) => [header.value, index]));
    const columnIndexes = columns.map((column) => headerIndex.get(column.header));
    const rows = new Map<number, (number | null)[]>();
    for (const row of table.rows) {
      const label = row[0]?.value;
      if (typeof label !== 'string') continue;
      rows.set(
        rowIndex(label),
        columnIndexes.map((index) => (index === undefined ? null : cellNumber(row[index]?.value))),
      );
    }
    found.push({ table: name, rows });
  }

  const tables: Partial<Record<TableName, (number | null)[][]>> = {};
  for (const { table, rows } of found) {
    const width = schema.tables[table]?.length ?? 0;
    tables[table] = displayNames.map((_, index) => rows.get(index) ?? new Array<number | null>(width).fill(null));
  }
  return { models: displayNames.map((display) => displayToModel.get(display) ?? display), displayNames, tables };
}

/** A cell's `value` when it is a finite number (HELM omits `value` for empty cells). */
function cellNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
