/** App API, history domain: every past run, openable offline, and exports. */
import { z } from 'zod';
import { channel } from './channel';
import { runIdSchema, runStatusSchema } from './runs';
import { examplesPerScenarioSchema } from '../examples-per-scenario';

export const historyEntrySchema = z.object({
  runId: z.string(),
  /** ISO 8601. */
  createdAt: z.string(),
  leaderboard: z.string(),
  examplesPerScenario: examplesPerScenarioSchema,
  /** Run groups the run covered; null = every core scenario. */
  scenarios: z.array(z.string()).nullable(),
  model: z.string(),
  baseUrl: z.string(),
  status: runStatusSchema,
  rank: z.number().nullable(),
  rankInterval: z.tuple([z.number(), z.number()]).nullable(),
  /** `runs/<id>/benchmark_output/runs/<suite>` on disk: HELM's own run directories. */
  runDirectory: z.string(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const exportFormatSchema = z.enum(['csv', 'json']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const historyChannels = {
  'history.list': channel(z.object({}), z.array(historyEntrySchema), 'Every past run, newest first.'),
  'history.export': channel(
    z.object({ runId: runIdSchema, format: exportFormatSchema }),
    z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
    "A run's result as CSV (the ranked table) or JSON text (the UI saves it).",
  ),
  'history.delete': channel(
    z.object({ runId: z.string().min(1) }),
    z.object({ deleted: z.boolean() }),
    'Delete a finished, failed or cancelled run and its files (a running one is refused).',
  ),
} as const;
