/**
 * RunService: starts, pauses, resumes and cancels runs, each in its own engine process, keeps the run store
 * (`<data dir>/runs/<run id>/run.json`) up to date and fans out the engine's messages. A run that crashed or
 * was cancelled is resumed by starting it again under the same id: the shared request cache answers every
 * request that was already paid for.
 */
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import type { AppErrorData } from '../../../src-shared/errors';
import type { EndpointInput, EngineJobInput, PlanSummary } from '../../../src-shared/engine/job';
import { engineJobSchema } from '../../../src-shared/engine/job';
import type { JobPhase } from '../../../src-shared/engine/progress';
import type { EngineMessage } from '../../../src-shared/engine/protocol';
import { EngineHost } from '../../engine/process/engine-host';
import type { EngineExit, EngineHostFactory, EngineProcessHost } from '../../engine/process/engine-host';
import { dataPaths } from '../data-dir';
import { refuseUserInfo } from '../secrets/key-binding';
import { cacheBaseUrl, checkResume, normalBaseUrl } from './resume-check';
import { RunStore, newRunId, withWarning } from './run-store';
import type { RunRecord } from './run-store';
import type { ExamplesPerScenario } from '../../../src-shared/examples-per-scenario';
import type { RunWarning } from '../../../src-shared/api/runs';

export interface RunRequest {
  /** Endpoint with the API key in memory (never stored). */
  readonly endpoint: EndpointInput;
  readonly examplesPerScenario: ExamplesPerScenario;
  /** Board family (`classic` when absent): which run entries to run. */
  readonly board?: string | undefined;
  /** The model is instruction-following (default: chat mode). */
  readonly instructionFollowing?: boolean | undefined;
  readonly scenarios?: readonly string[] | undefined;
  readonly suite?: string | undefined;
  readonly numTrainTrials?: number | undefined;
  readonly mirror?: string | undefined;
  readonly leaderboard?: string | null | undefined;
  readonly apiKeyEnv?: string | null | undefined;
}

export interface RunServiceOptions {
  readonly dataDir: string;
  /** Engine entry file (tests use a tiny engine); default: the real engine. */
  readonly engineEntry?: string;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Makes the engine host of each run or plan; default: a Node child process ({@link EngineHost}) of
   * `engineEntry` with `env`. Electron passes a `utilityProcess` host and then ignores those two.
   */
  readonly hostFactory?: EngineHostFactory;
  /**
   * How the face that started the run says to resume it (the CLI: the exact command); kept in run.json's error
   * details when the run fails, so the record itself says how to go on.
   */
  readonly resumeAdvice?: (runId: string) => string;
}

export interface RunEvent {
  readonly runId: string;
  readonly message: EngineMessage;
}

export interface StartedRun {
  readonly runId: string;
  /** Resolves with the final record when the engine process has exited. */
  readonly finished: Promise<RunRecord>;
}

/** Minimum ms between run.json writes for progress (status changes are written at once). */
const SAVE_INTERVAL_MS = 1000;

export class RunService {
  private readonly store: RunStore;
  private readonly active = new Map<string, { host: EngineProcessHost; record: RunRecord }>();
  private readonly listeners = new Set<(event: RunEvent) => void>();
  /** Dry runs under way: {@link stopAll} stops them too. */
  private readonly planning = new Set<EngineProcessHost>();
  /** Each active run's end (its final record saved): {@link stopAll} waits for them. */
  private readonly finishing = new Set<Promise<RunRecord>>();
  /** Set by {@link stopAll}: the runs it stops were interrupted, not cancelled, and nothing new starts. */
  private isStopping = false;
  /** The last queued write of a warning to a stopped run's record ({@link addWarning}). */
  private warningWrites: Promise<void> = Promise.resolve();

  constructor(private readonly options: RunServiceOptions) {
    this.store = new RunStore(dataPaths(options.dataDir).runs);
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  onEvent(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): Promise<RunRecord[]> {
    return this.store.list();
  }

  async get(runId: string): Promise<RunRecord> {
    return this.active.get(runId)?.record ?? this.store.get(runId);
  }

  /**
   * Dry run: plans in an engine process (checks sources, downloads and prepares data) and returns the plan; sends
   * nothing to the model. `onPhase` hears what it is doing meanwhile.
   */
  async plan(
    request: RunRequest,
    options: { readonly onPhase?: (phase: JobPhase) => void } = {},
  ): Promise<PlanSummary> {
    const runId = `plan-${newRunId()}`;
    if (this.isStopping) throw closing();
    let plan: PlanSummary | null = null;
    const host = this.host(runId, (message) => {
      if (message.type === 'plan') plan = message.plan;
      if (message.type === 'phase') options.onPhase?.(message.phase);
    });
    host.start(this.job(request, runId, 'plan'));
    this.planning.add(host);
    const exit = await host.wait().finally(() => this.planning.delete(host));
    if (this.isStopping && exit.kind !== 'done') throw closing();
    if (exit.kind === 'error') throw AppError.fromData(exit.error);
    if (exit.kind === 'crashed' || !plan) throw AppError.fromData(crashError(exit));
    return plan;
  }

  /**
   * Starts a new run, or resumes `runId` (an interrupted, cancelled, failed or crashed run) with the same
   * settings: other settings are refused (./resume-check.ts), a new base URL only with `endpointMoved`, and then
   * recorded. `plan`, a dry run's plan of the same settings, gives a new run its request counts from the first
   * moment (the engine's own plan replaces it when it is ready).
   */
  async start(
    request: RunRequest,
    runId?: string,
    options: { readonly endpointMoved?: boolean; readonly plan?: PlanSummary } = {},
  ): Promise<StartedRun> {
    let record: RunRecord;
    if (runId !== undefined) {
      if (this.active.has(runId))
        throw new AppError({ code: 'runs.active', message: `Run ${runId} is already running.` });
      const previous = await this.store.get(runId);
      const move = checkResume(
        previous,
        engineJobSchema.parse(this.job(request, runId, 'run')),
        options.endpointMoved === true,
      );
      record = {
        ...previous,
        ...(move ? { baseUrl: move.to, endpointMoves: [...(previous.endpointMoves ?? []), move] } : {}),
        status: 'running',
        error: null,
        finishedAt: null,
        phase: null,
      };
    } else {
      runId = newRunId();
      record = { ...this.newRecord(runId, request), plan: options.plan ?? null };
    }
    const id = runId;
    record = { ...record, startedAt: new Date().toISOString() };
    await this.store.save(record);
    if (this.isStopping) {
      // The app began to close while this run was being recorded: it starts no engine (one started now would outlive
      // the app), and is left interrupted, to resume later.
      const stopped: RunRecord = { ...record, status: 'interrupted', finishedAt: new Date().toISOString() };
      await this.store.save(stopped);
      return { runId: id, finished: Promise.resolve(stopped) };
    }
    let lastSave = 0;
    let saving: Promise<void> = Promise.resolve();
    const save = (force: boolean) => {
      const now = Date.now();
      if (!force && now - lastSave < SAVE_INTERVAL_MS) return;
      lastSave = now;
      const snapshot = { ...current().record, updatedAt: new Date().toISOString() };
      saving = saving.then(() => this.store.save(snapshot)).catch(() => undefined);
    };
    const current = () => this.active.get(id) as { host: EngineProcessHost; record: RunRecord };
    const update = (patch: Partial<RunRecord>) => {
      const entry = current();
      entry.record = { ...entry.record, ...patch };
    };
    const host = this.host(id, (message) => {
      switch (message.type) {
        case 'plan':
          update({ plan: message.plan });
          save(true);
          break;
        case 'phase':
          update({ phase: message.phase });
          save(false);
          break;
        case 'progress':
          update({
            overall: message.overall,
            runs: message.runs,
            status: message.overall.isPaused ? 'paused' : 'running',
            phase: null,
          });
          save(false);
          break;
        case 'log':
          // Kept in run.json (bounded), so the run card still shows them after a restart.
          if (message.level !== 'warning') break;
          update(
            withWarning(current().record, {
              item: id,
              code: message.code ?? 'engine.warning',
              message: message.message,
            }),
          );
          save(false);
          break;
        case 'run-finished':
          update({
            finishedRuns: [
              ...current().record.finishedRuns.filter((run) => run.runName !== message.run.runName),
              message.run,
            ],
          });
          save(true);
          break;
        case 'done':
          update({
            // Stopped because the app is closing, not by the user: interrupted (resumable), not cancelled.
            status: message.outcome !== 'cancelled' ? 'done' : this.isStopping ? 'interrupted' : 'cancelled',
            phase: null,
            runs: message.runs,
            ...(message.overall ? { overall: message.overall } : {}),
          });
          break;
        case 'error':
          update({ status: 'failed', error: withResumeAdvice(message.error, this.options.resumeAdvice?.(id)) });
          break;
        default:
          break;
      }
    });
    this.active.set(id, { host, record });
    const cacheUrl = cacheBaseUrl(record);
    host.start({
      ...this.job(request, id, 'run'),
      ...(cacheUrl !== normalBaseUrl(record.baseUrl) ? { cacheBaseUrl: cacheUrl } : {}),
    });
    const finished = (async () => {
      const exit = await host.wait();
      if (exit.kind === 'crashed')
        update(
          this.isStopping
            ? { status: 'interrupted' }
            : { status: 'failed', error: withResumeAdvice(crashError(exit), this.options.resumeAdvice?.(id)) },
        );
      update({ finishedAt: new Date().toISOString(), updatedAt: new Date().toISOString() });
      const final = current().record;
      await saving;
      await this.store.save(final);
      this.active.delete(id);
      return final;
    })();
    this.finishing.add(finished);
    void finished.finally(() => this.finishing.delete(finished)).catch(() => undefined);
    return { runId: id, finished };
  }

  /**
   * Adds a warning to a run's record (e.g. its ranking failed after it finished): in memory while the run is active
   * (its next save writes it), else in run.json at once. Writes are queued, so two warnings never race.
   */
  addWarning(runId: string, warning: RunWarning): Promise<void> {
    const entry = this.active.get(runId);
    if (entry) {
      entry.record = { ...entry.record, ...withWarning(entry.record, warning) };
      return Promise.resolve();
    }
    const write = this.warningWrites.then(async () => {
      const record = await this.store.get(runId);
      await this.store.save({ ...record, ...withWarning(record, warning), updatedAt: new Date().toISOString() });
    });
    this.warningWrites = write.catch(() => undefined);
    return write;
  }

  pause(runId: string): void {
    this.activeHost(runId).pause();
  }

  resume(runId: string): void {
    this.activeHost(runId).resume();
  }

  cancel(runId: string): void {
    this.activeHost(runId).cancel();
  }

  /**
   * Stops every active run and dry run (cancel, wait, kill): for app shutdown. Resolves once each run's final record
   * is saved (`interrupted`); a run or dry run asked for meanwhile starts no engine.
   */
  async stopAll(graceMs = 5000): Promise<void> {
    this.isStopping = true;
    const hosts = [...[...this.active.values()].map((entry) => entry.host), ...this.planning];
    await Promise.all(hosts.map((host) => host.stop(graceMs)));
    await Promise.allSettled([...this.finishing]);
  }

  private activeHost(runId: string): EngineProcessHost {
    const entry = this.active.get(runId);
    if (!entry) throw new AppError({ code: 'runs.not-active', message: `Run ${runId} is not running.` });
    return entry.host;
  }

  private host(runId: string, onMessage: (message: EngineMessage) => void): EngineProcessHost {
    const fanOut = (message: EngineMessage) => {
      onMessage(message);
      for (const listener of this.listeners) listener({ runId, message });
    };
    if (this.options.hostFactory) return this.options.hostFactory(fanOut);
    return new EngineHost({
      ...(this.options.engineEntry ? { entry: this.options.engineEntry } : {}),
      ...(this.options.env ? { env: this.options.env } : {}),
      onMessage: fanOut,
    });
  }

  private job(request: RunRequest, runId: string, kind: 'plan' | 'run'): EngineJobInput {
    // Each face refuses these in its own words first; this keeps a password out of run.json whatever the caller.
    refuseUserInfo(request.endpoint.baseUrl, { field: 'The base URL' });
    const input: EngineJobInput = {
      kind,
      endpoint: request.endpoint,
      examplesPerScenario: request.examplesPerScenario,
      ...(request.board ? { board: request.board } : {}),
      ...(request.instructionFollowing !== undefined ? { instructionFollowing: request.instructionFollowing } : {}),
      ...(request.scenarios && request.scenarios.length > 0 ? { scenarios: [...request.scenarios] } : {}),
      ...(request.suite ? { suite: request.suite } : {}),
      ...(request.numTrainTrials ? { numTrainTrials: request.numTrainTrials } : {}),
      ...(request.mirror ? { mirror: request.mirror } : {}),
      dataDir: this.options.dataDir,
      runDir: join(dataPaths(this.options.dataDir).runs, runId),
    };
    // Validate here too, so a bad request fails in the caller with a clear message, not in the child.
    const parsed = engineJobSchema.safeParse(input);
    if (!parsed.success)
      throw new AppError({
        code: 'runs.bad-request',
        message: `Invalid run settings: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      });
    return input;
  }

  private newRecord(runId: string, request: RunRequest): RunRecord {
    const job = engineJobSchema.parse(this.job(request, runId, 'run'));
    const now = new Date().toISOString();
    return {
      version: 1,
      runId,
      createdAt: now,
      updatedAt: now,
      status: 'running',
      model: job.endpoint.model,
      apiModel: job.endpoint.apiModel ?? job.endpoint.model,
      baseUrl: job.endpoint.baseUrl,
      mode: job.endpoint.mode,
      examplesPerScenario: job.examplesPerScenario,
      board: job.board,
      scenarios: job.scenarios ?? null,
      suite: job.suite,
      numTrainTrials: job.numTrainTrials,
      concurrency: job.endpoint.concurrency,
      rateLimit: job.endpoint.rateLimit,
      pricePerMillionPrompt: job.endpoint.pricePerMillionPrompt,
      pricePerMillionCompletion: job.endpoint.pricePerMillionCompletion,
      apiKeyEnv: request.apiKeyEnv ?? null,
      leaderboard: request.leaderboard ?? null,
      plan: null,
      overall: null,
      runs: [],
      finishedRuns: [],
      error: null,
      startedAt: null,
      finishedAt: null,
    };
  }
}

/** The error as run.json keeps it: with the face's words for resuming the run, when the face gave them. */
function withResumeAdvice(error: AppErrorData, advice: string | undefined): AppErrorData {
  return advice ? { ...error, details: { ...error.details, resume: advice } } : error;
}

function crashError(exit: EngineExit): AppErrorData {
  const detail =
    exit.kind === 'crashed'
      ? `exit code ${exit.code ?? 'none'}, signal ${exit.signal ?? 'none'}${exit.stderrTail ? `: ${exit.stderrTail.trim().split('\n').slice(-3).join(' | ')}` : ''}`
      : 'no plan';
  return {
    code: 'engine.crashed',
    message:
      'The engine process stopped unexpectedly. Everything answered so far is kept; start the run again to resume.',
    cause: detail,
  };
}

function closing(): AppError {
  return new AppError({
    code: 'runs.stopping',
    message: 'The app is closing: start the dry run again after it restarts.',
  });
}
