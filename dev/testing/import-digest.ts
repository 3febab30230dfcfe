/**
 * What an import produced, reduced to hashes that must not change when the importer is rewritten for speed
 * (issue #12): the index (everything but the import time), each table's cells, the mean win rates and ranks of
 * every table under both win-rate rules, the kept run stats, and the warnings. Keys are sorted before hashing, so
 * only content counts, not the order an implementation builds its objects in.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TableName, WinRateRule } from '../../src-shared/api/leaderboards';
import { LeaderboardService } from '../../src-main/services/leaderboards/leaderboard-service';

export interface ImportDigest {
  readonly runs: number;
  readonly models: number;
  readonly warnings: number;
  /** index.json without `importedAt`, its `tables` and `warnings` (hashed below). */
  readonly index: string;
  /** Per table: the values and full cells (sum, count, runs, HELM description). */
  readonly cells: Record<string, string>;
  /** Per `table/rule`: each row's model, mean win rate and rank. */
  readonly meanWinRates: Record<string, string>;
  readonly runStats: string;
  readonly warningList: string;
}

const TABLES: readonly TableName[] = ['accuracy', 'calibration', 'robustness', 'fairness', 'efficiency'];
const RULES: readonly WinRateRule[] = ['legacy', 'current'];

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function hash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 32);
}

/**
 * The digest of board `name` as imported into `dataDir`. `places` maps machine-specific folders (a temp dir, the
 * shared data) to stable names, since a board imported from a path carries it in its title.
 */
export async function digestBoard(
  dataDir: string,
  name: string,
  places: Readonly<Record<string, string>> = {},
): Promise<ImportDigest> {
  const directory = join(dataDir, 'leaderboards', name);
  let text = await readFile(join(directory, 'index.json'), 'utf8');
  for (const [path, placeholder] of Object.entries(places))
    text = text.split(JSON.stringify(path).slice(1, -1)).join(placeholder);
  const index = JSON.parse(text) as Record<string, unknown> & {
    runs: unknown[];
    models: unknown[];
    warnings: unknown[];
    tables: Record<string, unknown>;
  };
  const { importedAt: _importedAt, tables, warnings, ...rest } = index;
  const service = new LeaderboardService({ dataDir, catalogue: [] });
  const cells: Record<string, string> = {};
  const meanWinRates: Record<string, string> = {};
  for (const table of TABLES) {
    if (!tables[table]) continue;
    cells[table] = hash(tables[table]);
    for (const winRate of RULES) {
      const rows = (await service.table({ name, table, winRate })).rows;
      meanWinRates[`${table}/${winRate}`] = hash(
        rows.map(({ model, meanWinRate, rank }) => [model, meanWinRate, rank]),
      );
    }
  }
  const runStats = JSON.parse(await readFile(join(directory, 'run-stats.json'), 'utf8')) as unknown;
  return {
    runs: index.runs.length,
    models: index.models.length,
    warnings: warnings.length,
    index: hash(rest),
    cells,
    meanWinRates,
    runStats: hash(runStats),
    warningList: hash(warnings),
  };
}
