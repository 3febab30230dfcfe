/**
 * "Test connection": a few one-token requests that tell the user, before a run, whether the endpoint answers,
 * in which modes, and whether it can echo prompt logprobs (needed by the `multiple_choice_separate_*` scenarios).
 */
import { toAppErrorData } from '../../../src-shared/errors';
import type { ConnectionReport } from '../../../src-shared/engine/connection';
import type { Request } from '../../../src-shared/helm/request';
import { OpenAiModelClient } from './openai-model-client';

export interface TestConnectionOptions {
  readonly baseUrl: string;
  readonly apiModel: string;
  readonly apiKey?: string | undefined;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

const PROBE: Request = {
  model: 'probe/probe',
  prompt: 'The capital of France is',
  temperature: 0,
  num_completions: 1,
  top_k_per_token: 1,
  max_tokens: 1,
  stop_sequences: [],
  echo_prompt: false,
  top_p: 1,
  presence_penalty: 0,
  frequency_penalty: 0,
};

export async function testConnection(options: TestConnectionOptions): Promise<ConnectionReport> {
  const notes: string[] = [];
  const make = (mode: 'completions' | 'chat') =>
    new OpenAiModelClient({
      baseUrl: options.baseUrl,
      apiModel: options.apiModel,
      apiKey: options.apiKey,
      mode,
      timeoutMs: options.timeoutMs ?? 20_000,
      retry: { maxRetries: 1, baseDelayMs: 200, maxDelayMs: 1000 },
    });
  const signal = options.signal ? { signal: options.signal } : {};
  let latencyMs: number | null = null;
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await work();
    latencyMs ??= Math.round(performance.now() - started);
    return value;
  };

  const failures: ConnectionReport['failures'] = { completions: null, chat: null };
  const failure = (error: unknown) => {
    const data = toAppErrorData(error);
    const status = data.details?.status;
    return {
      status: typeof status === 'number' ? status : null,
      message: `${data.message} ${data.cause ?? ''}`.trim(),
    };
  };

  let supportsCompletions = false;
  let supportsLogprobs = false;
  try {
    const result = await timed(() => make('completions').makeRequest(PROBE, signal));
    supportsCompletions = true;
    supportsLogprobs = (result.completions[0]?.tokens.length ?? 0) > 0;
    if (!supportsLogprobs) notes.push('Completions answer without logprobs.');
  } catch (error) {
    failures.completions = failure(error);
    notes.push(`Completions: ${failures.completions.message}`);
  }

  let supportsEcho = false;
  if (supportsCompletions) {
    try {
      await make('completions').makeRequest({ ...PROBE, echo_prompt: true, max_tokens: 0 }, signal);
      supportsEcho = true;
    } catch (error) {
      notes.push(`Echo: ${toAppErrorData(error).cause ?? toAppErrorData(error).message}`);
    }
  }

  let supportsChat = false;
  try {
    await timed(() => make('chat').makeRequest(PROBE, signal));
    supportsChat = true;
  } catch (error) {
    failures.chat = failure(error);
    notes.push(`Chat: ${failures.chat.message}`);
  }

  return {
    ok: supportsCompletions || supportsChat,
    latencyMs,
    supportsCompletions,
    supportsChat,
    supportsLogprobs,
    supportsEcho,
    recommendedMode: supportsCompletions ? 'completions' : supportsChat ? 'chat' : null,
    notes,
    failures,
  };
}
