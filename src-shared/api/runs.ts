/** App API, run domain: plan (dry run), start / pause / resume / cancel, live progress. */
import { z } from 'zod';
import { examplesPerScenarioSchema } from '../examples-per-scenario';
import { channel, event } from './channel';
import { appErrorDataSchema } from '../error-schema';
import { dataProblemSchema } from '../engine/job';
import { jobPhaseSchema, retryStateSchema } from '../engine/progress';
import { modelEndpointSchema } from './models';

export const runConfigSchema = z.object({
  /** Imported leaderboard name to rank against. */
  leaderboard: z.string().min(1),
  examplesPerScenario: examplesPerScenarioSchema,
  endpoint: modelEndpointSchema,
  /** Optional scenario filter (run-group names); empty = all core scenarios. */
  scenarios: z.array(z.string()),
});
export type RunConfig = z.infer<typeof runConfigSchema>;

export const plannedRunViewSchema = z.object({
  /** HELM run name, e.g. `boolq:model=org_name,max_eval_instances=10`. */
  name: z.string(),
  /** The run-spec function of its run entry (`mmlu`, `commonsense`): what the scenario filter names. */
  scenario: z.string(),
  /** HELM run groups (leaderboard columns) it counts towards. */
  groups: z.array(z.string()),
  requests: z.number(),
  estimatedPromptTokens: z.number(),
  /** Why this run will not run (its data cannot be had, or the endpoint cannot run it); absent when it will. */
  skipReason: z.string().optional(),
});

export const runPlanViewSchema = z.object({
  examplesPerScenario: examplesPerScenarioSchema,
  runs: z.array(plannedRunViewSchema),
  totals: z.object({
    requests: z.number(),
    estimatedPromptTokens: z.number(),
    /** Completion tokens at every request's `max_tokens` (an upper bound); null when the engine did not say. */
    estimatedCompletionTokens: z.number().nullable().default(null),
    estimatedCostUsd: z.number().nullable(),
    /**
     * A lower bound on the run's time, shown as "at least …": preparation as long as this dry run's (measured) plus
     * the requests at the last measured latency of one short test request, 8 at once. Longer answers and a server
     * that answers one request at a time take longer (often many times); null before a connection test.
     */
    estimatedSeconds: z.number().nullable(),
  }),
  /** Requests of the leaderboard's full configuration, for "compute saved". */
  fullRunRequests: z.number().nullable(),
  /** Chosen scenarios whose data cannot be had, one entry per scenario, with the URL tried and its answer (absent: none). */
  unavailable: z.array(dataProblemSchema.extend({ runs: z.number().int() })).optional(),
  /** Seconds this dry run took to prepare the data (a run prepares it again, from the cache). */
  preparationSeconds: z.number().nonnegative().nullable().optional(),
});
export type RunPlanView = z.infer<typeof runPlanViewSchema>;

/**
 * `interrupted`: stopped by the app or its server going away (a restart, a crash of the app), not by the user;
 * like `paused` and `cancelled`, it resumes from the request cache.
 */
export const runStatusSchema = z.enum(['planning', 'running', 'paused', 'interrupted', 'cancelled', 'failed', 'done']);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const scenarioProgressViewSchema = z.object({
  scenario: z.string(),
  done: z.number(),
  total: z.number(),
  skipped: z.boolean(),
});
export type ScenarioProgressView = z.infer<typeof scenarioProgressViewSchema>;

/** One warning of a run: `item` names what it is about (a run id, or a scenario's short run name). */
export const runWarningSchema = z.object({ item: z.string(), code: z.string(), message: z.string() });
export type RunWarning = z.infer<typeof runWarningSchema>;

export const runProgressViewSchema = z.object({
  runId: z.string(),
  status: runStatusSchema,
  scenarios: z.array(scenarioProgressViewSchema),
  requestsDone: z.number(),
  requestsTotal: z.number(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  costUsd: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  /** Warnings so far, oldest first (e.g. a scenario skipped for lack of logprobs); the newest few are kept. */
  warnings: z.array(runWarningSchema),
  /** Older warnings not kept (run.json keeps the newest 50); absent or 0 when none were dropped. */
  warningsDropped: z.number().int().nonnegative().optional(),
  /** Set when status is `failed` (e.g. `engine.crashed`): what was done is kept and the run can resume. */
  error: appErrorDataSchema.nullable(),
  /** What the engine is doing before the requests (checking sources, downloading, preparing); null after. */
  phase: jobPhaseSchema.nullable().optional(),
  /** Requests answered by the model per second, measured over the last minute (0 before any). */
  requestsPerSecond: z.number().nonnegative().optional(),
  /** Requests waiting to be retried right now, as one line: how many, why, and the highest attempt. */
  retrying: retryStateSchema.nullable().optional(),
  /** Seconds without any answer while requests are outstanding (a silent server); null while answers come. */
  stalledSeconds: z.number().nonnegative().nullable().optional(),
});
export type RunProgressView = z.infer<typeof runProgressViewSchema>;

/**
 * A run id as the run store makes them (`newRunId` in src-main/services/runs/run-store.ts): UTC date and time,
 * then six hex digits, e.g. `20261128-081500-ab12cd`. Every run id that enters (an API request, `--resume`,
 * a folder name) is checked against it before it names a folder, so `..` or a path never does.
 */
export const RUN_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{6}$/;

export function isRunId(value: string): boolean {
  return RUN_ID_PATTERN.test(value);
}

export const runIdSchema = z.string().regex(RUN_ID_PATTERN, 'not a run id (like 20261128-081500-ab12cd)');

const runIdRequest = z.object({ runId: runIdSchema });

export const runChannels = {
  'runs.plan': channel(
    z.object({ config: runConfigSchema }),
    runPlanViewSchema,
    'Dry run: requests, tokens, cost and time for one choice of examples per scenario, before spending anything.',
  ),
  'runs.start': channel(
    z.object({ config: runConfigSchema }),
    z.object({ runId: z.string() }),
    'Start a run in the engine process; progress comes as `runs.progress` events.',
  ),
  'runs.pause': channel(runIdRequest, runProgressViewSchema, 'Pause a run (in-flight requests finish and are cached).'),
  'runs.resume': channel(
    runIdRequest,
    runProgressViewSchema,
    'Resume a paused, cancelled or failed run; cached requests are not sent again.',
  ),
  'runs.cancel': channel(runIdRequest, runProgressViewSchema, 'Stop a run; everything done so far is kept.'),
  'runs.status': channel(runIdRequest, runProgressViewSchema, 'The latest progress of a run (also after a restart).'),
} as const;

export const planProgressSchema = z.object({
  /** The examples per scenario being dry-run (the renderer dry-runs one choice at a time). */
  examplesPerScenario: examplesPerScenarioSchema,
  phase: jobPhaseSchema,
});
export type PlanProgress = z.infer<typeof planProgressSchema>;

export const runEvents = {
  'runs.progress': event(runProgressViewSchema, 'Live progress of a run.'),
  'runs.planProgress': event(planProgressSchema, 'What a dry run is doing (checking sources, downloading, preparing).'),
} as const;
