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

/** Progress of the whole job. */
export const overallProgressSchema = requestCountersSchema.extend({
  elapsedSeconds: z.number().nonnegative(),
  /** Estimated seconds left from the recent request rate; null until it can be estimated. */
  etaSeconds: z.number().nonnegative().nullable(),
  /** Requests sent to the model (not cached) per second, smoothed. */
  requestsPerSecond: z.number().nonnegative(),
  isPaused: z.boolean(),
});
export type OverallProgress = z.infer<typeof overallProgressSchema>;

export function emptyCounters(): RequestCounters {
  return { requestsDone: 0, requestsTotal: 0, cachedHits: 0, promptTokens: 0, completionTokens: 0, costUsd: null };
}
