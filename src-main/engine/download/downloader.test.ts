import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer } from '../../demo/http-fixture-server';
import type { FixtureServer } from '../../demo/http-fixture-server';
import { Downloader } from './downloader';
import { applyMirror } from './mirror';
import { cachePathFor, createDatasetFetcher } from './dataset-fetcher';
import { AppError } from '../../../src-shared/errors';

const body = randomBytes(200_000);
const path = '/storage.example.org/bucket/file.zip';
const fast = { retries: 3, baseDelayMs: 5, maxDelayMs: 50 };
let server: FixtureServer;
let dir: string;

beforeEach(async () => {
  server = await startFixtureServer();
  server.set(path, body);
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-download-'));
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('applyMirror', () => {
  it('maps https://HOST/PATH to <mirror>/HOST/PATH', () => {
    expect(applyMirror('https://storage.googleapis.com/crfm-helm-public/a%20b.zip', 'http://127.0.0.1:9/m/')).toBe(
      'http://127.0.0.1:9/m/storage.googleapis.com/crfm-helm-public/a%20b.zip',
    );
    expect(applyMirror('https://h/x', null)).toBe('https://h/x');
    expect(applyMirror('/local/file.zip', 'http://m')).toBe('/local/file.zip');
  });
  it('maps to a file URL for a local directory or file:// mirror', () => {
    expect(applyMirror('https://h.org/p/q.json', '/srv/mirror')).toBe(pathToFileURL('/srv/mirror/h.org/p/q.json').href);
    expect(applyMirror('https://h.org/p/q.json', 'file:///srv/mirror')).toBe(
      pathToFileURL('/srv/mirror/h.org/p/q.json').href,
    );
  });
});

describe('Downloader', () => {
  it('downloads with progress, sha256 and no .part left', async () => {
    const events: number[] = [];
    const destination = join(dir, 'out.zip');
    const sha = createHash('sha256').update(body).digest('hex');
    const result = await new Downloader(fast).download({
      url: server.url(path),
      destination,
      sha256: sha,
      onProgress: (p) => events.push(p.bytes),
    });
    expect(result.sha256).toBe(sha);
    expect(Buffer.compare(await readFile(destination), body)).toBe(0);
    expect(events.at(-1)).toBe(body.length);
    await expect(stat(`${destination}.part`)).rejects.toThrow();
  });

  it('resumes a cut download with a Range request and ends byte-identical', async () => {
    server.fault(path, { kind: 'cut', afterBytes: 70_000 });
    const destination = join(dir, 'out.zip');
    await expect(
      new Downloader({ ...fast, retries: 0 }).download({ url: server.url(path), destination }),
    ).rejects.toThrow(/Could not download http:\/\/127\.0\.0\.1:\d+\/storage/);
    const partial = (await stat(`${destination}.part`)).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(body.length);
    await expect(stat(destination)).rejects.toThrow();
    await new Downloader(fast).download({ url: server.url(path), destination });
    const requests = server.requestsTo(path);
    expect(requests[1]?.headers.range).toBe(`bytes=${partial}-`);
    expect(Buffer.compare(await readFile(destination), body)).toBe(0);
  });

  it('retries inside one call after a cut, resuming from the bytes it has', async () => {
    server.fault(path, { kind: 'cut', afterBytes: 50_000 });
    const destination = join(dir, 'out.zip');
    await new Downloader(fast).download({ url: server.url(path), destination });
    expect(server.requestsTo(path)).toHaveLength(2);
    expect(server.requestsTo(path)[1]?.headers.range).toMatch(/^bytes=\d+-$/);
    expect(Buffer.compare(await readFile(destination), body)).toBe(0);
  });

  it('restarts from zero when the server ignores Range', async () => {
    const destination = join(dir, 'out.zip');
    await writeFile(`${destination}.part`, body.subarray(0, 1000));
    await writeFile(`${destination}.part.url`, server.url(path));
    server.fault(path, { kind: 'ignore-range' });
    await new Downloader(fast).download({ url: server.url(path), destination });
    expect(server.requestsTo(path)[0]?.headers.range).toBe('bytes=1000-');
    expect(Buffer.compare(await readFile(destination), body)).toBe(0);
  });

  it('retries a 500 and honours Retry-After on 429', async () => {
    server.fault(path, { kind: 'status', status: 500 });
    server.fault(path, { kind: 'status', status: 429, retryAfter: 0 });
    const destination = join(dir, 'out.zip');
    await new Downloader(fast).download({ url: server.url(path), destination });
    expect(server.requestsTo(path).length).toBe(3);
    expect(Buffer.compare(await readFile(destination), body)).toBe(0);
  });

  it('fails at once on 404 with a clear error naming the URL', async () => {
    const error = await new Downloader(fast)
      .download({ url: server.url('/missing'), destination: join(dir, 'x') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('download.not-found');
    expect((error as AppError).message).toContain(server.url('/missing'));
    expect(server.requestsTo('/missing')).toHaveLength(1);
  });

  it('discards a partial file that came from another URL', async () => {
    const destination = join(dir, 'out.zip');
    await writeFile(`${destination}.part`, Buffer.alloc(1000));
    await writeFile(`${destination}.part.url`, 'https://elsewhere.example/file.zip');
    await new Downloader(fast).download({ url: server.url(path), destination });
    expect(server.requestsTo(path)[0]?.headers.range).toBeUndefined();
    expect(Buffer.compare(await readFile(destination), body)).toBe(0);
  });

  it('tries the next URL when the first fails', async () => {
    const result = await new Downloader(fast).downloadFirst([server.url('/gone.zip'), server.url(path)], {
      destination: join(dir, 'y.zip'),
    });
    expect(result.url).toBe(server.url(path));
  });

  it('rejects a checksum mismatch and keeps no file', async () => {
    const destination = join(dir, 'out.zip');
    await expect(
      new Downloader(fast).download({ url: server.url(path), destination, sha256: '0'.repeat(64) }),
    ).rejects.toMatchObject({ code: 'download.checksum' });
    await expect(stat(destination)).rejects.toThrow();
  });

  it('times out a silent server and retries', async () => {
    server.fault(path, { kind: 'delay', ms: 1500 });
    const destination = join(dir, 'slow.zip');
    await new Downloader({ ...fast, timeouts: { response: 200 } }).download({ url: server.url(path), destination });
    expect(server.requestsTo(path)).toHaveLength(2);
    expect(Buffer.compare(await readFile(destination), body)).toBe(0);
  });

  it('cancels through an AbortSignal', async () => {
    server.fault(path, { kind: 'delay', ms: 2000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      new Downloader(fast).download({ url: server.url(path), destination: join(dir, 'c'), signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'download.cancelled' });
  });

  it('copies from a file:// URL', async () => {
    const source = join(dir, 'source.bin');
    await writeFile(source, body);
    const destination = join(dir, 'copy.bin');
    await new Downloader(fast).download({ url: pathToFileURL(source).href, destination });
    expect(Buffer.compare(await readFile(destination), body)).toBe(0);
  });
});

describe('createDatasetFetcher', () => {
  it('fetches through the mirror once and then serves the cache', async () => {
    const fetcher = createDatasetFetcher({
      downloadsDir: join(dir, 'downloads'),
      mirror: server.baseUrl,
      downloader: new Downloader(fast),
    });
    const source = `https:/${path}`;
    const first = await fetcher.fetch(source);
    const second = await fetcher.fetch(source);
    expect(first).toBe(cachePathFor(join(dir, 'downloads'), source));
    expect(second).toBe(first);
    expect(server.requestsTo(path)).toHaveLength(1);
    expect(Buffer.compare(await readFile(first), body)).toBe(0);
  });
});
