/**
 * The leaderboard's own per-instance data, for paired rank estimates and leave-one-out calibration on the real
 * prefix (issue #6 item 4; docs/rank-interval.md §8–9). For an imported board it works out which runs carry each
 * model's main-metric cell per column (`board-runs.ts`), downloads only those runs' `per_instance_stats.json` from
 * HELM's bucket through the Downloader (mirror rule, resume, retries, progress, AbortSignal), keeps only trial 0's
 * main metric per instance (`main-metric.ts`) in a compact per-run cache (`instance-store.ts`) and deletes the raw
 * file. A run that fails is reported with its name and skipped; the others are kept. Opening the data again reads
 * the cache only.
 *
 * Release-file boards (Classic v0.4.0, Lite) need the release's `runs_to_run_suites.json`: the import keeps it in the
 * board folder (`leaderboards/<name>/runs_to_run_suites.json`); a board imported without it fetches it here, once.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import { schemaFor } from '../../../src-shared/leaderboard/schema';
import type { BoardMatrix, ObservedStratum } from '../../../src-shared/rank/paired';
import { cachePathFor } from '../../engine/download/dataset-fetcher';
import { Downloader, isFile } from '../../engine/download/downloader';
import { applyMirror } from '../../engine/download/mirror';
import { dataPaths } from '../data-dir';
import { loadCatalogue } from '../leaderboards/catalogue';
import { boardDirectory, loadLeaderboardIndex, loadLeaderboardSource } from '../leaderboards/leaderboard-index';
import type { LeaderboardIndex } from '../leaderboards/leaderboard-index';
import { fetchReleaseFile, parseRunsToSuites, RUNS_TO_SUITES_FILE } from '../leaderboards/release-files';
import { buildBoardStrata, toBoardMatrices } from './board-matrix';
import type { BoardStratum } from './board-matrix';
import { benchmarkOutputBases, runFileUrls, selectBoardRuns } from './board-runs';
import type { BoardRunRef, RunSelection } from './board-runs';
import {
  cachedRunPath,
  instancesDirectory,
  readCachedRuns,
  writeCachedRun,
  writeFileAtomically,
} from './instance-store';
import type { CachedRun } from './instance-store';
import { readMainMetricFile } from './per-instance-reader';
import { checkPrefixes, readUserRunInstances, summarizeVerdicts } from './prefix-check';
import type { PrefixVerdict } from './prefix-check';

export interface BoardInstanceServiceOptions {
  /** The data directory root. */
  readonly dataDir: string;
  /** Default mirror (`--mirror` / `HELM_RANK_MIRROR`); a request's own mirror wins. */
  readonly mirror?: string | null;
  readonly downloader?: Downloader;
  /** Runs downloaded at once (default 4). */
  readonly concurrency?: number;
  readonly now?: () => Date;
}

/** Progress of a fetch. */
export interface InstancesProgress {
  readonly runsTotal: number;
  /** Runs finished (downloaded, already cached or failed). */
  readonly runsDone: number;
  readonly runsCached: number;
  readonly runsFailed: number;
  /** Bytes downloaded so far in this fetch (finished runs plus runs in flight). */
  readonly bytes: number;
  readonly currentRun: string | null;
}

export interface FetchInstancesRequest extends RunSelection {
  readonly name: string;
  readonly mirror?: string | null | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: InstancesProgress) => void) | undefined;
}

/** What choosing the runs needs: the board, the selection, and where to fetch `runs_to_run_suites.json` from. */
type PlanRequest = Pick<FetchInstancesRequest, 'name' | 'models' | 'columns' | 'mirror' | 'signal'>;

/** A run that could not be fetched or read. */
export interface RunFailure {
  readonly run: string;
  readonly suite: string;
  readonly model: string;
  readonly code: string;
  readonly message: string;
}

export interface FetchInstancesResult {
  readonly name: string;
  readonly runsTotal: number;
  readonly runsFetched: number;
  readonly runsCached: number;
  readonly failures: readonly RunFailure[];
  readonly bytes: number;
}

/** The opened per-instance data of a board. */
export interface BoardInstances {
  readonly name: string;
  readonly strata: readonly BoardStratum[];
  readonly runs: readonly CachedRun[];
  /** Cache files that could not be read (re-fetch to repair). */
  readonly damaged: readonly string[];
}

export class BoardInstanceService {
  private readonly paths;
  private readonly downloader: Downloader;

  constructor(private readonly options: BoardInstanceServiceOptions) {
    this.paths = dataPaths(options.dataDir);
    this.downloader = options.downloader ?? new Downloader();
  }

  /** The runs a fetch with this selection would need (no download beyond `runs_to_run_suites.json`). */
  async plan(request: PlanRequest): Promise<BoardRunRef[]> {
    return this.planFor(await loadLeaderboardIndex(this.paths.leaderboards, request.name), request);
  }

  private async planFor(index: LeaderboardIndex, request: PlanRequest): Promise<BoardRunRef[]> {
    const unknown = (request.models ?? []).filter((model) => !index.models.includes(model));
    if (unknown.length > 0) {
      throw new AppError({
        code: 'instances.unknown-model',
        message: `Leaderboard '${request.name}' has no model ${unknown.join(', ')}.`,
        details: { unknownModels: unknown, knownModels: index.models },
      });
    }
    const runsToSuites =
      index.runs.length > 0
        ? null
        : await this.runsToSuites(index, request.mirror ?? this.options.mirror ?? null, request.signal);
    return selectBoardRuns(index, schemaFor(index.project), runsToSuites, request);
  }

  /** Downloads (or reuses) the per-instance data of the selected runs. Throws `instances.cancelled` when aborted. */
  async fetch(request: FetchInstancesRequest): Promise<FetchInstancesResult> {
    const mirror = request.mirror ?? this.options.mirror ?? null;
    const index = await loadLeaderboardIndex(this.paths.leaderboards, request.name);
    const refs = await this.planFor(index, { ...request, mirror });
    const boardDir = boardDirectory(this.paths.leaderboards, request.name);
    const source = await loadLeaderboardSource(this.paths.leaderboards, request.name);
    const bases = benchmarkOutputBases(index.project, source?.url ?? null);
    // A damaged cache file (e.g. edited by hand) would count as cached forever: drop it so it is fetched again.
    const { damaged } = await readCachedRuns(boardDir);
    for (const file of damaged) await rm(join(instancesDirectory(boardDir), file), { force: true });
    const failures: RunFailure[] = [];
    const inFlight = new Map<string, number>();
    let finishedBytes = 0;
    let runsDone = 0;
    let runsCached = 0;
    let runsFetched = 0;
    const report = (currentRun: string | null) => {
      let bytes = finishedBytes;
      for (const value of inFlight.values()) bytes += value;
      request.onProgress?.({
        runsTotal: refs.length,
        runsDone,
        runsCached,
        runsFailed: failures.length,
        bytes,
        currentRun,
      });
    };
    report(null);
    const queue = [...refs];
    const worker = async () => {
      for (let ref = queue.shift(); ref && !request.signal?.aborted; ref = queue.shift()) {
        const key = `${ref.suite}/${ref.run}`;
        if (await isFile(cachedRunPath(boardDir, ref))) {
          runsCached++;
        } else {
          try {
            const bytes = await this.fetchRun(ref, bases, mirror, boardDir, request.signal, (done) => {
              inFlight.set(key, done);
              report(ref.run);
            });
            finishedBytes += bytes;
            runsFetched++;
          } catch (error) {
            if (request.signal?.aborted) break;
            const data = toAppErrorData(error, 'instances.run-failed');
            failures.push({ run: ref.run, suite: ref.suite, model: ref.model, code: data.code, message: data.message });
          } finally {
            inFlight.delete(key);
          }
        }
        runsDone++;
        report(ref.run);
      }
    };
    const workers = Math.max(1, Math.min(this.options.concurrency ?? 4, refs.length));
    await Promise.all(Array.from({ length: workers }, worker));
    if (request.signal?.aborted) {
      throw new AppError({
        code: 'instances.cancelled',
        message: `Fetching the per-instance data of '${request.name}' was cancelled after ${runsDone} of ${refs.length} runs.`,
      });
    }
    report(null);
    return { name: request.name, runsTotal: refs.length, runsFetched, runsCached, failures, bytes: finishedBytes };
  }

  /** The cached per-instance data of a board as strata (no network). */
  async open(name: string, selection: RunSelection = {}): Promise<BoardInstances> {
    return this.openFor(await loadLeaderboardIndex(this.paths.leaderboards, name), name, selection);
  }

  // `name` is the folder asked for, not `index.name`: the cache lives in that folder.
  private async openFor(index: LeaderboardIndex, name: string, selection: RunSelection = {}): Promise<BoardInstances> {
    const { runs, damaged } = await readCachedRuns(boardDirectory(this.paths.leaderboards, name));
    const kept = runs.filter(
      (run) =>
        (!selection.models || selection.models.includes(run.model)) &&
        (!selection.columns || selection.columns.includes(run.column)),
    );
    return { name, strata: buildBoardStrata(kept, index.models), runs: kept, damaged };
  }

  /** The prefix check of the user's runs under `userPath` against the board's cached per-instance data. */
  async checkUserRuns(name: string, userPath: string): Promise<{ verdicts: PrefixVerdict[]; warnings: string[] }> {
    const { verdicts, warnings } = await this.checkAgainstCache(name, userPath);
    return { verdicts, warnings };
  }

  /**
   * Everything the rank service needs to pair the user's runs under `userPath` with the board (no network): the
   * matrices of the strata that pass the prefix check, renamed to the user's stratum ids (`RankRequest.boardMatrices`),
   * every verdict, and `reason` — why pairing is impossible (null when every user stratum passed).
   */
  async pairingFor(
    name: string,
    userPath: string,
  ): Promise<{ matrices: BoardMatrix[]; verdicts: PrefixVerdict[]; reason: string | null }> {
    const { strata, verdicts } = await this.checkAgainstCache(name, userPath);
    const passing = verdicts.filter((verdict) => verdict.ok).map((verdict) => ({ id: verdict.stratum }));
    let reason = summarizeVerdicts(verdicts);
    if (strata.length === 0)
      reason = `no per-instance data of '${name}' is cached (the leaderboard's per-instance results are downloaded separately)`;
    return { matrices: toBoardMatrices(strata, passing), verdicts, reason };
  }

  /** The rank module's matrices for a user's strata (`RankRequest.boardMatrices`), from the cache. */
  async matricesFor(name: string, observed: readonly Pick<ObservedStratum, 'id'>[]): Promise<BoardMatrix[]> {
    const { strata } = await this.open(name);
    return toBoardMatrices(strata, observed);
  }

  private async checkAgainstCache(
    name: string,
    userPath: string,
  ): Promise<{ strata: readonly BoardStratum[]; verdicts: PrefixVerdict[]; warnings: string[] }> {
    const index = await loadLeaderboardIndex(this.paths.leaderboards, name);
    const { strata } = await this.openFor(index, name);
    const user = await readUserRunInstances(userPath, index.tables.accuracy?.columns ?? []);
    return { strata, verdicts: checkPrefixes(user.runs, strata), warnings: user.warnings };
  }

  private async fetchRun(
    ref: BoardRunRef,
    bases: readonly string[],
    mirror: string | null,
    boardDir: string,
    signal: AbortSignal | undefined,
    onBytes: (bytes: number) => void,
  ): Promise<number> {
    const urls = runFileUrls(bases, ref.suite, ref.run, 'per_instance_stats.json');
    const destination = cachePathFor(this.paths.downloads, urls[0] as string); // runFileUrls gives one URL per base, and there is at least one base
    let bytes = 0;
    if (!(await isFile(destination))) {
      const result = await this.downloader.downloadFirst(
        urls.map((url) => applyMirror(url, mirror)),
        { destination, signal, onProgress: (progress) => onBytes(progress.bytes) },
      );
      bytes = result.bytes;
    }
    let values;
    try {
      values = await readMainMetricFile(destination, ref, { signal });
    } catch (error) {
      if (!signal?.aborted) await rm(destination, { force: true }); // a bad file is not worth keeping
      throw error;
    }
    if (Object.keys(values.subSplits).length === 0) {
      await rm(destination, { force: true });
      throw new AppError({
        code: 'instances.no-metric',
        message: `${ref.run}: no ${ref.metric} on split ${ref.split} for train trial 0 in per_instance_stats.json.`,
      });
    }
    await writeCachedRun(boardDir, {
      formatVersion: 1,
      ...ref,
      ...values,
      fetchedAt: (this.options.now ?? (() => new Date()))().toISOString(),
    });
    // Only the compact values are kept: a Classic run's raw file can be tens of megabytes.
    await rm(destination, { force: true });
    return bytes;
  }

  /**
   * `runs_to_run_suites.json` of a release-file board: the copy the import stored in the board folder, else fetched
   * now from the release folder (boards imported when it was unavailable) and stored there.
   */
  private async runsToSuites(
    index: LeaderboardIndex,
    mirror: string | null,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, string>> {
    const target = join(boardDirectory(this.paths.leaderboards, index.name), RUNS_TO_SUITES_FILE);
    let map: Record<string, string> | null;
    if (await isFile(target)) {
      map = parseRunsToSuites(await readFile(target, 'utf8'));
    } else {
      const source = await loadLeaderboardSource(this.paths.leaderboards, index.name);
      const isUrl = source !== null && /^https?:\/\//i.test(source.url);
      const entry = loadCatalogue().find((candidate) => candidate.id === index.catalogueId);
      const location = {
        urls: [...(isUrl ? [source.url] : []), ...(entry?.urls ?? [])],
        path: source && !isUrl ? source.url : null,
      };
      const text = await fetchReleaseFile(location, RUNS_TO_SUITES_FILE, {
        downloader: this.downloader,
        downloadsDir: this.paths.downloads,
        mirror,
        signal,
      });
      map = parseRunsToSuites(text);
      if (map) await writeFileAtomically(target, text);
    }
    if (!map)
      throw new AppError({
        code: 'instances.bad-run-map',
        message: `${RUNS_TO_SUITES_FILE} of '${index.name}' is not a {run name: suite} object.`,
      });
    return map;
  }
}

/**
 * The board's cached per-instance matrices for some strata (no network): the one loader every face gives both the
 * rank service and the planning function, so a plan and its run are calibrated on the same data.
 */
export function cachedBoardMatrices(
  dataDir: string,
  leaderboard: string,
): (strata: readonly Pick<ObservedStratum, 'id'>[]) => Promise<BoardMatrix[]> {
  return (strata) => new BoardInstanceService({ dataDir }).matricesFor(leaderboard, strata);
}
