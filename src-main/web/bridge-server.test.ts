import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../services/app-services';
import type { AppBackend } from '../services/app-services';
import { startWebBridge, TOKEN_COOKIE } from './bridge-server';
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

describe('web bridge', () => {
  it('listens on 127.0.0.1 with a long random token', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/);
    expect(bridge.url).toBe(`${bridge.origin}/?token=${bridge.token}`);
  });

  it('refuses API calls, events and files without the token', async () => {
    expect((await post('settings.get', {}, {})).status).toBe(401);
    expect((await post('settings.get', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post('settings.get', {}, {})).body.error?.code).toBe('bridge.unauthorized');
    expect((await fetch(`${bridge.origin}/api/events`)).status).toBe(401);
    expect((await fetch(`${bridge.origin}/`)).status).toBe(401);
    expect((await fetch(`${bridge.origin}/?token=nope`)).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly SameSite cookie that then authorizes requests', async () => {
    const first = await fetch(bridge.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${TOKEN_COOKIE}=${bridge.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await fetch(`${bridge.origin}/`, { headers: { cookie: `${TOKEN_COOKIE}=${bridge.token}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<p>app</p>');
    expect((await post('settings.get', {}, { cookie: `${TOKEN_COOKIE}=${bridge.token}` })).status).toBe(200);
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
  });

  it('never returns a stored secret', async () => {
    const set = await post('secrets.set', { id: 'api-key:openai', value: 'sk-very-secret' });
    expect(set.body.result).toEqual({ id: 'api-key:openai', present: true, source: 'memory' });
    const status = await post('secrets.status', { id: 'api-key:openai' });
    expect(JSON.stringify(status.body)).not.toContain('sk-very-secret');
    expect(await backend.secrets.read('api-key:openai')).toBe('sk-very-secret');
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
    const response = await fetch(`${bridge.origin}/assets/..%2F..%2Fsecret.txt`, { headers: auth() });
    expect(await response.text()).not.toContain('outside');
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
