/**
 * A real OpenAI-compatible server over a local GGUF model (`node-llama-cpp`, CPU only, one thread): completions
 * and chat, logprobs with top_logprobs, echo with prompt-token logprobs (computed by evaluating the prompt),
 * stop sequences, max_tokens 0 with echo; llama.cpp's `/tokenize`, `/detokenize` and `/props`. Model access is serialized: one sequence at a time. Used by the
 * end-to-end test and the local demo (`helm-rank tiny-model-server --model PATH --port N`).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LlamaLogLevel, getLlama } from 'node-llama-cpp';
import type { LlamaContext, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import { chatPrompt, readBody, sendJson, stopSequences } from './openai-http';
import { answerTokenizerRoute } from './tiny-model-tokenizer';

export interface TinyModelServerOptions {
  readonly modelPath: string;
  /** 0 = any free port. */
  readonly port?: number;
  readonly host?: string;
  /** Tokens of prompt + completion the context holds. */
  readonly contextSize?: number;
}

export interface TinyModelServer {
  readonly baseUrl: string;
  readonly modelName: string;
  close(): Promise<void>;
}

interface Generation {
  readonly text: string;
  readonly tokens: { text: string; logprob: number | null; top: Record<string, number> | null }[];
  readonly finishReason: 'stop' | 'length';
  readonly promptTokenCount: number;
  readonly completionTokenCount: number;
}

interface GenerationRequest {
  readonly prompt: string;
  readonly maxTokens: number;
  readonly temperature: number;
  readonly stops: readonly string[];
  readonly echo: boolean;
  readonly topK: number;
  readonly seed: number;
}

class ContextTooLongError extends Error {}

/** What is kept per evaluated prompt position: the next prompt token's logprob and the top of the distribution. */
interface PositionInfo {
  readonly nextLogprob: number;
  readonly top: readonly [Token, number][];
}

/** The most top_logprobs a request may ask for (as the OpenAI API). */
const MAX_TOP = 20;

/** Greedy or temperature sampling over one model, one request at a time. */
class TinyModel {
  private queue: Promise<unknown> = Promise.resolve();
  /** Per position of the sequence's tokens: what its evaluation gave (undefined when not recorded). */
  private readonly infos: (PositionInfo | undefined)[] = [];

  constructor(
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly sequence: LlamaContextSequence,
  ) {}

  /** Runs `work` after every earlier request (the model holds one sequence). */
  serialize<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async generate(request: GenerationRequest): Promise<Generation> {
    const promptTokens = this.model.tokenize(request.prompt);
    const bos = this.model.tokens.bos;
    const input: Token[] = bos === null ? promptTokens : [bos, ...promptTokens];
    if (input.length + request.maxTokens > this.context.contextSize) {
      throw new ContextTooLongError(
        `This model's maximum context length is ${this.context.contextSize} tokens; the request needs ${input.length + request.maxTokens}.`,
      );
    }
    const { infos, last } = await this.evaluatePrompt(input, request.echo);
    const tokens: Generation['tokens'] = [];
    if (request.echo) {
      promptTokens.forEach((token, position) => {
        const index = position + (bos === null ? 0 : 1);
        const info = infos[index - 1];
        const text = this.model.detokenize([token], false, input.slice(Math.max(0, index - 4), index));
        // With a BOS token every prompt token has a logprob (the first one given BOS); without one the first
        // has none, as in the OpenAI API (HELM reads it as 0).
        tokens.push(
          info
            ? { text, logprob: info.nextLogprob, top: this.topText(info.top, request.topK, input.slice(0, index)) }
            : { text, logprob: null, top: null },
        );
      });
    }
    let probabilities: Map<Token, number> | undefined = last;
    const generated: Token[] = [];
    let text = '';
    let finishReason: 'stop' | 'length' = 'length';
    const random = mulberry32(request.seed);
    const eos = this.model.tokens.eos;
    for (let step = 0; step < request.maxTokens && probabilities; step++) {
      const token = pick(probabilities, request.temperature, random);
      if (token === eos) {
        finishReason = 'stop';
        break;
      }
      const context = [...input, ...generated];
      const piece = this.model.detokenize([token], false, context.slice(-4));
      const logprob = logOf(probabilities.get(token));
      const top = this.topText([...probabilities].slice(0, request.topK), request.topK, context);
      generated.push(token);
      text += piece;
      tokens.push({ text: piece, logprob, top });
      const stopAt = firstStop(text, request.stops);
      if (stopAt !== null) {
        text = text.slice(0, stopAt);
        finishReason = 'stop';
        break;
      }
      if (step + 1 < request.maxTokens) {
        const next = await this.sequence.controlledEvaluate([[token, { generateNext: { probabilities: true } }]]);
        probabilities = next[0]?.next.probabilities;
      }
    }
    return {
      text: (request.echo ? request.prompt : '') + text,
      tokens,
      finishReason,
      promptTokenCount: promptTokens.length,
      completionTokenCount: generated.length,
    };
  }

  /**
   * Evaluates the prompt, reusing the longest prefix already in the sequence (HELM prompts of one run share
   * their in-context examples, so only the instance part is new). Returns, per prompt position, the logprob of
   * the next prompt token and the top of the distribution (echo), and the distribution after the last token.
   */
  private async evaluatePrompt(
    input: readonly Token[],
    echo: boolean,
  ): Promise<{ infos: readonly (PositionInfo | undefined)[]; last: Map<Token, number> | undefined }> {
    const current = this.sequence.contextTokens;
    let shared = 0;
    while (shared < current.length && shared < input.length && current[shared] === input[shared]) shared++;
    // The last prompt token is always evaluated again: generation needs the distribution after it.
    let keep = Math.min(shared, input.length - 1);
    if (echo) {
      // The distribution after the last shared token predicted another token before: evaluate it again, and
      // every earlier position whose distribution was not recorded.
      keep = Math.max(0, keep - 1);
      for (let position = 0; position < keep; position++) {
        if (this.infos[position] === undefined) {
          keep = position;
          break;
        }
      }
    }
    if (keep < this.sequence.nextTokenIndex)
      await this.sequence.eraseContextTokenRanges([{ start: keep, end: this.sequence.nextTokenIndex }]);
    this.infos.length = Math.min(this.infos.length, keep);
    const rest = input.slice(keep);
    const evaluated = await this.sequence.controlledEvaluate(
      rest.map((token, offset) =>
        echo || keep + offset === input.length - 1 ? [token, { generateNext: { probabilities: true } }] : token,
      ),
    );
    let last: Map<Token, number> | undefined;
    rest.forEach((_token, offset) => {
      const position = keep + offset;
      const probabilities = evaluated[offset]?.next.probabilities;
      const next = input[position + 1];
      this.infos[position] =
        probabilities && next !== undefined
          ? { nextLogprob: logOf(probabilities.get(next)), top: [...probabilities].slice(0, MAX_TOP) }
          : undefined;
      if (position === input.length - 1) last = probabilities;
    });
    return { infos: this.infos, last };
  }

  private topText(
    entries: readonly [Token, number][],
    k: number,
    context: readonly Token[],
  ): Record<string, number> | null {
    if (k <= 0) return null;
    const out: Record<string, number> = {};
    for (const [token, probability] of entries.slice(0, k)) {
      const text = this.model.detokenize([token], false, context.slice(-4));
      if (!(text in out)) out[text] = logOf(probability);
    }
    return out;
  }
}

function logOf(probability: number | undefined): number {
  return probability === undefined || probability <= 0 ? -1e9 : Math.log(probability);
}

/** Greedy at temperature 0 (the map is sorted, highest first); otherwise sampling from p^(1/T). */
function pick(probabilities: Map<Token, number>, temperature: number, random: () => number): Token {
  const entries = [...probabilities];
  const first = entries[0];
  if (!first) throw new Error('empty distribution');
  if (temperature <= 0) return first[0];
  const weights = entries.map(([, p]) => Math.pow(p, 1 / temperature));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let target = random() * total;
  for (let i = 0; i < entries.length; i++) {
    target -= weights[i] ?? 0;
    if (target <= 0) return (entries[i] as [Token, number])[0];
  }
  return first[0];
}

function firstStop(text: string, stops: readonly string[]): number | null {
  let best: number | null = null;
  for (const stop of stops) {
    const at = stop === '' ? -1 : text.indexOf(stop);
    if (at >= 0 && (best === null || at < best)) best = at;
  }
  return best;
}

/** A small seeded PRNG, so sampled answers are reproducible per request. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startTinyModelServer(options: TinyModelServerOptions): Promise<TinyModelServer> {
  const llama = await getLlama({
    gpu: false,
    build: 'never',
    skipDownload: true,
    maxThreads: 1,
    logLevel: LlamaLogLevel.error,
  });
  const model = await llama.loadModel({ modelPath: options.modelPath, gpuLayers: 0 });
  // 4096 matches the engine's default context window, so HELM's prompt fitting keeps prompts inside it (beyond
  // stories260K's training context of 2048: fine for a pipeline test model).
  const contextSize = options.contextSize ?? 4096;
  const context = await model.createContext({ contextSize, batchSize: contextSize, threads: 1, sequences: 1 });
  const tiny = new TinyModel(model, context, context.getSequence());
  const modelName =
    options.modelPath
      .split(/[\\/]/)
      .pop()
      ?.replace(/\.gguf$/, '') ?? 'tiny';

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      const status = error instanceof ContextTooLongError ? 400 : 500;
      sendJson(response, status, {
        error: {
          message: error instanceof Error ? error.message : String(error),
          type: status === 400 ? 'invalid_request_error' : 'server_error',
        },
      });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '';
    if (request.method === 'GET' && url.startsWith('/v1/models')) {
      sendJson(response, 200, {
        object: 'list',
        data: [{ id: modelName, object: 'model', owned_by: 'local', meta: { n_ctx_train: model.trainContextSize } }],
      });
      return;
    }
    // llama.cpp's /tokenize, /detokenize and /props: the engine then counts prompt tokens exactly.
    const tokenizerAnswer = answerTokenizerRoute(
      model,
      contextSize,
      request.method,
      url,
      async () => JSON.parse(await readBody(request)) as Record<string, unknown>,
    ); // boundary: client JSON, fields checked there
    if (tokenizerAnswer) {
      const [status, body] = await tokenizerAnswer;
      sendJson(response, status, body);
      return;
    }
    const isChat = url.startsWith('/v1/chat/completions');
    if (request.method !== 'POST' || (!isChat && !url.startsWith('/v1/completions'))) {
      sendJson(response, 404, { error: { message: `no route ${request.method ?? ''} ${url}` } });
      return;
    }
    const body = JSON.parse(await readBody(request)) as Record<string, unknown>; // boundary: client JSON, fields checked below
    const n = typeof body.n === 'number' ? Math.max(1, Math.floor(body.n)) : 1;
    const common = {
      maxTokens: typeof body.max_tokens === 'number' ? Math.max(0, Math.floor(body.max_tokens)) : 16,
      temperature: typeof body.temperature === 'number' ? body.temperature : 1,
      stops: stopSequences(body.stop),
      seed: typeof body.seed === 'number' ? body.seed : 0,
    };
    if (isChat) {
      const prompt = chatPrompt(body.messages);
      const topK = body.logprobs === true ? (typeof body.top_logprobs === 'number' ? body.top_logprobs : 1) : 0;
      const outputs: Generation[] = [];
      for (let i = 0; i < n; i++)
        outputs.push(
          await tiny.serialize(() => tiny.generate({ ...common, prompt, echo: false, topK, seed: common.seed + i })),
        );
      sendJson(response, 200, {
        id: 'chatcmpl-tiny',
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: modelName,
        choices: outputs.map((output, index) => ({
          index,
          message: { role: 'assistant', content: output.text },
          logprobs:
            topK > 0
              ? {
                  content: output.tokens.map((token) => ({
                    token: token.text,
                    logprob: token.logprob ?? 0,
                    bytes: null,
                    top_logprobs: Object.entries(token.top ?? {}).map(([text, logprob]) => ({
                      token: text,
                      logprob,
                      bytes: null,
                    })),
                  })),
                }
              : null,
          finish_reason: output.finishReason,
        })),
        usage: usage(outputs),
      });
      return;
    }
    const prompt =
      typeof body.prompt === 'string'
        ? body.prompt
        : Array.isArray(body.prompt) && typeof body.prompt[0] === 'string'
          ? body.prompt[0]
          : '';
    const topK = typeof body.logprobs === 'number' ? body.logprobs : 0;
    const echo = body.echo === true;
    const outputs: Generation[] = [];
    for (let i = 0; i < n; i++)
      outputs.push(
        await tiny.serialize(() =>
          tiny.generate({ ...common, prompt, echo, topK: Math.max(topK, echo ? 1 : 0), seed: common.seed + i }),
        ),
      );
    sendJson(response, 200, {
      id: 'cmpl-tiny',
      object: 'text_completion',
      created: Math.floor(Date.now() / 1000),
      model: modelName,
      choices: outputs.map((output, index) => ({
        index,
        text: output.text,
        logprobs:
          topK > 0 || echo
            ? {
                tokens: output.tokens.map((t) => t.text),
                token_logprobs: output.tokens.map((t) => t.logprob),
                top_logprobs: output.tokens.map((t) => t.top),
                text_offset: offsets(output.tokens.map((t) => t.text)),
              }
            : null,
        finish_reason: output.finishReason,
      })),
      usage: usage(outputs),
    });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // boundary: a TCP listen gives AddressInfo
  return {
    baseUrl: `http://${options.host ?? '127.0.0.1'}:${port}/v1`,
    modelName,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await context.dispose();
      await model.dispose();
      await llama.dispose();
    },
  };
}

function usage(outputs: readonly Generation[]) {
  const prompt = outputs[0]?.promptTokenCount ?? 0;
  const completion = outputs.reduce((sum, output) => sum + output.completionTokenCount, 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function offsets(texts: readonly string[]): number[] {
  let offset = 0;
  return texts.map((text) => {
    const at = offset;
    offset += text.length;
    return at;
  });
}
