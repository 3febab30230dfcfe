import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeEndpoint } from './endpoint-probe';

const servers: Server[] = [];

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('probeEndpoint', () => {
  it('reports the status and the model list of an answering server, sending the key only to it', async () => {
    let authorization: string | undefined;
    const host = await listen((request, response) => {
      authorization = request.headers.authorization;
      expect(request.url).toBe('/v1/models');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data: [{ id: 'a' }, { id: 'b' }, { nope: 1 }] }));
    });
    expect(await probeEndpoint(`http://${host}/v1/`, { apiKey: 'sk-1' })).toEqual({
      kind: 'answered',
      status: 200,
      models: ['a', 'b'],
    });
    expect(authorization).toBe('Bearer sk-1');
  });

  it('reports a 404 with no model list', async () => {
    const host = await listen((_request, response) => {
      response.writeHead(404);
      response.end('<html>no</html>');
    });
    expect(await probeEndpoint(`http://${host}/v1`)).toEqual({ kind: 'answered', status: 404, models: null });
  });

  it('tells a refused connection, a host that does not resolve, TLS to a plain server and a timeout apart', async () => {
    const closed = await listen(() => undefined);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    expect(await probeEndpoint(`http://${closed}/v1`)).toMatchObject({ kind: 'network', reason: 'refused' });
    expect(await probeEndpoint('http://helm-rank-test.invalid/v1')).toMatchObject({ kind: 'network', reason: 'dns' });
    const plain = await listen((_request, response) => response.end('{}'));
    expect(await probeEndpoint(`https://${plain}/v1`)).toMatchObject({ kind: 'network', reason: 'tls' });
    const silent = await listen(() => undefined);
    expect(await probeEndpoint(`http://${silent}/v1`, { timeoutMs: 200 })).toMatchObject({
      kind: 'network',
      reason: 'timeout',
    });
  });
});
