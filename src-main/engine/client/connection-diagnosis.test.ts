import { describe, expect, it } from 'vitest';
import { checkBaseUrl } from './base-url-check';
import { diagnoseBaseUrl, diagnoseConnection } from './connection-diagnosis';
import type { ConnectionFacts } from './connection-diagnosis';

const BASE = 'http://127.0.0.1:8000/v1';

function facts(overrides: Partial<ConnectionFacts>): ConnectionFacts {
  return {
    baseUrl: BASE,
    model: 'my-model',
    hasKey: false,
    probe: { kind: 'answered', status: 404, models: null },
    completions: { status: 404, message: 'HTTP 404' },
    chat: { status: 404, message: 'HTTP 404' },
    timeoutSeconds: 15,
    ...overrides,
  };
}

describe('diagnoseConnection', () => {
  it('tells an address without an API (404 everywhere) from a model the server does not serve', () => {
    expect(diagnoseConnection(facts({}))).toMatchObject({
      code: 'model.no-api',
      message: `${BASE} answered HTTP 404 (not found) for /completions and /chat/completions and /models: no OpenAI-compatible API at this address.`,
    });
    expect(
      diagnoseConnection(facts({ probe: { kind: 'answered', status: 200, models: ['llama-3', 'qwen'] } })),
    ).toMatchObject({ code: 'model.not-found', details: { knownModels: ['llama-3', 'qwen'] } });
  });

  it('names 501, server errors, refused requests and keys by their status', () => {
    const notImplemented = { status: 501, message: 'HTTP 501' };
    expect(diagnoseConnection(facts({ completions: notImplemented, chat: notImplemented }))).toMatchObject({
      code: 'model.not-implemented',
      message: `${BASE} answered HTTP 501 (not implemented) for /completions and /chat/completions.`,
    });
    const unavailable = { status: 503, message: 'HTTP 503' };
    expect(diagnoseConnection(facts({ completions: unavailable, chat: unavailable }))).toMatchObject({
      code: 'model.server-error',
      details: { status: 503 },
    });
    const unauthorized = { status: 401, message: 'HTTP 401' };
    expect(diagnoseConnection(facts({ completions: unauthorized, chat: unauthorized, hasKey: true }))).toMatchObject({
      code: 'model.unauthorized',
      details: { status: 401, hasKey: true },
    });
    const bad = { status: 400, message: 'HTTP 400' };
    expect(diagnoseConnection(facts({ completions: bad, chat: bad }))).toMatchObject({ code: 'model.bad-request' });
  });

  it('says what kind of network failure it was, naming host and port', () => {
    const network = (reason: 'refused' | 'dns' | 'tls' | 'timeout') =>
      diagnoseConnection(
        facts({
          probe: { kind: 'network', reason, errno: null, message: 'wrong version number' },
          completions: { status: null, message: 'x' },
          chat: { status: null, message: 'x' },
        }),
      );
    expect(network('refused').message).toBe('Nothing is listening at 127.0.0.1:8000 (connection refused).');
    expect(network('dns').message).toBe("The host name '127.0.0.1' could not be found (DNS lookup failed).");
    expect(network('tls').message).toBe(
      'The secure (https) connection to 127.0.0.1:8000 failed: wrong version number.',
    );
    expect(network('timeout')).toMatchObject({ code: 'model.timeout', message: `${BASE} did not answer within 15 s.` });
  });
});

describe('diagnoseBaseUrl', () => {
  it('says what is wrong with the typed URL, and carries the URL meant', () => {
    const typed = '127.0.0.1:8000/v1';
    expect(diagnoseBaseUrl(typed, checkBaseUrl(typed)!)).toEqual({
      code: 'model.bad-url',
      message: 'The base URL “127.0.0.1:8000/v1” needs http:// or https:// at the start.',
      details: { reason: 'no-scheme', scheme: null, suggestion: 'http://127.0.0.1:8000/v1' },
    });
    const mistyped = 'htp://127.0.0.1:8000/v1';
    expect(diagnoseBaseUrl(mistyped, checkBaseUrl(mistyped)!).message).toBe(
      'The base URL starts with “htp://”, which is neither http:// nor https://.',
    );
  });
});
