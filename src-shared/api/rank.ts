/** App API, rank domain: the placement of a run with its interval, and the budget trade-off table. */
import { z } from 'zod';
import { channel } from './channel';
import { budgetSchema } from './runs';

export const rankResultSchema = z.object({
  model: z.string(),
  leaderboard: z.string(),
  rank: z.number(),
  /** 95 % interval [best, worst]. */
  rankInterval: z.tuple([z.number(), z.number()]),
  meanWinRate: z.number(),
  meanWinRateInterval: z.tuple([z.number(), z.number()]),
  method: z.enum(['bootstrap', 'paired']),
  calibrated: z.boolean(),
  /** What the calibration was fitted on, shown beside the interval. */
  calibrationNote: z.string().nullable(),
  probRankAtMost: z.record(z.string(), z.number()),
  tiedWith: z.array(z.string()),
  /** The model's cells, by run group. */
  cells: z.record(z.string(), z.number().nullable()),
  /** Examples per scenario the run used. */
  budget: budgetSchema,
});
export type RankResult = z.infer<typeof rankResultSchema>;

export const tradeoffRowSchema = z.object({
  budget: budgetSchema,
  /** Calibrated median and 95th-percentile absolute rank error. */
  medianRankError: z.number().nullable(),
  p95RankError: z.number().nullable(),
  coverage: z.number().nullable(),
  requests: z.number().nullable(),
  /** Full-run requests / this budget's requests (e.g. 80 for ×80). */
  computeSaved: z.number().nullable(),
});
export type TradeoffRow = z.infer<typeof tradeoffRowSchema>;

export const tradeoffTableSchema = z.object({
  leaderboard: z.string(),
  /** Where the numbers come from, shown as the table's caption. */
  source: z.string(),
  rows: z.array(tradeoffRowSchema),
  /** HELM's published table (docs/get_helm_rank.md), for comparison: budget → ±rank. */
  published: z.array(z.object({ budget: budgetSchema, plusMinus: z.number(), computeSaved: z.number() })),
});
export type TradeoffTable = z.infer<typeof tradeoffTableSchema>;

export const rankChannels = {
  'rank.result': channel(z.object({ runId: z.string().min(1) }), rankResultSchema, 'Place a finished run in its leaderboard with a calibrated interval.'),
  'rank.tradeoff': channel(z.object({ leaderboard: z.string().min(1) }), tradeoffTableSchema, 'The computed budget ↔ rank-precision trade-off for a leaderboard.'),
} as const;
