/**
 * Runtime validators for HELM's run-directory files. Every file read from disk or the network goes
 * through these before use, so a malformed run is reported by name instead of corrupting a table.
 * Unknown fields pass through untouched (HELM adds fields between versions).
 */
import { z } from 'zod';
import type { Stat, MetricName, PerturbationDescription } from './stat';
import type { RunSpec, AdapterSpec, ObjectSpec } from './run-spec';
import type { PerInstanceStats, ScenarioState, RequestState } from './request';
import type { Instance } from './instance';
import { AppError } from '../errors';
import type { ErrorCode } from '../error-codes';

const finite = z.number().refine((value) => Number.isFinite(value), 'must be a finite number');

export const perturbationSchema: z.ZodType<PerturbationDescription> = z.looseObject({
  name: z.string(),
  robustness: z.boolean().optional(),
  fairness: z.boolean().optional(),
  computed_on: z.string().optional(),
});

export const metricNameSchema: z.ZodType<MetricName> = z.looseObject({
  name: z.string(),
  split: z.string().optional(),
  sub_split: z.string().optional(),
  perturbation: perturbationSchema.optional(),
});

export const statSchema: z.ZodType<Stat> = z.looseObject({
  name: metricNameSchema,
  count: z.number().int().nonnegative(),
  sum: finite,
  sum_squared: finite,
  min: finite.optional(),
  max: finite.optional(),
  mean: finite.optional(),
  variance: finite.optional(),
  stddev: finite.optional(),
});

export const statsFileSchema = z.array(statSchema);

export const objectSpecSchema: z.ZodType<ObjectSpec> = z.looseObject({
  class_name: z.string(),
  args: z.record(z.string(), z.unknown()),
});

export const adapterSpecSchema: z.ZodType<AdapterSpec> = z.looseObject({
  method: z.string(),
  model: z.string(),
  model_deployment: z.string().optional(),
  max_train_instances: z.number().optional(),
  max_eval_instances: z.number().nullable().optional(),
  num_train_trials: z.number().optional(),
}) as unknown as z.ZodType<AdapterSpec>; // cast at the boundary: old runs omit fields HELM defaults, see DEFAULT_ADAPTER_SPEC

export const runSpecSchema: z.ZodType<RunSpec> = z.looseObject({
  name: z.string().min(1),
  scenario_spec: objectSpecSchema,
  adapter_spec: adapterSpecSchema,
  metric_specs: z.array(objectSpecSchema),
  groups: z.array(z.string()).default([]),
}) as unknown as z.ZodType<RunSpec>; // cast at the boundary: groups is defaulted for very old runs

const instanceSchema: z.ZodType<Instance> = z.looseObject({
  input: z.looseObject({ text: z.string() }),
  references: z.array(z.looseObject({ output: z.looseObject({ text: z.string() }), tags: z.array(z.string()) })),
  split: z.string().optional(),
  sub_split: z.string().optional(),
  id: z.string().optional(),
});

export const perInstanceStatsFileSchema: z.ZodType<PerInstanceStats[]> = z.array(
  z.looseObject({
    instance_id: z.string(),
    perturbation: perturbationSchema.nullable().optional(),
    train_trial_index: z.number().int().nonnegative(),
    stats: z.array(statSchema),
  }),
);

export const scenarioStateSchema: z.ZodType<ScenarioState> = z.looseObject({
  adapter_spec: adapterSpecSchema,
  request_states: z.array(
    z.looseObject({
      instance: instanceSchema,
      train_trial_index: z.number().int().nonnegative(),
      request: z.looseObject({ prompt: z.string(), model: z.string() }),
      num_train_instances: z.number().int().nonnegative(),
      prompt_truncated: z.boolean(),
    }) as unknown as z.ZodType<RequestState>, // cast at the boundary: the request's optional fields are read leniently
  ),
});

// Re-exported for the many readers that validate what they parse.
export { parsePythonJson } from './python-json';

/** Validates `value` with `schema`, or throws an AppError naming `what` (a file path or URL) and the first problems. */
export function validateOrThrow<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
  code: ErrorCode = 'helm.invalid-file',
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new AppError({ code, message: `${what} is not a valid HELM file: ${problems}`, cause: problems });
}
