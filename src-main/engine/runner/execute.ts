/**
 * Executing a plan: every request through the cache, then the model client; each answer is journaled before
 * it is counted; when a run's last answer is in, its metrics are computed and its HELM run directory written.
 * Identical requests (within or across runs) are sent once. Pause stops taking new requests; the signal
 * cancels: nothing new is sent, requests already on the wire finish and are cached (they are paid for either
 * way), so a restart resumes without paying twice.
 *
 * The concerns live beside this file: the request broker (cache, in-flight, model), the worker pool, the error
 * policy, run finishing and progress reporting; this file wires them for one job.
 */
import { setMaxListeners } from 'node:events';
import { rm } from 'node:fs/promises';
import type { EngineJob } from '../../../src-shared/engine/job';
import type { OverallProgress, HelmRunProgress } from '../../../src-shared/engine/progress';
import type { FinishedRun } from '../../../src-shared/engine/protocol';
import type { RequestCache } from '../cache/request-cache';
import { partialRoot } from '../output/run-directory';
import type { EngineComponents } from './components';
import type { RunLog } from './error-policy';
import { PauseGate } from './pause-gate';
import type { Plan } from './plan';
import type { ProgressListener } from './progress-reporter';
import { ProgressReporter } from './progress-reporter';
import { ProgressTracker } from './progress-tracker';
import type { CallingClient } from './request-broker';
import { RequestBroker } from './request-broker';
import { finishRun } from './run-finisher';
import { createRunWorks, workQueue } from './run-work';
import { isEnded, runWorkerPool } from './worker-pool';

export interface ExecuteDependencies {
  readonly components: EngineComponents;
  readonly client: CallingClient;
  readonly cache: RequestCache;
}

export interface ExecuteOptions {
  readonly signal?: AbortSignal;
  readonly gate?: PauseGate;
  readonly onProgress?: ProgressListener;
  readonly onLog?: RunLog;
  readonly onRunFinished?: (run: FinishedRun) => void;
  /** Minimum ms between progress reports (the last one is always sent). */
  readonly progressIntervalMs?: number;
}

export interface ExecuteResult {
  readonly outcome: 'completed' | 'cancelled';
  readonly overall: OverallProgress;
  readonly runs: HelmRunProgress[];
}

export async function executePlan(
  plan: Plan,
  job: EngineJob,
  deps: ExecuteDependencies,
  options: ExecuteOptions = {},
): Promise<ExecuteResult> {
  const gate = options.gate ?? new PauseGate();
  const tracker = new ProgressTracker(
    plan.runs.map((run) => ({ name: run.runSpec.name, total: run.requestStates.length, skipReason: run.skipReason })),
    job.endpoint,
  );
  const reporter = new ProgressReporter(tracker, gate, options.onProgress, options.progressIntervalMs);
  // `stop` ends everything not yet on the wire (queue, limiter, backoff); requests on the wire are aborted only
  // by `internal` (a fatal error).
  const internal = new AbortController();
  const stop = options.signal ? AbortSignal.any([options.signal, internal.signal]) : internal.signal;
  setMaxListeners(0, stop);
  setMaxListeners(0, internal.signal);
  let fatal: unknown;
  const onFatal = (error: unknown) => {
    fatal ??= error;
    internal.abort();
  };
  const finish = {
    components: deps.components,
    job,
    tracker,
    onLog: options.onLog,
    onRunFinished: options.onRunFinished,
  };
  // A moved endpoint (the same server at a new address) keeps the cache identity of the run's first address.
  const works = createRunWorks(plan, {
    ...deps.client.identity,
    ...(job.cacheBaseUrl ? { baseUrl: job.cacheBaseUrl } : {}),
  });

  // Partial run directories left by a killed engine: never renamed into place, so nothing to keep.
  await rm(partialRoot(job.runDir), { recursive: true, force: true });
  reporter.report(true);
  // Runs with no requests at all (an empty pool) still get their (empty) outputs.
  for (const work of works) if (!work.planned.skipReason && work.remaining === 0) await finishRun(work, finish);
  await runWorkerPool({
    queue: workQueue(works),
    // Twice as many workers as HTTP slots: when a slot is freed, a worker with its request built is already
    // waiting for it (the client's semaphore keeps in-flight requests at `concurrency`).
    workers: Math.max(1, job.endpoint.concurrency) * 2,
    broker: new RequestBroker(deps.client, deps.cache, internal.signal, stop, { model: job.endpoint.model }),
    gate,
    tracker,
    stopSignal: stop,
    onFatal,
    onLog: options.onLog,
    count: async ({ work, position }, state, { entry, cached }) => {
      if (isEnded(tracker, work)) return;
      work.completed[position] = { ...state, result: { ...entry.result, cached } };
      tracker.record(work.index, cached, entry.usage);
      work.remaining--;
      if (work.remaining === 0) await finishRun(work, finish);
      reporter.report();
    },
  });
  reporter.report(true);
  reporter.stop();
  if (fatal !== undefined) throw fatal;
  const cancelled = options.signal?.aborted === true;
  return { outcome: cancelled ? 'cancelled' : 'completed', overall: tracker.overall(), runs: tracker.runProgress() };
}
