import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Request } from '../../../src-shared/helm/request';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import { OpenAiModelClient } from './openai-model-client';

const request: Request = {
  model: 'org/model',
  prompt: 'Q: 1+1?\nA:',
  temperature: 0,
  num_completions: 1,
  top_k_per_token: 1,
  max_tokens: 3,
  stop_sequences: ['\n'],
  echo_prompt: false,
  top_p: 1,
  presence_penalty: 0,
  frequency_penalty: 0,
};

describe('OpenAiModelClient with a job-wide signal', () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await startScriptedOpenAiServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('leaves no listener behind on the signals it is given (the SDK alone would add one per request)', async () => {
    const client = new OpenAiModelClient({
      baseUrl: server.baseUrl,
      apiModel: 'scripted',
      mode: 'completions',
      concurrency: 4,
    });
    const job = new AbortController();
    const stop = new AbortController();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.call({ ...request, prompt: `Q: ${i}?\nA:` }, { signal: job.signal, stopSignal: stop.signal }),
      ),
    );
    expect(server.servedTotal()).toBe(20);
    expect(getEventListeners(job.signal, 'abort')).toHaveLength(0);
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
  });

  it('still aborts a request on the wire when the job-wide signal aborts', async () => {
    server.setOptions({ fault: () => ({ kind: 'hang' }) });
    const client = new OpenAiModelClient({ baseUrl: server.baseUrl, apiModel: 'scripted', mode: 'completions' });
    const job = new AbortController();
    const pending = client.call(request, { signal: job.signal });
    setTimeout(() => job.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: 'engine.cancelled' });
    expect(getEventListeners(job.signal, 'abort')).toHaveLength(0);
  });
});
