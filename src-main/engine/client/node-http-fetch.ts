/**
 * A minimal `fetch` over `node:http(s)` with keep-alive agents, given to the OpenAI SDK. Node's built-in fetch
 * (undici + web streams) cost about half of the engine's CPU per request in profiles, and even undici's
 * `Response` (web-stream body, header validation) was a tenth of it; this path needs far less, which matters at
 * thousands of requests per second. It supports what the SDK uses: method, headers, a string/bytes body, an
 * AbortSignal; responses are read whole (no streaming) and handed back as a small Response look-alike.
 *
 * A response may not exceed `maxResponseBytes` (default 32 MiB, far above any real completion: an echo of a
 * 2,048-token prompt with logprobs is about 0.5 MB): a larger
 * Content-Length, or a body that grows past the limit while it streams in, aborts the request at once (the socket
 * is destroyed, nothing more is read), so memory stays bounded whatever the server sends. The rejection is an
 * AppError `model.response-too-large` naming the endpoint and the size.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { AppError } from '../../../src-shared/errors';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../../src-shared/engine/job';
import { formatBytes } from '../../../src-shared/text';

export interface NodeHttpFetchOptions {
  readonly maxResponseBytes?: number;
}

export function createNodeHttpFetch(options: NodeHttpFetchOptions = {}): typeof fetch {
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  // No socket cap (Node's default is Infinity): the client's semaphore bounds requests in flight, and a cap
  // here would queue requests behind it invisibly.
  const httpAgent = new HttpAgent({ keepAlive: true });
  const httpsAgent = new HttpsAgent({ keepAlive: true });
  const nodeFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<WholeResponse> => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(href);
    const isHttps = url.protocol === 'https:';
    const body = init.body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      return Promise.reject(new TypeError('node-http-fetch: only string or byte bodies are supported'));
    }
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise<WholeResponse>((resolve, reject) => {
      const send = isHttps ? httpsRequest : httpRequest;
      const requestOptions = {
        method: init.method ?? 'GET',
        headers: toRecord(init.headers),
        agent: isHttps ? httpsAgent : httpAgent,
      };
      const request = send(url, requestOptions, (response) => {
        const chunks: Buffer[] = [];
        let received = 0;
        const declared = Number(response.headers['content-length']);
        const tooLarge = (size: string) => {
          const error = responseTooLarge(`${url.origin}${url.pathname}`, size, maxBytes);
          request.destroy(error);
          fail(error);
        };
        if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(formatBytes(declared));
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > maxBytes) return tooLarge(`more than ${formatBytes(maxBytes)}`);
          chunks.push(chunk);
        });
        response.on('error', fail);
        response.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const status = response.statusCode ?? 500;
          const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
          const bytes = noBody ? Buffer.alloc(0) : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
          resolve(
            new WholeResponse(href, status, response.statusMessage ?? '', new ResponseHeaders(response.headers), bytes),
          );
        });
      });
      let settled = false;
      function fail(error: unknown): void {
        signal?.removeEventListener('abort', onAbort);
        if (settled) return;
        settled = true;
        reject(error);
      }
      function onAbort(): void {
        const error = abortError();
        request.destroy(error);
        fail(error);
      }
      request.on('error', fail);
      // Not `http.request`'s own `signal` option: it also tracks the stream's end, which cost a tenth of this
      // function in profiles. The SDK gives each request a fresh signal, so this listener is cheap.
      signal?.addEventListener('abort', onAbort, { once: true });
      request.end(body ?? undefined);
    });
  };
  return nodeFetch as unknown as typeof fetch; // boundary: implements the subset of fetch and Response the SDK calls
}

function responseTooLarge(endpoint: string, size: string, maxBytes: number): AppError {
  return new AppError({
    code: 'model.response-too-large',
    message: `${endpoint} answered ${size}, over the response-size limit of ${formatBytes(maxBytes)}; this request was abandoned.`,
    cause: `response of ${size} from ${endpoint}`,
    details: { endpoint, limitBytes: maxBytes },
  });
}

/** The error fetch rejects with when its signal aborts. */
function abortError(): DOMException {
  return new DOMException('This operation was aborted', 'AbortError');
}

/** Request headers as a plain record for `node:http` (the SDK passes a `Headers`; tests may pass a record). */
function toRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  if (headers === undefined) return record;
  const source = headers instanceof Headers ? headers : new Headers(headers);
  source.forEach((value, key) => {
    record[key] = value;
  });
  return record;
}

/**
 * Response headers, read-only, over Node's parsed headers (names already lower-cased; repeated values joined
 * with ", " as fetch joins them). The SDK reads them with `get` and `entries`.
 */
export class ResponseHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  keys(): IterableIterator<string> {
    return mapIterator(this.entries(), ([name]) => name);
  }

  values(): IterableIterator<string> {
    return mapIterator(this.entries(), ([, value]) => value);
  }

  forEach(callback: (value: string, name: string, headers: ResponseHeaders) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

function* mapIterator<T, U>(source: Iterable<T>, map: (item: T) => U): IterableIterator<U> {
  for (const item of source) yield map(item);
}

/**
 * A response whose body is already in memory: what the SDK reads (`status`, `ok`, `headers`, `url`, `json()`,
 * `text()`, `body` to cancel) without a web stream per request. The body can be read once, as with fetch.
 */
export class WholeResponse {
  readonly ok: boolean;
  readonly type = 'basic';
  readonly redirected = false;
  private used = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: ResponseHeaders,
    private readonly bytes: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  /** Nothing to cancel (the body is read); null tells the SDK's `CancelReadableStream` so. */
  get body(): null {
    return null;
  }

  async text(): Promise<string> {
    return this.consume().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.consume().toString('utf8')) as unknown; // boundary: the server's JSON, typed by the SDK's caller
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.consume();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer; // a Buffer's backing store is an ArrayBuffer here
  }

  private consume(): Buffer {
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    return this.bytes;
  }
}
