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
    const exit = main(['serve', '--data-dir', join(dir, 'data'), '--static', join(dir, 'static')], {
      stdout,
      stderr: new PassThrough(),
      env: {},
      signal: controller.signal,
    });
    const url = await printed;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(303);
    expect((await fetch(new URL('/', url))).status).toBe(401);
    controller.abort();
    expect(await exit).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('checks its options', () => {
    expect(parseServeArgs(['--port', '8080', '--mirror', 'http://127.0.0.1:1'])).toEqual({
      port: 8080,
      mirror: 'http://127.0.0.1:1',
    });
    expect(() => parseServeArgs(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseServeArgs(['--bogus', '1'])).toThrow(/Unknown option/);
    expect(() => parseServeArgs(['--data-dir'])).toThrow(/needs a value/);
  });
});
