/**
 * Expands a run-entry description for the user's model exactly as HELM does (v0.3.0/v0.4.0
 * `construct_run_specs` in `run_specs.py`, then `run_entries_to_run_specs` in `run.py`):
 *
 * 1. `parse_object_spec`; keys naming a run expander are peeled off in description order, the rest are the
 *    run-spec function's keyword args;
 * 2. each expander appends `<sep><key>=<value>` to the name (`<sep>` is `:` if the name has no `:` yet, else
 *    `,`; `/` in values becomes `_`) and replaces its adapter field;
 * 3. `max_train_instances == 0` forces one train trial, else `--num-train-trials` applies; `--max-eval-instances`
 *    applies only when the description sets none; entry groups append `,groups=<sorted, joined by ->`.
 *
 * `model=text` / `full_functionality_text` (any value without `/`) means "the user's model": v0.3.0 expands
 * such a tag to every model carrying it and `--models-to-run` keeps the user's; HEAD rewrites it directly.
 */
import { AppError } from '../../../src-shared/errors';
import type { AdapterSpec, RunSpec } from '../../../src-shared/helm/run-spec';
import type { Registry } from '../registry';
import { adapterSpec } from './adapter-specs';
import { createRunSpecFunctionRegistry } from './index';
import type { ObjectSpecValue } from './object-spec';
import { parseObjectSpec, pythonStr } from './object-spec';
import type { RunEntry } from './run-entries';
import type { RunSpecFunction } from './run-spec-function';
import { checkRunSpecArgs } from './run-spec-function';
import { pythonStrip } from '../formats/python-text';

/** The user's model: HELM `org/name`, and the deployment (v0.4.0+) when it differs from the name. */
export interface UserModel {
  readonly name: string;
  readonly deployment?: string;
  /**
   * Whether the model carries HELM's `INSTRUCTION_FOLLOWING_MODEL_TAG` (chat / instruction-tuned models), which
   * `follow_format_instructions=instruct` (HELM Lite) keys on. Default false.
   */
  readonly instructionFollowing?: boolean;
}

// `IN_CONTEXT_LEARNING_INSTRUCTIONS_PREFIX` / `_SUFFIX` of run_expander.py (v0.5.4).
const ICL_INSTRUCTIONS_PREFIX =
  'Here are some input-output examples. Read the examples carefully to figure out the mapping. The output of the last example is not given, and your job is to figure out what it is.';
const ICL_INSTRUCTIONS_SUFFIX =
  'Please provide the output to this last example. It is critical to follow the format of the preceding outputs!';

export interface BuildRunSpecOptions {
  /** Run-spec functions; defaults to {@link createRunSpecFunctionRegistry}. */
  readonly registry?: Registry<RunSpecFunction>;
  /** The entry's extra groups (`RunEntry.groups`). */
  readonly groups?: readonly string[];
  /** `--num-train-trials`. */
  readonly numTrainTrials?: number;
  /** `--max-eval-instances` (ignored when the description sets `max_eval_instances`). */
  readonly maxEvalInstances?: number;
}

// Every key of v0.3.0's RUN_EXPANDERS: they are never passed to run-spec functions.
const EXPANDER_KEYS = new Set([
  'instructions',
  'prompt',
  'newline',
  'stop',
  'format_prompt',
  'add_to_stop',
  'global_prefix',
  'num_train_trials',
  'max_train_instances',
  'max_eval_instances',
  'num_outputs',
  'model',
  'data_augmentation',
  'tokenizer',
  'num_prompt_tokens',
  'num_output_tokens',
  'chatml',
  // v0.5.x (HELM Lite)
  'follow_format_instructions',
]);

// `values_dict` of the ReplaceValueRunExpander subclasses (run_expander.py, v0.3.0).
const REPLACE_VALUES: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>> = {
  num_train_trials: { '1': [1], '2': [2], '3': [3], '4': [4], '5': [5] },
  max_train_instances: { zero: [0], one: [1], all: [0, 1, 2, 4, 8, 16], big_bench_few_shot_setting: [0, 1, 2, 3] },
  max_eval_instances: {},
  num_outputs: { default: [1], copyright_sweep: [1, 10] },
};

const STOPS: Readonly<Record<string, string>> = { hash: '###', semicolon: ';', br: '<br>' };

function withSeparator(name: string, key: string, value: string): string {
  return `${name}${name.includes(':') ? ',' : ':'}${key}=${value}`;
}

function sanitize(value: ObjectSpecValue): string {
  return pythonStr(value).replace(/\//g, '_');
}

type Expander = (spec: RunSpec) => RunSpec[];

function replaceAdapter(spec: RunSpec, name: string, fields: Partial<AdapterSpec>): RunSpec {
  return { ...spec, name, adapter_spec: adapterSpec({ ...spec.adapter_spec, ...fields }) };
}

function makeExpander(key: string, value: ObjectSpecValue, model: UserModel, namesOnly = false): Expander {
  if (key === 'data_augmentation' && namesOnly) {
    // DataAugmentationRunExpander always appends with ','; the perturbations themselves are not built.
    return (spec) => [{ ...spec, name: `${spec.name},data_augmentation=${pythonStr(value)}` }];
  }
  if (key === 'model') {
    const text = pythonStr(value);
    // A tag (no `/`) stands for the user's model; an explicit `org/name` is kept as HELM keeps it.
    const isUser = !text.includes('/') || text === model.name;
    const name = isUser ? model.name : text;
    const deployment = isUser ? (model.deployment ?? model.name) : text;
    return (spec) => [
      replaceAdapter(spec, withSeparator(spec.name, 'model', sanitize(name)), {
        model: name,
        model_deployment: deployment,
      }),
    ];
  }
  const values = REPLACE_VALUES[key];
  if (values) {
    const expanded = values[pythonStr(value)] ?? [value];
    return (spec) =>
      expanded.map((v) => {
        if (typeof v !== 'number')
          throw new AppError({ code: 'run-spec.bad-description', message: `${key} must be a number, got '${v}'.` });
        return replaceAdapter(spec, withSeparator(spec.name, key, sanitize(v)), { [key]: v });
      });
  }
  if (key === 'stop') {
    const stop = STOPS[pythonStr(value)];
    if (stop === undefined)
      throw new AppError({ code: 'run-spec.bad-description', message: `Unknown stop value '${pythonStr(value)}'.` });
    // StopRunExpander always appends with ',' (it assumes the name already has ':').
    return (spec) => [
      replaceAdapter(spec, `${spec.name},stop=${pythonStr(value)}`, {
        instance_prefix: `${stop}\n\n`,
        stop_sequences: [stop],
      }),
    ];
  }
  if (key === 'follow_format_instructions') {
    const mode = pythonStr(value);
    if (mode !== 'all' && mode !== 'instruct') {
      throw new AppError({
        code: 'run-spec.bad-description',
        message: "Value of follow_format_instructions must be 'all' or 'instruct'.",
      });
    }
    // FollowFormatInstructionsRunExpander: global prefix/suffix only, the run name is unchanged.
    return (spec) => {
      if (spec.adapter_spec.method !== 'generation') {
        throw new AppError({
          code: 'run-spec.bad-description',
          message: 'follow_format_instructions only supports the generation adaptation method.',
        });
      }
      if (mode === 'instruct' && !model.instructionFollowing) return [spec];
      return [
        replaceAdapter(spec, spec.name, {
          global_prefix: `${ICL_INSTRUCTIONS_PREFIX}\n\n`,
          global_suffix: `\n\n${ICL_INSTRUCTIONS_SUFFIX}\n${pythonStrip(spec.adapter_spec.output_prefix)}`,
        }),
      ];
    };
  }
  if (key === 'global_prefix') {
    if (value !== 'nlg')
      throw new AppError({
        code: 'run-spec.bad-description',
        message: `Unknown global_prefix value '${pythonStr(value)}'.`,
      });
    return (spec) => [replaceAdapter(spec, `${spec.name},global_prefix=nlg`, { global_prefix: '[NLG]' })];
  }
  throw new AppError({
    code: 'run-spec.unsupported',
    message: `The run expander '${key}' is not supported.`,
  });
}

/** All run specs a description expands to for the user's model (HELM's `construct_run_specs` + CLI adjustments). */
export function buildRunSpecs(description: string, model: UserModel, options: BuildRunSpecOptions = {}): RunSpec[] {
  return expandDescription(description, model, options, false);
}

/**
 * The run names HELM gives a description, also for archived Classic entries with `data_augmentation=…`
 * (e.g. `boolq:model=openai_davinci,data_augmentation=canonical`), to match the user's runs with published ones.
 */
export function runNamesFor(description: string, model: UserModel, options: BuildRunSpecOptions = {}): string[] {
  return expandDescription(description, model, options, true).map((spec) => spec.name);
}

function expandDescription(
  description: string,
  model: UserModel,
  options: BuildRunSpecOptions,
  namesOnly: boolean,
): RunSpec[] {
  const registry = options.registry ?? createRunSpecFunctionRegistry();
  const parsed = parseObjectSpec(description);
  const fn = registry.get(parsed.name);
  const expanders: Expander[] = [];
  const args: Record<string, ObjectSpecValue> = {};
  for (const [key, value] of Object.entries(parsed.args)) {
    if (EXPANDER_KEYS.has(key)) expanders.push(makeExpander(key, value, model, namesOnly));
    else args[key] = value;
  }
  // HEAD appends a model expander when the description names no model; the user's model is always run.
  if (!('model' in parsed.args)) expanders.push(makeExpander('model', 'all', model, namesOnly));
  checkRunSpecArgs(parsed.name, fn, args);
  let specs = [fn.build(args)];
  for (const expand of expanders) specs = specs.flatMap(expand);
  return specs.map((spec) => adjustForCli(spec, options));
}

/** The single run spec of a description (every Efficient-HELM entry expands to exactly one). */
export function buildRunSpec(description: string, model: UserModel, options: BuildRunSpecOptions = {}): RunSpec {
  const specs = buildRunSpecs(description, model, options);
  const [only] = specs;
  if (specs.length !== 1 || !only) {
    throw new AppError({
      code: 'run-spec.not-single',
      message: `'${description}' expands to ${specs.length} run specs, not 1.`,
    });
  }
  return only;
}

/** Run specs of a list of run entries, in entry order (`run_entries_to_run_specs`). */
export function buildRunSpecsForEntries(
  entries: readonly RunEntry[],
  model: UserModel,
  options: Omit<BuildRunSpecOptions, 'groups'> = {},
): RunSpec[] {
  return entries.flatMap((entry) =>
    buildRunSpecs(entry.description, model, { ...options, ...(entry.groups ? { groups: entry.groups } : {}) }),
  );
}

function adjustForCli(spec: RunSpec, options: BuildRunSpecOptions): RunSpec {
  let adapter: AdapterSpec = spec.adapter_spec;
  if (
    options.maxEvalInstances !== undefined &&
    (adapter.max_eval_instances === undefined || adapter.max_eval_instances === null)
  ) {
    adapter = adapterSpec({ ...adapter, max_eval_instances: options.maxEvalInstances });
  }
  if (adapter.max_train_instances === 0) adapter = adapterSpec({ ...adapter, num_train_trials: 1 });
  else if (options.numTrainTrials !== undefined)
    adapter = adapterSpec({ ...adapter, num_train_trials: options.numTrainTrials });
  let result: RunSpec = { ...spec, adapter_spec: adapter };
  if (options.groups !== undefined) {
    const suffix = options.groups.length === 0 ? '' : `,groups=${[...options.groups].sort().join('-')}`;
    result = { ...result, name: result.name + suffix, groups: [...result.groups, ...options.groups] };
  }
  return result;
}
