import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../services/app-services';
import type { AppBackend } from '../services/app-services';
import { requestPath, startWebBridge } from './bridge-server';
import type { WebBridge } from './bridge-server';

let dir: string;
let backend: AppBackend;
let bridge: WebBridge;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-bridge-'));
  const staticDir = join(dir, 'static');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><p>app</p>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'outside');
  backend = createAppServices({ dataDir: join(dir, 'data'), env: {} });
  bridge = await startWebBridge({ port: backend, staticDir });
});

afterEach(async () => {
  await bridge.close();
  await backend.close();
  await rm(dir, { recursive: true, force: true });
});

const auth = () => ({ authorization: `Bearer ${bridge.token}` });

async function post(channel: string, body: unknown, headers: Record<string, string> = auth()) {
  const response = await fetch(`${bridge.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { ok: boolean; result?: unknown; error?: { code: string; message: string } },
  };
}

/** A request sent exactly as written (fetch would normalize the path), with its status, headers and body. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(bridge.origin);
    const request = httpRequest(
      { host: '127.0.0.1', port: url.port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('web bridge', () => {
  it('listens on 127.0.0.1 and prints a URL whose token is a fragment, never sent to a server', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/);
    expect(bridge.url).toBe(`${bridge.origin}/#token=${bridge.token}`);
  });

  it('refuses API calls and events without the token in an Authorization header', async () => {
    expect((await post('settings.get', {}, {})).status).toBe(401);
    expect((await post('settings.get', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post('settings.get', {}, {})).body.error?.code).toBe('bridge.unauthorized');
    expect((await fetch(`${bridge.origin}/api/events`)).status).toBe(401);
    // Nothing a browser attaches on its own counts: not a cookie, not the URL.
    expect((await post('settings.get', {}, { cookie: `helm_rank_token=${bridge.token}` })).status).toBe(401);
    expect((await raw(`/api/events?token=${bridge.token}`)).status).toBe(401);
  });

  it('serves the renderer without the token, and never sets a cookie or redirects', async () => {
    for (const path of ['/', `/?token=${bridge.token}`, '/assets/app.js']) {
      const response = await raw(path);
      expect(response.status).toBe(200);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers.location).toBeUndefined();
    }
    const page = await raw('/');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('<p>app</p>');
  });

  it('never redirects to another origin, even with a valid token (`/.//evil.com/?token=…`)', async () => {
    for (const path of [`/.//evil.example/?token=${bridge.token}`, '//evil.example/', '/\\evil.example/']) {
      const response = await raw(path, { headers: auth() });
      expect([200, 404]).toContain(response.status);
      expect(response.headers.location).toBeUndefined();
    }
  });

  it('answers 400 to a malformed path: a broken %-escape, an absolute URL, a NUL', async () => {
    expect(await raw('/api/settings%E0%A4%A', { method: 'POST', headers: auth(), body: '{}' })).toMatchObject({
      status: 400,
      body: 'Malformed request path.',
    });
    expect((await raw('/assets/%zz.js')).status).toBe(400);
    expect((await raw('http://evil.example/api/settings.get', { method: 'POST', headers: auth() })).status).toBe(400);
    expect((await raw('/index.html%00')).status).toBe(400);
    expect(requestPath('/api/a%2Fb?x=%zz')).toBe('/api/a/b');
    expect(requestPath('/%')).toBeNull();
    expect(requestPath('*')).toBeNull();
  });

  it('refuses a run id that is not one, before it names a folder', async () => {
    for (const [channel, body] of [
      ['runs.status', { runId: '..' }],
      ['runs.resume', { runId: '../../etc' }],
      ['rank.result', { runId: '.' }],
      ['history.export', { runId: '..', format: 'json' }],
    ] as const) {
      const answer = await post(channel, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe('api.bad-request');
    }
  });

  it('serves a channel, validating the request against the contract', async () => {
    const ok = await post('settings.update', { theme: 'dark' });
    expect(ok.status).toBe(200);
    expect(ok.body.result).toMatchObject({ theme: 'dark' });
    const bad = await post('settings.update', { theme: 'purple' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('api.bad-request');
    const unknown = await post('no.such', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('api.unknown-channel');
    // A refusal the app words for the user is an answer (before: HTTP 500, logged by the browser as a failure).
    const refused = await post('leaderboards.table', { name: 'absent' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'leaderboard.not-found' } });
  });

  it('never returns a stored secret, and says which endpoint it belongs to', async () => {
    const set = await post('secrets.set', {
      id: 'api-key:openai',
      value: 'sk-very-secret',
      baseUrl: 'https://api.openai.com/v1',
    });
    expect(set.body.result).toEqual({
      id: 'api-key:openai',
      present: true,
      source: 'memory',
      origin: 'https://api.openai.com',
    });
    const status = await post('secrets.status', { id: 'api-key:openai' });
    expect(JSON.stringify(status.body)).not.toContain('sk-very-secret');
    expect((await backend.secrets.read('api-key:openai'))?.value).toBe('sk-very-secret');
  });

  it('refuses cross-origin posts and foreign Host headers', async () => {
    expect((await post('settings.get', {}, { ...auth(), origin: 'https://evil.example' })).status).toBe(403);
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(bridge.origin);
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port: url.port,
          path: '/api/settings.get',
          method: 'POST',
          headers: { host: 'evil.example', ...auth() },
        },
        (response) => resolve(response.statusCode ?? 0),
      );
      request.on('error', reject);
      request.end('{}');
    });
    expect(status).toBe(421);
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of ['/assets/..%2F..%2Fsecret.txt', '/assets/%252e%252e/%252e%252e/secret.txt', '/../secret.txt'])
      expect((await raw(path)).body).not.toContain('outside');
    const asset = await fetch(`${bridge.origin}/assets/app.js`, { headers: auth() });
    expect(asset.headers.get('content-type')).toContain('text/javascript');
  });

  it('pushes app events as Server-Sent Events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${bridge.origin}/api/events`, { headers: auth(), signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    text += decoder.decode((await reader.read()).value);
    expect(text).toContain(': connected');
    const progress = {
      jobId: 'j1',
      phase: 'download' as const,
      bytes: 10,
      totalBytes: 100,
      rate: 5,
      runsRead: 0,
      warnings: [],
      error: null,
      leaderboard: null,
    };
    backend.events.emit('leaderboards.progress', progress);
    while (!text.includes('data: {')) text += decoder.decode((await reader.read()).value);
    expect(text).toContain('event: leaderboards.progress');
    expect(text).toContain(`data: ${JSON.stringify(progress)}`);
    controller.abort();
  });
});
