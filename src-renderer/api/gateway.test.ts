import { describe, expect, it } from 'vitest';
import type { AppApi } from '../../src-shared/api/contract';
import { DEFAULT_SETTINGS } from '../../src-shared/api/settings';
import { AppError } from '../../src-shared/errors';
import { TOKEN_STORAGE_KEY, takeBridgeToken } from './bridge-token';
import { createIpcGateway } from './gateway';
import { createHttpGateway } from './http-gateway';
import type { PreloadBridge } from './preload-bridge';

function bridge(
  answer: (name: string, request: unknown) => Promise<unknown>,
  listeners: Map<string, (payload: unknown) => void>,
): PreloadBridge {
  const api = new Proxy({}, { get: (_, name: string) => (request: unknown) => answer(name, request) }) as AppApi; // cast: a stand-in preload exposing every channel
  return {
    api,
    on: (name, listener) => (listeners.set(name, listener as (payload: unknown) => void), () => listeners.delete(name)),
    shell: 'electron',
  };
}

describe('IPC gateway', () => {
  it('validates responses against the contract', async () => {
    const gateway = createIpcGateway(
      bridge(async (name) => (name === 'settings.get' ? DEFAULT_SETTINGS : { theme: 'neon' }), new Map()),
    );
    await expect(gateway.api['settings.get']({})).resolves.toEqual(DEFAULT_SETTINGS);
    await expect(gateway.api['settings.update']({ theme: 'dark' })).rejects.toThrow();
  });

  it('passes valid events and drops malformed ones', () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const gateway = createIpcGateway(bridge(async () => null, listeners));
    const received: unknown[] = [];
    gateway.on('leaderboards.progress', (payload) => received.push(payload));
    const good = {
      jobId: 'j',
      phase: 'done',
      bytes: 1,
      totalBytes: 1,
      rate: 0,
      runsRead: 1,
      warnings: [],
      error: null,
      leaderboard: 'lb',
    };
    listeners.get('leaderboards.progress')?.(good);
    listeners.get('leaderboards.progress')?.({ jobId: 'j', phase: 'exploded' });
    expect(received).toEqual([good]);
  });
});

describe('HTTP gateway', () => {
  it('posts to /api/<channel> and turns error bodies into AppErrors with their code and details', async () => {
    const seen: string[] = [];
    const gateway = createHttpGateway({
      baseUrl: 'http://127.0.0.1:1',
      fetch: async (input, init) => {
        seen.push(`${String(input)} ${init?.method ?? ''} ${String(init?.body)}`);
        return new Response(
          JSON.stringify({
            ok: false,
            error: { code: 'model.unauthorized', message: 'Wrong key.', details: { hasKey: true } },
          }),
          { status: 500 },
        );
      },
    });
    const error = await gateway.api['models.testConnection']({
      endpoint: {
        preset: 'custom',
        baseUrl: 'http://x/v1',
        model: 'm',
        mode: 'chat',
        apiKeyId: null,
        pricePerMillionPrompt: null,
        pricePerMillionCompletion: null,
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'model.unauthorized', message: 'Wrong key.', details: { hasKey: true } });
    expect(seen[0]).toMatch(/^http:\/\/127\.0\.0\.1:1\/api\/models\.testConnection POST \{/);
  });

  it('reports an unreachable bridge clearly', async () => {
    const gateway = createHttpGateway({ fetch: async () => Promise.reject(new TypeError('fetch failed')) });
    await expect(gateway.api['settings.get']({})).rejects.toMatchObject({ code: 'bridge.unreachable' });
  });
});

describe('HTTP gateway credentials', () => {
  it('sends the token as an Authorization header only, and reads events over fetch with it', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const progress = {
      jobId: 'j',
      phase: 'done',
      bytes: 1,
      totalBytes: 1,
      rate: 0,
      runsRead: 1,
      warnings: [],
      error: null,
      leaderboard: 'lb',
    };
    const gateway = createHttpGateway({
      token: 'tok-123',
      fetch: async (input, init) => {
        seen.push({ url: String(input), init });
        if (String(input) === '/api/events') {
          // A frame split across chunks, CRLF line ends, a comment, a malformed payload, then a good one.
          const chunks = [': connected\r\n\r\nevent: leaderboards.progress\r\ndata: {"jobId":', '"j"}\r\n\r\n'];
          chunks.push(`event: leaderboards.progress\ndata: ${JSON.stringify(progress)}\n\n`);
          const body = new ReadableStream<Uint8Array>({
            start(controller) {
              for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
            },
          });
          return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
        }
        return new Response(JSON.stringify({ ok: true, result: DEFAULT_SETTINGS }));
      },
    });
    await gateway.api['settings.get']({});
    const received = await new Promise<unknown>((resolve) => gateway.on('leaderboards.progress', resolve));
    expect(received).toEqual(progress);
    for (const { url, init } of seen) {
      expect(url.startsWith('/api/')).toBe(true);
      expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok-123');
      expect(init?.credentials).toBe('omit');
    }
  });

  it('takes the token from the URL fragment, clears it from the address bar, and keeps it for a reload', () => {
    const stored = new Map<string, string>();
    const replaced: string[] = [];
    const sources = (hash: string) => ({
      location: { hash, pathname: '/', search: '' },
      history: {
        state: null,
        replaceState: (_: unknown, __: string, url?: string | URL | null) => replaced.push(String(url)),
      },
      storage: {
        getItem: (key: string) => stored.get(key) ?? null,
        setItem: (key: string, value: string) => void stored.set(key, value),
      },
    });
    expect(takeBridgeToken(sources('#token=abc'))).toBe('abc');
    expect(replaced).toEqual(['/']);
    expect(stored.get(TOKEN_STORAGE_KEY)).toBe('abc');
    // The reload: no fragment any more, the tab's sessionStorage still has it.
    expect(takeBridgeToken(sources(''))).toBe('abc');
    expect(replaced).toEqual(['/']);
    // A new URL from a restarted server wins.
    expect(takeBridgeToken(sources('#token=def'))).toBe('def');
    expect(takeBridgeToken(null)).toBeNull();
  });
});
