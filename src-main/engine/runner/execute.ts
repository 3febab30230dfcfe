/**
 * Executing a plan: every request through the cache, then the model client; each answer is journaled before
 * it is counted; when a run's last answer is in, its metrics are computed and its HELM run directory written.
 * Identical requests (within or across runs) are sent once. Pause stops taking new requests; the signal
 * cancels: nothing new is sent, requests already on the wire get a short grace to finish and be cached (they
 * are paid for either way), so a restart resumes without paying twice.
 *
 * The concerns live beside this file: the request broker (cache, in-flight, model), the worker pool, the error
 * policy, run finishing and progress reporting; this file wires them for one job.
 */
import { setMaxListeners } from 'node:events';
import { rm } from 'node:fs/promises';
import type { EngineJob } from '../../../src-shared/engine/job';
import type { OverallProgress, RetryState, HelmRunProgress } from '../../../src-shared/engine/progress';
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
import type { ModelClient } from '../types';
import { RequestBroker } from './request-broker';
import { discardRun, finishRun, runOutput } from './run-finisher';
import { createRunWorks, workQueue } from './run-work';
import { isEnded, runWorkerPool } from './worker-pool';

export interface ExecuteDependencies {
  readonly components: EngineComponents;
  readonly client: ModelClient;
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
  /** The retries happening now, reported with the progress (./retry-board.ts). */
  readonly retrying?: () => RetryState | null;
  /** How long requests on the wire may still finish after a cancel (default {@link CANCEL_GRACE_MS}). */
  readonly cancelGraceMs?: number;
}

/** After a cancel, requests already sent get this long to come back before they are aborted. */
export const CANCEL_GRACE_MS = 10_000;

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
    options.retrying,
  );
  const reporter = new ProgressReporter(tracker, gate, options.onProgress, options.progressIntervalMs);
  // `stop` ends everything not yet on the wire (queue, limiter, backoff); requests on the wire are aborted by
  // `internal` (a fatal error) at once, and by a cancel after a grace (below).
  const internal = new AbortController();
  const stop = options.signal ? AbortSignal.any([options.signal, internal.signal]) : internal.signal;
  setMaxListeners(0, stop);
  setMaxListeners(0, internal.signal);
  let fatal: unknown;
  const onFatal = (error: unknown) => {
    fatal ??= error;
    internal.abort();
  };
  // A cancel lets requests already on the wire finish and be cached (they are paid for), for a short grace: a
  // server that answers nothing meanwhile is not waited for, so Cancel works against a dead server too.
  const wire = new AbortController();
  setMaxListeners(0, wire.signal);
  internal.signal.addEventListener('abort', () => wire.abort(), { once: true });
  let grace: NodeJS.Timeout | undefined;
  const onCancel = () => {
    grace = setTimeout(() => wire.abort(), options.cancelGraceMs ?? CANCEL_GRACE_MS);
    grace.unref();
  };
  if (options.signal?.aborted) onCancel();
  else options.signal?.addEventListener('abort', onCancel, { once: true });
  const finish = {
    components: deps.components,
    job,
    tracker,
    onLog: options.onLog,
    onRunFinished: options.onRunFinished,
    notComputedWarned: new Set<string>(),
  };
  // A moved endpoint (the same server at a new address) keeps the cache identity of the run's first address.
  const works = createRunWorks(plan, {
    ...deps.client.identity,
    ...(job.cacheBaseUrl ? { baseUrl: job.cacheBaseUrl } : {}),
  });

  try {
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
      broker: new RequestBroker(deps.client, deps.cache, wire.signal, stop, { model: job.endpoint.model }),
      gate,
      tracker,
      stopSignal: stop,
      onFatal,
      onLog: options.onLog,
      count: async ({ work, position }, state, { entry, cached }) => {
        if (isEnded(tracker, work)) return;
        const written = runOutput(work, finish).stream.take(position, {
          ...state,
          result: { ...entry.result, cached },
        });
        tracker.record(work.index, cached, entry.usage);
        const last = --work.remaining === 0;
        reporter.report(); // at once: progress never waits for the disk
        await written;
        if (!last) return;
        await finishRun(work, finish);
        reporter.report();
      },
    }).finally(async () => {
      // Runs that did not finish (failed, skipped, cancelled, or the job stopped) leave no partial directory.
      for (const work of works) if (work.output) await discardRun(work);
    });
    reporter.report(true);
  } finally {
    clearTimeout(grace);
    options.signal?.removeEventListener('abort', onCancel);
    reporter.close();
  }
  if (fatal !== undefined) throw fatal;
  const cancelled = options.signal?.aborted === true;
  return { outcome: cancelled ? 'cancelled' : 'completed', overall: tracker.overall(), runs: tracker.runProgress() };
}
