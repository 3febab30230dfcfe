/**
 * Finds the server's own tokenizer and context window, so prompt fitting counts tokens exactly as HELM's
 * window services do instead of approximating.
 *
 * Shapes probed (one request each, short timeout):
 * - `POST <root>/tokenize`: llama.cpp server (`{content}` → `{tokens}`) and vLLM (`{model, prompt}` →
 *   `{tokens, count, max_model_len}`); one body carries both field names, the answer's shape tells which.
 * - `GET <root>/props` (llama.cpp: `default_generation_settings.n_ctx`, the window the server runs with).
 * - `GET <base>/models` (llama.cpp `meta.n_ctx_train`, vLLM `max_model_len`).
 * `<root>` is the base URL without a trailing `/v1`: both servers serve these next to, not under, `/v1`. The
 * API key is sent only to the base URL's own origin. Results are cached per endpoint for the process.
 */
import { AppError } from '../../../src-shared/errors';
import { createNodeHttpFetch } from './node-http-fetch';

/** The server's tokenizer. */
export interface RemoteTokenizer {
  /** Which server shape answered (recorded with the run). */
  readonly kind: 'llama.cpp' | 'vllm';
  /** `<root>/tokenize`. */
  readonly url: string;
  tokenize(text: string, signal?: AbortSignal): Promise<number[]>;
  /** Text of a token sequence; null when the server has no working `/detokenize`. */
  detokenize(tokens: readonly number[], signal?: AbortSignal): Promise<string | null>;
}

/** What the probe found. */
export interface TokenizerProbe {
  readonly tokenizer: RemoteTokenizer | null;
  /** The server's context window (prompt + completion tokens), null when it reports none. */
  readonly contextWindow: number | null;
  /** Where the window came from, e.g. `/props n_ctx`. */
  readonly contextWindowSource: string | null;
  /**
   * Tokens the server adds to every prompt (e.g. BOS), which take room in the window: counts are of the text
   * alone, as HELM counts, so fitting leaves this much room besides.
   */
  readonly specialTokens: number;
}

export interface ProbeOptions {
  readonly baseUrl: string;
  readonly apiModel: string;
  readonly apiKey?: string | undefined;
  /** Per probe request; default 5 s (a server without the route answers 404 at once). */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

const cache = new Map<string, Promise<TokenizerProbe>>();

/** Probes once per (base URL, model) for the life of the process. */
export function probeServerTokenizer(options: ProbeOptions): Promise<TokenizerProbe> {
  const key = `${options.baseUrl.replace(/\/+$/, '')}\u0000${options.apiModel}`;
  let probe = cache.get(key);
  if (!probe) {
    probe = runProbe(options);
    cache.set(key, probe);
  }
  return probe;
}

/** `http://host:8000/v1/` → `http://host:8000`. */
export function serverRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

type Json = Record<string, unknown>;

async function runProbe(options: ProbeOptions): Promise<TokenizerProbe> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const root = serverRoot(base);
  const origin = new URL(base).origin;
  const fetchImpl = options.fetch ?? createNodeHttpFetch();
  const timeoutMs = options.timeoutMs ?? 5000;
  const call = async (url: string, body?: unknown, signal?: AbortSignal): Promise<Json | null> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    // The key goes to the user's own server only, never to another origin.
    if (options.apiKey && new URL(url).origin === origin) headers.authorization = `Bearer ${options.apiKey}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetchImpl(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      if (!response.ok) return null;
      const parsed: unknown = await response.json();
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Json) : null; // boundary: server JSON
    } catch (error) {
      if (signal?.aborted) throw error;
      return null;
    }
  };

  let tokenizer: RemoteTokenizer | null = null;
  let contextWindow: number | null = null;
  let contextWindowSource: string | null = null;
  const probeText = 'Hello world';
  let specialTokens = 0;
  // With the special tokens the server adds to a prompt; the plain count follows, and the difference is reserved.
  const answer = await call(`${root}/tokenize`, {
    model: options.apiModel,
    content: probeText,
    prompt: probeText,
    add_special: true,
    add_special_tokens: true,
  });
  if (answer && isTokenList(answer.tokens) && answer.tokens.length > 0) {
    const kind = 'count' in answer || 'max_model_len' in answer ? 'vllm' : 'llama.cpp';
    const found = remoteTokenizer(kind, root, options.apiModel, call);
    const plain = await found.tokenize(probeText).catch(() => null);
    if (plain) {
      tokenizer = found;
      specialTokens = Math.max(0, answer.tokens.length - plain.length);
    }
    const window = positiveInteger(answer.max_model_len);
    if (window !== null) [contextWindow, contextWindowSource] = [window, '/tokenize max_model_len'];
  }
  if (contextWindow === null && tokenizer?.kind !== 'vllm') {
    const props = await call(`${root}/props`);
    const settings = props?.default_generation_settings;
    const window = positiveInteger(isJson(settings) ? settings.n_ctx : undefined) ?? positiveInteger(props?.n_ctx);
    if (window !== null) [contextWindow, contextWindowSource] = [window, '/props n_ctx'];
  }
  if (contextWindow === null) {
    const models = await call(`${base}/models`);
    const data = Array.isArray(models?.data) ? models.data.filter(isJson) : [];
    const entry = data.find((model) => model.id === options.apiModel) ?? (data.length === 1 ? data[0] : undefined);
    const meta = entry && isJson(entry.meta) ? entry.meta : undefined;
    const fromVllm = positiveInteger(entry?.max_model_len);
    const fromLlama = positiveInteger(meta?.n_ctx_train);
    if (fromVllm !== null) [contextWindow, contextWindowSource] = [fromVllm, '/models max_model_len'];
    else if (fromLlama !== null) [contextWindow, contextWindowSource] = [fromLlama, '/models meta.n_ctx_train'];
  }
  return { tokenizer, contextWindow, contextWindowSource, specialTokens };
}

function remoteTokenizer(
  kind: RemoteTokenizer['kind'],
  root: string,
  apiModel: string,
  call: (url: string, body?: unknown, signal?: AbortSignal) => Promise<Json | null>,
): RemoteTokenizer {
  let detokenizeWorks: boolean | null = null;
  return {
    kind,
    url: `${root}/tokenize`,
    async tokenize(text, signal) {
      const body =
        kind === 'vllm'
          ? { model: apiModel, prompt: text, add_special_tokens: false }
          : { content: text, add_special: false };
      const answer = await call(`${root}/tokenize`, body, signal);
      if (!answer || !isTokenList(answer.tokens)) {
        throw new AppError({
          code: 'model.tokenize-failed',
          message: `The server's tokenizer (${root}/tokenize) did not answer.`,
        });
      }
      return answer.tokens;
    },
    async detokenize(tokens, signal) {
      if (detokenizeWorks === false) return null;
      const body = kind === 'vllm' ? { model: apiModel, tokens } : { tokens };
      const answer = await call(`${root}/detokenize`, body, signal);
      const text = kind === 'vllm' ? answer?.prompt : answer?.content;
      detokenizeWorks = typeof text === 'string';
      return typeof text === 'string' ? text : null;
    },
  };
}

function isJson(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isTokenList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((token) => typeof token === 'number');
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}
