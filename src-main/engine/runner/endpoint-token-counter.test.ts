import { afterEach, describe, expect, it } from 'vitest';
import type { Instance } from '../../../src-shared/helm/instance';
import { endpointSchema } from '../../../src-shared/engine/job';
import { testGenerationSpec } from '../../../dev/testing/adapter-spec';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import { createAdapterRegistry } from '../adapters/index';
import { probeServerTokenizer, serverRoot } from '../client/tokenizer-probe';
import { createApproximateTokenCounter } from '../tokens/approximate-token-counter';
import { PrefetchingTokenCounter } from '../tokens/prefetching-token-counter';
import type { TokenCounter } from '../types';
import { DEFAULT_CONTEXT_WINDOW, chooseTokenCounter, describeTokenCounter } from './endpoint-token-counter';

// The scripted tokenizer's tokens are /\s*\S+|\s+/ pieces, so counts here are written out by hand:
// "Passage: tN\nAnswer: y\n" + "\n" separator → "Passage:"/"\n\nPassage:", " tN", "\nAnswer:", " y" = 4 tokens
// per train block; the eval block "Passage: e\nAnswer:" = 3 tokens.
const boolq = testGenerationSpec();

function item(text: string, split = 'train'): Instance {
  return {
    input: { text },
    references: [{ output: { text: 'y' }, tags: ['correct'] }],
    split,
    id: split === 'train' ? undefined : 'id0',
  };
}

const train = [item('t1'), item('t2'), item('t3')];
const adapter = createAdapterRegistry().get('generation');
const adapt = (evalText: string, counter: TokenCounter) =>
  adapter.adapt({
    adapterSpec: boolq,
    trainInstances: train,
    evalInstances: [item(evalText, 'test')],
    trialIndex: 0,
    tokenCounter: counter,
  });

// Each test probes a new server (new port), so the per-endpoint probe cache never answers for another one.
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const endpoint = (baseUrl: string, extra: Record<string, unknown> = {}) =>
  endpointSchema.parse({ model: 'org/scripted', apiModel: 'scripted', baseUrl, ...extra });

describe('token counter per endpoint', () => {
  it('uses the server tokenizer and its /props window: the last in-context example is dropped first, with exact counts', async () => {
    server = await startScriptedOpenAiServer({ tokenizer: { contextWindow: 18 } });
    const { counter, info } = await chooseTokenCounter(endpoint(server.baseUrl));
    expect(info).toEqual({
      kind: 'exact',
      source: `llama.cpp ${serverRoot(server.baseUrl)}/tokenize`,
      contextWindow: 18,
      contextWindowFrom: 'server',
      contextWindowDetail: '/props n_ctx',
    });
    expect(describeTokenCounter(info)).toContain('exact');
    expect(counter).toBeInstanceOf(PrefetchingTokenCounter);
    const prefetching = counter as PrefetchingTokenCounter; // checked just above
    // 3 examples: 4·3 + 3 + 5 = 20 > 18; 2 examples: 16 ≤ 18. The approximate counter (more pieces) keeps fewer.
    const [fitted] = await prefetching.settle(() => adapt('e', counter));
    expect(fitted?.num_train_instances).toBe(2);
    expect(fitted?.request.prompt).toBe('Passage: t1\nAnswer: y\n\nPassage: t2\nAnswer: y\n\nPassage: e\nAnswer:');
    expect(prefetching.stats().fallbackAnswers).toBe(0);
    expect(adapt('e', createApproximateTokenCounter(18))[0]?.num_train_instances).toBeLessThan(2);
    // Memoized: planning the same prompts again asks the server nothing.
    const asked = server.tokenizeRequests();
    await prefetching.settle(() => adapt('e', counter));
    expect(server.tokenizeRequests()).toBe(asked);
  });

  it('truncates from the right with /detokenize, or by exact counts without it', async () => {
    server = await startScriptedOpenAiServer({ tokenizer: { contextWindow: 18 } });
    const { counter } = await chooseTokenCounter(endpoint(server.baseUrl));
    const words = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
    // No example fits; the bare prompt keeps 18 − 5 = 13 tokens: "Passage:" and 12 words.
    const expected = `Passage: ${words.split(' ').slice(0, 12).join(' ')}`;
    const [cut] = await (counter as PrefetchingTokenCounter).settle(() => adapt(words, counter)); // the exact counter, as chosen
    expect(cut?.prompt_truncated).toBe(true);
    expect(cut?.num_train_instances).toBe(0);
    expect(cut?.request.prompt).toBe(expected);

    server.setOptions({ tokenizer: { contextWindow: 18, detokenize: false } });
    const other = new PrefetchingTokenCounter(
      (await probeServerTokenizer({ baseUrl: server.baseUrl, apiModel: 'scripted' })).tokenizer!,
      { contextWindow: 18, fallback: counter },
    ); // non-null: probed above
    const [searched] = await other.settle(() => adapt(words, other));
    expect(searched?.request.prompt).toBe(expected);
  });

  it('keeps the approximate counter and says so when the server has no tokenizer; the user window wins', async () => {
    server = await startScriptedOpenAiServer();
    const plain = await chooseTokenCounter(endpoint(server.baseUrl));
    expect(plain.info).toMatchObject({
      kind: 'approximate',
      contextWindow: DEFAULT_CONTEXT_WINDOW,
      contextWindowFrom: 'default',
    });
    expect(plain.counter).not.toBeInstanceOf(PrefetchingTokenCounter);
    expect(describeTokenCounter(plain.info)).toMatch(/approximate .*context window 4096 \(assumed/);
    await server.close();
    server = await startScriptedOpenAiServer({ tokenizer: { contextWindow: 18 } });
    const given = await chooseTokenCounter(endpoint(server.baseUrl, { contextWindow: 1000 }));
    expect(given.info).toMatchObject({ kind: 'exact', contextWindow: 1000, contextWindowFrom: 'user' });
    expect(given.counter.contextWindow).toBe(1000);
  });

  it('sends the API key to the probe routes of the user server (a server that demands it still answers)', async () => {
    server = await startScriptedOpenAiServer({ apiKey: 'sk-test', tokenizer: { contextWindow: 64 } });
    const { info } = await chooseTokenCounter(endpoint(server.baseUrl, { apiKey: 'sk-test' }));
    expect(info).toMatchObject({ kind: 'exact', contextWindow: 64 });
  });
});
