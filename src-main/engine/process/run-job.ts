/**
 * One engine job from start to `done`: plan, then (for `run` jobs) execute through the shared request cache
 * and the model client, reporting everything as protocol messages. Used by the engine process; callable
 * in-process too (tests, benchmarks).
 */
import { join } from 'node:path';
import type { EngineJob } from '../../../src-shared/engine/job';
import type { EngineMessage } from '../../../src-shared/engine/protocol';
import type { JobPhase } from '../../../src-shared/engine/progress';
import { isErrorCode } from '../../../src-shared/error-codes';
import type { ErrorCode } from '../../../src-shared/error-codes';
import { RequestCache } from '../cache/request-cache';
import { OpenAiModelClient } from '../client/openai-model-client';
import { DEFAULT_RETRY_POLICY } from '../retry';
import type { ModelClient } from '../types';
import type { RunLog } from '../runner/error-policy';
import { executePlan } from '../runner/execute';
import type { EngineComponents } from '../runner/components';
import type { PauseGate } from '../runner/pause-gate';
import { describeTokenCounter } from '../runner/endpoint-token-counter';
import { nothingScoredError } from '../runner/nothing-scored';
import { RetryBoard } from '../runner/retry-board';
import { planJob } from '../runner/plan';

export interface RunJobOptions {
  readonly signal?: AbortSignal;
  readonly gate?: PauseGate;
  readonly emit: (message: EngineMessage) => void;
  /** Overrides the OpenAI client (tests). */
  readonly client?: ModelClient;
  readonly progressIntervalMs?: number;
  /** How long requests on the wire may finish after a cancel (default: the runner's). */
  readonly cancelGraceMs?: number;
}

/**
 * Said once per run when the server rejects `logprobs`: generation scenarios go on without them; the
 * `multiple_choice_separate_*` runs (HellaSwag, OpenbookQA) need prompt logprobs (echo) and are skipped.
 */
export const LOGPROBS_REJECTED_WARNING =
  'The server rejects logprobs; continuing without them (MS MARCO ranks by answer only; HellaSwag and OpenbookQA need echo with logprobs and are skipped).';

/**
 * Phase messages at most every 250 ms (downloads report every 100 ms), except a change of step or scenario, which
 * goes out at once.
 */
function throttledPhases(emit: (message: EngineMessage) => void): (phase: JobPhase) => void {
  let last: JobPhase | null = null;
  let lastAt = 0;
  return (phase) => {
    const now = performance.now();
    const isNews = !last || last.step !== phase.step || last.scenario !== phase.scenario || phase.done === phase.total;
    if (!isNews && now - lastAt < 250) return;
    last = phase;
    lastAt = now;
    emit({ type: 'phase', phase });
  };
}

/** A known error code, or undefined (a code read back from a record may be one this build does not know). */
function errorCode(code: string): ErrorCode | undefined {
  return isErrorCode(code) ? code : undefined;
}

/** `<data dir>/cache`: the request cache shared by every run. */
export function cacheDir(dataDir: string): string {
  return join(dataDir, 'cache');
}

export async function runJob(job: EngineJob, components: EngineComponents, options: RunJobOptions): Promise<void> {
  const { emit, signal } = options;
  const onLog: RunLog = (level, message, code) => emit({ type: 'log', level, message, ...(code ? { code } : {}) });
  const plan = await planJob(job, components, {
    ...(signal ? { signal } : {}),
    onLog: (message) => onLog('info', message),
    onPhase: throttledPhases(emit),
  });
  emit({ type: 'plan', plan: plan.summary });
  const counter = plan.summary.tokenCounter;
  if (counter) {
    const assumed = counter.contextWindowFrom === 'default' ? 'model.context-window-assumed' : undefined;
    onLog(counter.kind === 'exact' ? 'info' : 'warning', describeTokenCounter(counter), assumed);
  }
  for (const run of plan.runs)
    if (run.skipReason) onLog('warning', run.skipReason, run.dataProblem && errorCode(run.dataProblem.code));
  if (job.kind === 'plan') {
    emit({ type: 'done', outcome: 'planned', runs: [] });
    return;
  }
  const { endpoint } = job;
  // Retries are one line of the progress while they happen (./retry-board.ts), not a log line per attempt.
  const retries = new RetryBoard(endpoint.maxRetries + 1);
  const model =
    options.client ??
    new OpenAiModelClient({
      baseUrl: endpoint.baseUrl,
      apiModel: endpoint.apiModel ?? endpoint.model,
      apiKey: endpoint.apiKey,
      mode: endpoint.mode,
      concurrency: endpoint.concurrency,
      rateLimit: endpoint.rateLimit,
      timeoutMs: endpoint.timeoutMs,
      maxResponseBytes: endpoint.maxResponseBytes,
      retry: { ...DEFAULT_RETRY_POLICY, maxRetries: endpoint.maxRetries },
      onRetry: retries.onRetry,
      onLogprobsRejected: () => onLog('warning', LOGPROBS_REJECTED_WARNING),
    });
  const client = retries.wrap(model);
  const cache = await RequestCache.open(cacheDir(job.dataDir), {
    onMigration: ({ bytesRead, totalBytes, entries }) =>
      onLog(
        'info',
        `Moving the request cache into its database: ${totalBytes > 0 ? Math.floor((bytesRead / totalBytes) * 100) : 100}% (${entries} answers).`,
      ),
  });
  if (cache.migration && cache.migration.skippedLines > 0)
    onLog(
      'info',
      `Request cache: ${cache.migration.skippedLines} unreadable line(s) of the old journal were skipped (an interrupted write).`,
    );
  try {
    const result = await executePlan(
      plan,
      job,
      { components, client, cache },
      {
        ...(signal ? { signal } : {}),
        ...(options.gate ? { gate: options.gate } : {}),
        ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
        ...(options.cancelGraceMs !== undefined ? { cancelGraceMs: options.cancelGraceMs } : {}),
        onProgress: (overall, runs) => emit({ type: 'progress', overall, runs }),
        onLog,
        onRunFinished: (run) => emit({ type: 'run-finished', run }),
        retrying: () => retries.state(),
      },
    );
    // A run that scored nothing failed: said with its reason (the last progress keeps each run's own).
    const nothing = result.outcome === 'completed' ? nothingScoredError(result.runs, plan.runs) : null;
    if (nothing) {
      emit({ type: 'progress', overall: result.overall, runs: result.runs });
      throw nothing;
    }
    emit({ type: 'done', outcome: result.outcome, overall: result.overall, runs: result.runs });
  } finally {
    await cache.close();
  }
}
