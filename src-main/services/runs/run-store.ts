/**
 * The run store: one `<data dir>/runs/<run id>/run.json` per run (model, endpoint, budget, status, timings,
 * cost, last progress), written atomically. API keys are never part of a record.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError, appErrorDataSchema } from '../../../src-shared/errors';
import { clientModeSchema, examplesSchema, planSummarySchema } from '../../../src-shared/engine/job';
import { overallProgressSchema, runProgressSchema } from '../../../src-shared/engine/progress';
import { finishedRunSchema } from '../../../src-shared/engine/protocol';
import { isRunId } from '../../../src-shared/api/runs';

export const runRecordStatusSchema = z.enum(['planning', 'running', 'paused', 'cancelled', 'failed', 'done']);
export type RunRecordStatus = z.infer<typeof runRecordStatusSchema>;

export const runRecordSchema = z.object({
  version: z.literal(1),
  runId: z.string(),
  /** ISO 8601. */
  createdAt: z.string(),
  updatedAt: z.string(),
  status: runRecordStatusSchema,
  /** HELM model name `org/name`. */
  model: z.string(),
  apiModel: z.string(),
  baseUrl: z.string(),
  /** How prompts were sent; `chat` wraps HELM's prompt as one user message. */
  mode: clientModeSchema,
  examples: examplesSchema,
  scenarios: z.array(z.string()).nullable(),
  suite: z.string(),
  numTrainTrials: z.number().int(),
  concurrency: z.number().int(),
  rateLimit: z.number().nullable(),
  pricePromptPerMillion: z.number().nullable(),
  priceCompletionPerMillion: z.number().nullable(),
  /** Name of the environment variable holding the key (CLI), never the key. */
  apiKeyEnv: z.string().nullable(),
  /** Leaderboard to rank against, when chosen. */
  leaderboard: z.string().nullable(),
  plan: planSummarySchema.nullable(),
  overall: overallProgressSchema.nullable(),
  runs: z.array(runProgressSchema),
  /** `benchmark_output/runs/<suite>/<run name>` of each finished HELM run. */
  finishedRuns: z.array(finishedRunSchema),
  error: appErrorDataSchema.nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

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

  async save(record: RunRecord): Promise<void> {
    const dir = this.runDir(record.runId);
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'run.json');
    const temporary = `${path}.tmp-${process.pid}`;
    await writeFile(temporary, `${JSON.stringify(record, null, 2)}\n`);
    await rename(temporary, path);
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
    const parsed = runRecordSchema.safeParse(JSON.parse(text));
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
