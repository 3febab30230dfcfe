import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../main';
import { parseServeArgs } from './serve';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-serve-'));
  await mkdir(join(dir, 'static'));
  await writeFile(join(dir, 'static', 'index.html'), '<!doctype html><title>HELM Rank</title>');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('helm-rank serve', () => {
  it('serves the app on 127.0.0.1, prints the tokenized URL and stops on the signal', async () => {
    const stdout = new PassThrough();
    let out = '';
    const printed = new Promise<string>((resolve) => {
      stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const url = /Open (\S+)/.exec(out)?.[1];
        if (url) resolve(url);
      });
    });
    const controller = new AbortController();
    const exit = main(
      [
        'serve',
        '--data-dir',
        join(dir, 'data'),
        '--static',
        join(dir, 'static'),
        '--key-origin',
        'custom=http://10.0.0.5:8000/v1',
      ],
      {
        stdout,
        stderr: new PassThrough(),
        env: { HELM_RANK_API_KEY_OPENAI: 'sk-env-secret', HELM_RANK_API_KEY_CUSTOM: 'sk-custom-secret' },
        signal: controller.signal,
      },
    );
    const url = await printed;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
    // The page loads from the URL in one step (the fragment stays in the browser); the API needs the token.
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    const token = new URL(url).hash.slice('#token='.length);
    const api = (authorization?: string) =>
      fetch(new URL('/api/settings.get', url), {
        method: 'POST',
        headers: authorization ? { authorization } : {},
        body: '{}',
      });
    expect((await api()).status).toBe(401);
    expect((await api(`Bearer ${token}`)).status).toBe(200);
    // Which environment keys go where, never the keys.
    expect(out).toContain('Key from HELM_RANK_API_KEY_OPENAI: sent only to https://api.openai.com.');
    expect(out).toContain('Key from HELM_RANK_API_KEY_CUSTOM: sent only to http://10.0.0.5:8000.');
    expect(out).not.toContain('secret');
    controller.abort();
    expect(await exit).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('checks its options', () => {
    expect(parseServeArgs(['--port', '8080', '--mirror', 'http://127.0.0.1:1'])).toEqual({
      port: 8080,
      mirror: 'http://127.0.0.1:1',
      keyOrigins: {},
    });
    expect(
      parseServeArgs(['--key-origin', 'openai=https://gw.example/v1', '--key-origin', 'vllm=http://gpu:8000/v1'])
        .keyOrigins,
    ).toEqual({ 'api-key:openai': 'https://gw.example', 'api-key:vllm': 'http://gpu:8000' });
    expect(() => parseServeArgs(['--key-origin', 'nope=https://x'])).toThrow(/PRESET=URL/);
    expect(() => parseServeArgs(['--key-origin', 'openai=ftp://x'])).toThrow(/http/);
    expect(() => parseServeArgs(['--key-origin', 'openai=https://me:pw@x/v1'])).toThrow(
      /--key-origin contains a user name or password/,
    );
    expect(() => parseServeArgs(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseServeArgs(['--bogus', '1'])).toThrow(/Unknown option/);
    expect(() => parseServeArgs(['--data-dir'])).toThrow(/needs a value/);
  });
});
