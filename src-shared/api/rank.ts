/** App API, rank domain: the placement of a run with its interval, and the trade-off table (examples per scenario against rank precision and cost). */
import { z } from 'zod';
import { channel } from './channel';
import { runIdSchema } from './runs';
import { examplesPerScenarioSchema } from '../examples-per-scenario';

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
  /**
   * What the calibration rests on, shown wherever `calibrated` is: the leaderboard's real per-instance results, or
   * data simulated from its published cells (approximate). Null when not calibrated, and in results saved before
   * it was recorded.
   */
  calibrationBasis: z.enum(['per-instance', 'simulated']).nullable(),
  /** Nothing was left to estimate (every run observed all its items): the interval is the rank itself. */
  certain: z.boolean(),
  /** What the calibration was fitted on, shown beside the interval. */
  calibrationNote: z.string().nullable(),
  /** P(rank ≤ k) for k = 1, 3, 5, 10. */
  probRankAtMost: z.record(z.string(), z.number()),
  /** True: widened by the same conformal factor as the interval; false: raw bootstrap shares (label them so). */
  probRankAtMostCalibrated: z.boolean(),
  /** Models whose order against this one is unresolved, with the leaderboard's cells fixed (the headline target). */
  tiedWith: z.array(z.string()),
  /**
   * The same when the leaderboard models' own sampling noise is drawn too (docs/rank-interval.md §3 T2); null in
   * results saved before this view existed.
   */
  tiedWithIncludingBoardNoise: z.array(z.string()).nullable(),
  /** How that view was computed, shown beside it. */
  boardNoiseNote: z.string().nullable(),
  /** The model's cells, by run group. */
  cells: z.record(z.string(), z.number().nullable()),
  /** Examples per scenario the run used. */
  examplesPerScenario: examplesPerScenarioSchema,
  /** Run groups the run covered; null = every core scenario (also in results saved before this was recorded). */
  scenarios: z.array(z.string()).nullable().default(null),
});
export type RankResult = z.infer<typeof rankResultSchema>;

export const tradeoffRowViewSchema = z.object({
  examplesPerScenario: examplesPerScenarioSchema,
  /** Calibrated median and 95th-percentile absolute rank error. */
  medianRankError: z.number().nullable(),
  p95RankError: z.number().nullable(),
  /**
   * Half-width of the calibrated 95 % rank interval a user can expect (src-shared/rank/expected-interval.ts, the
   * function that calibrates the finished run too): median and 95th percentile over the board's models.
   */
  medianHalfWidth: z.number().nullable(),
  q95HalfWidth: z.number().nullable(),
  /**
   * False when the board has too few models to calibrate: the half-widths and coverage are then of the raw bootstrap
   * interval a run reports, "not calibrated" (the table's `notCalibrated` says why).
   */
  calibrated: z.boolean().default(true),
  /** Share of the leaderboard's models whose true rank the interval (calibrated, or raw) covered (leave-one-out). */
  coverage: z.number().nullable(),
  /** Requests, tokens and compute saved of the table's scenarios (`TradeoffTableView.scenarios`). */
  requests: z.number().nullable(),
  /** Estimated prompt + output tokens per model; see the table's `tokensBasis`. */
  tokens: z.number().nullable(),
  /** Full-run requests / this level's requests (e.g. 80 for ×80). */
  computeSaved: z.number().nullable(),
});
export type TradeoffRowView = z.infer<typeof tradeoffRowViewSchema>;

export const tradeoffTableViewSchema = z.object({
  leaderboard: z.string(),
  /** The scenarios (run groups) every column describes — interval, coverage, requests, tokens, compute saved: all
   * the board's, or the requested subset. */
  scenarios: z.array(z.string()),
  /** What the calibration rests on (the `all` row needs none). */
  calibrationBasis: z.enum(['per-instance', 'simulated']),
  /**
   * How the rows were calibrated on the board ("leave-one-model-out on 66 models (release v0.3.0), 20 draws each"),
   * without `calibrationBasis`, which the caption words once beside it.
   */
  source: z.string(),
  /** Why the rows are not calibrated ("12 models are too few for a 95 % conformal factor"); null when they are. */
  notCalibrated: z.string().nullable().default(null),
  rows: z.array(tradeoffRowViewSchema),
  /** Where the rows' tokens come from: the board's own token stats, or stated per-scenario defaults. */
  tokensBasis: z.string(),
  /** HELM's published table (docs/get_helm_rank.md), for comparison: examples per scenario → ±rank. */
  published: z.array(
    z.object({ examplesPerScenario: examplesPerScenarioSchema, plusMinus: z.number(), computeSaved: z.number() }),
  ),
  /** Where HELM's table comes from and what it measured. */
  publishedSource: z.string(),
});
export type TradeoffTableView = z.infer<typeof tradeoffTableViewSchema>;

/** The planning request: a board, examples per scenario, and optionally a subset of its scenarios. */
export const expectedIntervalRequestSchema = z.object({
  leaderboard: z.string().min(1),
  examplesPerScenario: examplesPerScenarioSchema,
  /** Run groups to run; absent or empty: every scenario of the board. */
  scenarios: z.array(z.string()).optional(),
});

/**
 * The expected calibrated interval of a planned run (src-shared/rank/expected-interval.ts `expectedInterval`): the
 * figure the Budget step shows, computed with the board's own run layout and instance counts.
 */
export const expectedIntervalViewSchema = z.object({
  leaderboard: z.string(),
  examplesPerScenario: examplesPerScenarioSchema,
  scenarios: z.array(z.string()),
  /** Median calibrated half-width in ranks (0 for `all`: nothing is unknown). */
  halfWidth: z.number(),
  /** 95th percentile of the half-width over the board's models. */
  q95HalfWidth: z.number(),
  /** False on a board too small to calibrate: the figures are then of the raw interval a run reports. */
  calibrated: z.boolean().default(true),
  /** Leave-one-model-out share of such intervals that held the full-run rank. */
  coverage: z.number(),
  medianRankError: z.number(),
  p95RankError: z.number(),
  /** Models the calibration held out in turn. */
  models: z.number(),
  calibrationBasis: z.enum(['per-instance', 'simulated']),
  /** Main-split items a user runs at this number of examples per scenario. */
  mainSplitItems: z.number(),
  /** Caption: what the figure rests on. */
  source: z.string(),
});
export type ExpectedIntervalView = z.infer<typeof expectedIntervalViewSchema>;

/** One row of the leaderboard with the user's model placed in it: every mean win rate recomputed with it. */
export const rankedRowSchema = z.object({
  /** 1 + rows with a strictly higher mean win rate (the user's row comes first among equals). */
  rank: z.number(),
  model: z.string(),
  displayName: z.string().nullable(),
  meanWinRate: z.number().nullable(),
  isYou: z.boolean(),
  /** In the user's `tiedWith` (order against the user unresolved). */
  isTied: z.boolean(),
  cells: z.record(z.string(), z.number().nullable()),
});
export type RankedRow = z.infer<typeof rankedRowSchema>;

export const rankedTableSchema = z.object({
  leaderboard: z.string(),
  columns: z.array(z.string()),
  headers: z.array(z.string()),
  lowerIsBetter: z.array(z.boolean().nullable()),
  /** Best first; exactly one row has `isYou`. */
  rows: z.array(rankedRowSchema),
});
export type RankedTable = z.infer<typeof rankedTableSchema>;

export const rankChannels = {
  'rank.result': channel(
    z.object({ runId: runIdSchema }),
    rankResultSchema,
    'Place a finished run in its leaderboard with a calibrated interval.',
  ),
  'rank.table': channel(
    z.object({ runId: z.string().min(1) }),
    rankedTableSchema,
    "A finished run's model placed in its leaderboard: every row with its recomputed mean win rate (chart, CSV).",
  ),
  'rank.tradeoff': channel(
    z.object({ leaderboard: z.string().min(1), scenarios: z.array(z.string()).optional() }),
    tradeoffTableViewSchema,
    'The computed examples-per-scenario ↔ rank-precision trade-off for a leaderboard (optionally a subset of its scenarios).',
  ),
  'rank.expectedInterval': channel(
    expectedIntervalRequestSchema,
    expectedIntervalViewSchema,
    'The expected calibrated rank interval of a planned run: board, examples per scenario, scenario subset.',
  ),
} as const;
