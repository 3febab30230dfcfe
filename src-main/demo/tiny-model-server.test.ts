import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Request } from '../../src-shared/helm/request';
import { OpenAiModelClient } from '../engine/client/openai-model-client';
import { sharedData, sharedPath } from '../../dev/testing/shared-data';
import { startTinyModelServer } from './tiny-model-server';
import type { TinyModelServer } from './tiny-model-server';

const request: Request = {
  model: 'local/stories260K',
  prompt: 'Once upon a time, there was a little girl',
  temperature: 0,
  num_completions: 1,
  top_k_per_token: 3,
  max_tokens: 8,
  stop_sequences: [],
  echo_prompt: false,
  top_p: 1,
  presence_penalty: 0,
  frequency_penalty: 0,
};

describe.skipIf(!sharedData)('tiny model server (stories260K over node-llama-cpp)', () => {
  let server: TinyModelServer;
  beforeAll(async () => {
    server = await startTinyModelServer({ modelPath: sharedPath('models', 'stories260K.gguf'), contextSize: 512 });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });
  const client = (mode: 'completions' | 'chat') =>
    new OpenAiModelClient({
      baseUrl: server.baseUrl,
      apiModel: server.modelName,
      mode,
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    });

  it('generates greedily and deterministically with logprobs and top_logprobs', async () => {
    const first = await client('completions').call(request);
    const second = await client('completions').call(request);
    const output = first.result.completions[0];
    expect(output?.text.length).toBeGreaterThan(0);
    expect(output?.text).toBe(second.result.completions[0]?.text);
    expect(output?.tokens.length).toBeGreaterThan(0);
    expect(output?.tokens.length).toBeLessThanOrEqual(8);
    for (const token of output?.tokens ?? []) {
      expect(token.logprob).toBeLessThanOrEqual(0);
      // greedy: the chosen token is the most likely one
      expect(Math.max(...Object.values(token.top_logprobs ?? {}))).toBeCloseTo(token.logprob, 6);
    }
    expect(first.usage.completionTokens).toBe(output?.tokens.length);
  });

  it('echoes the prompt with prompt-token logprobs when max_tokens is 0', async () => {
    const { result, usage } = await client('completions').call({
      ...request,
      echo_prompt: true,
      max_tokens: 0,
      top_k_per_token: 1,
    });
    const output = result.completions[0];
    expect(output?.text).toBe(request.prompt);
    expect(output?.tokens.length).toBe(usage.promptTokens);
    expect(
      output?.tokens
        .map((token) => token.text)
        .join('')
        .trim(),
    ).toBe(request.prompt);
    // Every prompt token is scored, the first one given BOS.
    expect(output?.tokens.every((token) => token.logprob < 0)).toBe(true);
    const sum = output?.tokens.reduce((total, token) => total + token.logprob, 0);
    expect(output?.logprob).toBeCloseTo(sum ?? NaN, 9);
  });

  it('honours stop sequences and answers chat requests', async () => {
    const full = (await client('completions').call({ ...request, max_tokens: 20 })).result.completions[0]?.text ?? '';
    const words = full.trim().split(' ');
    const stop = ` ${words[1] ?? words[0] ?? 'the'}`;
    const stopped =
      (await client('completions').call({ ...request, max_tokens: 20, stop_sequences: [stop] })).result.completions[0]
        ?.text ?? '';
    expect(stopped).toBe(full.slice(0, full.indexOf(stop)));
    const chat = await client('chat').call(request);
    expect(chat.result.completions[0]?.text.length).toBeGreaterThan(0);
  });

  it('gives the same answers when it reuses a shared prompt prefix as when it evaluates afresh', async () => {
    const prefix = 'Once upon a time, there was a little girl. She liked to play. ';
    const echo = (prompt: string) =>
      client('completions').call({ ...request, prompt, echo_prompt: true, max_tokens: 0, top_k_per_token: 1 });
    const generate = (prompt: string) => client('completions').call({ ...request, prompt });
    await generate('Unrelated words first.');
    const freshEcho = await echo(`${prefix}The dog ran home.`);
    const freshGeneration = await generate(`${prefix}The cat sat`);
    await echo(`${prefix}The bird sang.`); // leaves the shared prefix in the sequence
    const reusedEcho = await echo(`${prefix}The dog ran home.`);
    await generate(`${prefix}The bird flew`);
    const reusedGeneration = await generate(`${prefix}The cat sat`);
    const lp = (call: typeof freshEcho) =>
      call.result.completions[0]?.tokens.map((token) => [token.text, token.logprob]);
    expect(lp(reusedEcho)).toHaveLength(lp(freshEcho)?.length ?? -1);
    lp(reusedEcho)?.forEach(([text, logprob], i) => {
      expect(text).toBe(lp(freshEcho)?.[i]?.[0]);
      expect(logprob as number).toBeCloseTo(lp(freshEcho)?.[i]?.[1] as number, 4);
    });
    expect(reusedGeneration.result.completions[0]?.text).toBe(freshGeneration.result.completions[0]?.text);
  });
});
