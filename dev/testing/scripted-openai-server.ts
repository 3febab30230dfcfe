/**
 * A deterministic OpenAI-compatible loopback server for tests and benchmarks: `/v1/completions`,
 * `/v1/chat/completions`, `/v1/models`, with scripted answers, logprobs/echo, latency, fault injection and a
 * per-normalized-request counter (to prove a request is never paid twice).
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { canonicalJson } from '../../src-main/engine/cache/canonical-json';
import { chatPrompt, readBody, sendJson, stopSequences } from '../../src-main/demo/openai-http';
import { createScriptedTokenizer } from './scripted-tokenizer';
import type { ScriptedTokenizerOptions } from './scripted-tokenizer';

/** A fault to inject instead of a normal answer. */
export type ScriptedFault =
  | { readonly kind: 'rate-limit'; readonly retryAfterSeconds?: number }
  | { readonly kind: 'server-error'; readonly status?: number }
  | { readonly kind: 'hang' }
  | { readonly kind: 'malformed-json' }
  | { readonly kind: 'drop-connection' }
  | { readonly kind: 'bad-request'; readonly message: string }
  /**
   * A 200 answer of `bytes` bytes: a completion whose text is that long, streamed in 1 MB chunks (made once, so
   * the server itself stays small) until sent or the client hangs up; with `declareLength`, Content-Length says so.
   */
  | { readonly kind: 'oversized'; readonly bytes: number; readonly declareLength?: boolean };

export interface FaultContext {
  /** 0-based index of this HTTP request among all received. */
  readonly index: number;
  /** How many times this normalized request has been received, this one included (1 = first attempt). */
  readonly attempt: number;
  readonly key: string;
  readonly endpoint: 'completions' | 'chat';
  readonly body: Readonly<Record<string, unknown>>;
}

export interface ScriptedServerOptions {
  /** Delay before answering, in ms (0 = answer at once). */
  readonly latencyMs?: number;
  /** The completion text for a prompt; default: a deterministic pick from a small vocabulary. */
  readonly answer?: (prompt: string, completionIndex: number) => string;
  readonly fault?: (context: FaultContext) => ScriptedFault | undefined;
  /** When false, `echo` and `logprobs` requests get a 400 as many hosted chat-only APIs answer. */
  readonly supportsEcho?: boolean;
  readonly supportsLogprobs?: boolean;
  readonly supportsCompletions?: boolean;
  /** After this many successful answers, every further request hangs (for kill-mid-run tests). */
  readonly hangAfterServed?: number;
  /**
   * When set, every request (models list included) must carry `Authorization: Bearer <apiKey>`; any other gets
   * HTTP 401 with OpenAI's `invalid_api_key` error body, as hosted services answer a wrong key.
   */
  readonly apiKey?: string;
  /**
   * When set, the server also has llama.cpp's tokenizer routes (`/tokenize`, `/detokenize`, `/props`) at its
   * root, next to `/v1` (see {@link ./scripted-tokenizer}); they count in {@link ScriptedServer.tokenizeRequests}
   * only, not in `received`.
   */
  readonly tokenizer?: ScriptedTokenizerOptions;
}

export interface ScriptedServer {
  readonly baseUrl: string;
  /** Successful answers per normalized request key. */
  readonly served: ReadonlyMap<string, number>;
  /** HTTP requests received (all attempts, faults included). */
  received(): number;
  servedTotal(): number;
  /** Requests to the tokenizer routes (option `tokenizer`). */
  tokenizeRequests(): number;
  /** Normalized request keys answered more than once. */
  duplicates(): string[];
  /** Merges new options into the current ones. */
  setOptions(options: ScriptedServerOptions): void;
  close(): Promise<void>;
}

const VOCABULARY = [
  ' A',
  ' B',
  ' C',
  ' D',
  ' Yes',
  ' No',
  ' the',
  ' story',
  '\n',
  ' True',
  ' False',
  ' positive',
  ' negative',
];

/** Splits text into tokens (a word with its leading whitespace, or whitespace runs) — stable and cheap. */
export function scriptedTokenize(text: string): string[] {
  return text.match(/\s*\S+|\s+/g) ?? [];
}

/** A deterministic logprob for a token in a context. */
function tokenLogprob(context: string, token: string): number {
  const digest = createHash('sha1').update(context).update('\u0000').update(token).digest();
  return -((digest.readUInt16BE(0) % 5000) / 1000) - 0.01;
}

function defaultAnswer(prompt: string, completionIndex: number): string {
  const digest = createHash('sha1').update(prompt).update(String(completionIndex)).digest();
  const words: string[] = [];
  for (let i = 0; i < 4; i++) words.push(VOCABULARY[(digest[i] ?? 0) % VOCABULARY.length] ?? ' A');
  return words.join('');
}

export async function startScriptedOpenAiServer(initial: ScriptedServerOptions = {}): Promise<ScriptedServer> {
  let options = initial;
  let received = 0;
  let servedTotal = 0;
  const attempts = new Map<string, number>();
  const served = new Map<string, number>();
  const tokenizer = createScriptedTokenizer(scriptedTokenize);
  let tokenizeRequests = 0;

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { error: { message: 'scripted server failure' } });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrived = performance.now();
    const url = request.url ?? '';
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      received++;
      sendJson(response, 401, {
        error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
      });
      return;
    }
    if (request.method === 'GET' && url.startsWith('/v1/models')) {
      sendJson(response, 200, { object: 'list', data: [{ id: 'scripted-model', object: 'model', owned_by: 'test' }] });
      return;
    }
    if (options.tokenizer && tokenizer.handles(request.method, url)) {
      tokenizeRequests++;
      const [status, body] = tokenizer.answer(
        request.method,
        url,
        request.method === 'POST' ? await readBody(request) : '',
        options.tokenizer,
      );
      sendJson(response, status, body);
      return;
    }
    const endpoint = url.startsWith('/v1/chat/completions')
      ? 'chat'
      : url.startsWith('/v1/completions')
        ? 'completions'
        : null;
    if (request.method !== 'POST' || endpoint === null) {
      sendJson(response, 404, { error: { message: `no route ${request.method} ${url}` } });
      return;
    }
    const raw = await readBody(request);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>; // boundary: the client's JSON body
    } catch {
      sendJson(response, 400, { error: { message: 'invalid JSON body' } });
      return;
    }
    const key = `${endpoint}:${canonicalJson(body)}`;
    const index = received++;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);

    if (options.hangAfterServed !== undefined && servedTotal >= options.hangAfterServed) return; // hang: never answer
    const fault = options.fault?.({ index, attempt, key, endpoint, body });
    // The answer is made before the wait, and the wait ends `latencyMs` after the request arrived: the latency is
    // then what was asked for, not that plus this server's own work (which, for a wave of requests whose timers
    // fire together, queued up to ~10 ms and made the 200 ms benchmark measure the server).
    const answer = fault ? undefined : endpoint === 'chat' ? answerChat(body) : answerCompletions(body);
    if (options.latencyMs) await delay(options.latencyMs - (performance.now() - arrived));
    if (!answer) {
      if (fault) applyFault(fault, request, response);
      return;
    }
    if ('error' in answer) {
      sendJson(response, 400, answer);
      return;
    }
    if (options.hangAfterServed !== undefined && servedTotal >= options.hangAfterServed) return;
    servedTotal++;
    served.set(key, (served.get(key) ?? 0) + 1);
    sendJson(response, 200, answer);
  }

  function answerCompletions(body: Record<string, unknown>): Record<string, unknown> {
    if (options.supportsCompletions === false)
      return { error: { message: 'This model only supports chat completions.' } };
    const prompt = typeof body.prompt === 'string' ? body.prompt : '';
    const echo = body.echo === true;
    const logprobs = typeof body.logprobs === 'number' ? body.logprobs : null;
    if (echo && options.supportsEcho === false) return { error: { message: 'echo is not supported' } };
    if (logprobs !== null && options.supportsLogprobs === false)
      return { error: { message: 'logprobs are not supported' } };
    const n = typeof body.n === 'number' ? body.n : 1;
    const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : 16;
    const stops = stopSequences(body.stop);
    const promptTokens = scriptedTokenize(prompt);
    const choices = [];
    let completionTokens = 0;
    for (let i = 0; i < n; i++) {
      const generated = generate(prompt, i, maxTokens, stops);
      completionTokens += generated.tokens.length;
      const tokens = echo ? [...promptTokens, ...generated.tokens] : generated.tokens;
      const text = echo ? prompt + generated.text : generated.text;
      let logprobBlock: Record<string, unknown> | null = null;
      if (logprobs !== null) {
        let context = echo ? '' : prompt;
        const tokenLogprobs: (number | null)[] = [];
        const tops: (Record<string, number> | null)[] = [];
        const offsets: number[] = [];
        let offset = 0;
        tokens.forEach((token, position) => {
          const lp = tokenLogprob(context, token);
          const first = echo && position === 0;
          tokenLogprobs.push(first ? null : lp);
          const top: Record<string, number> = { [token]: lp };
          for (const alternative of VOCABULARY.slice(0, Math.max(0, logprobs - 1)))
            if (!(alternative in top)) top[alternative] = lp - 1;
          tops.push(first ? null : top);
          offsets.push(offset);
          offset += token.length;
          context += token;
        });
        logprobBlock = { tokens, token_logprobs: tokenLogprobs, top_logprobs: tops, text_offset: offsets };
      }
      choices.push({ index: i, text, logprobs: logprobBlock, finish_reason: generated.finishReason });
    }
    return {
      id: 'cmpl-scripted',
      object: 'text_completion',
      created: 0,
      model: String(body.model ?? ''),
      choices,
      usage: {
        prompt_tokens: promptTokens.length,
        completion_tokens: completionTokens,
        total_tokens: promptTokens.length + completionTokens,
      },
    };
  }

  function answerChat(body: Record<string, unknown>): Record<string, unknown> {
    const prompt = chatPrompt(body.messages);
    if (body.logprobs === true && options.supportsLogprobs === false)
      return { error: { message: 'logprobs are not supported' } };
    const n = typeof body.n === 'number' ? body.n : 1;
    const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : 16;
    const topK = typeof body.top_logprobs === 'number' ? body.top_logprobs : 0;
    const stops = stopSequences(body.stop);
    const choices = [];
    let completionTokens = 0;
    for (let i = 0; i < n; i++) {
      const generated = generate(prompt, i, maxTokens, stops);
      completionTokens += generated.tokens.length;
      let context = prompt;
      const content = generated.tokens.map((token) => {
        const lp = tokenLogprob(context, token);
        context += token;
        const top = [
          { token, logprob: lp },
          ...VOCABULARY.slice(0, Math.max(0, topK - 1))
            .filter((t) => t !== token)
            .map((t) => ({ token: t, logprob: lp - 1 })),
        ];
        return { token, logprob: lp, bytes: null, top_logprobs: top };
      });
      choices.push({
        index: i,
        message: { role: 'assistant', content: generated.text },
        logprobs: body.logprobs === true ? { content } : null,
        finish_reason: generated.finishReason,
      });
    }
    const promptTokens = scriptedTokenize(prompt).length;
    return {
      id: 'chatcmpl-scripted',
      object: 'chat.completion',
      created: 0,
      model: String(body.model ?? ''),
      choices,
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    };
  }

  function generate(
    prompt: string,
    index: number,
    maxTokens: number,
    stops: string[],
  ): { text: string; tokens: string[]; finishReason: string } {
    const full = (options.answer ?? defaultAnswer)(prompt, index);
    let text = full;
    let finishReason = 'length';
    for (const stop of stops) {
      const at = text.indexOf(stop);
      if (at >= 0) {
        text = text.slice(0, at);
        finishReason = 'stop';
      }
    }
    let tokens = scriptedTokenize(text);
    if (tokens.length > maxTokens) {
      tokens = tokens.slice(0, maxTokens);
      text = tokens.join('');
      finishReason = 'length';
    } else if (finishReason !== 'stop') finishReason = tokens.length === maxTokens ? 'length' : 'stop';
    return { text, tokens, finishReason };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // boundary: listen() on a TCP port gives AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    served,
    received: () => received,
    servedTotal: () => servedTotal,
    tokenizeRequests: () => tokenizeRequests,
    duplicates: () => [...served].filter(([, count]) => count > 1).map(([key]) => key),
    setOptions: (next) => {
      options = { ...options, ...next };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function applyFault(fault: ScriptedFault, request: IncomingMessage, response: ServerResponse): void {
  switch (fault.kind) {
    case 'rate-limit':
      response.setHeader('retry-after', String(fault.retryAfterSeconds ?? 1));
      sendJson(response, 429, { error: { message: 'Rate limit reached', type: 'rate_limit_error' } });
      return;
    case 'server-error':
      sendJson(response, fault.status ?? 500, { error: { message: 'Internal server error' } });
      return;
    case 'bad-request':
      sendJson(response, 400, { error: { message: fault.message } });
      return;
    case 'malformed-json':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"choices": [ {"text": "unterminated');
      return;
    case 'drop-connection':
      request.socket.destroy();
      return;
    case 'hang':
      return;
    case 'oversized':
      return sendOversized(response, fault.bytes, fault.declareLength === true);
  }
}

const FILLER = Buffer.alloc(1024 * 1024, 'x');

function sendOversized(response: ServerResponse, bytes: number, declareLength: boolean): void {
  const head = Buffer.from('{"id":"big","object":"text_completion","choices":[{"index":0,"text":"');
  const tail = Buffer.from('","finish_reason":"length"}],"usage":{"prompt_tokens":1,"completion_tokens":1}}');
  const textBytes = Math.max(0, bytes - head.length - tail.length);
  response.writeHead(200, {
    'content-type': 'application/json',
    ...(declareLength ? { 'content-length': String(head.length + textBytes + tail.length) } : {}),
  });
  response.write(head);
  let left = textBytes;
  const more = (): void => {
    while (left > 0 && !response.destroyed) {
      const chunk = left >= FILLER.length ? FILLER : FILLER.subarray(0, left);
      left -= chunk.length;
      if (!response.write(chunk)) return void response.once('drain', more);
    }
    if (!response.destroyed) response.end(tail);
  };
  more();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
