/**
 * The runs domain's channels over RunService: plan (dry run), start, pause / resume / cancel, status and progress
 * events (history: ./history-channels.ts; rank: ./rank-channels.ts). The UI's endpoint names its key by secret id; the key is read here, in the
 * main process, and handed to the engine in memory only. Each run keeps `app.json` (the endpoint without
 * its key) beside `run.json`, so a run can be resumed after a restart.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelEndpoint } from '../../../src-shared/api/models';
import { modelEndpointSchema } from '../../../src-shared/api/models';
import type { PlanProgress, RunConfig, RunPlanView, RunProgressView } from '../../../src-shared/api/runs';
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
import { DryRunMemory, planKey, toRunPlan } from './run-plan';
import { toRunProgress } from './run-progress';

/** Concurrency the engine uses by default (src-shared/engine/job.ts), for the time estimate. */
const DEFAULT_CONCURRENCY = 8;

export interface RunChannelsOptions {
  readonly dataDir: string;
  readonly secrets: SecretStore;
  readonly latencies: LatencyMemory;
  readonly mirror: () => Promise<string | null>;
  readonly emit: (progress: RunProgressView) => void;
  /** Ranks a run that finished with a leaderboard (`rank.result`); a failure becomes a run warning. */
  readonly rankFinished?: (runId: string) => Promise<unknown>;
  /** What a dry run is doing (`runs.planProgress`). */
  readonly emitPlanProgress?: (progress: PlanProgress) => void;
  /** Engine entry and environment (Electron passes its bundled engine, run as Node). */
  readonly engineEntry?: string;
  readonly engineEnv?: NodeJS.ProcessEnv;
  /** Engine host per run (Electron: a `utilityProcess`); default: a Node child of `engineEntry`. */
  readonly engineHostFactory?: EngineHostFactory;
}

export class RunChannels {
  readonly service: RunService;
  /** The last dry run's plan per settings (a few kept), so a run started right after shows its counts at once. */
  private readonly dryRuns = new DryRunMemory();
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
    // The run service keeps each run's warnings in its run.json (bounded), so they outlive this process.
    this.service.onEvent(({ runId, message }) => {
      if (runId.startsWith('plan-')) return;
      if (message.type === 'ready') return;
      void this.publish(runId);
    });
  }

  async plan(config: RunConfig): Promise<RunPlanView> {
    const started = performance.now();
    const plan = await this.service.plan(await this.request(config), {
      onPhase: (phase) => this.options.emitPlanProgress?.({ examplesPerScenario: config.examplesPerScenario, phase }),
    });
    const preparationSeconds = (performance.now() - started) / 1000;
    this.dryRuns.set(planKey(config), plan);
    const latency = this.options.latencies.get(config.endpoint.baseUrl.trim()) ?? null;
    return toRunPlan(config, plan, {
      preparationSeconds,
      requestSeconds: latency === null ? null : latency / 1000 / DEFAULT_CONCURRENCY,
    });
  }

  async start(config: RunConfig): Promise<{ runId: string }> {
    // The dry run of the same settings gives the run its request counts from the first frame.
    const dryRun = this.dryRuns.get(planKey(config));
    const started = await this.service.start(await this.request(config), undefined, dryRun ? { plan: dryRun } : {});
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
    return toRunProgress(this.shown(await this.service.get(runId)));
  }

  async close(): Promise<void> {
    await this.service.stopAll();
  }

  /**
   * A record left `running` or `paused` by an app that stopped (killed, or restarted while paused) is not running
   * any more: it is interrupted, and resumes from the cache.
   */
  shown(record: RunRecord): RunRecord {
    const stale =
      (record.status === 'running' || record.status === 'paused' || record.status === 'planning') &&
      !this.isActive(record.runId);
    return stale ? { ...record, status: 'interrupted', phase: null } : record;
  }

  /** Every run in this process starts here, so this set is exactly the runs with a live engine. */
  isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  private follow(runId: string, finished: Promise<RunRecord>): void {
    this.active.add(runId);
    void finished.then(
      async (record) => {
        this.active.delete(runId);
        if (record.status === 'done' && record.leaderboard && this.options.rankFinished) {
          await this.options.rankFinished(runId).catch((error: unknown) =>
            this.service
              .addWarning(runId, {
                item: runId,
                code: 'rank.failed',
                message: `Ranking failed: ${toAppErrorData(error).message}`,
              })
              .catch(() => undefined),
          );
        }
        await this.publish(runId);
      },
      () => this.active.delete(runId),
    );
  }

  private async publish(runId: string): Promise<void> {
    try {
      const record = await this.service.get(runId);
      this.options.emit(toRunProgress(record));
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
