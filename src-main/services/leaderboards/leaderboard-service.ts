/**
 * The leaderboard service: catalogue, download + import jobs with progress events, imported boards and their
 * tables. Its methods map 1:1 onto the channels of `src-shared/api/leaderboards.ts` (see {@link leaderboardHandlers}),
 * so Electron IPC, the web bridge and the CLI all serve the same code. The importer and the downloader are loaded
 * on the first import only: listing and showing boards (`helm-rank leaderboard list|show`) never loads them.
 */
import { randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import type {
  CatalogueEntry,
  ImportProgress,
  LeaderboardSummary,
  LeaderboardTable,
  TableName,
  WinRateRule,
} from '../../../src-shared/api/leaderboards';
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import type { AppErrorData } from '../../../src-shared/errors';
import { schemaFor } from '../../../src-shared/leaderboard/schema';
import { buildLeaderboardTable } from '../../../src-shared/leaderboard/table';
import type { Downloader } from '../../engine/download/downloader';
import { dataPaths } from '../data-dir';
import { loadCatalogue, resolveImportSource } from './catalogue';
import type { ImportPlan } from './catalogue';
import { UploadStore } from './upload-store';
import {
  boardDirectory,
  listBoardNames,
  loadBoardSummary,
  loadLeaderboardIndex,
  loadLeaderboardRuns,
  loadLeaderboardSource,
} from './leaderboard-index';
import type { ImportedRun, LeaderboardIndex } from './leaderboard-index';
import type { ImportPool, ImportWorkers } from './import-pool';

export interface LeaderboardServiceOptions {
  /** The data directory root (`--data-dir` / `HELM_RANK_HOME`). */
  readonly dataDir: string;
  /** Default mirror for imports (`--mirror` / `HELM_RANK_MIRROR`); a request's own mirror wins. */
  readonly mirror?: string | null;
  readonly downloader?: Downloader;
  /** Replaces the bundled catalogue (tests). */
  readonly catalogue?: readonly CatalogueEntry[];
  /** Import worker threads (default: one per core when running the build; tests pass the built worker). */
  readonly importWorkers?: ImportWorkers;
  /** Running import workers to use instead (the CLI starts them early; the caller closes them). */
  readonly importPool?: ImportPool | null;
}

export type ProgressListener = (progress: ImportProgress) => void;

interface Job {
  readonly controller: AbortController;
  readonly name: string;
  last: ImportProgress;
}

export class LeaderboardService {
  private readonly paths;
  private downloader: Downloader | undefined;
  private readonly catalogue: readonly CatalogueEntry[];
  private readonly listeners = new Set<ProgressListener>();
  private readonly jobs = new Map<string, Job>();
  /** Final progress of every job started by this service (small; kept so a late waiter still gets it). */
  private readonly results = new Map<string, Promise<ImportProgress>>();

  /** Archives uploaded by the page in chunks (`leaderboards.upload`), then imported from their path. */
  readonly uploads: UploadStore;

  constructor(private readonly options: LeaderboardServiceOptions) {
    this.paths = dataPaths(options.dataDir);
    this.uploads = new UploadStore(join(this.paths.downloads, 'uploads'));
    this.downloader = options.downloader;
    this.catalogue = options.catalogue ?? loadCatalogue();
  }

  /** `catalogue.list` */
  async listCatalogue(): Promise<CatalogueEntry[]> {
    return [...this.catalogue];
  }

  /** `leaderboards.list`: every imported board, by name. A damaged board is listed with a warning count of -1 rather than hiding the others. */
  async list(): Promise<LeaderboardSummary[]> {
    const summaries: LeaderboardSummary[] = [];
    for (const name of await listBoardNames(this.paths.leaderboards)) {
      try {
        const board = await loadBoardSummary(this.paths.leaderboards, name);
        const source = await loadLeaderboardSource(this.paths.leaderboards, name);
        summaries.push({
          name,
          catalogueId: board.catalogueId,
          title: board.title,
          importedAt: board.importedAt,
          sourceUrl: source?.url ?? '',
          sha256: source?.sha256 ?? null,
          models: board.models.length,
          runs: board.runCount,
          columns: (board.tables.accuracy?.columns ?? []).map((column) => column.group),
          tables: (Object.keys(board.tables) as TableName[]).filter((table) => board.tables[table]), // cast: keys of a Partial<Record<TableName, …>>
          winRateRule: board.winRateRule,
          warnings: board.warningCount,
        });
      } catch (error) {
        const data = toAppErrorData(error);
        summaries.push({
          name,
          catalogueId: null,
          title: `${name} (unreadable: ${data.message})`,
          importedAt: '',
          sourceUrl: '',
          sha256: null,
          models: 0,
          runs: 0,
          columns: [],
          tables: [],
          winRateRule: 'current',
          warnings: -1,
        });
      }
    }
    return summaries;
  }

  /** `leaderboards.import`: resolves the source at once (bad sources fail here), then runs the job in the background. */
  async startImport(request: {
    source: string;
    name?: string | undefined;
    mirror?: string | undefined;
  }): Promise<{ jobId: string }> {
    const plan = resolveImportSource(request.source, this.catalogue);
    const name = request.name ?? plan.defaultName;
    boardDirectory(this.paths.leaderboards, name); // validates the name before any work
    for (const job of this.jobs.values()) {
      if (job.name === name)
        throw new AppError({ code: 'import.busy', message: `Leaderboard '${name}' is already being imported.` });
    }
    const jobId = randomUUID();
    const controller = new AbortController();
    const initial: ImportProgress = {
      jobId,
      phase: 'download',
      bytes: 0,
      totalBytes: null,
      rate: 0,
      runsRead: 0,
      warnings: [],
      error: null,
      leaderboard: null,
    };
    const job: Job = { controller, name, last: initial };
    this.jobs.set(jobId, job);
    const done = this.loadImporter()
      .then(({ importLeaderboard, downloader }) =>
        importLeaderboard(plan, {
          leaderboardsDir: this.paths.leaderboards,
          downloadsDir: this.paths.downloads,
          name,
          downloader,
          mirror: request.mirror ?? this.options.mirror ?? null,
          signal: controller.signal,
          onProgress: (step) => this.emit(job, { ...job.last, ...step, warnings: [...step.warnings] }),
          ...(this.options.importWorkers ? { workers: this.options.importWorkers } : {}),
          ...(this.options.importPool !== undefined ? { pool: this.options.importPool } : {}),
        }),
      )
      .then(
        (index) =>
          this.finish(jobId, {
            ...job.last,
            phase: 'done',
            runsRead: index.runs.length,
            warnings: index.warnings,
            leaderboard: name,
          }),
        (error: unknown) =>
          this.finish(jobId, {
            ...job.last,
            phase: controller.signal.aborted ? 'cancelled' : 'failed',
            error: this.importFailure(plan, toAppErrorData(error, 'import.failed')),
          }),
      );
    this.results.set(jobId, done);
    return { jobId };
  }

  /**
   * A failed import's error, saying where its source came from (`details.importOrigin`: a download, the user's own
   * file or folder, or a browser upload), so each face advises what fits; an upload is named by its file name, not by
   * the server's temporary path.
   */
  private importFailure(plan: ImportPlan, error: AppErrorData): AppErrorData {
    const upload = plan.path !== null && this.uploads.holds(plan.path);
    const importOrigin = plan.urls.length > 0 ? 'download' : upload ? 'upload' : 'file';
    const named = (text: string) => (upload && plan.path ? text.split(plan.path).join(basename(plan.path)) : text);
    return {
      ...error,
      message: named(error.message),
      ...(error.cause !== undefined ? { cause: named(error.cause) } : {}),
      details: { ...error.details, importOrigin },
    };
  }

  /** `leaderboards.cancelImport`: a partial download stays for resume; the previous board stays intact. */
  async cancelImport(request: { jobId: string }): Promise<{ cancelled: boolean }> {
    const job = this.jobs.get(request.jobId);
    if (!job) return { cancelled: false };
    job.controller.abort(new Error('cancelled'));
    return { cancelled: true };
  }

  /**
   * `leaderboards.table`: one table, sorted by mean win rate, with the board's own rule unless `winRate` says
   * otherwise. Reads only the compact index (`board.json`).
   */
  async table(request: {
    name: string;
    table?: TableName | undefined;
    winRate?: WinRateRule | undefined;
  }): Promise<LeaderboardTable> {
    const index = await loadBoardSummary(this.paths.leaderboards, request.name);
    const table = request.table ?? 'accuracy';
    const data = index.tables[table];
    if (!data) {
      throw new AppError({
        code: 'leaderboard.no-table',
        message: `Leaderboard '${request.name}' has no ${table} table.`,
        details: { knownTables: Object.keys(index.tables) },
      });
    }
    return buildLeaderboardTable({
      name: index.name,
      table,
      rule: request.winRate ?? index.winRateRule,
      schema: schemaFor(index.project),
      models: index.models,
      displayNames: index.displayNames,
      values: data.values,
    });
  }

  /** The typed index of an imported board (cells, runs with per-run instance counts, row order); see {@link LeaderboardIndex}. */
  loadIndex(name: string): Promise<LeaderboardIndex> {
    return loadLeaderboardIndex(this.paths.leaderboards, name);
  }

  /** The board's runs with their kept stats (index.json + run-stats.json); empty for release-file boards. */
  loadRuns(name: string): Promise<ImportedRun[]> {
    return loadLeaderboardRuns(this.paths.leaderboards, name);
  }

  /** The importer, loaded on the first import; the downloader (an HTTP client) only when a download is needed. */
  private async loadImporter() {
    const { importLeaderboard } = await import('./importer');
    const downloader = async () => {
      if (!this.downloader) {
        const { Downloader } = await import('../../engine/download/downloader');
        this.downloader ??= new Downloader();
      }
      return this.downloader;
    };
    return { importLeaderboard, downloader: this.downloader ?? downloader };
  }

  /** Subscribes to `leaderboards.progress`; returns an unsubscribe function. */
  onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the final progress (`done`, `failed` or `cancelled`) of a job started by this service. */
  async waitForJob(jobId: string): Promise<ImportProgress> {
    const done = this.results.get(jobId);
    if (!done) throw new AppError({ code: 'import.unknown-job', message: `No import job ${jobId}.` });
    return done;
  }

  private emit(job: Job, progress: ImportProgress): void {
    job.last = progress;
    for (const listener of this.listeners) listener(progress);
  }

  private finish(jobId: string, progress: ImportProgress): ImportProgress {
    const job = this.jobs.get(jobId);
    if (job) this.emit(job, progress);
    this.jobs.delete(jobId);
    return progress;
  }
}
