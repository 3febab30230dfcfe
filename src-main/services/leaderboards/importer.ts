/**
 * One leaderboard import: fetch the source (through the mirror rule and the Downloader, cached under
 * `downloads/`), read it (zip archive on every core: ./zip-import.ts; runs folder; or published release table),
 * compute the cell tables with the shared leaderboard math, and write the index atomically. See README.md "Architecture"
 * and "Where data is kept".
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ImportWarning, TableName } from '../../../src-shared/api/leaderboards';
import { AppError } from '../../../src-shared/errors';
import { parsePythonJson } from '../../../src-shared/helm/python-json';
import { columnStatCache, computeCellTables, sortModels } from '../../../src-shared/leaderboard/cells';
import type { Cell, CellTable, ColumnStatFinder } from '../../../src-shared/leaderboard/cells';
import { schemaFor } from '../../../src-shared/leaderboard/schema';
import type { BoardSchema } from '../../../src-shared/leaderboard/schema';
import { cachePathFor } from '../../engine/download/cache-path';
import { isDiskFull, writeFailure } from '../../engine/disk-errors';
import type { Downloader } from '../../engine/download/downloader';
import { isFile, sha256File } from '../../engine/download/partial-file';
import { applyMirror } from '../../engine/download/mirror';
import type { ImportPlan } from './catalogue';
import { ByteBudget, checkNameField, DEFAULT_IMPORT_BUDGET } from './import-budget';
import type { ImportBudget } from './import-budget';
import { BoardWrite, INDEX_FORMAT_VERSION, writeLeaderboardAtomically } from './leaderboard-index';
import type { ImportedRun, IndexedTable, LeaderboardIndex, LeaderboardSource } from './leaderboard-index';
import { fetchReleaseFile, parseRunsToSuites, RUNS_TO_SUITES_FILE } from './release-files';
import { RunCollector } from './run-collector';
import { readFolderRunFiles } from './run-files';
import { importZipRuns } from './zip-import';
import type { ImportPool, ImportWorkers } from './import-pool';

/** Progress of an import, before the service adds the job id. */
export interface ImportStep {
  phase: 'download' | 'import' | 'index';
  bytes: number;
  totalBytes: number | null;
  rate: number;
  runsRead: number;
  /** Runs the archive holds (its run_spec.json entries), when known. */
  runsTotal: number | null;
  warnings: ImportWarning[];
}

export interface ImportOptions {
  readonly leaderboardsDir: string;
  readonly downloadsDir: string;
  readonly name: string;
  /** The downloader, or how to load it (a local archive never needs it, and it loads an HTTP client). */
  readonly downloader: Downloader | (() => Promise<Downloader>);
  readonly mirror?: string | null;
  readonly signal?: AbortSignal;
  readonly onProgress?: (step: ImportStep) => void;
  readonly now?: () => Date;
  /** Limits on what the import reads (default {@link DEFAULT_IMPORT_BUDGET}). */
  readonly budget?: ImportBudget;
  /** Worker threads for archives (default: one per core, up to 4, when running the build; see ./zip-import.ts). */
  readonly workers?: ImportWorkers;
  /** Running import workers to use instead (the caller closes them; null: none). */
  readonly pool?: ImportPool | null;
}

const TABLES: readonly TableName[] = ['accuracy', 'calibration', 'robustness', 'fairness', 'efficiency'];

/** Runs one import end to end and returns the index it wrote. */
export async function importLeaderboard(plan: ImportPlan, options: ImportOptions): Promise<LeaderboardIndex> {
  const schema = schemaFor(plan.project);
  const warnings: ImportWarning[] = [];
  const report = (step: Partial<ImportStep> & { phase: ImportStep['phase'] }) =>
    options.onProgress?.({ bytes: 0, totalBytes: null, rate: 0, runsRead: 0, runsTotal: null, warnings, ...step });

  const budget = options.budget ?? DEFAULT_IMPORT_BUDGET;
  const fetched = await fetchSource(plan, options, report);
  const sourceName = plan.path ?? fetched.url;
  const importedAt = (options.now ?? (() => new Date()))().toISOString();
  let body: Pick<LeaderboardIndex, 'models' | 'displayNames' | 'runs' | 'tables'>;
  const extraFiles: Record<string, string> = {};
  const diskFull = (error: unknown) => {
    throw isDiskFull(error) ? writeFailure(`the leaderboard '${options.name}'`, options.leaderboardsDir, error) : error;
  };
  // Run stats are written into the new board's folder as the runs come in (none for a published table).
  let write: BoardWrite | null = null;
  try {
    if (plan.kind === 'release-files') {
      new ByteBudget(budget, sourceName).add(basename(fetched.path), (await stat(fetched.path)).size);
      body = await readPublished(await readFile(fetched.path, 'utf8'), schema, fetched.path);
      for (const [index, model] of body.models.entries()) {
        checkNameField(budget, sourceName, basename(fetched.path), 'model name', model);
        checkNameField(budget, sourceName, basename(fetched.path), 'display name', body.displayNames[index] ?? '');
      }
      const runMap = await fetchRunMap(plan, fetched, options);
      if (typeof runMap === 'string') extraFiles[RUNS_TO_SUITES_FILE] = runMap;
      else warnings.push(runMap);
    } else {
      // Each run's stat per column is found, and its stats written, as the run comes in, while later files are
      // still being read.
      const found = columnStatCache(TABLES.map((table) => schema.tables[table] ?? []));
      const board = await BoardWrite.begin(options.leaderboardsDir, options.name).catch(diskFull);
      write = board;
      const collector = new RunCollector(schema, budget, sourceName, (run) => {
        found.add(run);
        board.addRunStats(run.stats);
      });
      // An archive's directory says how many runs it holds before any is read: the bar has a real total.
      let runsTotal: number | null = null;
      let lastReport = 0;
      const progress = () => {
        const now = Date.now();
        if (now - lastReport > 100) {
          lastReport = now;
          report({ phase: 'import', runsRead: collector.runsRead, runsTotal });
        }
      };
      if (plan.kind === 'runs-folder') {
        // A folder is parsed on this thread, with the exact validators (zod) at hand for what the fast ones defer.
        const { EXACT_VALIDATORS } = await import('./run-file-exact');
        const sink = (file: Parameters<RunCollector['add']>[0]) => {
          collector.add(file, EXACT_VALIDATORS);
          progress();
        };
        await readFolderRunFiles(fetched.path, sink, options.signal, budget);
      } else {
        await importZipRuns(fetched.path, collector, {
          project: plan.project,
          budget,
          source: sourceName,
          signal: options.signal,
          onProgress: progress,
          onRunsTotal: (runs) => {
            runsTotal = runs;
            report({ phase: 'import', runsRead: 0, runsTotal });
          },
          ...(options.workers ? { workers: options.workers } : {}),
          ...(options.pool !== undefined ? { pool: options.pool } : {}),
        });
      }
      collector.finish();
      warnings.push(...collector.warnings);
      report({ phase: 'index', runsRead: collector.runsRead, runsTotal });
      body = tablesFromRuns(collector.runs, schema, found.statFor);
      if (collector.runs.length === 0) {
        throw new AppError({
          code: 'import.no-runs',
          message: `No valid HELM run (run_spec.json + stats.json) was found in ${plan.path ?? fetched.url}.`,
          cause:
            warnings
              .slice(0, 3)
              .map((warning) => warning.message)
              .join(' | ') || 'no run directories',
        });
      }
    }
  } catch (error) {
    await write?.abort();
    // A downloaded file that cannot be read is not worth resuming or reusing.
    if (fetched.isDownloaded && error instanceof AppError && error.code !== 'import.cancelled')
      await rm(fetched.path, { force: true });
    throw error;
  }

  const index: LeaderboardIndex = {
    formatVersion: INDEX_FORMAT_VERSION,
    name: options.name,
    catalogueId: plan.entry?.id ?? null,
    title: plan.entry?.title ?? `${options.name} (${plan.path ?? plan.urls[0] ?? ''})`,
    project: plan.project,
    release: plan.entry?.release ?? '',
    kind: plan.kind === 'release-files' ? 'release-files' : 'run-archive',
    winRateRule: plan.entry?.winRateRule ?? (plan.project === 'classic' ? 'legacy' : 'current'),
    importedAt,
    ...body,
    warnings,
  };
  if (options.signal?.aborted) {
    await write?.abort();
    throw new AppError({ code: 'import.cancelled', message: 'The import was cancelled.' });
  }
  let source: LeaderboardSource;
  try {
    source = {
      url: plan.path ?? fetched.url,
      fetchedFrom: fetched.fetchedFrom,
      sha256: await fetched.sha256,
      importedAt,
    };
  } catch (error) {
    await write?.abort();
    throw error;
  }
  if (write) await write.commit(index, source, extraFiles).catch(diskFull);
  else await writeLeaderboardAtomically(options.leaderboardsDir, index, source, [], extraFiles).catch(diskFull);
  return index;
}

/** sha256 of a file, computed alongside the import; awaited (and its error seen) only when source.json is written. */
function hashing(path: string): Promise<string> {
  const hash = sha256File(path);
  hash.catch(() => undefined);
  return hash;
}

function downloaderOf(options: ImportOptions): Promise<Downloader> {
  return typeof options.downloader === 'function' ? options.downloader() : Promise.resolve(options.downloader);
}

interface FetchedSource {
  path: string;
  url: string;
  fetchedFrom: string | null;
  /** Hashed while the import runs (the hash is only needed for source.json). */
  sha256: Promise<string | null>;
  isDownloaded: boolean;
}

async function fetchSource(
  plan: ImportPlan,
  options: ImportOptions,
  report: (step: Partial<ImportStep> & { phase: ImportStep['phase'] }) => void,
): Promise<FetchedSource> {
  if (plan.path) {
    const isFolder = plan.kind === 'runs-folder' || (plan.kind === 'release-files' && !plan.path.endsWith('.json'));
    const path =
      plan.kind === 'release-files' && isFolder ? join(plan.path, 'groups', 'core_scenarios.json') : plan.path;
    return {
      path,
      url: plan.path,
      fetchedFrom: null,
      sha256: plan.kind === 'runs-folder' ? Promise.resolve(null) : hashing(path),
      isDownloaded: false,
    };
  }
  // Release folders are fetched through their leaderboard table; archives and single files as they are.
  const urls = plan.urls.map((url) =>
    plan.kind === 'release-files' && url.endsWith('/') ? `${url}groups/core_scenarios.json` : url,
  );
  const first = urls[0];
  if (!first)
    throw new AppError({ code: 'import.unknown-source', message: 'Nothing to import: the source has no URL.' });
  const destination = cachePathFor(options.downloadsDir, first);
  if (await isFile(destination)) {
    // A complete download (only complete files get the final name) is reused: releases and archives are immutable.
    return {
      path: destination,
      url: first,
      fetchedFrom: null,
      sha256: hashing(destination),
      isDownloaded: true,
    };
  }
  const mirrored = urls.map((url) => applyMirror(url, options.mirror));
  report({ phase: 'download' });
  const result = await (
    await downloaderOf(options)
  ).downloadFirst(mirrored, {
    destination,
    signal: options.signal,
    onProgress: (progress) =>
      report({ phase: 'download', bytes: progress.bytes, totalBytes: progress.totalBytes, rate: progress.rate }),
  });
  const sourceUrl = urls[mirrored.indexOf(result.url)] ?? first;
  return {
    path: result.path,
    url: sourceUrl,
    fetchedFrom: result.url === sourceUrl ? null : result.url,
    sha256: Promise.resolve(result.sha256),
    isDownloaded: true,
  };
}

/**
 * The release's `runs_to_run_suites.json` (run name → suite), which the leaderboard's per-instance data needs; the
 * table is usable without it, so a failure is a warning, not an error.
 */
async function fetchRunMap(
  plan: ImportPlan,
  fetched: FetchedSource,
  options: ImportOptions,
): Promise<string | ImportWarning> {
  const location = { urls: [fetched.url, ...plan.urls], path: plan.path };
  try {
    const text = await fetchReleaseFile(location, RUNS_TO_SUITES_FILE, {
      downloader: await downloaderOf(options),
      downloadsDir: options.downloadsDir,
      mirror: options.mirror,
      signal: options.signal,
    });
    if (parseRunsToSuites(text)) return text;
    return {
      item: RUNS_TO_SUITES_FILE,
      code: 'import.bad-run-map',
      message: `${RUNS_TO_SUITES_FILE} is not a {run name: suite} object; the leaderboard's per-instance data cannot be fetched.`,
    };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return {
      item: RUNS_TO_SUITES_FILE,
      code: 'import.no-run-map',
      message: `${RUNS_TO_SUITES_FILE} is not available (${message}); the table is imported, but the leaderboard's per-instance data cannot be fetched.`,
    };
  }
}

/** Cell tables of every schema table over one shared row list (union of the tables' models, HELM row order). */
function tablesFromRuns(
  runs: readonly ImportedRun[],
  schema: BoardSchema,
  statFor: ColumnStatFinder,
): Pick<LeaderboardIndex, 'models' | 'displayNames' | 'runs' | 'tables'> {
  const options = {
    rowOrder: schema.rowOrder,
    statFor,
    ...(schema.thisGroupOnly ? { thisGroupOnly: schema.thisGroupOnly } : {}),
  };
  const names = TABLES.filter((table) => schema.tables[table]);
  const cellTables = computeCellTables(
    runs,
    names.map((table) => schema.tables[table] ?? []),
    options,
  );
  const computed = names.map((table, index) => ({ table, cellTable: cellTables[index] as CellTable }));
  const models = sortModels([...new Set(computed.flatMap(({ cellTable }) => cellTable.models))], schema.rowOrder);
  const tables: Partial<Record<TableName, IndexedTable>> = {};
  for (const { table, cellTable } of computed) {
    const rowOf = new Map(cellTable.models.map((model, index) => [model, index]));
    const empty = (): Cell => ({ value: null, sum: 0, count: 0, runs: 0, description: 'No matching runs' });
    const cells = models.map((model) => {
      const row = rowOf.get(model);
      return row === undefined ? cellTable.columns.map(empty) : (cellTable.cells[row] ?? []);
    });
    tables[table] = {
      columns: [...cellTable.columns],
      values: cells.map((row) => row.map((cell) => cell.value)),
      cells,
    };
  }
  return {
    models,
    displayNames: models.map((model) => schema.displayNames?.[model] ?? null),
    runs: runs.map(({ stats: _stats, ...run }) => run),
    tables,
  };
}

/** A published leaderboard table (its reader, and zod, are loaded for this kind of source only). */
async function readPublished(
  text: string,
  schema: BoardSchema,
  path: string,
): Promise<Pick<LeaderboardIndex, 'models' | 'displayNames' | 'runs' | 'tables'>> {
  const { parsePublishedTables } = await import('../../../src-shared/leaderboard/published');
  let json: unknown;
  try {
    json = parsePythonJson(text);
  } catch (error) {
    throw new AppError({
      code: 'import.bad-json',
      message: `${path} is not valid JSON.`,
      cause: error instanceof Error ? error.message : String(error),
    });
  }
  const published = parsePublishedTables(json, schema);
  const tables: Partial<Record<TableName, IndexedTable>> = {};
  for (const table of TABLES) {
    const values = published.tables[table];
    const columns = schema.tables[table];
    if (values && columns) tables[table] = { columns: [...columns], values, cells: null };
  }
  return { models: published.models, displayNames: published.displayNames, runs: [], tables };
}
