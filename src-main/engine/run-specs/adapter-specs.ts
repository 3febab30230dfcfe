/**
 * HELM's prototypical adapter specs (v0.3.0 `run_specs.py`; HEAD `adaptation/common_adapter_specs.py`):
 * generation and multiple-choice (joint or separate). Fields left out keep `AdapterSpec`'s defaults.
 */
import type { AdapterSpec } from '../../../src-shared/helm/run-spec';
import { DEFAULT_ADAPTER_SPEC } from '../../../src-shared/helm/run-spec';

export const ADAPT_GENERATION = 'generation';
export const ADAPT_MULTIPLE_CHOICE_JOINT = 'multiple_choice_joint';
export const ADAPT_MULTIPLE_CHOICE_SEPARATE_ORIGINAL = 'multiple_choice_separate_original';
export const ADAPT_MULTIPLE_CHOICE_SEPARATE_CALIBRATED = 'multiple_choice_separate_calibrated';

// HELM's AdapterSpec field order (v0.4.0 dataclass), so run_spec.json reads like HELM's.
const FIELD_ORDER = [
  'method',
  'global_prefix',
  'global_suffix',
  'instructions',
  'input_prefix',
  'input_suffix',
  'reference_prefix',
  'reference_suffix',
  'output_prefix',
  'output_suffix',
  'instance_prefix',
  'substitutions',
  'max_train_instances',
  'max_eval_instances',
  'num_outputs',
  'num_train_trials',
  'sample_train',
  'model_deployment',
  'model',
  'temperature',
  'max_tokens',
  'stop_sequences',
  'random',
  'multi_label',
] as const;

/** AdapterSpec defaults overridden by `fields`, keys in HELM's order; `null` fields are dropped as HELM's JSON drops None. */
export function adapterSpec(fields: Partial<AdapterSpec>): AdapterSpec {
  const merged: Record<string, unknown> = { ...DEFAULT_ADAPTER_SPEC, ...fields };
  const ordered: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) if (merged[key] !== undefined && merged[key] !== null) ordered[key] = merged[key];
  for (const [key, value] of Object.entries(merged))
    if (!(key in ordered) && value !== undefined && value !== null) ordered[key] = value;
  // Built from DEFAULT_ADAPTER_SPEC, so every required field is present.
  return ordered as AdapterSpec;
}

/** `format_instructions`: non-empty instructions get a trailing newline. */
export function formatInstructions(instructions: string): string {
  return instructions.length > 0 ? `${instructions}\n` : instructions;
}

export interface GenerationAdapterOptions {
  readonly instructions?: string;
  readonly inputNoun?: string | null;
  readonly newlineAfterInputNoun?: boolean;
  readonly outputNoun?: string | null;
  readonly newlineAfterOutputNoun?: boolean;
  readonly maxTrainInstances?: number;
  readonly numOutputs?: number;
  readonly maxTokens?: number;
  readonly stopSequences?: readonly string[];
  readonly temperature?: number;
  readonly multiLabel?: boolean;
}

function formatPrefix(noun: string | null | undefined, newline: boolean): string {
  if (noun === null || noun === undefined) return '';
  const prefix = `${noun}:`;
  return prefix + (newline ? '\n' : ' ');
}

/** `get_generation_adapter_spec`. */
export function generationAdapterSpec(options: GenerationAdapterOptions = {}): AdapterSpec {
  return adapterSpec({
    method: ADAPT_GENERATION,
    instructions: formatInstructions(options.instructions ?? ''),
    input_prefix: formatPrefix(options.inputNoun, options.newlineAfterInputNoun ?? false),
    input_suffix: '\n',
    output_prefix: formatPrefix(options.outputNoun, options.newlineAfterOutputNoun ?? false),
    output_suffix: '\n',
    max_train_instances: options.maxTrainInstances ?? 5,
    num_outputs: options.numOutputs ?? 1,
    max_tokens: options.maxTokens ?? 5,
    temperature: options.temperature ?? 0,
    stop_sequences: options.stopSequences ?? ['\n'],
    multi_label: options.multiLabel ?? false,
  });
}

export interface MultipleChoiceAdapterOptions {
  readonly method: string;
  readonly instructions: string;
  readonly inputNoun: string | null;
  readonly outputNoun: string;
  readonly maxTrainInstances?: number;
  readonly numOutputs?: number;
  readonly maxTokens?: number;
  readonly emptyInput?: boolean;
  readonly sampleTrain?: boolean;
}

/** `get_multiple_choice_adapter_spec`: joint, or separate (original / calibrated). */
export function multipleChoiceAdapterSpec(options: MultipleChoiceAdapterOptions): AdapterSpec {
  if (options.method === ADAPT_MULTIPLE_CHOICE_JOINT) {
    return adapterSpec({
      method: ADAPT_MULTIPLE_CHOICE_JOINT,
      instructions: formatInstructions(options.instructions),
      input_prefix: options.inputNoun !== null ? `${options.inputNoun}: ` : '',
      input_suffix: options.inputNoun !== null ? '\n' : '',
      output_prefix: `${options.outputNoun}: `,
      output_suffix: '\n',
      max_train_instances: options.maxTrainInstances ?? 5,
      num_outputs: options.numOutputs ?? 5,
      max_tokens: options.maxTokens ?? 1,
      temperature: 0,
      stop_sequences: ['\n'],
      sample_train: options.sampleTrain ?? true,
    });
  }
  if (
    options.method === ADAPT_MULTIPLE_CHOICE_SEPARATE_ORIGINAL ||
    options.method === ADAPT_MULTIPLE_CHOICE_SEPARATE_CALIBRATED
  ) {
    // `get_multiple_choice_separate_adapter_spec`: language modelling over each choice, so no in-context examples.
    return adapterSpec({
      method: options.method,
      instructions: '',
      input_prefix: '',
      input_suffix: '',
      output_prefix: options.emptyInput ? '' : ' ',
      output_suffix: '',
      max_train_instances: 0,
      num_outputs: 1,
      max_tokens: 0,
      temperature: 0,
    });
  }
  throw new Error(`Invalid adaptation method: ${options.method}`);
}
