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
    expect(report.error?.details).toEqual({ status: 401, hasKey: true });
  });

  it('names a refused connection, with host and port, without trying the modes', async () => {
    const report = await checkConnection(endpoint('http://127.0.0.1:9/v1'), new MemorySecretStore({}), new Map());
    expect(report.ok).toBe(false);
    expect(report.completions).toBeNull();
    expect(report.error).toMatchObject({
      code: 'model.unreachable',
      message: 'Nothing is listening at 127.0.0.1:9 (connection refused).',
      details: { reason: 'refused', host: '127.0.0.1', port: '9' },
    });
  });

  it('names a URL without a scheme and a mistyped scheme before sending anything', async () => {
    const before = server.received();
    const noScheme = await checkConnection(endpoint('127.0.0.1:8000/v1'), new MemorySecretStore({}), new Map());
    expect(noScheme.error).toMatchObject({
      code: 'model.bad-url',
      details: { reason: 'no-scheme', suggestion: 'http://127.0.0.1:8000/v1' },
    });
    const host = new URL(server.baseUrl).host;
    const mistyped = await checkConnection(endpoint(`htp://${host}/v1`), new MemorySecretStore({}), new Map());
    expect(mistyped.error).toMatchObject({
      code: 'model.bad-url',
      message: 'The base URL starts with “htp://”, which is neither http:// nor https://.',
      details: { reason: 'bad-scheme', suggestion: `http://${host}/v1` },
    });
    expect(server.received()).toBe(before);
  });

  it('tells an address without an API (404), one that does not implement it (501) and an unknown model apart', async () => {
    server.setOptions({ fault: () => ({ kind: 'server-error', status: 501 }) });
    const notImplemented = await checkConnection(endpoint(server.baseUrl), new MemorySecretStore({}), new Map());
    expect(notImplemented.error).toMatchObject({ code: 'model.not-implemented', details: { status: 501 } });
    // The scripted server lists its models under /v1/models; a 404 for both modes then means the model name.
    server.setOptions({ fault: () => ({ kind: 'server-error', status: 404 }) });
    const unknown = await checkConnection(endpoint(server.baseUrl), new MemorySecretStore({}), new Map());
    expect(unknown.error?.code).toBe('model.not-found');
    expect(unknown.error?.details?.knownModels).toEqual(expect.any(Array));
    // The same 404s one level up, where nothing lists models: no API at this address.
    const root = server.baseUrl.replace(/\/v1$/, '');
    const noApi = await checkConnection(endpoint(root), new MemorySecretStore({}), new Map());
    server.setOptions({ fault: () => undefined });
    expect(noApi.error).toMatchObject({
      code: 'model.no-api',
      message: `${root} answered HTTP 404 (not found) for /completions and /chat/completions and /models: no OpenAI-compatible API at this address.`,
    });
  });
});
