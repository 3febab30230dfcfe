import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointSchema } from '../../src-shared/engine/job';
import type { Instance } from '../../src-shared/helm/instance';
import { createAdapterRegistry } from '../engine/adapters/index';
import { OpenAiModelClient } from '../engine/client/openai-model-client';
import { chooseTokenCounter } from '../engine/runner/endpoint-token-counter';
import { PrefetchingTokenCounter } from '../engine/tokens/prefetching-token-counter';
import { testGenerationSpec } from '../../dev/testing/adapter-spec';
import { sharedData, sharedPath } from '../../dev/testing/shared-data';
import { startTinyModelServer } from './tiny-model-server';
import type { TinyModelServer } from './tiny-model-server';

const CONTEXT = 256;

const spec = testGenerationSpec({ input_prefix: 'Story: ' });

const sentence = 'Once upon a time there was a little girl who liked to play in the park with her dog.';
function item(text: string, split = 'train'): Instance {
  return {
    input: { text },
    references: [{ output: { text: 'yes' }, tags: ['correct'] }],
    split,
    ...(split === 'train' ? {} : { id: 'id0' }),
  };
}
// Five examples of about 60 tokens each: together far beyond a 256-token window.
const train = Array.from({ length: 5 }, (_, i) => item(`Example ${i + 1}. ${sentence} ${sentence} ${sentence}`));

describe.skipIf(!sharedData)('exact token counts from the tiny model server (llama.cpp /tokenize shape)', () => {
  let server: TinyModelServer;
  beforeAll(async () => {
    server = await startTinyModelServer({ modelPath: sharedPath('models', 'stories260K.gguf'), contextSize: CONTEXT });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('finds the tokenizer and window; a prompt too long drops its last in-context example first and then fits the server', async () => {
    const endpoint = endpointSchema.parse({
      model: 'local/stories260K',
      apiModel: server.modelName,
      baseUrl: server.baseUrl,
    });
    const { counter, info } = await chooseTokenCounter(endpoint);
    expect(info).toMatchObject({
      kind: 'exact',
      contextWindow: CONTEXT,
      contextWindowFrom: 'server',
      contextWindowDetail: '/props n_ctx',
      reservedSpecialTokens: 1,
    });
    expect(counter).toBeInstanceOf(PrefetchingTokenCounter);
    const exact = counter as PrefetchingTokenCounter; // checked just above
    const adapt = (evalText: string) =>
      createAdapterRegistry()
        .get('generation')
        .adapt({
          adapterSpec: spec,
          trainInstances: train,
          evalInstances: [item(evalText, 'test')],
          trialIndex: 0,
          tokenCounter: counter,
        });

    const [fitted] = await exact.settle(() => adapt('The dog ran home.'));
    const kept = fitted?.num_train_instances ?? -1;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(5);
    // The first `kept` examples, in order; the later ones were dropped, last first.
    for (let i = 1; i <= 5; i++) expect(fitted?.request.prompt.includes(`Example ${i}.`)).toBe(i <= kept);
    // Exact: it fits with the BOS token the server adds, and one example more would not.
    const room = CONTEXT - 1 - spec.max_tokens;
    expect(exact.countTokens(fitted?.request.prompt ?? '')).toBeLessThanOrEqual(room);
    const [withOneMore] = await exact.settle(() =>
      createAdapterRegistry()
        .get('generation')
        .adapt({
          adapterSpec: spec,
          trainInstances: train.slice(0, kept + 1),
          evalInstances: [item('The dog ran home.', 'test')],
          trialIndex: 0,
          tokenCounter: {
            ...counter,
            contextWindow: 1_000_000,
            countTokens: (text) => counter.countTokens(text),
            truncateToTokens: (text) => text,
          },
        }),
    );
    expect(exact.countTokens(withOneMore?.request.prompt ?? '')).toBeGreaterThan(room);

    const client = new OpenAiModelClient({
      baseUrl: server.baseUrl,
      apiModel: server.modelName,
      mode: 'completions',
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const request = fitted?.request;
    if (!request) throw new Error('no request');
    const { usage } = await client.call(request);
    // The server counts the same prompt tokens (its usage leaves out the BOS it adds).
    expect(usage.promptTokens).toBe(exact.countTokens(request.prompt));
  }, 60_000);

  it('truncates an eval instance longer than the window with /detokenize, and the server accepts it', async () => {
    const endpoint = endpointSchema.parse({
      model: 'local/stories260K',
      apiModel: server.modelName,
      baseUrl: server.baseUrl,
    });
    const { counter } = await chooseTokenCounter(endpoint);
    const exact = counter as PrefetchingTokenCounter; // the server has a tokenizer (previous test)
    const long = Array.from({ length: 12 }, () => sentence).join(' ');
    const [cut] = await exact.settle(() =>
      createAdapterRegistry()
        .get('generation')
        .adapt({
          adapterSpec: spec,
          trainInstances: train,
          evalInstances: [item(long, 'test')],
          trialIndex: 0,
          tokenCounter: counter,
        }),
    );
    expect(cut?.prompt_truncated).toBe(true);
    expect(cut?.num_train_instances).toBe(0);
    expect(`Story: ${long}`.startsWith(cut?.request.prompt.trimEnd() ?? 'x')).toBe(true);
    expect(exact.countTokens(cut?.request.prompt ?? '')).toBeLessThanOrEqual(CONTEXT - 1 - spec.max_tokens);
    const client = new OpenAiModelClient({
      baseUrl: server.baseUrl,
      apiModel: server.modelName,
      mode: 'completions',
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    });
    if (!cut) throw new Error('no request');
    await expect(client.call(cut.request)).resolves.toBeTruthy();
  }, 60_000);
});
