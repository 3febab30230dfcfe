import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelEndpoint } from '../../../src-shared/api/models';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import { MemorySecretStore } from '../secrets/secret-store';
import { checkConnection } from './model-channels';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedOpenAiServer();
});
afterAll(async () => {
  await server.close();
});

const endpoint = (baseUrl: string): ModelEndpoint => ({
  preset: 'custom',
  baseUrl,
  model: 'scripted',
  mode: 'completions',
  apiKeyId: null,
  pricePerMillionPrompt: null,
  pricePerMillionCompletion: null,
});

describe('models.testConnection', () => {
  it('reports latency, both modes and echo support of a working server, and remembers the latency', async () => {
    server.setOptions({
      supportsEcho: true,
      supportsLogprobs: true,
      supportsCompletions: true,
      fault: () => undefined,
    });
    const latencies = new Map<string, number>();
    const report = await checkConnection(endpoint(server.baseUrl), new MemorySecretStore({}), latencies);
    expect(report).toMatchObject({
      ok: true,
      completions: true,
      chat: true,
      logprobs: true,
      tokenLogprobs: true,
      error: null,
    });
    expect(report.latencyMs).not.toBeNull();
    expect(latencies.get(server.baseUrl)).toBe(report.latencyMs);
  });

  it('says which scenarios need logprobs when the server cannot echo', async () => {
    server.setOptions({ supportsEcho: false, fault: () => undefined });
    const report = await checkConnection(endpoint(server.baseUrl), new MemorySecretStore({}), new Map());
    expect(report.ok).toBe(true);
    expect(report.logprobs).toBe(false);
    expect(report.scenariosNeedingLogprobs).toEqual(['hellaswag', 'openbookqa']);
  });

  it('says which scenarios rank by token logprobs when the server returns none, and still connects', async () => {
    server.setOptions({ supportsEcho: false, supportsLogprobs: false, fault: () => undefined });
    const report = await checkConnection(endpoint(server.baseUrl), new MemorySecretStore({}), new Map());
    server.setOptions({ supportsLogprobs: true });
    expect(report).toMatchObject({
      ok: true,
      completions: true,
      logprobs: false,
      tokenLogprobs: false,
      scenariosRankedByLogprobs: ['msmarco'],
    });
  });

  it('names a wrong key as such', async () => {
    server.setOptions({ fault: () => ({ kind: 'server-error', status: 401 }) });
    const secrets = new MemorySecretStore({});
    await secrets.set('api-key:custom', 'sk-wrong', new URL(server.baseUrl).origin);
    const report = await checkConnection(
      { ...endpoint(server.baseUrl), apiKeyId: 'api-key:custom' },
      secrets,
      new Map(),
    );
    expect(report.ok).toBe(false);
    expect(report.error?.code).toBe('model.unauthorized');
    expect(report.error?.message).toBe(`${server.baseUrl} refused the API key (HTTP 401: authentication failed).`);
    // A key was given (the app then asks for the correct one rather than for a key: src-renderer/errors).
    expect(report.error?.details).toEqual({ hasKey: true });
  });

  it('names a bad base URL as unreachable', async () => {
    const report = await checkConnection(endpoint('http://127.0.0.1:9/v1'), new MemorySecretStore({}), new Map());
    expect(report.ok).toBe(false);
    expect(report.error).toMatchObject({
      code: 'model.unreachable',
      message: 'Nothing answered at http://127.0.0.1:9/v1.',
    });
  });
});
