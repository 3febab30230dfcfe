import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Request } from '../../../src-shared/helm/request';
import { testRequest } from '../../../dev/testing/helm-request';
import { JOURNAL_FILE, RequestCache, requestCacheKey } from './request-cache';
import type { CacheEntry } from './request-cache';

const request = testRequest();
const endpoint = { baseUrl: 'http://127.0.0.1:1/v1', apiModel: 'm', mode: 'completions' };

function entry(text: string): CacheEntry {
  return {
    result: { success: true, cached: false, completions: [{ text, logprob: -1, tokens: [{ text, logprob: -1 }] }] },
    usage: { promptTokens: 3, completionTokens: 1 },
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

  it('persists entries and reloads them', async () => {
    const cache = await RequestCache.open(dir);
    await cache.put('a', entry(' 2'));
    await cache.put('b', entry(' 3'));
    await cache.close();
    const reopened = await RequestCache.open(dir);
    expect(reopened.size).toBe(2);
    expect(reopened.get('a')?.result.completions[0]?.text).toBe(' 2');
    expect(reopened.get('b')?.usage.promptTokens).toBe(3);
    await reopened.close();
  });

  it('skips a torn last line and keeps appending cleanly after it', async () => {
    const cache = await RequestCache.open(dir);
    await cache.put('a', entry(' 2'));
    await cache.close();
    await appendFile(join(dir, JOURNAL_FILE), '{"v":1,"key":"b","entry":{"result":{"succ');
    const afterCrash = await RequestCache.open(dir);
    expect(afterCrash.loadReport).toEqual({ entries: 1, skippedLines: 1 });
    expect(afterCrash.has('b')).toBe(false);
    await afterCrash.put('c', entry(' 4'));
    await afterCrash.close();
    const again = await RequestCache.open(dir);
    expect([again.has('a'), again.has('b'), again.has('c')]).toEqual([true, false, true]);
    expect(again.loadReport.skippedLines).toBe(1);
    await again.close();
  });

  it('group-commits many concurrent puts without losing or interleaving lines', async () => {
    const cache = await RequestCache.open(dir);
    await Promise.all(
      Array.from({ length: 500 }, (_, i) => cache.put(`k${i}`, entry(`answer ${i} ${'x'.repeat(i % 50)}`))),
    );
    await cache.close();
    const lines = (await readFile(join(dir, JOURNAL_FILE), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(500);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const reopened = await RequestCache.open(dir);
    expect(reopened.size).toBe(500);
    expect(reopened.get('k499')?.result.completions[0]?.text).toBe(`answer 499 ${'x'.repeat(499 % 50)}`);
    await reopened.close();
  });

  it('tells when an entry readable from the index is on disk', async () => {
    const cache = await RequestCache.open(dir);
    const events: string[] = [];
    const put = cache.put('a', entry(' 2')).then(() => events.push('put'));
    // Readable at once (identical requests are not sent twice) but not yet durable.
    expect(cache.get('a')?.result.completions[0]?.text).toBe(' 2');
    const durable = cache.durable('a').then(() => events.push('durable'));
    expect(events).toEqual([]);
    await Promise.all([put, durable]);
    expect(events.sort()).toEqual(['durable', 'put']);
    expect((await readFile(join(dir, JOURNAL_FILE), 'utf8')).split('\n')[0]).toContain('"key":"a"');
    await expect(cache.durable('a')).resolves.toBeUndefined();
    await expect(cache.durable('never-put')).resolves.toBeUndefined();
    await cache.close();
  });

  it('ignores garbage lines from a foreign writer', async () => {
    await writeFile(join(dir, JOURNAL_FILE), 'not json\n{"v":2,"key":"x","entry":{}}\n');
    const cache = await RequestCache.open(dir);
    expect(cache.loadReport).toEqual({ entries: 0, skippedLines: 2 });
    await cache.close();
  });
});
