/**
 * The engine process's typed message protocol (host ⇄ engine), zod-validated on both sides. The same messages
 * travel over Node's `child_process` IPC (CLI, web) and Electron's `utilityProcess` port (desktop).
 */
import { z } from 'zod';
import { appErrorDataSchema } from '../error-schema';
import { engineJobSchema, planSummarySchema } from './job';
import { overallProgressSchema, helmRunProgressSchema } from './progress';

/** Host → engine. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), job: engineJobSchema }),
  /** Stop taking new requests; requests in flight finish and are cached. */
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  /** Abort requests in flight and stop; everything finished stays in the cache and run outputs. */
  z.object({ type: z.literal('cancel') }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;
/** What a host sends (defaults not yet applied; the engine parses it). */
export type HostMessageInput = z.input<typeof hostMessageSchema>;

/** A metric HELM attaches to a run that the engine does not compute (never reported as 0), and why. */
export const notComputedMetricSchema = z.object({ name: z.string(), reason: z.string() });
export type NotComputedMetric = z.infer<typeof notComputedMetricSchema>;

/** One finished HELM run, with where its outputs are. */
export const finishedRunSchema = z.object({
  runName: z.string(),
  /** `.../benchmark_output/runs/<suite>/<run name>` */
  outputDir: z.string(),
  /** Metrics of this run not computed (also in the run directory's `not_computed.json`); absent when none. */
  notComputed: z.array(notComputedMetricSchema).optional(),
});
export type FinishedRun = z.infer<typeof finishedRunSchema>;

/** Engine → host. */
export const engineMessageSchema = z.discriminatedUnion('type', [
  /** The engine is up and listening. */
  z.object({ type: z.literal('ready'), pid: z.number().int() }),
  z.object({ type: z.literal('plan'), plan: planSummarySchema }),
  z.object({
    type: z.literal('progress'),
    overall: overallProgressSchema,
    runs: z.array(helmRunProgressSchema),
  }),
  z.object({
    type: z.literal('log'),
    level: z.enum(['info', 'warning']),
    message: z.string(),
    /** For a warning about a failure or an assumption: its code, from which each face words what to do. */
    code: z.string().optional(),
  }),
  z.object({ type: z.literal('run-finished'), run: finishedRunSchema }),
  z.object({
    type: z.literal('done'),
    /** `completed`: every run done or skipped; `cancelled`: stopped by `cancel` (resumable). */
    outcome: z.enum(['planned', 'completed', 'cancelled']),
    overall: overallProgressSchema.optional(),
    runs: z.array(helmRunProgressSchema),
  }),
  z.object({ type: z.literal('error'), error: appErrorDataSchema }),
]);
export type EngineMessage = z.infer<typeof engineMessageSchema>;
