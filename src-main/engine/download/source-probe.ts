/**
 * Is a source file there, without downloading it? A `HEAD` request (falling back to `GET` with
 * `Range: bytes=0-0` for servers that refuse HEAD, as some object stores do), with the downloader's own
 * header and redirect rules and short timeouts; `file://` URLs (local mirrors) are checked with `stat`. The
 * answer names the URL actually tried, its HTTP status and the size when the server says it.
 */
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import got from 'got';
import type { Response } from 'got';

export interface SourceProbe {
  /** The URL tried (a mirror's, when a mirror is set). */
  readonly url: string;
  readonly ok: boolean;
  /** The HTTP status of the last answer; null for local files and network failures. */
  readonly status: number | null;
  /** Size in bytes, when known. */
  readonly bytes: number | null;
  /** For a failure: `download.not-found`, `download.http`, `download.network`, `download.timeout` or `download.file`. */
  readonly code: string | null;
  /** For a failure: what happened, in a few words (`HTTP 404`, `connection refused`, `no such file`). */
  readonly reason: string | null;
}

export interface SourceProbeOptions {
  readonly signal?: AbortSignal | undefined;
  /** Connect / first-byte timeout in ms (default 10 s). */
  readonly timeoutMs?: number;
}

/** Statuses after which a HEAD is tried again as a one-byte GET (the server may not do HEAD). */
const RETRY_AS_GET = new Set([400, 403, 405, 500, 501, 503]);

export async function probeSource(url: string, options: SourceProbeOptions = {}): Promise<SourceProbe> {
  if (url.startsWith('file:')) return probeFile(url);
  try {
    let response = await request(url, 'HEAD', options);
    if (RETRY_AS_GET.has(response.statusCode)) response = await request(url, 'GET', options);
    const status = response.statusCode;
    if (status >= 200 && status < 300)
      return { url, ok: true, status, bytes: sizeOf(response), code: null, reason: null };
    return {
      url,
      ok: false,
      status,
      bytes: null,
      code: status === 404 || status === 410 ? 'download.not-found' : 'download.http',
      reason: `HTTP ${status}`,
    };
  } catch (error) {
    const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : '';
    const timeout = code === 'ETIMEDOUT' || (error instanceof Error && error.name === 'TimeoutError');
    return {
      url,
      ok: false,
      status: null,
      bytes: null,
      code: timeout ? 'download.timeout' : 'download.network',
      reason: timeout ? 'no answer in time' : networkReason(code, error),
    };
  }
}

async function request(url: string, method: 'HEAD' | 'GET', options: SourceProbeOptions): Promise<Response> {
  const timeout = options.timeoutMs ?? 10_000;
  const response = got(url, {
    method,
    headers: {
      'user-agent': 'helm-rank',
      'accept-encoding': 'identity',
      ...(method === 'GET' ? { range: 'bytes=0-0' } : {}),
    },
    decompress: false,
    throwHttpErrors: false,
    retry: { limit: 0 },
    timeout: { connect: timeout, response: timeout, socket: timeout },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  // A one-byte GET may still get the whole body from a server that ignores Range: stop at the headers.
  if (method === 'GET') {
    const answer = await new Promise<Response>((resolve, reject) => {
      response.on('response', (value: Response) => resolve(value));
      response.catch(reject);
    });
    response.cancel();
    response.catch(() => undefined);
    return answer;
  }
  return response;
}

function sizeOf(response: Response): number | null {
  const range = /\/(\d+)$/.exec(String(response.headers['content-range'] ?? ''));
  if (range) return Number(range[1]);
  const length = Number(response.headers['content-length']);
  return response.statusCode !== 206 && Number.isFinite(length) && length > 0 ? length : null;
}

function networkReason(code: string, error: unknown): string {
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found';
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

async function probeFile(url: string): Promise<SourceProbe> {
  try {
    const info = await stat(fileURLToPath(url));
    if (info.isFile()) return { url, ok: true, status: null, bytes: info.size, code: null, reason: null };
    return { url, ok: false, status: null, bytes: null, code: 'download.not-found', reason: 'not a file' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code; // cast: fs errors carry an errno code
    return {
      url,
      ok: false,
      status: null,
      bytes: null,
      code: code === 'ENOENT' ? 'download.not-found' : 'download.file',
      reason: code === 'ENOENT' ? 'no such file' : String(error),
    };
  }
}
