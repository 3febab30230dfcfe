/**
 * Executing a plan: every request through the cache, then the model client; each answer is journaled before
 * it is counted; when a run's last answer is in, its metrics are computed and its HELM run directory written.
 * Identical requests (within or across runs) are sent once. Pause stops taking new requests; the signal
 * cancels: nothing new is sent, requests already on the wire finish and are cached (they are paid for either
 * way), so a restart resumes without paying twice.
 */
import { setMaxListeners } from 'node:events';
import { rm } from 'node:fs/promises';
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import type { EngineJob } from '../../../src-shared/engine/job';
import type { OverallProgress, RunProgress } from '../../../src-shared/engine/progress';
import type { FinishedRun } from '../../../src-shared/engine/protocol';
import type { Request, RequestState } from '../../../src-shared/helm/request';
import type { RequestCache, CacheEntry } from '../cache/request-cache';
import { requestCacheKey } from '../cache/request-cache';
import type { EndpointIdentity, ModelCall } from '../client/openai-model-client';
import { notComputedMetrics, notComputedWarning } from '../metrics/not-computed';
import { partialRoot, runOutputDir, writeRunDirectory } from '../output/run-directory';
import type { ScenarioInfo } from '../output/run-directory';
import type { CompletedRequestState, Scenario } from '../types';
import type { EngineComponents } from './components';
import { PauseGate } from './pause-gate';
import type { Plan, PlannedRun } from './plan';
import { ProgressTracker } from './progress-tracker';

/** The part of a model client the runner uses. */
export interface CallingClient {
  readonly identity: EndpointIdentity;
  call(request: Request, options?: { signal?: AbortSignal; stopSignal?: AbortSignal }): Promise<ModelCall>;
}

export interface ExecuteDependencies {
  readonly components: EngineComponents;
  readonly client: CallingClient;
  readonly cache: RequestCache;
}

export interface ExecuteOptions {
  readonly signal?: AbortSignal;
  readonly gate?: PauseGate;
  readonly onProgress?: (overall: OverallProgress, runs: RunProgress[]) => void;
  readonly onLog?: (level: 'info' | 'warning', message: string) => void;
  readonly onRunFinished?: (run: FinishedRun) => void;
  /** Minimum ms between progress reports (the last one is always sent). */
  readonly progressIntervalMs?: number;
}

export interface ExecuteResult {
  readonly outcome: 'completed' | 'cancelled';
  readonly overall: OverallProgress;
  readonly runs: RunProgress[];
}

/** An answer and the promise that it is in the journal. */
interface Answer {
  readonly entry: CacheEntry;
  readonly durable: Promise<void>;
}

interface RunWork {
  readonly planned: PlannedRun;
  readonly index: number;
  readonly keys: string[];
  readonly completed: (CompletedRequestState | undefined)[];
  remaining: number;
}

export async function executePlan(
  plan: Plan,
  job: EngineJob,
  deps: ExecuteDependencies,
  options: ExecuteOptions = {},
): Promise<ExecuteResult> {
  const { client, cache, components } = deps;
  const gate = options.gate ?? new PauseGate();
  const tracker = new ProgressTracker(
    plan.runs.map((run) => ({ name: run.runSpec.name, total: run.requestStates.length, skipReason: run.skipReason })),
    job.endpoint,
  );
  const internal = new AbortController();
  // `signal` stops everything not yet on the wire (queue, limiter, backoff); requests on the wire are aborted
  // only by `internal` (a fatal error).
  const signal = options.signal ? AbortSignal.any([options.signal, internal.signal]) : internal.signal;
  setMaxListeners(0, signal);
  setMaxListeners(0, internal.signal);
  // A moved endpoint (the same server at a new address) keeps the cache identity of the run's first address.
  const identity = { ...client.identity, ...(job.cacheBaseUrl ? { baseUrl: job.cacheBaseUrl } : {}) };
  const works: RunWork[] = plan.runs.map((planned, index) => ({
    planned,
    index,
    keys: planned.requestStates.map((state) => requestCacheKey(identity, state.request)),
    completed: new Array<CompletedRequestState | undefined>(planned.requestStates.length),
    remaining: planned.requestStates.length,
  }));
  const queue: { work: RunWork; position: number }[] = [];
  for (const work of works) {
    if (work.planned.skipReason) continue;
    for (let position = 0; position < work.planned.requestStates.length; position++) queue.push({ work, position });
  }

  let lastReport = 0;
  let trailing: NodeJS.Timeout | undefined;
  const interval = options.progressIntervalMs ?? 250;
  /** Throttled progress; a trailing report makes sure the latest counts always go out. */
  const report = (force = false) => {
    const now = performance.now();
    if (!force && now - lastReport < interval) {
      trailing ??= setTimeout(
        () => {
          trailing = undefined;
          report(true);
        },
        interval - (now - lastReport),
      );
      return;
    }
    clearTimeout(trailing);
    trailing = undefined;
    lastReport = now;
    tracker.isPaused = gate.isPaused;
    options.onProgress?.(tracker.overall(), tracker.runProgress());
  };

  const inFlight = new Map<string, Promise<Answer>>();
  /**
   * The answer to a request: from the cache, from an identical request in flight, or from the model. It comes
   * back as soon as it is known, with `durable` settling once it is in the journal (fsync'd): the answer may be
   * counted only then.
   */
  const obtain = async (key: string, request: Request): Promise<Answer & { cached: boolean }> => {
    const hit = cache.get(key);
    if (hit) return { entry: hit, durable: cache.durable(key), cached: true };
    const pending = inFlight.get(key);
    if (pending) return { ...(await pending), cached: true };
    const promise = (async (): Promise<Answer> => {
      const call = await client.call(request, { signal: internal.signal, stopSignal: signal });
      const entry: CacheEntry = { result: call.result, usage: call.usage };
      return { entry, durable: cache.put(key, entry, { model: job.endpoint.model }) };
    })();
    inFlight.set(key, promise);
    try {
      return { ...(await promise), cached: false };
    } finally {
      inFlight.delete(key);
    }
  };

  const finishRun = async (work: RunWork) => {
    const { planned } = work;
    const states = work.completed as CompletedRequestState[]; // every slot is filled once remaining hits 0
    try {
      const scores = components.score(planned.runSpec, states, components.tokenCounter(planned.runSpec, job.endpoint));
      const outputDir = runOutputDir(job.runDir, job.suite, planned.runSpec.name);
      const notComputed = notComputedMetrics(planned.runSpec);
      await writeRunDirectory(
        outputDir,
        {
          runSpec: planned.runSpec,
          scenario: scenarioInfo(planned.scenario),
          scenarioState: { adapter_spec: planned.runSpec.adapter_spec, request_states: states },
          stats: scores.stats,
          perInstanceStats: scores.perInstanceStats,
          notComputed,
        },
        partialRoot(job.runDir),
      );
      tracker.setStatus(work.index, 'done');
      if (notComputed.length > 0) options.onLog?.('warning', notComputedWarning(planned.runSpec.name, notComputed));
      options.onRunFinished?.({
        runName: planned.runSpec.name,
        outputDir,
        ...(notComputed.length > 0 ? { notComputed } : {}),
      });
    } catch (error) {
      // A full disk stops the whole job (every later write would fail too); resuming later loses nothing.
      if (error instanceof AppError && error.code === 'disk.full') throw error;
      const data = toAppErrorData(error);
      tracker.setStatus(work.index, 'failed', data.message);
      options.onLog?.('warning', `${planned.runSpec.name} failed while scoring or writing: ${data.message}`);
    }
  };

  /** A run that was skipped or failed takes no more requests and counts no more answers. */
  const isStopped = (work: RunWork) => {
    const status = tracker.status(work.index);
    return status === 'skipped' || status === 'failed';
  };

  let fatal: unknown;
  let next = 0;
  /** Answers waiting for their journal write before they are counted. */
  const countings = new Set<Promise<void>>();
  const worker = async () => {
    for (;;) {
      try {
        await gate.wait(signal);
      } catch {
        return;
      }
      if (signal.aborted) return;
      const item = queue[next++];
      if (!item) return;
      const { work, position } = item;
      if (isStopped(work)) continue;
      const state = work.planned.requestStates[position] as RequestState;
      try {
        const { entry, cached, durable } = await obtain(work.keys[position] as string, state.request);
        // Counted once journaled, but the worker does not wait for the fsync: it takes the next request at once,
        // so a slow disk (fsyncs of 10–100 ms on a busy machine) does not leave HTTP slots idle.
        const counted = durable.then(async () => {
          if (isStopped(work)) return;
          work.completed[position] = { ...state, result: { ...entry.result, cached } };
          tracker.record(work.index, cached, entry.usage);
          work.remaining--;
          if (work.remaining === 0) await finishRun(work);
          report();
        });
        countings.add(counted);
        counted.then(
          () => countings.delete(counted),
          (error: unknown) => {
            countings.delete(counted);
            fatal ??= error;
            internal.abort();
          },
        );
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof AppError && error.code === 'model.echo-unsupported') {
          if (tracker.status(work.index) !== 'skipped') {
            const message = `${work.planned.runSpec.name} skipped: ${error.message}${error.causeText ? ` (${error.causeText})` : ''}`;
            tracker.setStatus(work.index, 'skipped', message);
            options.onLog?.('warning', message);
          }
          continue;
        }
        if (
          error instanceof AppError &&
          (error.code === 'model.bad-request' || error.code === 'model.response-too-large')
        ) {
          // The server refused this request (e.g. a prompt over its context): the run fails, as in HELM, and the
          // other runs go on.
          if (tracker.status(work.index) !== 'failed') {
            const hint = /context|too long|maximum/i.test(error.causeText ?? '')
              ? " Set the model's context window (--context-window) so prompts are fitted as HELM fits them."
              : '';
            const message = `${work.planned.runSpec.name} failed: ${error.message}${error.causeText ? ` (${error.causeText})` : ''}${hint}`;
            tracker.setStatus(work.index, 'failed', message);
            options.onLog?.('warning', message);
          }
          continue;
        }
        fatal ??= error;
        internal.abort();
        return;
      }
    }
  };

  // Partial run directories left by a killed engine: never renamed into place, so nothing to keep.
  await rm(partialRoot(job.runDir), { recursive: true, force: true });
  report(true);
  // Runs with no requests at all (an empty pool) still get their (empty) outputs.
  for (const work of works) if (!work.planned.skipReason && work.remaining === 0) await finishRun(work);
  // Twice as many workers as HTTP slots: when a slot is freed, a worker with its request built is already
  // waiting for it (the client's semaphore keeps in-flight requests at `concurrency`).
  await Promise.all(Array.from({ length: Math.max(1, job.endpoint.concurrency) * 2 }, worker));
  // Answers already received are journaled and counted, also when the run was cancelled (they are paid for).
  await Promise.allSettled([...countings]);
  report(true);
  clearTimeout(trailing);
  if (fatal !== undefined) throw fatal;
  const cancelled = options.signal?.aborted === true;
  return { outcome: cancelled ? 'cancelled' : 'completed', overall: tracker.overall(), runs: tracker.runProgress() };
}

/** `scenario.json`: HELM's Scenario name, description and tags, when the scenario supplies them. */
function scenarioInfo(scenario: Scenario): ScenarioInfo {
  const extra = scenario as Scenario & { description?: unknown; tags?: unknown; definitionPath?: unknown }; // optional fields a scenario may carry
  return {
    name: scenario.name,
    description: typeof extra.description === 'string' ? extra.description : '',
    tags: Array.isArray(extra.tags) ? extra.tags.filter((tag): tag is string => typeof tag === 'string') : [],
    definition_path: typeof extra.definitionPath === 'string' ? extra.definitionPath : '',
  };
}
