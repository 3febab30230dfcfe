/**
 * App API, per-instance domain: what a run asked and answered, instance by instance, read from its own HELM files
 * (`scenario_state.json`, `per_instance_stats.json`) in pages, so a 1,000-instance run never crosses whole.
 */
import { z } from 'zod';
import { channel } from './channel';

/** Most instances one page may hold. */
export const MAX_INSTANCE_PAGE = 100;

export const instanceRunSchema = z.object({
  /** HELM run name, e.g. `boolq:model=acme_x,max_eval_instances=10`. */
  runName: z.string(),
  /** The run's leaderboard column (run group), e.g. `boolq`; null when the run names none. */
  group: z.string().nullable(),
  /** The column's display header, e.g. `BoolQ - EM`, else the run name. */
  label: z.string(),
  /** Main metric and split the score column shows, e.g. `quasi_exact_match` on `valid`. */
  metric: z.string(),
  split: z.string(),
});
export type InstanceRun = z.infer<typeof instanceRunSchema>;

export const instanceViewSchema = z.object({
  id: z.string(),
  split: z.string().nullable(),
  subSplit: z.string().nullable(),
  /** The prompt of the instance's first request (trial 0, unperturbed), verbatim. */
  prompt: z.string(),
  /**
   * What the model answered: one line per request (one for generation and joint multiple choice; one per scored
   * reference for separate-scoring methods, with its log-probability).
   */
  outputs: z.array(z.string()),
  references: z.array(z.object({ text: z.string(), isCorrect: z.boolean() })),
  /** The main metric for this instance; null when the run's stats have none for it. */
  score: z.number().nullable(),
  /** Requests this instance took. */
  requests: z.number().int(),
});
export type InstanceView = z.infer<typeof instanceViewSchema>;

export const instancePageSchema = z.object({
  runName: z.string(),
  metric: z.string(),
  /** Instances matching the filter. */
  total: z.number().int(),
  /** Every evaluated instance of the run. */
  totalAll: z.number().int(),
  offset: z.number().int(),
  items: z.array(instanceViewSchema),
});
export type InstancePage = z.infer<typeof instancePageSchema>;

export const instanceChannels = {
  'instances.runs': channel(
    z.object({ runId: z.string().min(1) }),
    z.array(instanceRunSchema),
    "A run's HELM runs (one per scenario entry), with the metric the viewer scores them by.",
  ),
  'instances.page': channel(
    z.object({
      runId: z.string().min(1),
      runName: z.string().min(1),
      offset: z.number().int().nonnegative(),
      limit: z.number().int().min(1).max(MAX_INSTANCE_PAGE),
      /** Only instances whose main metric is below full marks. */
      wrongOnly: z.boolean(),
    }),
    instancePageSchema,
    'One page of a HELM run’s instances: prompt, output, references and main metric.',
  ),
} as const;
