/** The result of "Test connection": what the endpoint supports, as the app shows it. */
import { z } from 'zod';

export const connectionReportSchema = z.object({
  /** True when at least one mode answered. */
  ok: z.boolean(),
  /** Latency of the first successful request, ms; null when none succeeded. */
  latencyMs: z.number().nonnegative().nullable(),
  supportsCompletions: z.boolean(),
  supportsChat: z.boolean(),
  /** Completion logprobs (needed for nothing HELM Classic scores, but recorded). */
  supportsLogprobs: z.boolean(),
  /** Prompt logprobs via echo (needed by `multiple_choice_separate_*`). */
  supportsEcho: z.boolean(),
  /** The mode to use: completions when it works, else chat; null when neither works. */
  recommendedMode: z.enum(['completions', 'chat']).nullable(),
  /** Why a capability is missing, one line each. */
  notes: z.array(z.string()),
  /** How each mode's probe failed: the HTTP status when the server answered (null: it did not), and the message. */
  failures: z.object({
    completions: z.object({ status: z.number().int().nullable(), message: z.string() }).nullable(),
    chat: z.object({ status: z.number().int().nullable(), message: z.string() }).nullable(),
  }),
});
export type ConnectionReport = z.infer<typeof connectionReportSchema>;
