/**
 * `leaderboards/<name>/board.json`: the compact index — what listing a board and showing its tables read. It holds
 * the head of `index.json`, the run and warning counts, and each table's columns and values: tens of KB at Classic
 * scale, where `index.json` (every run, full cells) is megabytes. Written beside `index.json` at import
 * (./leaderboard-index.ts); a board imported before it existed is summarized from `index.json` on the fly.
 */
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

/**
 * The schemas of the board files, made on first use: reading a board loads zod, writing one (an import) does not.
 * `head` holds the fields `board.json` and `index.json` share (./leaderboard-index.ts checks the same ones).
 */
export const boardSchemas = lazy(async () => {
  const { z } = await import('zod');
  const head = {
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
  return {
    z,
    head,
    // Our own small file: checked whole (a damaged or foreign file is reported, never half-read).
    summary: z.looseObject({
      formatVersion: z.number(),
      ...head,
      runCount: z.number().int().nonnegative(),
      warningCount: z.number().int().nonnegative(),
      tables: z.record(
        z.string(),
        z.looseObject({
          columns: z.array(z.looseObject({ group: z.string() })),
          values: z.array(z.array(z.number().nullable())),
        }),
      ),
    }),
  };
});

/** `make()` once, on the first call. */
export function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | null = null;
  return () => (made ??= make());
}

/** Parses `board.json`; throws (a SyntaxError or a zod error) when it is not one of ours. */
export async function parseBoardSummary(text: string, formatVersion: number): Promise<BoardSummary> {
  const summary = (await boardSchemas()).summary.parse(JSON.parse(text));
  if (summary.formatVersion !== formatVersion) throw new Error(`board.json has format ${summary.formatVersion}`);
  return summary as unknown as BoardSummary; // cast at the boundary: checked just above, columns were written by us
}
