import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, appendFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Request } from '../../../src-shared/helm/request';
import { testRequest } from '../../../dev/testing/helm-request';
import { writerEntry } from '../../../dev/cache/cache-writer';
import { DATABASE_FILE, RequestCache, requestCacheKey } from './request-cache';
import type { CacheEntry } from './request-cache';
import { JOURNAL_FILE } from './journal-migration';
import type { MigrationProgress } from './journal-migration';

const request = testRequest();
const endpoint = { baseUrl: 'http://127.0.0.1:1/v1', apiModel: 'm', mode: 'completions' };
const writer = fileURLToPath(new URL('../../../dev/cache/cache-writer.ts', import.meta.url));

function entry(text: string): CacheEntry {
  return {
    result: { success: true, cached: false, completions: [{ text, logprob: -1, tokens: [{ text, logprob: -1 }] }] },
    usage: { promptTokens: 3, completionTokens: 1 },
  };
}

/** Runs the cache writer in a child process; resolves with the keys it reported durable and how it ended. */
function startWriter(
  dir: string,
  args: { prefix: string; count: number; batch: number; size?: number },
): {
  keys: string[];
  finished: Promise<{ finished: boolean; code: number | null; signal: string | null }>;
  kill(): void;
} {
  const child = spawn(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      writer,
      dir,
      args.prefix,
      String(args.count),
      String(args.batch),
      String(args.size ?? 2000),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const keys: string[] = [];
  let buffered = '';
  let finished = false;
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    buffered += text;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('durable ')) keys.push(line.slice('durable '.length));
      if (line === 'finished') finished = true;
    }
  });
  return {
    keys,
    finished: new Promise((resolve) =>
      child.on('close', (code, signal) => {
        if (code !== 0 && signal === null) process.stderr.write(stderr);
        resolve({ finished, code, signal });
      }),
    ),
    kill: () => child.kill('SIGKILL'),
  };
}

describe('RequestCache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-cache-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keys on the whole normalized request and the endpoint', () => {
    const key = requestCacheKey(endpoint, request);
    const reordered = Object.fromEntries(Object.entries(request).reverse()) as unknown as Request;
    expect(requestCacheKey({ mode: 'completions', apiModel: 'm', baseUrl: 'http://127.0.0.1:1/v1' }, reordered)).toBe(
      key,
    );
    expect(requestCacheKey(endpoint, { ...request, max_tokens: 6 })).not.toBe(key);
    expect(requestCacheKey({ ...endpoint, apiModel: 'other' }, request)).not.toBe(key);
    expect(requestCacheKey(endpoint, { ...request, stop_sequences: ['\n', '###'] })).not.toBe(key);
  });

  it('persists entries in its database and reloads them', async () => {
    const cache = await RequestCache.open(dir);
    await cache.put('a', entry(' 2'), { model: 'org/m' });
    await cache.put('b', entry(' 3'));
    await cache.close();
    const reopened = await RequestCache.open(dir);
    expect(reopened.count()).toBe(2);
    expect(reopened.get('a')?.result.completions[0]?.text).toBe(' 2');
    expect(reopened.get('b')?.usage.promptTokens).toBe(3);
    expect(reopened.has('c')).toBe(false);
    expect(reopened.migration).toBeNull();
    await reopened.close();
    expect((await stat(join(dir, DATABASE_FILE))).size).toBeGreaterThan(0);
  });

  it('group-commits many concurrent puts, readable before and after they are durable', async () => {
    const cache = await RequestCache.open(dir);
    const events: string[] = [];
    const puts = Array.from({ length: 500 }, (_, i) => cache.put(`k${i}`, entry(`answer ${i}`)));
    void puts[0]?.then(() => events.push('put'));
    // Readable at once (identical requests are not sent twice) but not yet durable.
    expect(cache.get('k0')?.result.completions[0]?.text).toBe('answer 0');
    void cache.durable('k0').then(() => events.push('durable'));
    expect(events).toEqual([]);
    await Promise.all(puts);
    await cache.durable('k0');
    expect(events.sort()).toEqual(['durable', 'put']);
    await expect(cache.durable('never-put')).resolves.toBeUndefined();
    await cache.close();
    const reopened = await RequestCache.open(dir);
    expect(reopened.count()).toBe(500);
    expect(reopened.get('k499')?.result.completions[0]?.text).toBe('answer 499');
    await reopened.close();
  });

  it('migrates an old journal once, with progress, skipping a torn last line, then deletes it', async () => {
    const line = (key: string, text: string) =>
      `${JSON.stringify({ v: 1, key, entry: { ...entry(text), result: { ...entry(text).result, request_datetime: 1_700_000_000 } } })}\n`;
    await writeFile(join(dir, JOURNAL_FILE), `${line('a', ' 1')}not json\n${line('b', ' 2')}`);
    await appendFile(join(dir, JOURNAL_FILE), '{"v":1,"key":"c","entry":{"result":{"succ');
    const progress: MigrationProgress[] = [];
    const cache = await RequestCache.open(dir, { onMigration: (step) => progress.push(step) });
    expect(cache.migration).toMatchObject({ entries: 2, skippedLines: 2 });
    expect(progress.at(-1)).toMatchObject({ entries: 2 });
    expect(progress.at(-1)?.bytesRead).toBe(progress.at(-1)?.totalBytes);
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, true, false]);
    await cache.close();
    await expect(stat(join(dir, JOURNAL_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    const again = await RequestCache.open(dir);
    expect(again.migration).toBeNull();
    expect(again.count()).toBe(2);
    await again.close();
  });

  it('keeps every answer it counted when killed mid-write, at random points', async () => {
    for (const delay of [40, 150, 400].map((ms) => ms + Math.floor(Math.random() * 100))) {
      const run = startWriter(dir, { prefix: `d${delay}-`, count: 100_000, batch: 16 });
      // Kill once the writer is busy (it reported something), a random while later.
      while (run.keys.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, delay));
      run.kill();
      const outcome = await run.finished;
      expect(outcome.signal).toBe('SIGKILL');
      const counted = [...run.keys];
      expect(counted.length).toBeGreaterThan(0);
      const cache = await RequestCache.open(dir);
      for (const key of counted)
        expect(cache.get(key)?.result.completions[0]?.text).toBe(writerEntry(key).result.completions[0]?.text);
      await cache.close();
    }
  });

  it('lets two processes write the same cache at once: both finish, every entry readable', async () => {
    const a = startWriter(dir, { prefix: 'a', count: 1500, batch: 20 });
    const b = startWriter(dir, { prefix: 'b', count: 1500, batch: 7 });
    const [first, second] = await Promise.all([a.finished, b.finished]);
    expect([first.finished, second.finished]).toEqual([true, true]);
    const cache = await RequestCache.open(dir);
    expect(cache.count()).toBe(3000);
    for (const key of [...a.keys, ...b.keys]) expect(cache.get(key)).toEqual(writerEntry(key));
    await cache.close();
  });
});
