/**
 * The model client for any OpenAI-compatible server (`openai` package): HELM requests → `/completions` (prompt
 * as is) or `/chat/completions` (prompt as one user message, as HELM's OpenAIClient does for chat models), with
 * bounded concurrency, a token-bucket rate limit, jittered retries honouring Retry-After, a per-request timeout
 * and an AbortSignal. Token usage comes from the server's `usage`.
 */
import OpenAI from 'openai';
import { AppError } from '../../../src-shared/errors';
import type { ModelMode } from '../../../src-shared/engine/job';
import type { GeneratedOutput, Request, RequestResult } from '../../../src-shared/helm/request';
import type { ModelClient, ModelRequestOptions } from '../types';
import { Semaphore, TokenBucket, cancelledError, sleep, throwIfAborted } from './limits';
import { DEFAULT_RETRY_POLICY, backoffDelayMs, isRetriableStatus, parseRetryAfter } from '../retry';
import type { RetryPolicy } from '../retry';
import { createNodeHttpFetch } from './node-http-fetch';
import { mapChatChoice, mapCompletionChoice } from './response-mapping';
import type { ChatChoice, CompletionChoice } from './response-mapping';

export interface OpenAiClientOptions {
  readonly baseUrl: string;
  /** Model name sent to the server. */
  readonly apiModel: string;
  /** Held in memory only; never logged or written. */
  readonly apiKey?: string | undefined;
  readonly mode: ModelMode;
  readonly concurrency?: number;
  /** Requests per second; null/undefined = unlimited. */
  readonly rateLimit?: number | null | undefined;
  readonly timeoutMs?: number;
  /** Largest response accepted, bytes (default DEFAULT_MAX_RESPONSE_BYTES); a larger one fails that request. */
  readonly maxResponseBytes?: number;
  readonly retry?: RetryPolicy;
  /** Sent as `seed` when set (HELM sends none; useful for servers that sample). */
  readonly seed?: number;
  /** Called before each retry (for the run log). */
  readonly onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
  /**
   * Called once, when the server first rejects `logprobs` and generation requests go on without them. Without
   * it, the fallback is reported through `onRetry`.
   */
  readonly onLogprobsRejected?: () => void;
}

/** Token usage as reported by the server. */
export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** What one request produced: the HELM result and the server's usage. */
export interface ModelCall {
  readonly result: RequestResult;
  readonly usage: Usage;
}

/** Identity of the endpoint for the request cache key: the same request to another model is another entry. */
export interface EndpointIdentity {
  readonly baseUrl: string;
  readonly apiModel: string;
  readonly mode: ModelMode;
}

export class OpenAiModelClient implements ModelClient {
  readonly identity: EndpointIdentity;
  private readonly openai: OpenAI;
  private readonly slots: Semaphore;
  private readonly bucket: TokenBucket | undefined;
  private readonly retry: RetryPolicy;
  /** Per attempt, ms (the SDK's own timeout and each request's). */
  private readonly timeoutMs: number;
  /** Set when the server rejects `logprobs`; later generation requests are sent without them. */
  private logprobsRejected = false;

  constructor(private readonly options: OpenAiClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.identity = { baseUrl: options.baseUrl.replace(/\/+$/, ''), apiModel: options.apiModel, mode: options.mode };
    // The SDK's own retries are off: ours honour Retry-After with jitter and release the concurrency slot while waiting.
    this.openai = new OpenAI({
      baseURL: this.identity.baseUrl,
      apiKey: options.apiKey || 'none',
      maxRetries: 0,
      timeout: this.timeoutMs,
      logLevel: 'off',
      fetch: createNodeHttpFetch(
        options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {},
      ),
    });
    this.slots = new Semaphore(options.concurrency ?? 8);
    this.bucket = options.rateLimit ? new TokenBucket(options.rateLimit) : undefined;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
  }

  async makeRequest(request: Request, options?: ModelRequestOptions): Promise<RequestResult> {
    return (await this.call(request, options)).result;
  }

  /**
   * Sends one request (with retries); throws an AppError when it cannot be answered. `signal` aborts it
   * anywhere; `stopSignal` only while it is not on the wire (queued, rate-limited, backing off), so a
   * cancelled run lets requests already sent finish and be cached.
   */
  async call(request: Request, options: ModelRequestOptions & { stopSignal?: AbortSignal } = {}): Promise<ModelCall> {
    const { signal } = options;
    const waitSignal =
      options.stopSignal && signal ? AbortSignal.any([options.stopSignal, signal]) : (options.stopSignal ?? signal);
    if (request.echo_prompt && this.options.mode === 'chat')
      throw echoUnsupported('chat mode cannot return prompt logprobs');
    for (let attempt = 0; ; attempt++) {
      throwIfAborted(waitSignal);
      if (this.bucket) await this.bucket.take(waitSignal);
      await this.slots.acquire(waitSignal);
      let failure: { retriable: boolean; error: AppError; retryAfterMs?: number | undefined };
      // Echo requests always ask for logprobs; others only until the server has rejected them.
      const sentLogprobs = request.echo_prompt || !this.logprobsRejected;
      try {
        return await this.attempt(request, signal);
      } catch (error) {
        failure = classify(error, signal, this.identity);
      } finally {
        this.slots.release();
      }
      if (failure.error.code === 'model.logprobs-unsupported' && sentLogprobs) {
        if (request.echo_prompt) throw echoUnsupported(failure.error.causeText ?? 'logprobs are not supported');
        // Generation metrics do not need logprobs: go on without them (tokens are then empty). Requests sent
        // before the first rejection came back are rejected too, and each goes on the same way.
        if (!this.logprobsRejected) {
          if (this.options.onLogprobsRejected) this.options.onLogprobsRejected();
          else
            this.options.onRetry?.({
              attempt: attempt + 1,
              delayMs: 0,
              reason: 'server rejects logprobs; continuing without them',
            });
        }
        this.logprobsRejected = true;
        continue;
      }
      if (!failure.retriable || attempt >= this.retry.maxRetries) throw failure.error;
      const delayMs = backoffDelayMs(this.retry, attempt, failure.retryAfterMs);
      this.options.onRetry?.({
        attempt: attempt + 1,
        delayMs,
        reason: failure.error.causeText ?? failure.error.message,
      });
      await sleep(delayMs, waitSignal);
    }
  }

  private async attempt(request: Request, signal: AbortSignal | undefined): Promise<ModelCall> {
    // The SDK adds an abort listener to the signal it is given and never removes it. On a job-wide signal that
    // is one more listener per request, and Node's addEventListener scans them all (quadratic: it was the
    // largest single cost at a few thousand requests). So each attempt gets its own signal, linked to the
    // caller's only while the attempt runs.
    const link = signal ? linkedSignal(signal) : undefined;
    try {
      return await this.send(request, link?.signal);
    } finally {
      link?.dispose();
    }
  }

  private async send(request: Request, signal: AbortSignal | undefined): Promise<ModelCall> {
    const started = Date.now();
    const requestOptions = { ...(signal ? { signal } : {}), timeout: this.timeoutMs };
    const common = {
      model: this.options.apiModel,
      temperature: request.temperature,
      n: request.num_completions,
      max_tokens: request.max_tokens,
      top_p: request.top_p,
      presence_penalty: request.presence_penalty,
      frequency_penalty: request.frequency_penalty,
      // As HELM: the API rejects an empty stop list, so send none.
      ...(request.stop_sequences.length > 0 ? { stop: [...request.stop_sequences] } : {}),
      ...(this.options.seed !== undefined ? { seed: this.options.seed } : {}),
    };
    let completions: GeneratedOutput[];
    let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
    if (this.options.mode === 'completions') {
      // HELM asks for max(top_k_per_token, n) logprobs (openai_client.py); best_of is left out: with best_of = n
      // it changes nothing, and several compatible servers reject it.
      const response = await this.openai.completions.create(
        {
          ...common,
          prompt: request.prompt,
          ...(request.echo_prompt ? { echo: true } : {}),
          ...(this.logprobsRejected && !request.echo_prompt
            ? {}
            : { logprobs: Math.max(request.top_k_per_token, request.num_completions) }),
        },
        requestOptions,
      );
      const choices = (response.choices ?? []) as CompletionChoice[]; // boundary: the SDK's choice type, read structurally
      if (request.echo_prompt) checkEcho(choices, request);
      completions = choices.map((choice) => mapCompletionChoice(choice, request));
      usage = response.usage;
    } else {
      const withLogprobs = !this.logprobsRejected;
      const response = await this.openai.chat.completions.create(
        {
          ...common,
          messages: [{ role: 'user', content: request.prompt }],
          ...(withLogprobs ? { logprobs: true, top_logprobs: Math.min(20, Math.max(1, request.top_k_per_token)) } : {}),
        },
        requestOptions,
      );
      const choices = (response.choices ?? []) as ChatChoice[]; // boundary: the SDK's choice type, read structurally
      completions = choices.map((choice) => mapChatChoice(choice, request));
      usage = response.usage;
    }
    if (!Array.isArray(completions) || completions.length === 0) {
      throw new AppError({
        code: 'model.bad-response',
        message: `${this.identity.baseUrl} returned no choices.`,
        cause: 'empty choices',
      });
    }
    const finished = Date.now();
    return {
      // Fields in HELM's RequestResult order (`common/request.py`); HELM writes `embedding: []` for completions.
      result: {
        success: true,
        embedding: [],
        completions,
        cached: false,
        request_time: (finished - started) / 1000,
        request_datetime: Math.floor(started / 1000),
      },
      usage: { promptTokens: usage?.prompt_tokens ?? 0, completionTokens: usage?.completion_tokens ?? 0 },
    };
  }
}

/** A signal that aborts when `parent` does, until disposed (then the listener on `parent` is gone). */
function linkedSignal(parent: AbortSignal): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { signal: controller.signal, dispose: () => undefined };
  }
  const onAbort = () => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, dispose: () => parent.removeEventListener('abort', onAbort) };
}

/** An echo request must come back with the prompt's tokens and logprobs, or scoring is impossible. */
function checkEcho(choices: readonly CompletionChoice[], request: Request): void {
  for (const choice of choices) {
    const tokens = choice.logprobs?.tokens;
    if (!tokens || tokens.length === 0 || !(choice.text ?? '').startsWith(request.prompt)) {
      throw echoUnsupported('the server ignored echo=true (no prompt tokens in the answer)');
    }
  }
}

export function echoUnsupported(cause: string): AppError {
  return new AppError({
    code: 'model.echo-unsupported',
    message:
      'This endpoint cannot score prompts (echo with logprobs), which multiple_choice_separate_* scenarios need.',
    cause,
  });
}

function classify(
  error: unknown,
  signal: AbortSignal | undefined,
  identity: EndpointIdentity,
): { retriable: boolean; error: AppError; retryAfterMs?: number | undefined } {
  if (signal?.aborted || error instanceof OpenAI.APIUserAbortError)
    return { retriable: false, error: cancelledError() };
  if (error instanceof AppError) return { retriable: error.code === 'model.bad-response', error };
  const where = `${identity.baseUrl} (model ${identity.apiModel})`;
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return {
      retriable: true,
      error: new AppError({ code: 'model.timeout', message: `${where} did not answer in time.`, cause: 'timeout' }),
    };
  }
  if (error instanceof OpenAI.APIConnectionError) {
    // Our fetch's own refusals (an over-large response) come back wrapped by the SDK: not worth retrying.
    if (error.cause instanceof AppError) return { retriable: false, error: error.cause };
    return {
      retriable: true,
      error: new AppError({
        code: 'model.unreachable',
        message: `Cannot reach ${where}.`,
        cause: error.cause instanceof Error ? error.cause.message : error.message,
      }),
    };
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const status = error.status;
    const text = error.message;
    const retryAfterMs = parseRetryAfter(error.headers);
    if (isRetriableStatus(status)) {
      return {
        retriable: true,
        retryAfterMs,
        error: new AppError({
          code: status === 429 ? 'model.rate-limited' : 'model.server-error',
          message: `${where} answered HTTP ${status}.`,
          cause: text,
        }),
      };
    }
    if (status === 401 || status === 403) {
      return {
        retriable: false,
        error: new AppError({
          code: 'model.auth',
          message: `${where} refused the API key (HTTP ${status}).`,
          cause: text,
        }),
      };
    }
    if (/echo/i.test(text)) return { retriable: false, error: echoUnsupported(text) };
    if (/logprob/i.test(text)) {
      return {
        retriable: false,
        error: new AppError({
          code: 'model.logprobs-unsupported',
          message: `${where} does not return logprobs.`,
          cause: text,
        }),
      };
    }
    // The server's words are the only sign that a prompt was over its context; the code carries it from here on.
    const overContext = status !== 404 && /context|too long|maximum/i.test(text);
    return {
      retriable: false,
      error: new AppError({
        code: status === 404 ? 'model.not-found' : overContext ? 'model.context-exceeded' : 'model.bad-request',
        message: `${where} rejected the request (HTTP ${status}).`,
        cause: text,
      }),
    };
  }
  // Unreadable bodies (malformed JSON) and other transport surprises: retry, then report.
  const cause = error instanceof Error ? error.message : String(error);
  return {
    retriable: true,
    error: new AppError({ code: 'model.bad-response', message: `${where} sent an unreadable answer.`, cause }),
  };
}
