import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from './node-http-fetch';

describe('createNodeHttpFetch', () => {
  let server: Server;
  let base: string;
  let streamed = 0;
  let seen: { method: string; headers: Record<string, string | string[] | undefined>; body: string }[];
  beforeEach(async () => {
    seen = [];
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push({
          method: request.method ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        if (request.url === '/hang') return;
        if (request.url === '/stream') {
          // Chunked (no Content-Length), 64 KB at a time, until the client gives up or 64 MB are sent.
          response.writeHead(200, { 'content-type': 'application/json' });
          let sent = 0;
          const more = () => {
            while (sent < 64 * 1024 * 1024 && !response.destroyed) {
              sent += 64 * 1024;
              if (!response.write(Buffer.alloc(64 * 1024, 32))) return void response.once('drain', more);
            }
            response.end();
          };
          response.on('close', () => (streamed = sent));
          return more();
        }
        if (request.url === '/declared') {
          response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
          return void response.write('{');
        }
        if (request.url === '/empty') {
          response.writeHead(204).end();
          return;
        }
        response.setHeader('set-cookie', ['a=1', 'b=2']);
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3' });
        response.end(JSON.stringify({ error: { message: 'slow down', text: 'é' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`; // boundary: a TCP listen gives AddressInfo
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends method, headers and body, and reads status, headers and a JSON body as fetch does', async () => {
    const fetch = createNodeHttpFetch();
    const response = await fetch(`${base}/v1/completions`, {
      method: 'POST',
      headers: new Headers({ 'Content-Type': 'application/json', 'X-Test': 'yes' }),
      body: '{"a":1}',
    });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json', 'x-test': 'yes' },
    });
    expect([response.status, response.ok, response.url]).toEqual([429, false, `${base}/v1/completions`]);
    expect(response.headers.get('Retry-After')).toBe('3');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.get('x-missing')).toBeNull();
    const names: string[] = [];
    response.headers.forEach((_value, name) => names.push(name));
    expect(names).toContain('content-type');
    expect(await response.json()).toEqual({ error: { message: 'slow down', text: 'é' } });
    // A body is read once, as with fetch.
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('accepts a plain header record and answers 204 with an empty body', async () => {
    const response = await createNodeHttpFetch()(`${base}/empty`, { headers: { accept: 'text/plain' } });
    expect(seen[0]?.headers.accept).toBe('text/plain');
    expect([response.status, response.ok, response.body]).toEqual([204, true, null]);
    expect(await response.text()).toBe('');
  });

  it('rejects with an AbortError when the signal aborts a request on the wire', async () => {
    const controller = new AbortController();
    const pending = createNodeHttpFetch()(`${base}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('abandons a response over the size limit as it streams in, or at once from its Content-Length', async () => {
    const fetch = createNodeHttpFetch({ maxResponseBytes: 100 * 1024 });
    await expect(fetch(`${base}/stream`)).rejects.toMatchObject({
      code: 'model.response-too-large',
      message: `${base}/stream answered more than 100.0 KB, over the response-size limit of 100.0 KB; this request was abandoned.`,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(streamed).toBeLessThan(64 * 1024 * 1024); // the server saw the connection closed before it had sent it all
    await expect(fetch(`${base}/declared`)).rejects.toMatchObject({
      code: 'model.response-too-large',
      message: expect.stringContaining(`${base}/declared answered 50.0 MB, over the response-size limit`),
    });
  });
});
