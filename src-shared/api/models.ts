/** App API, model domain: endpoint presets, the endpoint a run talks to, and "Test connection". */
import { z } from 'zod';
import { channel } from './channel';
import { appErrorDataSchema } from '../error-schema';
import { modelModeSchema } from '../engine/job';
import type { ModelMode } from '../engine/job';

export const presetIdSchema = z.enum([
  'openai',
  'together',
  'anthropic-compatible',
  'openai-compatible',
  'vllm',
  'ollama',
  'llama-cpp',
  'lm-studio',
  'custom',
]);
export type PresetId = z.infer<typeof presetIdSchema>;

/** A ready-made endpoint shape; the user still types the model name. */
export interface ModelPreset {
  readonly id: PresetId;
  readonly label: string;
  /** Empty for `custom`: the user supplies it. */
  readonly baseUrl: string;
  readonly defaultMode: ModelMode;
  readonly needsKey: boolean;
  /** Environment variable that usually holds the key (browser mode and CLI read keys from the environment). */
  readonly keyEnvVar: string | null;
}

/** The presets shown in the Model step. Data, so a new service is one entry. */
export const MODEL_PRESETS: readonly ModelPreset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    defaultMode: 'chat',
    needsKey: true,
    keyEnvVar: 'OPENAI_API_KEY',
  },
  {
    id: 'together',
    label: 'Together AI',
    baseUrl: 'https://api.together.xyz/v1',
    defaultMode: 'completions',
    needsKey: true,
    keyEnvVar: 'TOGETHER_API_KEY',
  },
  {
    id: 'anthropic-compatible',
    label: 'Anthropic (OpenAI-compatible)',
    baseUrl: 'https://api.anthropic.com/v1',
    defaultMode: 'chat',
    needsKey: true,
    keyEnvVar: 'ANTHROPIC_API_KEY',
  },
  {
    id: 'openai-compatible',
    label: 'Other OpenAI-compatible service',
    baseUrl: '',
    defaultMode: 'chat',
    needsKey: true,
    keyEnvVar: null,
  },
  {
    id: 'vllm',
    label: 'vLLM',
    baseUrl: 'http://127.0.0.1:8000/v1',
    defaultMode: 'completions',
    needsKey: false,
    keyEnvVar: null,
  },
  {
    id: 'ollama',
    label: 'Ollama',
    baseUrl: 'http://127.0.0.1:11434/v1',
    defaultMode: 'chat',
    needsKey: false,
    keyEnvVar: null,
  },
  {
    id: 'llama-cpp',
    label: 'llama.cpp server',
    baseUrl: 'http://127.0.0.1:8080/v1',
    defaultMode: 'completions',
    needsKey: false,
    keyEnvVar: null,
  },
  {
    id: 'lm-studio',
    label: 'LM Studio',
    baseUrl: 'http://127.0.0.1:1234/v1',
    defaultMode: 'chat',
    needsKey: false,
    keyEnvVar: null,
  },
  { id: 'custom', label: 'Custom base URL', baseUrl: '', defaultMode: 'completions', needsKey: false, keyEnvVar: null },
];

export const modelEndpointSchema = z.object({
  preset: presetIdSchema,
  baseUrl: z.string().min(1),
  /** Model name as the server knows it, e.g. `gpt-4o-mini`. */
  model: z.string().min(1),
  mode: modelModeSchema,
  /**
   * Name of the stored secret holding the API key (see `secrets.*`), or null for none.
   * The key itself never travels in an endpoint, so it never reaches the renderer again after entry.
   */
  apiKeyId: z.string().nullable(),
  /** USD per million prompt / completion tokens, for cost estimates; null = unknown. */
  pricePerMillionPrompt: z.number().nonnegative().nullable(),
  pricePerMillionCompletion: z.number().nonnegative().nullable(),
});
export type ModelEndpoint = z.infer<typeof modelEndpointSchema>;

/** Whether a base URL and a model name are both filled in: what testing, dry runs and runs need first. */
export function isEndpointChosen(endpoint: Pick<ModelEndpoint, 'baseUrl' | 'model'>): boolean {
  return endpoint.baseUrl.trim() !== '' && endpoint.model.trim() !== '';
}

/**
 * HELM model names are `org/name` (they become `model=org_name` in run names). A name the server knows
 * without an org (e.g. `llama3`) is filed under `user/`; the server still receives it unchanged as `apiModel`.
 */
export function helmModelName(model: string): string {
  const trimmed = model.trim();
  return /^[^/\s]+\/\S+$/.test(trimmed) ? trimmed : `user/${trimmed.replace(/[/\s]+/g, '_')}`;
}

export const connectionReportViewSchema = z.object({
  ok: z.boolean(),
  /** Round trip of the one cheap request, milliseconds. */
  latencyMs: z.number().nullable(),
  /** Which modes answered. */
  chat: z.boolean().nullable(),
  completions: z.boolean().nullable(),
  /** Whether the server returns prompt logprobs (echo), which `multiple_choice_separate_*` need. */
  logprobs: z.boolean().nullable(),
  /** Scenarios that cannot run without logprobs (skipped when `logprobs` is false). */
  scenariosNeedingLogprobs: z.array(z.string()),
  /** Whether generated tokens come with their logprobs (null: completions mode not checked). */
  tokenLogprobs: z.boolean().nullable(),
  /** Scenarios that run without token logprobs but rank by them (scored less precisely when `tokenLogprobs` is false). */
  scenariosRankedByLogprobs: z.array(z.string()),
  error: appErrorDataSchema.nullable(),
});
export type ConnectionReportView = z.infer<typeof connectionReportViewSchema>;

export const modelChannels = {
  'models.testConnection': channel(
    z.object({ endpoint: modelEndpointSchema }),
    connectionReportViewSchema,
    'Send one cheap request and report latency, mode and logprobs support.',
  ),
} as const;
