/**
 * Run progress as the engine reports it (per HELM run and overall). Plain JSON: the UI and the CLI render it,
 * the run store keeps the last one in `run.json`.
 */
import { z } from 'zod';

/** State of one HELM run (one run spec) inside a job. */
export const helmRunStatusSchema = z.enum(['pending', 'running', 'done', 'skipped', 'failed']);
export type HelmRunStatus = z.infer<typeof helmRunStatusSchema>;

/** Counters shared by a run's progress and the overall progress. */
export const requestCountersSchema = z.object({
  /** Requests with a result (from the model or the cache). */
  requestsDone: z.number().int().nonnegative(),
  requestsTotal: z.number().int().nonnegative(),
  /** Of `requestsDone`, how many came from the request cache (cost nothing). */
  cachedHits: z.number().int().nonnegative(),
  /** Tokens as reported by the server's `usage` (cached results count what they cost when first made). */
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  /** USD of all answers at the price setting (cached ones included: they were paid once); null when no price is set. */
  costUsd: z.number().nonnegative().nullable(),
});
export type RequestCounters = z.infer<typeof requestCountersSchema>;

/** Progress of one HELM run, by its HELM run name. */
export const helmRunProgressSchema = requestCountersSchema.extend({
  runName: z.string(),
  status: helmRunStatusSchema,
  /** Why the run was skipped or failed (e.g. the endpoint does not support echo). */
  message: z.string().optional(),
  /** The error code behind `message`, from which each face words what to do (src-shared/error-codes.ts). */
  code: z.string().optional(),
});
export type HelmRunProgress = z.infer<typeof helmRunProgressSchema>;

/** Requests waiting to be sent again after a failed attempt, said once for all of them. */
export const retryStateSchema = z.object({
  /** Requests waiting for their next attempt right now. */
  requests: z.number().int().nonnegative(),
  /** Why the latest attempt failed, in a few words (`HTTP 503 (service unavailable)`, `timeout`). */
  reason: z.string(),
  /** The highest attempt number about to be made, and how many a request gets in all. */
  attempt: z.number().int().positive(),
  maxAttempts: z.number().int().positive(),
});
export type RetryState = z.infer<typeof retryStateSchema>;

/** Progress of the whole job. */
export const overallProgressSchema = requestCountersSchema.extend({
  elapsedSeconds: z.number().nonnegative(),
  /**
   * Seconds left at the request rate measured over the last minute; null until answers have come in, and while
   * the server answers nothing (`stalledSeconds`).
   */
  etaSeconds: z.number().nonnegative().nullable(),
  /** Requests answered by the model (not cached) per second, over the last minute. */
  requestsPerSecond: z.number().nonnegative(),
  isPaused: z.boolean(),
  /** Requests being retried right now (absent in records written before it was reported). */
  retrying: retryStateSchema.nullable().optional(),
  /** Seconds since the last answer while requests are outstanding, once that is unusually long; else null. */
  stalledSeconds: z.number().nonnegative().nullable().optional(),
});
export type OverallProgress = z.infer<typeof overallProgressSchema>;

/**
 * What the engine is doing before the requests go out (and then `requests`): counts and bytes where a total is
 * known, so every face can show a determinate bar and say which scenario it is on.
 */
export const jobPhaseSchema = z.object({
  step: z.enum(['checking-sources', 'downloading', 'preparing', 'planning', 'requests']),
  /** HELM scenario name (`boolq`, `natural_qa`, …) the step is about, when it is about one. */
  scenario: z.string().nullable(),
  /** Sources checked, or scenarios prepared, so far and in all. */
  done: z.number().int().nonnegative().nullable(),
  total: z.number().int().nonnegative().nullable(),
  /** For `downloading`: bytes received and expected (null when the server does not say). */
  bytes: z.number().nonnegative().nullable(),
  totalBytes: z.number().nonnegative().nullable(),
});
export type JobPhase = z.infer<typeof jobPhaseSchema>;

export function emptyCounters(): RequestCounters {
  return { requestsDone: 0, requestsTotal: 0, cachedHits: 0, promptTokens: 0, completionTokens: 0, costUsd: null };
}
