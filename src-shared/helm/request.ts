/**
 * HELM's request/result records (`src/helm/common/request.py`, `adaptation/request_state.py`,
 * `adaptation/scenario_state.py`) and the per-instance stats file shape.
 */
import type { AdapterSpec } from './run-spec';
import type { Instance } from './instance';
import type { Stat, PerturbationDescription } from './stat';

/** What is sent to a model (HELM `Request`). */
export interface Request {
  readonly model: string;
  readonly model_deployment?: string;
  readonly embedding?: boolean;
  readonly prompt: string;
  readonly temperature: number;
  readonly num_completions: number;
  readonly top_k_per_token: number;
  readonly max_tokens: number;
  readonly stop_sequences: readonly string[];
  /** True for the logprob-scoring requests of `multiple_choice_separate_*` and `ranking_binary`. */
  readonly echo_prompt: boolean;
  readonly top_p: number;
  readonly presence_penalty: number;
  readonly frequency_penalty: number;
  readonly random?: string | null;
}

/** One generated (or echoed) token (HELM `Token`). */
export interface Token {
  readonly text: string;
  readonly logprob: number;
  readonly top_logprobs?: Readonly<Record<string, number>>;
}

/** One completion (HELM `GeneratedOutput`, called `Sequence` in v0.3.0). */
export interface GeneratedOutput {
  readonly text: string;
  readonly logprob: number;
  readonly tokens: readonly Token[];
  readonly finish_reason?: Readonly<Record<string, unknown>> | null;
}

/** A model's answer (HELM `RequestResult`). */
export interface RequestResult {
  readonly success: boolean;
  readonly embedding?: readonly number[];
  readonly completions: readonly GeneratedOutput[];
  readonly cached: boolean;
  readonly request_time?: number;
  readonly request_datetime?: number;
  readonly error?: string;
  readonly error_flags?: Readonly<Record<string, unknown>>;
}

/** One request with its instance and result (HELM `RequestState`). */
export interface RequestState {
  readonly instance: Instance;
  readonly reference_index?: number | null;
  /** `original` or `calibration` for the separate methods. */
  readonly request_mode?: string | null;
  readonly train_trial_index: number;
  /** Letter → reference text for `multiple_choice_joint`. */
  readonly output_mapping?: Readonly<Record<string, string>> | null;
  readonly request: Request;
  readonly result?: RequestResult | null;
  readonly num_train_instances: number;
  readonly prompt_truncated: boolean;
  readonly num_conditioning_tokens?: number;
  readonly annotations?: Readonly<Record<string, unknown>> | null;
}

/** `scenario_state.json`. */
export interface ScenarioState {
  readonly adapter_spec: AdapterSpec;
  readonly request_states: readonly RequestState[];
}

/** One entry of `per_instance_stats.json`. */
export interface PerInstanceStats {
  readonly instance_id: string;
  readonly perturbation?: PerturbationDescription | null;
  readonly train_trial_index: number;
  readonly stats: readonly Stat[];
}
