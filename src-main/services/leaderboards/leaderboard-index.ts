/**
 * The on-disk form of an imported leaderboard: `leaderboards/<name>/index.json` (everything the app reads to show
 * and rank against the board, so opening it never touches the archive), `board.json` (its compact head and table
 * values, all that listing and showing the board read: ./board-summary.ts), `run-stats.json` (the kept stats of each
 * run, read only on demand) and `source.json` (where it came from).
 * Both are written into a fresh folder that then replaces the old one, so a failed re-import leaves the previous
 * leaderboard intact and a reader never sees half an index.
 */
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
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
 * Writes index.json + board.json + run-stats.json + source.json (+ `extraFiles`) into `.<name>.new-<pid>-<random>/`,
 * fsyncs them, then swaps the folder into place (old folder renamed aside, new one renamed in, old one deleted). Any
 * failure before the swap leaves the old board. See {@link BoardWrite} to stream the run stats in while importing.
 */
export async function writeLeaderboardAtomically(
  leaderboardsDir: string,
  index: LeaderboardIndex,
  source: LeaderboardSource,
  runStats: Stat[][] = [],
  extraFiles: Readonly<Record<string, string>> = {},
): Promise<void> {
  const write = await BoardWrite.begin(leaderboardsDir, index.name);
  for (const stats of runStats) write.addRunStats(stats);
  await write.commit(index, source, extraFiles);
}

/**
 * One board being written, for an import: `run-stats.json` is written run by run while later runs are still being
 * read (in the importer's idle time), the other files at {@link commit}, which syncs them all and swaps the folder
 * into place. The folder's name holds the writing process's id, so a folder left by a killed import is removed by
 * the next import of that name. Call {@link abort} when the import fails.
 */
export class BoardWrite {
  private runs = 0;
  private chunk = '';
  /** Writes in order; an error is kept for commit. */
  private writing: Promise<void>;
  private failure: unknown = null;

  private constructor(
    private readonly leaderboardsDir: string,
    private readonly name: string,
    /** `.<name>.new-<pid>-<random>`, and `.<name>.old-…` for the board it replaces. */
    private readonly suffix: string,
    private readonly stats: FileHandle,
  ) {
    this.writing = this.stats.write(`{"formatVersion":${INDEX_FORMAT_VERSION},"stats":[`).then(() => undefined);
    this.writing.catch((error: unknown) => (this.failure ??= error));
  }

  static async begin(leaderboardsDir: string, name: string): Promise<BoardWrite> {
    boardDirectory(leaderboardsDir, name); // a valid name, or throw
    await mkdir(leaderboardsDir, { recursive: true });
    await removeAbandoned(leaderboardsDir, name);
    // Only needs to differ from another import's folder (mkdir fails on a clash); no cryptographic randomness.
    const suffix = `${process.pid}-${Math.floor(Math.random() * 36 ** 6).toString(36)}`;
    const fresh = join(leaderboardsDir, `.${name}.new-${suffix}`);
    await mkdir(fresh);
    try {
      return new BoardWrite(leaderboardsDir, name, suffix, await open(join(fresh, 'run-stats.json'), 'w'));
    } catch (error) {
      await rm(fresh, { recursive: true, force: true });
      throw error;
    }
  }

  /** The next run's stats (runs in index order), as `JSON.stringify` of the whole file would write them. */
  addRunStats(stats: readonly Stat[]): void {
    this.chunk += `${this.runs > 0 ? ',' : ''}${JSON.stringify(stats)}`;
    this.runs += 1;
    if (this.chunk.length >= 256 * 1024) this.flush();
  }

  /** Writes the other files, syncs all of them, and swaps the folder into place; on failure the old board stays. */
  async commit(
    index: LeaderboardIndex,
    source: LeaderboardSource,
    extraFiles: Readonly<Record<string, string>> = {},
  ): Promise<void> {
    try {
      if (this.runs !== index.runs.length) throw new RangeError('BoardWrite: one stats list per run');
      this.chunk += ']}';
      this.flush();
      const statsDone = this.writing.then(async () => {
        if (this.failure) throw this.failure;
        await this.stats.sync();
      });
      // Written and synced side by side (the disk overlaps the syncs); the folder is renamed into place only after
      // all of them. Release files kept beside the index (e.g. runs_to_run_suites.json): names are ours, never from
      // the source.
      const files: [string, string][] = [
        ['index.json', JSON.stringify(index)],
        [BOARD_SUMMARY_FILE, JSON.stringify(summarizeBoard(index))],
        ['source.json', `${JSON.stringify(source, null, 2)}\n`],
        ...Object.entries(extraFiles),
      ];
      const written = await Promise.allSettled([
        statsDone,
        ...files.map(([file, text]) => writeSynced(join(this.fresh, file), text)),
      ]);
      const failed = written.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      await this.stats.close();
      await swapInto(
        this.fresh,
        join(this.leaderboardsDir, `.${this.name}.old-${this.suffix}`),
        boardDirectory(this.leaderboardsDir, this.name),
      );
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  /** Removes what was written (the old board, if any, is untouched). */
  async abort(): Promise<void> {
    await this.writing.catch(() => undefined);
    await this.stats.close().catch(() => undefined);
    await rm(this.fresh, { recursive: true, force: true });
  }

  private get fresh(): string {
    return join(this.leaderboardsDir, `.${this.name}.new-${this.suffix}`);
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    const text = this.chunk;
    this.chunk = '';
    this.writing = this.writing.then(async () => {
      if (!this.failure) await this.stats.write(text);
    });
    this.writing.catch((error: unknown) => (this.failure ??= error));
  }
}

/** Swaps `fresh` into `target`: the old folder renamed aside (to `old`), the new one renamed in, the old one deleted. */
async function swapInto(fresh: string, old: string, target: string): Promise<void> {
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
}

/** Folders `.<name>.new-<pid>-…` and `.<name>.old-<pid>-…` of processes that no longer run (a killed import). */
async function removeAbandoned(leaderboardsDir: string, name: string): Promise<void> {
  const prefixes = [`.${name}.new-`, `.${name}.old-`];
  for (const item of await readdir(leaderboardsDir)) {
    const prefix = prefixes.find((candidate) => item.startsWith(candidate));
    if (!prefix) continue;
    const pid = Number(item.slice(prefix.length).split('-')[0]);
    if (Number.isSafeInteger(pid) && pid > 0 && !isRunning(pid))
      await rm(join(leaderboardsDir, item), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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
