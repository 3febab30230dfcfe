/**
 * Downloads one URL to a local file with got: progress events, resume of a partial `<file>.part` with an
 * HTTP Range request (restarting when the server ignores the Range), retries with exponential backoff and
 * jitter on network errors, 5xx and 429 (honouring Retry-After), timeouts, cancel through an AbortSignal, and
 * an atomic finish (write `.part`, fsync, optional sha256 check, rename), so a half file never looks complete.
 * `file://` URLs (local mirrors) are copied with the same atomic finish.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import got from 'got';
import type { IncomingHttpHeaders } from 'node:http';
import { AppError, errorCodeOf } from '../../../src-shared/errors';
import type { ErrorCode } from '../../../src-shared/error-codes';
import type { DownloadProgress } from '../types';
import { abortableSleep } from '../abortable-sleep';
import { backoffDelayMs, isRetriableStatus, parseRetryAfter } from '../retry';
import { RateMeter } from './rate-meter';
import { claimPartialFile, finishPartialFile, sizeOf } from './partial-file';
import type { FinishedFile } from './partial-file';

export { isFile, sha256File } from './partial-file';

/** Tuning of a {@link Downloader}; every field has a sensible default. */
export interface DownloaderOptions {
  /** Retries after the first attempt (default 5). */
  readonly retries?: number;
  /** First backoff delay; doubles per attempt, with jitter (default 500 ms; src-main/engine/retry.ts). */
  readonly baseDelayMs?: number;
  /** Cap on one backoff delay, Retry-After included (default 30 s). */
  readonly maxDelayMs?: number;
  /** Connect / first-byte / idle-socket timeouts in ms (defaults 15 s / 30 s / 60 s). */
  readonly timeouts?: { readonly connect?: number; readonly response?: number; readonly idle?: number };
  /** Minimum ms between progress events (default 100); the final event is always sent. */
  readonly progressIntervalMs?: number;
  /** For tests: randomness of the jitter. */
  readonly random?: () => number;
}

/** One download. */
export interface DownloadRequest {
  readonly url: string;
  /** Final path; `<destination>.part` holds the bytes until the download is complete. */
  readonly destination: string;
  readonly signal?: AbortSignal | undefined;
  /** Expected sha256 (hex); a mismatch deletes the file and fails with `download.checksum`. */
  readonly sha256?: string | undefined;
  readonly onProgress?: ((progress: DownloadProgress) => void) | undefined;
}

export type DownloadResult = FinishedFile;

/** Thrown inside one attempt: whether another attempt may help, and how long the server asked us to wait. */
class AttemptError extends Error {
  constructor(
    message: string,
    readonly isRetryable: boolean,
    readonly code: ErrorCode,
    readonly retryAfterMs: number | null = null,
    readonly restart = false,
  ) {
    super(message);
  }
}

export class Downloader {
  private readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;
  private readonly progressIntervalMs: number;
  private readonly timeouts: { connect: number; response: number; idle: number };

  constructor(options: DownloaderOptions = {}) {
    this.retries = options.retries ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.random = options.random ?? Math.random;
    this.progressIntervalMs = options.progressIntervalMs ?? 100;
    this.timeouts = { connect: 15_000, response: 30_000, idle: 60_000, ...options.timeouts };
  }

  /** Downloads `request.url`; throws an AppError naming the URL and the cause when every attempt failed. */
  async download(request: DownloadRequest): Promise<DownloadResult> {
    const { url, destination, signal } = request;
    await mkdir(dirname(destination), { recursive: true });
    const part = `${destination}.part`;
    await claimPartialFile(part, url);
    let lastError: AttemptError | null = null;
    for (let attempt = 0; attempt <= this.retries; attempt += 1) {
      throwIfCancelled(signal, url);
      try {
        const bytes = url.startsWith('file:')
          ? await this.copyFile(url, part, request)
          : await this.fetchOnce(url, part, request);
        return await finishPartialFile(url, part, destination, bytes, request.sha256);
      } catch (error) {
        if (signal?.aborted) throw cancelled(url);
        if (error instanceof AppError) throw error;
        const failure = error instanceof AttemptError ? error : classify(error);
        lastError = failure;
        if (failure.restart) await rm(part, { force: true });
        if (!failure.isRetryable || attempt === this.retries) break;
        await sleep(this.delayFor(attempt, failure.retryAfterMs), signal, url);
      }
    }
    throw new AppError({
      code: lastError?.code ?? 'download.failed',
      message: `Could not download ${url}: ${lastError?.message ?? 'unknown error'}`,
      cause: lastError?.message ?? 'unknown error',
    });
  }

  /** Tries each URL in order (e.g. an archive's current and older address); returns the first that works. */
  async downloadFirst(urls: readonly string[], request: Omit<DownloadRequest, 'url'>): Promise<DownloadResult> {
    const failures: AppError[] = [];
    for (const url of urls) {
      try {
        return await this.download({ ...request, url });
      } catch (error) {
        if (request.signal?.aborted || !(error instanceof AppError) || error.code === 'download.cancelled') throw error;
        failures.push(error);
      }
    }
    const first = failures[0];
    if (failures.length === 1 && first) throw first;
    throw new AppError({
      code: errorCodeOf(first) ?? 'download.failed',
      message: `Could not download from any of ${urls.length} addresses: ${failures.map((failure) => failure.message).join(' | ')}`,
      cause: failures.map((failure) => failure.causeText ?? failure.message).join(' | '),
    });
  }

  /** The engine's backoff (src-main/engine/retry.ts), Retry-After included, capped at `maxDelayMs`. */
  private delayFor(attempt: number, retryAfterMs: number | null): number {
    const policy = { maxRetries: this.retries, baseDelayMs: this.baseDelayMs, maxDelayMs: this.maxDelayMs };
    return Math.min(
      this.maxDelayMs,
      backoffDelayMs({ ...policy, random: this.random }, attempt, retryAfterMs ?? undefined),
    );
  }

  private async fetchOnce(url: string, part: string, request: DownloadRequest): Promise<number> {
    const offset = await sizeOf(part);
    const headers: Record<string, string> = { 'user-agent': 'helm-rank', 'accept-encoding': 'identity' };
    if (offset > 0) headers.range = `bytes=${offset}-`;
    const stream = got.stream(url, {
      headers,
      decompress: false, // byte offsets must be those of the file itself for Range resume
      throwHttpErrors: false,
      retry: { limit: 0 }, // retries are ours, so each one can resume with a fresh Range
      timeout: { connect: this.timeouts.connect, response: this.timeouts.response, socket: this.timeouts.idle },
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const response = await new Promise<{ statusCode: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
      stream.once('response', resolve);
      stream.once('error', reject);
    });
    const status = response.statusCode;
    let start = 0;
    let total: number | null = null;
    if (status === 206) {
      const range = parseContentRange(response.headers['content-range']);
      if (!range || range.start !== offset) {
        stream.destroy();
        throw new AttemptError(
          `the server answered a different range (${response.headers['content-range'] ?? 'none'})`,
          true,
          'download.range',
          null,
          true,
        );
      }
      start = offset;
      total = range.total;
    } else if (status === 200) {
      // The server ignored (or never got) our Range: start again from byte 0.
      const length = Number(response.headers['content-length']);
      total = Number.isFinite(length) && response.headers['content-length'] !== undefined ? length : null;
    } else if (status === 416 && offset > 0) {
      stream.destroy();
      const range = parseContentRange(response.headers['content-range']);
      if (range?.total === offset) return offset; // the .part was already complete
      throw new AttemptError(
        'the partial file no longer matches the source (HTTP 416)',
        true,
        'download.range',
        null,
        true,
      );
    } else {
      stream.destroy();
      throw new AttemptError(
        `HTTP ${status}`,
        isRetriableStatus(status),
        status === 404 ? 'download.not-found' : 'download.http',
        parseRetryAfter(response.headers) ?? null,
      );
    }
    const file = createWriteStream(part, { flags: start > 0 ? 'a' : 'w' });
    const bytes = await this.pump(stream, file, url, start, total, request);
    if (total !== null && bytes !== total) {
      throw new AttemptError(`the connection closed after ${bytes} of ${total} bytes`, true, 'download.truncated');
    }
    return bytes;
  }

  private async copyFile(url: string, part: string, request: DownloadRequest): Promise<number> {
    const source = fileURLToPath(url);
    let total: number;
    try {
      total = (await stat(source)).size;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code; // cast: fs errors carry an errno code
      throw new AttemptError(
        code === 'ENOENT' ? `no such file ${source}` : String(error),
        false,
        code === 'ENOENT' ? 'download.not-found' : 'download.file',
      );
    }
    return this.pump(
      createReadStream(source, request.signal ? { signal: request.signal } : {}),
      createWriteStream(part),
      url,
      0,
      total,
      request,
    );
  }

  /** Streams `source` into `file`, counting bytes and reporting progress. Returns the total bytes in the file. */
  private async pump(
    source: NodeJS.ReadableStream,
    file: NodeJS.WritableStream,
    url: string,
    start: number,
    total: number | null,
    request: DownloadRequest,
  ): Promise<number> {
    const meter = new RateMeter();
    let bytes = start;
    let lastEmit = 0;
    const emit = (force: boolean) => {
      const now = Date.now();
      const rate = meter.record(bytes);
      if (!request.onProgress || (!force && now - lastEmit < this.progressIntervalMs)) return;
      lastEmit = now;
      request.onProgress({ url, bytes, totalBytes: total, rate });
    };
    emit(true);
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        emit(false);
        callback(null, chunk);
      },
    });
    await pipeline(source, counter, file);
    emit(true);
    return bytes;
  }
}

function parseContentRange(header: string | undefined): { start: number; total: number | null } | null {
  const match = header ? /^bytes (?:(\d+)-\d+|\*)\/(\d+|\*)$/.exec(header.trim()) : null;
  if (!match) return null;
  return {
    start: match[1] === undefined ? -1 : Number(match[1]),
    total: match[2] === '*' || match[2] === undefined ? null : Number(match[2]),
  };
}

function classify(error: unknown): AttemptError {
  const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : '';
  const message = error instanceof Error ? error.message : String(error);
  const isTimeout = code === 'ETIMEDOUT' || (error instanceof Error && error.name === 'TimeoutError');
  const isLocal = code === 'ENOSPC' || code === 'EACCES' || code === 'EROFS' || code === 'EPERM';
  return new AttemptError(
    code && !message.includes(code) ? `${message} (${code})` : message,
    !isLocal,
    isTimeout ? 'download.timeout' : isLocal ? 'download.file' : 'download.network',
  );
}

function cancelled(url: string): AppError {
  return new AppError({
    code: 'download.cancelled',
    message: `Download of ${url} was cancelled.`,
  });
}

function throwIfCancelled(signal: AbortSignal | undefined, url: string): void {
  if (signal?.aborted) throw cancelled(url);
}

function sleep(ms: number, signal: AbortSignal | undefined, url: string): Promise<void> {
  return abortableSleep(ms, signal, () => cancelled(url));
}
