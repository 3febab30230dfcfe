/**
 * The run and history channels over RunService: plan (dry run), start, pause / resume / cancel, progress
 * events, history and export. The UI's endpoint names its key by secret id; the key is read here, in the
 * main process, and handed to the engine in memory only. Each run keeps `app.json` (the endpoint without
 * its key) beside `run.json`, so a run can be resumed after a restart.
 */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryEntry, ExportFormat } from '../../../src-shared/api/history';
import type { ModelEndpoint } from '../../../src-shared/api/models';
import { modelEndpointSchema } from '../../../src-shared/api/models';
import type { RankedTable, RankResult } from '../../../src-shared/api/rank';
import type { RunConfig, RunPlanView, RunProgressView, RunWarning } from '../../../src-shared/api/runs';
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import type { EngineHostFactory } from '../../engine/process/engine-host';
import { dataPaths } from '../data-dir';
import type { RunRequest } from '../runs/run-service';
import { BOARD_FAMILY_IDS } from '../../engine/families/index';
import { loadLeaderboardIndex } from '../leaderboards/leaderboard-index';
import { RunService } from '../runs/run-service';
import { runDirectory } from '../runs/run-store';
import type { RunRecord } from '../runs/run-store';
import type { SecretStore } from '../secrets/secret-store';
import { engineEndpoint } from './endpoint';
import type { LatencyMemory } from './model-channels';
import { rankRun, readSavedRank } from './rank-channels';
import { cachedBoardMatrices } from '../board-instances/board-instance-service';
import { rankedTable, rankedTableCsv } from './ranked-table';
import { toRunProgress } from './run-progress';

/** Concurrency the engine uses by default (src-shared/engine/job.ts), for the time estimate. */
const DEFAULT_CONCURRENCY = 8;
const MAX_WARNINGS = 200;

export interface RunChannelsOptions {
  readonly dataDir: string;
  readonly secrets: SecretStore;
  readonly latencies: LatencyMemory;
  readonly mirror: () => Promise<string | null>;
  readonly emit: (progress: RunProgressView) => void;
  /** Engine entry and environment (Electron passes its bundled engine, run as Node). */
  readonly engineEntry?: string;
  readonly engineEnv?: NodeJS.ProcessEnv;
  /** Engine host per run (Electron: a `utilityProcess`); default: a Node child of `engineEntry`. */
  readonly engineHostFactory?: EngineHostFactory;
}

export class RunChannels {
  readonly service: RunService;
  private readonly warnings = new Map<string, RunWarning[]>();
  private readonly ranking = new Map<string, Promise<RankResult>>();
  private readonly active = new Set<string>();
  private readonly paths;

  constructor(private readonly options: RunChannelsOptions) {
    this.paths = dataPaths(options.dataDir);
    this.service = new RunService({
      dataDir: options.dataDir,
      ...(options.engineEntry ? { engineEntry: options.engineEntry } : {}),
      ...(options.engineEnv ? { env: options.engineEnv } : {}),
      ...(options.engineHostFactory ? { hostFactory: options.engineHostFactory } : {}),
    });
    this.service.onEvent(({ runId, message }) => {
      if (runId.startsWith('plan-')) return;
      if (message.type === 'log' && message.level === 'warning')
        this.warn(runId, message.code ?? 'engine.warning', message.message);
      if (message.type === 'ready') return;
      void this.publish(runId);
    });
  }

  async plan(config: RunConfig): Promise<RunPlanView> {
    const plan = await this.service.plan(await this.request(config));
    const latency = this.options.latencies.get(config.endpoint.baseUrl.trim()) ?? null;
    return {
      examplesPerScenario: config.examplesPerScenario,
      runs: plan.runs.map((run) => ({
        name: run.name,
        scenario: run.scenario,
        groups: run.groups,
        requests: run.requests,
        estimatedPromptTokens: run.estimatedPromptTokens,
      })),
      totals: {
        requests: plan.totals.requests,
        estimatedPromptTokens: plan.totals.estimatedPromptTokens,
        estimatedCompletionTokens: plan.totals.estimatedCompletionTokens ?? null,
        estimatedCostUsd: plan.totals.estimatedCostUsd,
        estimatedSeconds: latency === null ? null : (plan.totals.requests * latency) / 1000 / DEFAULT_CONCURRENCY,
      },
      fullRunRequests: null,
    };
  }

  async start(config: RunConfig): Promise<{ runId: string }> {
    const started = await this.service.start(await this.request(config));
    this.follow(started.runId, started.finished);
    await this.saveEndpoint(started.runId, config.endpoint);
    return { runId: started.runId };
  }

  async pause(runId: string): Promise<RunProgressView> {
    this.service.pause(runId);
    return { ...(await this.status(runId)), status: 'paused' };
  }

  async cancel(runId: string): Promise<RunProgressView> {
    this.service.cancel(runId);
    return this.status(runId);
  }

  /** Resumes a paused run in place, or restarts a cancelled / failed / interrupted one from the cache. */
  async resume(runId: string): Promise<RunProgressView> {
    const record = await this.service.get(runId);
    if (record.status === 'paused') {
      try {
        this.service.resume(runId);
        return { ...(await this.status(runId)), status: 'running' };
      } catch {
        // Not active any more (the app was restarted while paused): start it again below.
      }
    }
    if (record.status === 'done') return this.status(runId);
    // The recorded endpoint: run.json's base URL is the run's address now (a CLI --endpoint-moved updates it).
    const endpoint = { ...(await this.loadEndpoint(runId)), baseUrl: record.baseUrl };
    const started = await this.service.start(
      await this.request({
        leaderboard: record.leaderboard ?? '',
        examplesPerScenario: record.examplesPerScenario,
        endpoint,
        scenarios: record.scenarios ?? [],
      }),
      runId,
    );
    this.follow(runId, started.finished);
    return this.status(runId);
  }

  async status(runId: string): Promise<RunProgressView> {
    return toRunProgress(this.shown(await this.service.get(runId)), this.warnings.get(runId) ?? []);
  }

  async result(runId: string): Promise<RankResult> {
    const existing = this.ranking.get(runId);
    if (existing) return existing;
    const work = this.service
      .get(runId)
      .then((record) =>
        rankRun(
          this.runDir(runId),
          record,
          this.paths.leaderboards,
          record.leaderboard ? cachedBoardMatrices(this.options.dataDir, record.leaderboard) : undefined,
        ),
      );
    this.ranking.set(runId, work);
    work.catch(() => this.ranking.delete(runId));
    return work;
  }

  async history(): Promise<HistoryEntry[]> {
    const records = await this.service.list();
    return Promise.all(
      records.map(async (record): Promise<HistoryEntry> => {
        const rank = await readSavedRank(this.runDir(record.runId), record);
        return {
          runId: record.runId,
          createdAt: record.createdAt,
          leaderboard: record.leaderboard ?? '',
          examplesPerScenario: record.examplesPerScenario,
          scenarios: record.scenarios && record.scenarios.length > 0 ? record.scenarios : null,
          model: record.model,
          baseUrl: record.baseUrl,
          status: this.shown(record).status,
          rank: rank?.rank ?? null,
          rankInterval: rank ? rank.rankInterval : null,
          runDirectory: join(this.runDir(record.runId), 'benchmark_output', 'runs', record.suite),
        };
      }),
    );
  }

  /** `rank.table`: the run's model placed in its leaderboard, every row with its recomputed mean win rate. */
  async table(runId: string): Promise<RankedTable> {
    return rankedTable(this.paths.leaderboards, await this.result(runId));
  }

  async export(runId: string, format: ExportFormat): Promise<{ fileName: string; mimeType: string; content: string }> {
    const record = await this.service.get(runId);
    const rank = await readSavedRank(this.runDir(runId), record);
    const base = `helm-rank-${record.model.replace(/[^\w.-]+/g, '_')}-${runId}`;
    if (format === 'json') {
      return {
        fileName: `${base}.json`,
        mimeType: 'application/json',
        content: `${JSON.stringify({ run: record, rank }, null, 2)}\n`,
      };
    }
    if (!rank)
      throw new AppError({
        code: 'export.no-result',
        message: `Run ${runId} has no rank yet, so there is no ranked table to export.`,
      });
    return {
      fileName: `${base}.csv`,
      mimeType: 'text/csv',
      content: rankedTableCsv(await rankedTable(this.paths.leaderboards, rank)),
    };
  }

  /** `history.delete`: removes a run that is not running, with its HELM directories; the request cache keeps its answers. */
  async delete(runId: string): Promise<{ deleted: boolean }> {
    const dir = this.runDir(runId);
    if (this.isActive(runId))
      throw new AppError({
        code: 'history.run-active',
        message: `Run ${runId} is still running.`,
      });
    if (!existsSync(join(dir, 'run.json'))) return { deleted: false };
    await rm(dir, { recursive: true, force: true });
    this.ranking.delete(runId);
    this.warnings.delete(runId);
    return { deleted: true };
  }

  async close(): Promise<void> {
    await this.service.stopAll();
  }

  /** A record left `running` by a killed app is not running any more: say so, and let the user resume it. */
  private shown(record: RunRecord): RunRecord {
    const stale =
      (record.status === 'running' || record.status === 'paused' || record.status === 'planning') &&
      !this.isActive(record.runId);
    return stale
      ? {
          ...record,
          status: 'failed',
          error: {
            code: 'engine.interrupted',
            message:
              'This run was interrupted (the app or engine stopped). Everything answered so far is kept; resume to finish it.',
          },
        }
      : record;
  }

  /** Every run in this process starts here, so this set is exactly the runs with a live engine. */
  private isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  private follow(runId: string, finished: Promise<RunRecord>): void {
    this.active.add(runId);
    void finished.then(
      async (record) => {
        this.active.delete(runId);
        if (record.status === 'done' && record.leaderboard) {
          await this.result(runId).catch((error: unknown) =>
            this.warn(runId, 'rank.failed', `Ranking failed: ${toAppErrorData(error).message}`),
          );
        }
        await this.publish(runId);
      },
      () => this.active.delete(runId),
    );
  }

  /** Keeps the newest {@link MAX_WARNINGS} per run: a noisy engine must not grow every progress event without bound. */
  private warn(runId: string, code: string, message: string): void {
    const list = this.warnings.get(runId) ?? [];
    list.push({ item: runId, code, message });
    this.warnings.set(runId, list.slice(-MAX_WARNINGS));
  }

  private async publish(runId: string): Promise<void> {
    try {
      const record = await this.service.get(runId);
      this.options.emit(toRunProgress(record, this.warnings.get(runId) ?? []));
    } catch {
      // The record is being written for the first time; the next message publishes.
    }
  }

  private async request(config: RunConfig): Promise<RunRequest> {
    if (!config.endpoint.baseUrl || !config.endpoint.model)
      throw new AppError({
        code: 'runs.no-endpoint',
        message: 'Choose a model endpoint first (base URL and model name).',
      });
    const mirror = await this.options.mirror();
    const board = await this.boardFamily(config.leaderboard);
    return {
      endpoint: await engineEndpoint(config.endpoint, this.options.secrets),
      examplesPerScenario: config.examplesPerScenario,
      // The chosen board's family decides the run entries (Lite boards run the Lite scenarios).
      ...(board ? { board } : {}),
      scenarios: config.scenarios,
      leaderboard: config.leaderboard,
      ...(mirror ? { mirror } : {}),
    };
  }

  /** The family (`classic`, `lite`) of an imported board with a known family; undefined otherwise. */
  private async boardFamily(leaderboard: string): Promise<string | undefined> {
    try {
      const { project } = await loadLeaderboardIndex(this.paths.leaderboards, leaderboard);
      return (BOARD_FAMILY_IDS as readonly string[]).includes(project) ? project : undefined;
    } catch {
      // Not imported yet (the plan step may precede the import): the Classic entries, as before.
      return undefined;
    }
  }

  private runDir(runId: string): string {
    return runDirectory(this.paths.runs, runId);
  }

  private async saveEndpoint(runId: string, endpoint: ModelEndpoint): Promise<void> {
    await mkdir(this.runDir(runId), { recursive: true });
    await writeFile(join(this.runDir(runId), 'app.json'), `${JSON.stringify({ endpoint }, null, 2)}\n`);
  }

  private async loadEndpoint(runId: string): Promise<ModelEndpoint> {
    const path = join(this.runDir(runId), 'app.json');
    if (existsSync(path)) {
      const parsed = modelEndpointSchema.safeParse(
        (JSON.parse(await readFile(path, 'utf8')) as { endpoint?: unknown }).endpoint,
      );
      if (parsed.success) return parsed.data;
    }
    const record = await this.service.get(runId);
    return {
      preset: 'custom',
      baseUrl: record.baseUrl,
      model: record.apiModel,
      mode: record.mode,
      apiKeyId: null,
      pricePerMillionPrompt: record.pricePerMillionPrompt,
      pricePerMillionCompletion: record.pricePerMillionCompletion,
    };
  }
}
