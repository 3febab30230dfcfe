import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer } from '../../demo/http-fixture-server';
import type { FixtureServer } from '../../demo/http-fixture-server';
import { probeSource } from './source-probe';

let server: FixtureServer;
let dir = '';

beforeAll(async () => {
  server = await startFixtureServer();
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-probe-'));
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('probeSource', () => {
  it('finds a file with HEAD, with its size, and downloads nothing', async () => {
    server.set('/host/data.tar', Buffer.alloc(4096, 1));
    const probe = await probeSource(server.url('/host/data.tar'));
    expect(probe).toEqual({
      url: server.url('/host/data.tar'),
      ok: true,
      status: 200,
      bytes: 4096,
      code: null,
      reason: null,
    });
    expect(server.requestsTo('/host/data.tar').map((request) => request.method)).toEqual(['HEAD']);
  });

  it('names the URL tried and its 404', async () => {
    const probe = await probeSource(server.url('/host/missing.jsonl'));
    expect(probe).toMatchObject({ ok: false, status: 404, code: 'download.not-found', reason: 'HTTP 404' });
    expect(probe.url).toBe(server.url('/host/missing.jsonl'));
  });

  it('asks again with a one-byte GET when HEAD is refused', async () => {
    server.set('/host/no-head.zip', Buffer.alloc(1000, 2));
    server.fault('/host/no-head.zip', { kind: 'status', status: 405 });
    const probe = await probeSource(server.url('/host/no-head.zip'));
    expect(probe).toMatchObject({ ok: true, status: 206, bytes: 1000 });
    const requests = server.requestsTo('/host/no-head.zip');
    expect(requests.map((request) => request.method)).toEqual(['HEAD', 'GET']);
    expect(requests[1]?.headers.range).toBe('bytes=0-0');
  });

  it('reports a server error and a refused connection', async () => {
    server.set('/host/flaky', 'x');
    server.fault('/host/flaky', { kind: 'status', status: 502, times: 2 });
    expect(await probeSource(server.url('/host/flaky'))).toMatchObject({
      ok: false,
      status: 502,
      code: 'download.http',
    });
    const refused = await probeSource('http://127.0.0.1:9/x');
    expect(refused).toMatchObject({ ok: false, status: null, code: 'download.network', reason: 'connection refused' });
  });

  it('checks file:// sources with stat', async () => {
    await writeFile(join(dir, 'a.json'), '{}');
    expect(await probeSource(pathToFileURL(join(dir, 'a.json')).href)).toMatchObject({ ok: true, bytes: 2 });
    expect(await probeSource(pathToFileURL(join(dir, 'b.json')).href)).toMatchObject({
      ok: false,
      code: 'download.not-found',
      reason: 'no such file',
    });
  });
});
