/**
 * What the engine is asked to do (an engine job) and what a plan looks like. Validated with zod wherever it
 * crosses a process boundary (engine process, IPC, web bridge).
 */
import { z } from 'zod';
import { examplesPerScenarioSchema } from '../examples-per-scenario';

/** How the HELM prompt is sent: `completions` as is, `chat` as one user message (HELM's own chat wrapping). */
export const modelModeSchema = z.enum(['completions', 'chat']);
export type ModelMode = z.infer<typeof modelModeSchema>;

/** Largest model response accepted by default (32 MiB); a larger one fails that request, naming the endpoint and size. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** The user's model endpoint and how to call it. The API key is held in memory only (never logged or stored). */
/** Most requests in flight at once (`--concurrency`, the Model step's field). */
export const MAX_CONCURRENCY = 1024;

export const endpointSchema = z.object({
  /** HELM model name `org/name`, used in run names (`model=org_name`). */
  model: z.string().regex(/^[^/\s]+\/[^\s]+$/, 'model must look like org/name'),
  /** Name sent to the server; defaults to `model`. */
  apiModel: z.string().optional(),
  baseUrl: z.string().url(),
  apiKey: z.string().optional(),
  mode: modelModeSchema.default('completions'),
  concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).default(8),
  /** Requests per second; null = unlimited. */
  rateLimit: z.number().positive().nullable().default(null),
  timeoutMs: z.number().int().positive().default(120_000),
  maxRetries: z.number().int().nonnegative().default(6),
  /** Largest response accepted per request, bytes. */
  maxResponseBytes: z.number().int().positive().default(DEFAULT_MAX_RESPONSE_BYTES),
  /** USD per 1M tokens; null when unknown (cost is then reported as null). */
  pricePerMillionPrompt: z.number().nonnegative().nullable().default(null),
  pricePerMillionCompletion: z.number().nonnegative().nullable().default(null),
  /** Model context window for HELM's prompt fitting; the token counter's default when absent. */
  contextWindow: z.number().int().positive().optional(),
});
export type Endpoint = z.infer<typeof endpointSchema>;
export type EndpointInput = z.input<typeof endpointSchema>;

/** One engine job: plan only (dry run) or plan and run. */
export const engineJobSchema = z.object({
  kind: z.enum(['plan', 'run']),
  endpoint: endpointSchema,
  examplesPerScenario: examplesPerScenarioSchema,
  /** The board family whose run entries to run (`classic`, `lite`): see src-main/engine/families. */
  board: z.string().default('classic'),
  /**
   * Whether the model is instruction-following (HELM's tag; Lite's `follow_format_instructions=instruct` adds
   * format instructions for such models). Absent: true in chat mode, false in completions mode.
   */
  instructionFollowing: z.boolean().optional(),
  /** HELM run-group / scenario names to keep (e.g. `boolq`, `mmlu`); all when absent. */
  scenarios: z.array(z.string()).optional(),
  suite: z.string().default('v1'),
  numTrainTrials: z.number().int().positive().default(1),
  /** Download mirror (`https://HOST/PATH` → `<mirror>/HOST/PATH`). */
  mirror: z.string().optional(),
  dataDir: z.string(),
  /** `<data dir>/runs/<run id>`: where `benchmark_output/` goes. */
  runDir: z.string(),
  /**
   * The base URL the request cache keys on when it differs from `endpoint.baseUrl`: a resumed run whose server
   * moved (`--endpoint-moved`) keeps finding the answers it got at its first address.
   */
  cacheBaseUrl: z.string().optional(),
});
export type EngineJob = z.infer<typeof engineJobSchema>;
export type EngineJobInput = z.input<typeof engineJobSchema>;

/**
 * Why a scenario's data cannot be had: the source as the scenario names it, the URL actually tried (the mirror's
 * when one is set), the server's answer when it gave one, and the error code the faces word their advice from.
 */
export const dataProblemSchema = z.object({
  /** HELM scenario name, e.g. `boolq`. */
  scenario: z.string(),
  sourceUrl: z.string().nullable(),
  triedUrl: z.string().nullable(),
  status: z.number().int().nullable(),
  /** `scenario.source-missing` (not reachable), `scenario.source-format` (not readable), … */
  code: z.string(),
  /** One sentence: what happened (names the URL). */
  message: z.string(),
});
export type DataProblem = z.infer<typeof dataProblemSchema>;

/** The plan of one HELM run (the `--dry-run --json` shape, plus status). */
export const plannedHelmRunSchema = z.object({
  name: z.string(),
  /** The run-spec function of its run entry (`mmlu`, `commonsense`, `civil_comments`): what `scenarios` filters by. */
  scenario: z.string(),
  /** HELM run groups (leaderboard columns) the run counts towards, e.g. `['mmlu']`, `['hellaswag']`. */
  groups: z.array(z.string()),
  /** Selected eval instance ids in request order, numbered as HELM numbers them. */
  evalInstanceIds: z.array(z.string()),
  requests: z.number().int().nonnegative(),
  estimatedPromptTokens: z.number().int().nonnegative(),
  /** Set when the run cannot be run with this endpoint (e.g. needs echo in chat mode). */
  skipReason: z.string().optional(),
  /** Set when the run is skipped because its scenario's data cannot be had. */
  dataProblem: dataProblemSchema.optional(),
});
export type PlannedHelmRun = z.infer<typeof plannedHelmRunSchema>;

/** Which token counter planned the prompts (HELM's prompt fitting) and where the context window came from. */
export const tokenCounterInfoSchema = z.object({
  /** `exact`: the server's own tokenizer; `approximate`: the built-in estimate (no tokenize endpoint found). */
  kind: z.enum(['exact', 'approximate']),
  /** E.g. `llama.cpp http://host:8080/tokenize`, or why the approximation was used. */
  source: z.string(),
  contextWindow: z.number().int().positive(),
  /** `user` (`--context-window`), `server` (with `contextWindowDetail`), or `default` (the built-in 4096). */
  contextWindowFrom: z.enum(['user', 'server', 'default']),
  contextWindowDetail: z.string().optional(),
  /** Tokens the server adds to every prompt (e.g. BOS), left free in the window besides the counted text. */
  reservedSpecialTokens: z.number().int().nonnegative().optional(),
});
export type TokenCounterInfo = z.infer<typeof tokenCounterInfoSchema>;

export const planSummarySchema = z.object({
  runs: z.array(plannedHelmRunSchema),
  /** Absent in records written before it was recorded, and with injected test components. */
  tokenCounter: tokenCounterInfoSchema.optional(),
  totals: z.object({
    requests: z.number().int().nonnegative(),
    estimatedPromptTokens: z.number().int().nonnegative(),
    /** Completion tokens at every request's `max_tokens` (the cost estimate's bound); absent in older records. */
    estimatedCompletionTokens: z.number().int().nonnegative().optional(),
    /** Prompt cost plus completion cost at `max_tokens`: an upper bound; null without prices. */
    estimatedCostUsd: z.number().nonnegative().nullable(),
  }),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;
