/**
 * One engine job from start to `done`: plan, then (for `run` jobs) execute through the shared request cache
 * and the model client, reporting everything as protocol messages. Used by the engine process; callable
 * in-process too (tests, benchmarks).
 */
import { join } from 'node:path';
import type { EngineJob } from '../../../src-shared/engine/job';
import type { EngineMessage } from '../../../src-shared/engine/protocol';
import { RequestCache } from '../cache/request-cache';
import { OpenAiModelClient } from '../client/openai-model-client';
import { DEFAULT_RETRY_POLICY } from '../retry';
import type { CallingClient } from '../runner/request-broker';
import type { RunLog } from '../runner/error-policy';
import { executePlan } from '../runner/execute';
import type { EngineComponents } from '../runner/components';
import type { PauseGate } from '../runner/pause-gate';
import { describeTokenCounter } from '../runner/endpoint-token-counter';
import { planJob } from '../runner/plan';

export interface RunJobOptions {
  readonly signal?: AbortSignal;
  readonly gate?: PauseGate;
  readonly emit: (message: EngineMessage) => void;
  /** Overrides the OpenAI client (tests). */
  readonly client?: CallingClient;
  readonly progressIntervalMs?: number;
}

/**
 * Said once per run when the server rejects `logprobs`: generation scenarios go on without them; the
 * `multiple_choice_separate_*` runs (HellaSwag, OpenbookQA) need prompt logprobs (echo) and are skipped.
 */
export const LOGPROBS_REJECTED_WARNING =
  'The server rejects logprobs; continuing without them (MS MARCO ranks by answer only; HellaSwag and OpenbookQA need echo with logprobs and are skipped).';

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
  });
  emit({ type: 'plan', plan: plan.summary });
  const counter = plan.summary.tokenCounter;
  if (counter) {
    const assumed = counter.contextWindowFrom === 'default' ? 'model.context-window-assumed' : undefined;
    onLog(counter.kind === 'exact' ? 'info' : 'warning', describeTokenCounter(counter), assumed);
  }
  for (const run of plan.runs) if (run.skipReason) onLog('warning', run.skipReason);
  if (job.kind === 'plan') {
    emit({ type: 'done', outcome: 'planned', runs: [] });
    return;
  }
  const { endpoint } = job;
  const client =
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
      onRetry: ({ attempt, delayMs, reason }) =>
        onLog('warning', `Retrying a request (attempt ${attempt}) in ${Math.round(delayMs)} ms: ${reason}`),
      onLogprobsRejected: () => onLog('warning', LOGPROBS_REJECTED_WARNING),
    });
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
        onProgress: (overall, runs) => emit({ type: 'progress', overall, runs }),
        onLog,
        onRunFinished: (run) => emit({ type: 'run-finished', run }),
      },
    );
    emit({ type: 'done', outcome: result.outcome, overall: result.overall, runs: result.runs });
  } finally {
    await cache.close();
  }
}
