/**
 * The run store: one `<data dir>/runs/<run id>/run.json` per run (model, endpoint, examples per scenario, status, timings,
 * cost, last progress), written atomically. API keys are never part of a record.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { appErrorDataSchema } from '../../../src-shared/error-schema';
import { modelModeSchema, planSummarySchema } from '../../../src-shared/engine/job';
import { jobPhaseSchema, overallProgressSchema, helmRunProgressSchema } from '../../../src-shared/engine/progress';
import { finishedRunSchema } from '../../../src-shared/engine/protocol';
import { isRunId } from '../../../src-shared/api/runs';
import { examplesPerScenarioSchema } from '../../../src-shared/examples-per-scenario';
import { runStatusSchema, runWarningSchema } from '../../../src-shared/api/runs';
import type { RunWarning } from '../../../src-shared/api/runs';
import { runScenario } from '../../../src-shared/helm/run-name';
import { isDiskFull, writeFailure } from '../../engine/disk-errors';

/** Field names run.json had before the vocabulary was one (#14), read as today's names. */
const FORMER_FIELDS: Readonly<Record<string, string>> = {
  examples: 'examplesPerScenario',
  pricePromptPerMillion: 'pricePerMillionPrompt',
  priceCompletionPerMillion: 'pricePerMillionCompletion',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A run.json as it is written now: former field names renamed, planned runs given their scenario and groups. */
function currentRecordShape(value: unknown): unknown {
  if (!isObject(value)) return value;
  const record = Object.fromEntries(Object.entries(value).map(([key, field]) => [FORMER_FIELDS[key] ?? key, field]));
  const plan = record.plan;
  if (isObject(plan) && Array.isArray(plan.runs)) {
    record.plan = {
      ...plan,
      runs: plan.runs.map((run: unknown) =>
        isObject(run) && typeof run.name === 'string' && run.scenario === undefined
          ? { ...run, scenario: runScenario(run.name), groups: [] }
          : run,
      ),
    };
  }
  return record;
}

/** `interrupted`: stopped because the app or its server stopped, not by the user (src-shared/api/runs.ts). */
export const runRecordStatusSchema = z.enum([
  'planning',
  'running',
  'paused',
  'interrupted',
  'cancelled',
  'failed',
  'done',
]);
export type RunRecordStatus = z.infer<typeof runRecordStatusSchema>;

/** A base URL change accepted on resume (`--endpoint-moved`): the same server at a new address. */
export const endpointMoveSchema = z.object({ from: z.string(), to: z.string(), at: z.string() });
export type EndpointMove = z.infer<typeof endpointMoveSchema>;

export const runRecordSchema = z.object({
  version: z.literal(1),
  runId: z.string(),
  /** ISO 8601. */
  createdAt: z.string(),
  updatedAt: z.string(),
  status: runStatusSchema,
  /** HELM model name `org/name`. */
  model: z.string(),
  apiModel: z.string(),
  /** The address the run talks to now (after any move). */
  baseUrl: z.string(),
  /** Base URL changes accepted on resume, oldest first; the first `from` is where the run started. */
  endpointMoves: z.array(endpointMoveSchema).optional(),
  /** How prompts were sent; `chat` wraps HELM's prompt as one user message. */
  mode: modelModeSchema,
  examplesPerScenario: examplesPerScenarioSchema,
  scenarios: z.array(z.string()).nullable(),
  /** Board family whose entries ran (`classic`, `lite`); absent in records written before families existed. */
  board: z.string().optional(),
  suite: z.string(),
  numTrainTrials: z.number().int(),
  concurrency: z.number().int(),
  rateLimit: z.number().nullable(),
  pricePerMillionPrompt: z.number().nullable(),
  pricePerMillionCompletion: z.number().nullable(),
  /** Name of the environment variable holding the key (CLI), never the key. */
  apiKeyEnv: z.string().nullable(),
  /** Leaderboard to rank against, when chosen. */
  leaderboard: z.string().nullable(),
  plan: planSummarySchema.nullable(),
  overall: overallProgressSchema.nullable(),
  /** What the engine was last doing before the requests (absent in records written before it was reported). */
  phase: jobPhaseSchema.nullable().optional(),
  runs: z.array(helmRunProgressSchema),
  /** `benchmark_output/runs/<suite>/<run name>` of each finished HELM run. */
  finishedRuns: z.array(finishedRunSchema),
  error: appErrorDataSchema.nullable(),
  /** The run's warnings, oldest first: the newest {@link MAX_KEPT_WARNINGS} (absent in records written before). */
  warnings: z.array(runWarningSchema).optional(),
  /** How many older warnings were dropped to keep that bound. */
  warningsDropped: z.number().int().nonnegative().optional(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

/** Warnings a record keeps: a noisy run (a warning per failed request) must not grow run.json without bound. */
export const MAX_KEPT_WARNINGS = 50;

/** The record's warnings with `warning` added: the newest {@link MAX_KEPT_WARNINGS}, and a count of those dropped. */
export function withWarning(
  record: Pick<RunRecord, 'warnings' | 'warningsDropped'>,
  warning: RunWarning,
): Required<Pick<RunRecord, 'warnings' | 'warningsDropped'>> {
  const all = [...(record.warnings ?? []), warning];
  const dropped = Math.max(0, all.length - MAX_KEPT_WARNINGS);
  return { warnings: all.slice(dropped), warningsDropped: (record.warningsDropped ?? 0) + dropped };
}

/**
 * Writes `text` over the existing file at `path` and cuts it to length: no new file and, while it fits in the
 * blocks the file already has, no new block either. When it would not fit, `compact` is written instead.
 */
async function overwriteInPlace(path: string, text: string, compact: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const info = await handle.stat();
    const capacity = Math.max(info.size, info.blocks * 512);
    const bytes = Buffer.from(Buffer.byteLength(text) <= capacity ? text : compact);
    await handle.write(bytes, 0, bytes.length, 0);
    await handle.truncate(bytes.length);
  } finally {
    await handle.close();
  }
}

/** The record without the plan's instance ids (its bulk; the HELM run directories keep them), unindented. */
function compactRecord(record: RunRecord): RunRecord {
  return record.plan
    ? { ...record, plan: { ...record.plan, runs: record.plan.runs.map((run) => ({ ...run, evalInstanceIds: [] })) } }
    : record;
}

/** A sortable, readable run id: `20261128-081500-ab12cd`. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** `<runs dir>/<run id>`, for a well-formed run id only (src-shared/api/runs.ts): `..` or a path never names a folder. */
export function runDirectory(runsDir: string, runId: string): string {
  if (!isRunId(runId))
    throw new AppError({
      code: 'runs.bad-id',
      message: `'${runId.slice(0, 80)}' is not a run id (run ids look like 20261128-081500-ab12cd).`,
    });
  return join(runsDir, runId);
}

export class RunStore {
  constructor(private readonly runsDir: string) {}

  runDir(runId: string): string {
    return runDirectory(this.runsDir, runId);
  }

  /**
   * Writes run.json atomically (temporary file, rename). On a full disk, where the temporary file cannot be
   * written, it overwrites run.json in place instead (reusing its blocks), so the record can still say
   * "failed: disk full" — which is when it matters most.
   */
  async save(record: RunRecord): Promise<void> {
    const dir = this.runDir(record.runId);
    const path = join(dir, 'run.json');
    const text = `${JSON.stringify(record, null, 2)}\n`;
    const temporary = `${path}.tmp-${process.pid}`;
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(temporary, text);
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      if (!isDiskFull(error)) throw writeFailure('the run record', path, error);
      await overwriteInPlace(path, text, `${JSON.stringify(compactRecord(record))}\n`).catch((inPlace: unknown) => {
        throw writeFailure('the run record', path, inPlace);
      });
    }
  }

  async get(runId: string): Promise<RunRecord> {
    const path = join(this.runDir(runId), 'run.json');
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new AppError({
        code: 'runs.not-found',
        message: `No run '${runId}' in ${this.runsDir}.`,
        cause: error instanceof Error ? error.message : String(error),
      });
    }
    const parsed = runRecordSchema.safeParse(currentRecordShape(JSON.parse(text)));
    if (!parsed.success)
      throw new AppError({
        code: 'runs.bad-record',
        message: `${path} is not a valid run record.`,
        cause: parsed.error.message,
      });
    return parsed.data;
  }

  /** Every readable run, newest first; unreadable records are skipped (one bad file hides nothing else). */
  async list(): Promise<RunRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.runsDir);
    } catch {
      return [];
    }
    const records: RunRecord[] = [];
    for (const name of names) {
      try {
        records.push(await this.get(name));
      } catch {
        // not a run directory, or a damaged record
      }
    }
    return records.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }
}
