/**
 * HELM run specification records as written to `run_spec.json`
 * (`src/helm/benchmark/run_spec.py`, `adaptation/adapter_spec.py`). Unknown fields are preserved by the
 * validators, since HELM adds fields over versions (docs/helm-fidelity.md §2 "Version drift").
 */

/** `{class_name, args}`: how HELM names a scenario, metric or perturbation. */
export interface ObjectSpec {
  readonly class_name: string;
  readonly args: Readonly<Record<string, unknown>>;
}

/** One regex substitution applied to the final prompt (HELM `Substitution`). */
export interface Substitution {
  readonly source: string;
  readonly target: string;
}

/** HELM's AdapterSpec: everything that decides how instances become requests. */
export interface AdapterSpec {
  /** `generation`, `multiple_choice_joint`, `multiple_choice_separate_original`, `multiple_choice_separate_calibrated`, `ranking_binary`, … */
  readonly method: string;
  readonly global_prefix: string;
  /** Added at HELM v0.4.0; read as "" when absent. */
  readonly global_suffix?: string;
  readonly instructions: string;
  readonly input_prefix: string;
  readonly input_suffix: string;
  readonly reference_prefix: string;
  readonly reference_suffix: string;
  readonly output_prefix: string;
  readonly output_suffix: string;
  readonly instance_prefix: string;
  readonly substitutions: readonly Substitution[];
  readonly max_train_instances: number;
  /** null/absent: every instance of the pool. */
  readonly max_eval_instances?: number | null;
  readonly num_outputs: number;
  readonly num_train_trials: number;
  readonly sample_train: boolean;
  /** `org/name`, e.g. `openai/gpt2`. */
  readonly model: string;
  /** Added at v0.4.0; old runs lack it (read ""). */
  readonly model_deployment?: string;
  readonly temperature: number;
  readonly max_tokens: number;
  readonly stop_sequences: readonly string[];
  readonly random?: string | null;
  readonly multi_label?: boolean;
  readonly chain_of_thought_prefix?: string;
  readonly chain_of_thought_suffix?: string;
  readonly num_trials?: number;
  readonly eval_splits?: readonly string[] | null;
  readonly [extra: string]: unknown;
}

/** HELM's RunSpec as serialized in `run_spec.json`. */
export interface RunSpec {
  /** The run name, e.g. `boolq:model=openai_gpt2,max_eval_instances=10`. */
  readonly name: string;
  readonly scenario_spec: ObjectSpec;
  readonly adapter_spec: AdapterSpec;
  readonly metric_specs: readonly ObjectSpec[];
  readonly data_augmenter_spec?: Readonly<Record<string, unknown>>;
  /** Run groups this run contributes to (leaderboard columns), e.g. `["boolq"]`. */
  readonly groups: readonly string[];
  readonly [extra: string]: unknown;
}

/** The AdapterSpec defaults HELM uses (`adapter_spec.py`); scenario builders override fields. */
export const DEFAULT_ADAPTER_SPEC: AdapterSpec = {
  method: 'generation',
  global_prefix: '',
  global_suffix: '',
  instructions: '',
  input_prefix: 'Input: ',
  input_suffix: '\n',
  reference_prefix: 'A. ',
  reference_suffix: '\n',
  output_prefix: 'Output: ',
  output_suffix: '\n',
  instance_prefix: '\n',
  substitutions: [],
  max_train_instances: 5,
  max_eval_instances: null,
  num_outputs: 5,
  num_train_trials: 1,
  sample_train: true,
  model: '',
  model_deployment: '',
  temperature: 1,
  max_tokens: 100,
  stop_sequences: [],
  multi_label: false,
};
