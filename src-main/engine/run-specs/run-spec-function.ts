/**
 * A HELM run-spec function (`@run_spec_function(name)` in v0.3.0 `run_specs.py`): builds the canonical
 * RunSpec of a scenario from its description args, before run expanders (model, max_eval_instances, …) apply.
 */
import { AppError } from '../../../src-shared/errors';
import type { RunSpec } from '../../../src-shared/helm/run-spec';
import type { ObjectSpecValue } from './object-spec';

export type RunSpecArgs = Readonly<Record<string, ObjectSpecValue>>;

/** A run-spec function with its Python signature, so bad keyword args fail as HELM's TypeError would. */
export interface RunSpecFunction {
  /** Every keyword argument the Python function accepts. */
  readonly params: readonly string[];
  /** The arguments without a default. */
  readonly required: readonly string[];
  /** The canonical RunSpec; `adapter_spec.model` is empty until the model expander sets it. */
  build(args: RunSpecArgs): RunSpec;
}

/** `DataAugmenterSpec()` with its defaults, as every unperturbed v0.3.0 run spec carries it. */
export const DEFAULT_DATA_AUGMENTER_SPEC = {
  perturbation_specs: [],
  should_augment_train_instances: false,
  should_include_original_train: false,
  should_skip_unchanged_train: false,
  should_augment_eval_instances: false,
  should_include_original_eval: false,
  should_skip_unchanged_eval: false,
  seeds_per_instance: 1,
} as const;

/** Checks `args` against the function's signature (unknown or missing keyword → error naming the function). */
export function checkRunSpecArgs(name: string, fn: RunSpecFunction, args: RunSpecArgs): void {
  for (const key of Object.keys(args)) {
    if (!fn.params.includes(key)) {
      throw new AppError({
        code: 'run-spec.bad-args',
        message: `Run-spec function '${name}' got an unexpected argument '${key}'. It accepts: ${fn.params.join(', ') || '(none)'}.`,
      });
    }
  }
  for (const key of fn.required) {
    if (!(key in args))
      throw new AppError({
        code: 'run-spec.bad-args',
        message: `Run-spec function '${name}' is missing the argument '${key}'.`,
      });
  }
}

/** A string argument as the Python function receives it (`str` of a converted value, e.g. `subject=1` → "1"). */
export function stringValue(args: RunSpecArgs, key: string, fallback?: string): string {
  const value = args[key];
  if (value === undefined) {
    if (fallback === undefined)
      throw new AppError({ code: 'run-spec.bad-args', message: `Missing argument '${key}'.` });
    return fallback;
  }
  return String(value);
}
