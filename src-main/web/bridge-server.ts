/**
 * The web bridge: the app API over HTTP + Server-Sent Events for browser mode (`helm-rank serve`) and the
 * e2e tests. Listens on 127.0.0.1 only, on a random port by default. The per-launch token travels in the
 * printed URL's fragment (`/#token=…`), which browsers never send to any server; the page keeps it in
 * memory (and in sessionStorage, which only this exact origin can read, for a reload) and sends it as
 * `Authorization: Bearer` on every API call and on the event stream (a `fetch`, not an EventSource). No
 * cookie is ever set: cookies ignore ports, so every other server on 127.0.0.1 would receive one. The
 * static renderer files hold no data and are served without the token; the API and events need it.
 * Host and Origin are checked too, so another site in the same browser can neither read (DNS rebinding)
 * nor post (CSRF) to it. Paths are parsed strictly: no redirects at all, 400 for a malformed one.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENT_NAMES } from '../../src-shared/api/contract';
import type { AppPort } from '../../src-shared/api/contract';
import { CONTENT_SECURITY_POLICY } from '../services/app-api/content-security-policy';
import { dispatch } from '../services/app-api/dispatch';
import { readStaticFile } from './static-files';

const MAX_BODY_BYTES = 1_000_000;

export interface WebBridgeOptions {
  readonly port: AppPort;
  /** Folder of the built renderer; null serves the API only. */
  readonly staticDir: string | null;
  /** 0 (default) = a random free port. */
  readonly listenPort?: number;
  /** Default: 32 random bytes, hex. */
  readonly token?: string;
  /** Seconds between SSE keep-alive comments. */
  readonly keepAliveSeconds?: number;
}

export interface WebBridge {
  /** Origin, e.g. `http://127.0.0.1:43121`. */
  readonly origin: string;
  /** The URL to open: origin + `/#token=…` (a fragment: never sent to any server). */
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const sseClients = new Set<ServerResponse>();
  let origin = '';

  const unsubscribers = EVENT_NAMES.map((name) =>
    options.port.on(name, (payload) => {
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const client of sseClients) client.write(frame);
    }),
  );

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, { ok: false, error: { code: 'bridge.internal', message: String(error) } });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    const host = request.headers.host ?? '';
    const port = new URL(origin).port;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return sendText(response, 421, 'Wrong host.');
    const path = requestPath(request.url ?? '');
    if (path === null) return sendText(response, 400, 'Malformed request path.');

    if (!path.startsWith('/api/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.');
      const file = options.staticDir ? await readStaticFile(options.staticDir, path) : null;
      if (!file)
        return sendText(
          response,
          404,
          options.staticDir ? 'Not found.' : 'The renderer is not built: run `npm run build:renderer`.',
        );
      response.writeHead(200, {
        'Content-Type': file.contentType,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'Cache-Control': 'no-cache',
      });
      return void response.end(request.method === 'HEAD' ? undefined : file.body);
    }

    if (!isAuthorized(request, token))
      return sendJson(response, 401, {
        ok: false,
        error: {
          code: 'bridge.unauthorized',
          message: 'This HELM Rank server needs the access token it printed when it started.',
        },
      });
    if (path === '/api/events' && request.method === 'GET') return openEventStream(response);
    if (request.method !== 'POST')
      return sendJson(response, 405, { ok: false, error: { code: 'api.method', message: 'Use POST.' } });
    const requestOrigin = request.headers.origin;
    if (
      requestOrigin !== undefined &&
      requestOrigin !== origin &&
      requestOrigin !== origin.replace('127.0.0.1', 'localhost')
    ) {
      return sendJson(response, 403, {
        ok: false,
        error: { code: 'api.origin', message: 'Cross-origin request refused.' },
      });
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(request)) || '{}');
    } catch (error) {
      return sendJson(response, 400, {
        ok: false,
        error: { code: 'api.bad-json', message: 'The request body is not JSON.', cause: String(error) },
      });
    }
    const result = await dispatch(options.port, path.slice('/api/'.length), body);
    // An error the app words for the user (a refusal, a failed import, a run it cannot rank) is an answer, not a
    // server failure: 200 with `ok: false`, so the browser does not log it as a failed request. A malformed call is
    // 400 / 404, and only an unexpected failure is 500.
    const status = result.ok
      ? 200
      : result.error.code === 'api.unknown-channel'
        ? 404
        : result.error.code === 'api.bad-request'
          ? 400
          : result.error.code === 'internal'
            ? 500
            : 200;
    return sendJson(response, status, result);
  }

  function openEventStream(response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    sseClients.add(response);
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), (options.keepAliveSeconds ?? 15) * 1000);
    response.on('close', () => {
      clearInterval(keepAlive);
      sseClients.delete(response);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listenPort ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo; // cast: a TCP server's address is AddressInfo
  origin = `http://127.0.0.1:${address.port}`;

  return {
    origin,
    url: `${origin}/#token=${token}`,
    token,
    close: async () => {
      unsubscribers.forEach((unsubscribe) => unsubscribe());
      for (const client of sseClients) client.end();
      sseClients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Only the `Authorization` header counts: nothing a browser attaches on its own (a cookie, a URL) does. */
function isAuthorized(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization;
  return header !== undefined && header.startsWith('Bearer ') && sameToken(header.slice('Bearer '.length), token);
}

/**
 * The decoded path of an origin-form request target (`/…`), or null when it is anything else: an absolute
 * URL or `*`, a malformed `%`-escape, or a NUL. The query is dropped (nothing here reads one). Parsed as a
 * path, never against a base URL, so `//evil.example/` stays a path on this server.
 */
export function requestPath(target: string): string | null {
  if (!target.startsWith('/')) return null;
  const raw = target.split(/[?#]/, 1)[0] ?? '';
  try {
    const path = decodeURIComponent(raw);
    return path.includes('\0') ? null : path;
  } catch {
    return null;
  }
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer; // cast: no encoding set, so chunks are Buffers
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('Request body too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
