import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRequest } from '../../../dev/testing/helm-request';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import { OpenAiModelClient } from './openai-model-client';
import type { OpenAiClientOptions } from './openai-model-client';
import { testConnection } from './test-connection';

const base = testRequest({ prompt: 'Passage: the sky is blue.\nQuestion: Is the sky blue?\nAnswer:' });

const fastRetry = { maxRetries: 4, baseDelayMs: 5, maxDelayMs: 20 };

describe('OpenAiModelClient', () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await startScriptedOpenAiServer({ answer: () => ' Yes it is\nNext question' });
  });
  afterEach(async () => {
    await server.close();
  });
  const client = (options: Partial<OpenAiClientOptions> = {}) =>
    new OpenAiModelClient({
      baseUrl: server.baseUrl,
      apiModel: 'scripted',
      mode: 'completions',
      retry: fastRetry,
      ...options,
    });

  it('maps a completion into HELM tokens, truncated at the stop sequence', async () => {
    const { result, usage } = await client().call(base);
    expect(result.success).toBe(true);
    const output = result.completions[0];
    expect(output?.text).toBe(' Yes it is');
    expect(output?.tokens.map((token) => token.text)).toEqual([' Yes', ' it', ' is']);
    const sum = output?.tokens.reduce((total, token) => total + token.logprob, 0);
    expect(output?.logprob).toBeCloseTo(sum ?? NaN, 12);
    expect(output?.tokens[0]?.top_logprobs).toEqual({ ' Yes': output?.tokens[0]?.logprob });
    expect(usage.promptTokens).toBeGreaterThan(0);
    expect(usage.completionTokens).toBe(3);
  });

  it('maps echo with max_tokens 0: prompt tokens, first logprob read as 0, untruncated', async () => {
    const request = testRequest({
      prompt: 'The cat sat on the mat',
      echo_prompt: true,
      max_tokens: 0,
      stop_sequences: [],
    });
    const { result } = await client().call(request);
    const output = result.completions[0];
    expect(output?.text).toBe('The cat sat on the mat');
    expect(output?.tokens.map((token) => token.text)).toEqual(['The', ' cat', ' sat', ' on', ' the', ' mat']);
    expect(output?.tokens[0]?.logprob).toBe(0);
    expect(output?.tokens[0]?.top_logprobs).toEqual({});
    expect(output?.tokens[1]?.logprob).toBeLessThan(0);
  });

  it('wraps the prompt as one user message in chat mode', async () => {
    const { result } = await client({ mode: 'chat' }).call(base);
    expect(result.completions[0]?.text).toBe(' Yes it is');
    expect(result.completions[0]?.tokens.length).toBe(3);
    const [key] = [...server.served.keys()];
    expect(key).toContain('"messages":[{"content":"Passage: the sky is blue.');
    expect(key).toContain('"role":"user"');
  });

  it('raises a typed error for echo in chat mode and when the server refuses echo', async () => {
    await expect(client({ mode: 'chat' }).call({ ...base, echo_prompt: true })).rejects.toMatchObject({
      code: 'model.echo-unsupported',
    });
    server.setOptions({ supportsEcho: false });
    await expect(client().call({ ...base, echo_prompt: true, max_tokens: 0 })).rejects.toMatchObject({
      code: 'model.echo-unsupported',
    });
  });

  it('retries 429 honouring Retry-After, 500s, malformed JSON and dropped connections', async () => {
    const faults = ['rate-limit', 'server-error', 'malformed-json', 'drop-connection'] as const;
    server.setOptions({
      fault: ({ attempt }) => {
        const kind = faults[attempt - 1];
        return kind === 'rate-limit' ? { kind, retryAfterSeconds: 0.05 } : kind ? { kind } : undefined;
      },
    });
    const retries: string[] = [];
    const delays: number[] = [];
    const { result } = await client({
      onRetry: ({ reason, delayMs }) => (retries.push(reason), delays.push(delayMs)),
    }).call(base);
    expect(result.completions[0]?.text).toBe(' Yes it is');
    expect(retries).toHaveLength(4);
    expect(delays[0]).toBeGreaterThanOrEqual(50); // Retry-After: 0.05 s
    expect(server.received()).toBe(5);
    expect(server.duplicates()).toEqual([]);
  });

  it('times out a hanging request, retries, and gives a clear error when retries run out', async () => {
    server.setOptions({ fault: ({ attempt }) => (attempt === 1 ? { kind: 'hang' } : undefined) });
    const { result } = await client({ timeoutMs: 200 }).call(base);
    expect(result.success).toBe(true);
    server.setOptions({ fault: () => ({ kind: 'server-error', status: 503 }) });
    await expect(client({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } }).call(base)).rejects.toMatchObject({
      code: 'model.server-error',
    });
  });

  it('does not retry an auth failure and stops at once when aborted', async () => {
    server.setOptions({ fault: () => ({ kind: 'server-error', status: 401 }) });
    await expect(client().call(base)).rejects.toMatchObject({ code: 'model.auth' });
    expect(server.received()).toBe(1);
    server.setOptions({ fault: () => ({ kind: 'hang' }) });
    const controller = new AbortController();
    const pending = client().call(base, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: 'engine.cancelled' });
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    server.setOptions({
      latencyMs: 40,
      // Count a request as in flight for the first 10 ms after it arrives: that timer always fires before the
      // 40 ms answer goes out, so a follow-up request can never be counted against one already answered (the
      // earlier 20/20 ms version raced under load), while a limiter that let all 12 through would still show 12.
      fault: () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        setTimeout(() => inFlight--, 10);
        return undefined;
      },
    });
    const c = client({ concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => c.call({ ...base, prompt: `q${i}` })));
    expect(peak).toBeLessThanOrEqual(3);
    expect(server.servedTotal()).toBe(12);
  });

  it('goes on without logprobs when the server rejects them, also for requests already in flight', async () => {
    server.setOptions({ supportsLogprobs: false, supportsEcho: false, latencyMs: 10 });
    let rejections = 0;
    const retries: string[] = [];
    const c = client({
      concurrency: 4,
      onLogprobsRejected: () => rejections++,
      onRetry: ({ reason }) => retries.push(reason),
    });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => c.call({ ...base, prompt: `q${i}` })));
    expect(results.every(({ result }) => result.completions[0]?.text === ' Yes it is')).toBe(true);
    expect(server.servedTotal()).toBe(8);
    // Said once, as the fallback it is, not as a retry of each request in flight.
    expect(rejections).toBe(1);
    expect(retries).toEqual([]);
    // An echo request needs the logprobs: it is refused as such, not as a fatal error.
    await expect(c.call({ ...base, echo_prompt: true, max_tokens: 0 })).rejects.toMatchObject({
      code: 'model.echo-unsupported',
    });
  });

  it('reports capabilities in testConnection', async () => {
    const report = await testConnection({ baseUrl: server.baseUrl, apiModel: 'scripted' });
    expect(report).toMatchObject({
      ok: true,
      supportsCompletions: true,
      supportsChat: true,
      supportsEcho: true,
      supportsLogprobs: true,
      recommendedMode: 'completions',
    });
    server.setOptions({ supportsEcho: false, supportsCompletions: false });
    const chatOnly = await testConnection({ baseUrl: server.baseUrl, apiModel: 'scripted' });
    expect(chatOnly).toMatchObject({
      ok: true,
      supportsCompletions: false,
      supportsChat: true,
      supportsEcho: false,
      recommendedMode: 'chat',
    });
  });
});
