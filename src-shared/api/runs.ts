/** App API, run domain: plan (dry run), start / pause / resume / cancel, live progress. */
import { z } from 'zod';
import { examplesPerScenarioSchema } from '../examples-per-scenario';
import { channel, event } from './channel';
import { appErrorDataSchema } from '../error-schema';
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
    /** From the last measured latency and concurrency; null before a connection test. */
    estimatedSeconds: z.number().nullable(),
  }),
  /** Requests of the leaderboard's full configuration, for "compute saved". */
  fullRunRequests: z.number().nullable(),
});
export type RunPlanView = z.infer<typeof runPlanViewSchema>;

export const runStatusSchema = z.enum(['planning', 'running', 'paused', 'cancelled', 'failed', 'done']);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const scenarioProgressViewSchema = z.object({
  scenario: z.string(),
  done: z.number(),
  total: z.number(),
  skipped: z.boolean(),
});
export type ScenarioProgressView = z.infer<typeof scenarioProgressViewSchema>;

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
  /** Warnings so far, oldest first (e.g. a scenario skipped for lack of logprobs). */
  warnings: z.array(z.object({ item: z.string(), code: z.string(), message: z.string() })),
  /** Set when status is `failed` (e.g. `engine.crashed`): what was done is kept and the run can resume. */
  error: appErrorDataSchema.nullable(),
});
export type RunProgressView = z.infer<typeof runProgressViewSchema>;
/** One warning of a run: `item` names what it is about (a run id, or a scenario's short run name). */
export type RunWarning = RunProgressView['warnings'][number];

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

export const runEvents = {
  'runs.progress': event(runProgressViewSchema, 'Live progress of a run.'),
} as const;
