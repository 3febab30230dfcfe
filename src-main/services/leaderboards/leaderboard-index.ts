/**
 * The on-disk form of an imported leaderboard: `leaderboards/<name>/index.json` (everything the app reads to show
 * and rank against the board, so opening it never touches the archive), `board.json` (its compact head and table
 * values, all that listing and showing the board read: ./board-summary.ts), `run-stats.json` (the kept stats of each
 * run, read only on demand) and `source.json` (where it came from).
 * Both are written into a fresh folder that then replaces the old one, so a failed re-import leaves the previous
 * leaderboard intact and a reader never sees half an index.
 */
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogueEntry, ImportWarning, TableName, WinRateRule } from '../../../src-shared/api/leaderboards';
import { AppError } from '../../../src-shared/errors';
import type { Cell, RunRecord } from '../../../src-shared/leaderboard/cells';
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import type { Stat } from '../../../src-shared/helm/stat';
import { isFile } from '../../engine/download/partial-file';
import { BOARD_SUMMARY_FILE, boardSchemas, lazy, parseBoardSummary, summarizeBoard } from './board-summary';
import type { BoardSummary } from './board-summary';

export const INDEX_FORMAT_VERSION = 1;

/**
 * One imported run as `index.json` lists it: the {@link RunRecord} fields without the stats, where it came from and
 * its instance counts. The stats live in `run-stats.json` (see {@link loadLeaderboardRuns}), so opening a board
 * for its tables stays fast at Classic scale.
 */
export interface IndexedRun extends Omit<RunRecord, 'stats'> {
  /** The folder above the run directory (HELM's suite, e.g. `v0.3.0`), or null. */
  suite: string | null;
  /**
   * Mean `num_instances` per split (`{"valid": 1000}`): the evaluated instances of one trial, from the unperturbed
   * `num_instances` stat (its `count` is the number of trials, so sum/count).
   */
  numInstances: Record<string, number>;
  /**
   * Mean tokens per request per split, from the unperturbed general-information stats (`num_prompt_tokens`;
   * output = `num_output_tokens`, else `num_completion_tokens`), used to estimate tokens per level. Absent
   * in indexes written before it was kept, and for runs without those stats.
   */
  tokensPerRequest?: Record<string, TokensPerRequest>;
}

/** Mean prompt and output tokens of one request of a run (HELM `basic_metrics.py` general information). */
export interface TokensPerRequest {
  prompt: number;
  output: number;
}

/** A run with its stats (only those a table can match, plus `num_instances`): a {@link RunRecord} for the cell math. */
export interface ImportedRun extends IndexedRun {
  stats: Stat[];
}

/** `run-stats.json`: `stats[i]` belongs to `index.runs[i]`. */
interface RunStatsFile {
  formatVersion: typeof INDEX_FORMAT_VERSION;
  stats: Stat[][];
}

/** One table of the board, aligned with the schema's columns for that table. */
export interface IndexedTable {
  columns: ColumnSpec[];
  /** `values[modelIndex][columnIndex]`, null for an empty cell; rows follow {@link LeaderboardIndex.models}. */
  values: (number | null)[][];
  /** Full cells (sum, count, runs, HELM description) when computed from runs; null for published tables. */
  cells: Cell[][] | null;
}

/**
 * `index.json` of an imported leaderboard.
 * - `models` are the rows in HELM's row order (legacy win-rate ties depend on it); `displayNames` align with them.
 * - `runs` lists every imported run (name, model, groups, suite, instance counts); their stats are in
 *   `run-stats.json`, aligned by position. Empty for `release-files` boards, which have published cells only.
 * - `tables[t].values[i][j]` is model `models[i]`'s cell in column `tables[t].columns[j]`.
 * - `warnings` lists the runs skipped at import, by name.
 */
export interface LeaderboardIndex {
  formatVersion: typeof INDEX_FORMAT_VERSION;
  name: string;
  /** Catalogue entry id, or null for an ad-hoc URL / path. */
  catalogueId: string | null;
  title: string;
  /** HELM project (`classic`, `lite`): selects the board schema. */
  project: string;
  release: string;
  kind: CatalogueEntry['kind'];
  /** The board's own win-rate rule, the default of `leaderboard show`. */
  winRateRule: WinRateRule;
  importedAt: string;
  models: string[];
  displayNames: (string | null)[];
  runs: IndexedRun[];
  tables: Partial<Record<TableName, IndexedTable>>;
  warnings: ImportWarning[];
}

/** `source.json`: where the board was imported from. */
export interface LeaderboardSource {
  /** The source URL (before the mirror rule) or local path. */
  url: string;
  /** The URL actually fetched (after the mirror rule), or null for a local path. */
  fetchedFrom: string | null;
  /** sha256 of the downloaded file (for release files: of `groups/core_scenarios.json`); null for a folder. */
  sha256: string | null;
  importedAt: string;
}

/** The schemas of index.json and source.json, made on first read (an import writes them, and loads no zod). */
const indexSchemas = lazy(async () => {
  const { z, head } = await boardSchemas();
  return {
    source: z.object({
      url: z.string(),
      fetchedFrom: z.string().nullable(),
      sha256: z.string().nullable(),
      importedAt: z.string(),
    }),
    // Only the top level is checked on load: the index is our own file, and re-validating every stat would cost
    // the re-open budget (≤ 200 ms) at Classic scale. Deep validation happened at import.
    head: z.looseObject({
      formatVersion: z.literal(INDEX_FORMAT_VERSION),
      ...head,
      runs: z.array(z.unknown()),
      tables: z.record(
        z.string(),
        z.looseObject({ columns: z.array(z.unknown()), values: z.array(z.array(z.number().nullable())) }),
      ),
      warnings: z.array(z.looseObject({ item: z.string(), code: z.string(), message: z.string() })),
    }),
  };
});

/** Names must be safe folder names. */
export function isValidBoardName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name);
}

export function boardDirectory(leaderboardsDir: string, name: string): string {
  if (!isValidBoardName(name)) {
    throw new AppError({
      code: 'leaderboard.bad-name',
      message: `'${name}' is not a valid leaderboard name.`,
    });
  }
  return join(leaderboardsDir, name);
}

/** Loads `index.json` of an imported board (no unzip, no network). Throws `leaderboard.not-found` when absent. */
export async function loadLeaderboardIndex(leaderboardsDir: string, name: string): Promise<LeaderboardIndex> {
  const directory = boardDirectory(leaderboardsDir, name);
  let text: string;
  try {
    text = await readFile(join(directory, 'index.json'), 'utf8');
  } catch {
    throw new AppError({
      code: 'leaderboard.not-found',
      message: `No imported leaderboard named '${name}'.`,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw damaged(name, error);
  }
  const head = (await indexSchemas()).head.safeParse(json);
  if (!head.success) throw damaged(name, head.error);
  return json as LeaderboardIndex; // cast at the boundary: the head is checked above, the body was validated at import
}

/**
 * Loads the compact index of a board (`board.json`: head, counts, table values) — what `leaderboard list` and
 * `leaderboard show` read. A board imported before `board.json` existed is summarized from `index.json`.
 */
export async function loadBoardSummary(leaderboardsDir: string, name: string): Promise<BoardSummary> {
  let text: string;
  try {
    text = await readFile(join(boardDirectory(leaderboardsDir, name), BOARD_SUMMARY_FILE), 'utf8');
  } catch {
    return summarizeBoard(await loadLeaderboardIndex(leaderboardsDir, name));
  }
  try {
    return await parseBoardSummary(text, INDEX_FORMAT_VERSION);
  } catch (error) {
    throw damaged(name, error);
  }
}

/**
 * Loads the runs of a board with their stats (`index.json` + `run-stats.json`), e.g. to recompute cells or read
 * per-run stats. Boards made from release files have none.
 */
export async function loadLeaderboardRuns(leaderboardsDir: string, name: string): Promise<ImportedRun[]> {
  const index = await loadLeaderboardIndex(leaderboardsDir, name);
  if (index.runs.length === 0) return [];
  let file: RunStatsFile;
  try {
    file = JSON.parse(
      await readFile(join(boardDirectory(leaderboardsDir, name), 'run-stats.json'), 'utf8'),
    ) as RunStatsFile; // cast: our own file, checked below
  } catch (error) {
    throw damaged(name, error);
  }
  if (
    file.formatVersion !== INDEX_FORMAT_VERSION ||
    !Array.isArray(file.stats) ||
    file.stats.length !== index.runs.length
  ) {
    throw damaged(name, new Error('run-stats.json does not match index.json'));
  }
  return index.runs.map((run, i) => ({ ...run, stats: file.stats[i] ?? [] }));
}

export async function loadLeaderboardSource(leaderboardsDir: string, name: string): Promise<LeaderboardSource | null> {
  try {
    const text = await readFile(join(boardDirectory(leaderboardsDir, name), 'source.json'), 'utf8');
    const parsed = (await indexSchemas()).source.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Names of the boards with an `index.json`, sorted. */
export async function listBoardNames(leaderboardsDir: string): Promise<string[]> {
  let items: string[];
  try {
    items = await readdir(leaderboardsDir);
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const item of items) {
    // A folder without index.json is not a board (or is being replaced).
    if (isValidBoardName(item) && (await isFile(join(leaderboardsDir, item, 'index.json')))) names.push(item);
  }
  return names.sort();
}

/**
 * Writes index.json + board.json + run-stats.json + source.json (+ `extraFiles`) into `.<name>.new-<random>/`, fsyncs them, then swaps the folder into place
 * (old folder renamed aside, new one renamed in, old one deleted). Any failure before the swap leaves the old board.
 */
export async function writeLeaderboardAtomically(
  leaderboardsDir: string,
  index: LeaderboardIndex,
  source: LeaderboardSource,
  runStats: Stat[][] = [],
  extraFiles: Readonly<Record<string, string>> = {},
): Promise<void> {
  if (runStats.length !== index.runs.length) throw new RangeError('writeLeaderboardAtomically: one stats list per run');
  const target = boardDirectory(leaderboardsDir, index.name);
  await mkdir(leaderboardsDir, { recursive: true });
  // Only needs to differ from another import's folder (mkdir fails on a clash); no cryptographic randomness.
  const suffix = `${process.pid.toString(36)}${Math.floor(Math.random() * 36 ** 6).toString(36)}`;
  const fresh = join(leaderboardsDir, `.${index.name}.new-${suffix}`);
  const old = join(leaderboardsDir, `.${index.name}.old-${suffix}`);
  await mkdir(fresh);
  try {
    const statsFile: RunStatsFile = { formatVersion: INDEX_FORMAT_VERSION, stats: runStats };
    // Written and synced side by side (the disk overlaps the syncs); the folder is renamed into place only after
    // all of them. Release files kept beside the index (e.g. runs_to_run_suites.json): names are ours, never from
    // the source.
    const files: [string, string][] = [
      ['index.json', JSON.stringify(index)],
      [BOARD_SUMMARY_FILE, JSON.stringify(summarizeBoard(index))],
      ['run-stats.json', JSON.stringify(statsFile)],
      ['source.json', `${JSON.stringify(source, null, 2)}\n`],
      ...Object.entries(extraFiles),
    ];
    const written = await Promise.allSettled(files.map(([file, text]) => writeSynced(join(fresh, file), text)));
    const failed = written.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    let hadOld = true;
    try {
      await rename(target, old);
    } catch {
      hadOld = false;
    }
    try {
      await rename(fresh, target);
    } catch (error) {
      if (hadOld) await rename(old, target);
      throw error;
    }
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(fresh, { recursive: true, force: true });
    throw error;
  }
}

async function writeSynced(path: string, text: string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function damaged(name: string, error: unknown): AppError {
  return new AppError({
    code: 'leaderboard.damaged',
    message: `The index of leaderboard '${name}' is damaged or from another version.`,
    cause: error instanceof Error ? error.message : String(error),
    details: { leaderboard: name },
  });
}
