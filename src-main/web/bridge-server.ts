/**
 * The web bridge: the app API over HTTP + Server-Sent Events for browser mode (`helm-rank serve`) and the
 * e2e tests. Listens on 127.0.0.1 only, on a random port by default, and requires a per-launch token on
 * every request: as `Authorization: Bearer`, or as the HttpOnly SameSite=Strict cookie set when the page is
 * first opened with `?token=`. Host and Origin are checked too, so another site in the same browser can
 * neither read (DNS rebinding) nor post (CSRF) to it.
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

export const TOKEN_COOKIE = 'helm_rank_token';
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
  /** The URL to open: origin + `/?token=…`. */
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
    const url = new URL(request.url ?? '/', origin);

    // First load: trade the token in the URL for a cookie, then drop it from the address bar.
    const queryToken = url.searchParams.get('token');
    if (request.method === 'GET' && queryToken !== null && !url.pathname.startsWith('/api/')) {
      if (!sameToken(queryToken, token)) return sendText(response, 401, 'Invalid token.');
      response.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      response.writeHead(303, { Location: url.pathname });
      return void response.end();
    }
    if (!isAuthorized(request, token)) {
      const message = 'This HELM Rank server needs the access token it printed when it started.';
      if (url.pathname.startsWith('/api/'))
        return sendJson(response, 401, {
          ok: false,
          error: {
            code: 'bridge.unauthorized',
            message,
            hint: 'Open the URL `helm-rank serve` printed, token included.',
          },
        });
      return sendText(response, 401, `${message} Open the URL it printed.`);
    }

    if (url.pathname === '/api/events' && request.method === 'GET') return openEventStream(response);
    if (url.pathname.startsWith('/api/')) {
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
      const result = await dispatch(options.port, decodeURIComponent(url.pathname.slice('/api/'.length)), body);
      const status = result.ok
        ? 200
        : result.error.code === 'api.unknown-channel'
          ? 404
          : result.error.code === 'api.bad-request'
            ? 400
            : 500;
      return sendJson(response, status, result);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.');
    const file = options.staticDir ? await readStaticFile(options.staticDir, url.pathname) : null;
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
    response.end(request.method === 'HEAD' ? undefined : file.body);
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
    url: `${origin}/?token=${token}`,
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

function isAuthorized(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ') && sameToken(header.slice('Bearer '.length), token)) return true;
  const cookie = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${TOKEN_COOKIE}=`));
  return cookie !== undefined && sameToken(cookie.slice(TOKEN_COOKIE.length + 1), token);
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
