/**
 * A loopback HTTP server (no network beyond 127.0.0.1): the demo's mirror, and the tests' fault injector.
 * Serves buffers by path, honours `Range: bytes=N-` / `bytes=N-M` with 206 + Content-Range, records every
 * request, and injects faults.
 *
 * Usage:
 * ```ts
 * const server = await startFixtureServer();
 * server.set('/storage.googleapis.com/bucket/file.zip', zipBuffer);
 * server.fault('/storage.googleapis.com/bucket/file.zip', { kind: 'status', status: 500 });   // once
 * server.fault('/…/file.zip', { kind: 'cut', afterBytes: 1000 });                              // drop the socket mid-body
 * await download(server.url('/…/file.zip'));
 * expect(server.requestsTo('/…/file.zip')[1].headers.range).toBe('bytes=1000-');
 * await server.close();
 * ```
 * Faults are queued per path and each one is consumed by one request (`times` repeats it), so
 * "500 once then success" is one call. With the mirror rule, `server.baseUrl` is the mirror and paths start
 * with the source host (`/storage.googleapis.com/…`).
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A fault injected into the next request(s) to a path. */
export type Fault =
  /** Answer with this status (and an optional Retry-After, in seconds) instead of the file. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: number; readonly times?: number }
  /** Send headers and the first `afterBytes` bytes of the body, then destroy the connection. */
  | { readonly kind: 'cut'; readonly afterBytes: number; readonly times?: number }
  /** Wait `ms` before answering (for timeout and cancel tests). */
  | { readonly kind: 'delay'; readonly ms: number; readonly times?: number }
  /** Answer 200 with the whole body even when a Range was asked for (a server without range support). */
  | { readonly kind: 'ignore-range'; readonly times?: number };

/** What the server saw of one request. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

/** Options for one served file. */
export interface RouteOptions {
  readonly contentType?: string;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Omit Content-Length (chunked), as some servers do. */
  readonly omitLength?: boolean;
}

export interface FixtureServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly baseUrl: string;
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  /** Serves `body` at `path` (replacing any previous body). */
  set(path: string, body: Buffer | string, options?: RouteOptions): void;
  /** Stops serving `path` (404 afterwards). */
  remove(path: string): void;
  /** Queues a fault for the next request(s) to `path`. */
  fault(path: string, fault: Fault): void;
  /** Every request so far, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Requests to one path. */
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

interface Route {
  body: Buffer;
  options: RouteOptions;
}

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

/** Starts a server on 127.0.0.1 with a free port. */
export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, Route>();
  const faults = new Map<string, QueuedFault[]>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const takeFault = (path: string): Fault | undefined => {
    const queue = faults.get(path);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.fault;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    requests.push({ method: request.method ?? 'GET', path, headers: request.headers });
    let fault = takeFault(path);
    while (fault?.kind === 'delay') {
      await new Promise((resolve) => setTimeout(resolve, fault?.kind === 'delay' ? fault.ms : 0));
      fault = takeFault(path);
    }
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      response.writeHead(fault.status, headers).end(`injected ${fault.status}`);
      return;
    }
    // A source URL may hold `//` (GSM8K's `data//train.jsonl`); a mirror directory stores it as one `/`.
    const route = routes.get(path) ?? routes.get(path.replace(/\/{2,}/g, '/'));
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const { body, options } = route;
    const base: Record<string, string> = {
      'content-type': options.contentType ?? 'application/octet-stream',
      'accept-ranges': 'bytes',
      ...options.headers,
    };
    const range = fault?.kind === 'ignore-range' ? undefined : parseRange(request.headers.range, body.length);
    if (range === 'unsatisfiable') {
      response.writeHead(416, { ...base, 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    const start = range?.start ?? 0;
    const end = range?.end ?? body.length - 1;
    const slice = body.subarray(start, end + 1);
    const headers: Record<string, string> = { ...base };
    if (!options.omitLength) headers['content-length'] = String(slice.length);
    if (range) headers['content-range'] = `bytes ${start}-${end}/${body.length}`;
    response.writeHead(range ? 206 : 200, headers);
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    if (fault?.kind === 'cut') {
      // Flush part of the body, then drop the socket: the client sees a premature close.
      response.write(slice.subarray(0, Math.min(fault.afterBytes, slice.length)), () => {
        setTimeout(() => request.socket.destroy(), 20);
      });
      return;
    }
    response.end(slice);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port; // cast: a TCP listen always yields AddressInfo
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    url: (path) => `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`,
    set: (path, body, options = {}) =>
      routes.set(path, { body: typeof body === 'string' ? Buffer.from(body) : body, options }),
    remove: (path) => routes.delete(path),
    fault: (path, fault) => {
      const queue = faults.get(path) ?? [];
      queue.push({ fault, remaining: fault.times ?? 1 });
      faults.set(path, queue);
    },
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  if (from === '') {
    const suffix = Number(to);
    return suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
