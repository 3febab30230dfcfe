/**
 * `leaderboards/<name>/board.json`: the compact index — what listing a board and showing its tables read. It holds
 * the head of `index.json`, the run and warning counts, and each table's columns and values: tens of KB at Classic
 * scale, where `index.json` (every run, full cells) is megabytes. Written beside `index.json` at import
 * (./leaderboard-index.ts); a board imported before it existed is summarized from `index.json` on the fly.
 */
import { z } from 'zod';
import type { TableName } from '../../../src-shared/api/leaderboards';
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import type { LeaderboardIndex } from './leaderboard-index';

export const BOARD_SUMMARY_FILE = 'board.json';

type Head = Omit<LeaderboardIndex, 'runs' | 'tables' | 'warnings'>;

export interface BoardSummary extends Head {
  runCount: number;
  warningCount: number;
  /** Per table: its columns and `values[modelIndex][columnIndex]` (as in `index.json`, without the full cells). */
  tables: Partial<Record<TableName, { columns: ColumnSpec[]; values: (number | null)[][] }>>;
}

export function summarizeBoard(index: LeaderboardIndex): BoardSummary {
  const { runs, tables, warnings, ...head } = index;
  const compact: BoardSummary['tables'] = {};
  for (const [table, data] of Object.entries(tables) as [TableName, LeaderboardIndex['tables'][TableName]][]) {
    if (data) compact[table] = { columns: data.columns, values: data.values };
  }
  return { ...head, runCount: runs.length, warningCount: warnings.length, tables: compact };
}

/** The head fields `board.json` and `index.json` share (./leaderboard-index.ts checks the same ones). */
export const boardHeadShape = {
  name: z.string(),
  catalogueId: z.string().nullable(),
  title: z.string(),
  project: z.string(),
  release: z.string(),
  kind: z.enum(['run-archive', 'release-files']),
  winRateRule: z.enum(['legacy', 'current']),
  importedAt: z.string(),
  models: z.array(z.string()),
  displayNames: z.array(z.string().nullable()),
};

// Our own small file: checked whole (a damaged or foreign file is reported, never half-read).
const summarySchema = z.looseObject({
  formatVersion: z.number(),
  ...boardHeadShape,
  runCount: z.number().int().nonnegative(),
  warningCount: z.number().int().nonnegative(),
  tables: z.record(
    z.string(),
    z.looseObject({
      columns: z.array(z.looseObject({ group: z.string() })),
      values: z.array(z.array(z.number().nullable())),
    }),
  ),
});

/** Parses `board.json`; throws (a SyntaxError or a zod error) when it is not one of ours. */
export function parseBoardSummary(text: string, formatVersion: number): BoardSummary {
  const summary = summarySchema.parse(JSON.parse(text));
  if (summary.formatVersion !== formatVersion) throw new Error(`board.json has format ${summary.formatVersion}`);
  return summary as unknown as BoardSummary; // cast at the boundary: checked just above, columns were written by us
}
