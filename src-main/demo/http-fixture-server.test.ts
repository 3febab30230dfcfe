import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer } from './http-fixture-server';
import type { FixtureServer } from './http-fixture-server';

let server: FixtureServer;
beforeEach(async () => {
  server = await startFixtureServer();
  server.set('/a.txt', '0123456789');
});
afterEach(async () => {
  await server.close();
});

describe('fixture server', () => {
  it('serves files, ranges and 416, and records requests', async () => {
    expect(await (await fetch(server.url('/a.txt'))).text()).toBe('0123456789');
    const partial = await fetch(server.url('/a.txt'), { headers: { range: 'bytes=4-' } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe('bytes 4-9/10');
    expect(await partial.text()).toBe('456789');
    expect((await fetch(server.url('/a.txt'), { headers: { range: 'bytes=20-' } })).status).toBe(416);
    expect((await fetch(server.url('/missing'))).status).toBe(404);
    expect(server.requestsTo('/a.txt').map((request) => request.headers.range ?? null)).toEqual([
      null,
      'bytes=4-',
      'bytes=20-',
    ]);
  });

  it('injects status faults (with Retry-After) once each, then serves normally', async () => {
    server.fault('/a.txt', { kind: 'status', status: 503, retryAfter: 2, times: 2 });
    const first = await fetch(server.url('/a.txt'));
    expect([first.status, first.headers.get('retry-after')]).toEqual([503, '2']);
    expect((await fetch(server.url('/a.txt'))).status).toBe(503);
    expect((await fetch(server.url('/a.txt'))).status).toBe(200);
  });

  it('ignores Range on request and cuts connections mid-body', async () => {
    server.fault('/a.txt', { kind: 'ignore-range' });
    const whole = await fetch(server.url('/a.txt'), { headers: { range: 'bytes=4-' } });
    expect([whole.status, await whole.text()]).toEqual([200, '0123456789']);
    server.set('/big', Buffer.alloc(100_000, 1));
    server.fault('/big', { kind: 'cut', afterBytes: 10 });
    await expect(fetch(server.url('/big')).then((response) => response.arrayBuffer())).rejects.toThrow();
  });
});
