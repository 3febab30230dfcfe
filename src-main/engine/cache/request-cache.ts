/**
 * The request cache: a persistent map from the whole normalized request (plus the endpoint's identity) to the
 * model's answer, shared by every run (`<data dir>/cache/`). Storage is an append-only journal, one JSON line
 * per answer, written and fsync'd *before* the answer is counted, so a run killed at any point resumes without
 * paying again for anything it had counted. A torn last line (a crash mid-write) is skipped on load.
 */
import { mkdir, open, readFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import type { Request, RequestResult } from '../../../src-shared/helm/request';
import { canonicalHash } from './canonical-json';

/** What is stored for one request. */
export interface CacheEntry {
  readonly result: RequestResult;
  readonly usage: { readonly promptTokens: number; readonly completionTokens: number };
}

/** One journal line. `v` versions the key recipe: a new recipe starts a fresh key space. */
interface JournalLine {
  readonly v: 1;
  readonly key: string;
  readonly entry: CacheEntry;
}

export const JOURNAL_FILE = 'requests.jsonl';

/** The cache key: sha256 of the canonical JSON of the endpoint identity and the whole HELM request. */
export function requestCacheKey(endpoint: Readonly<Record<string, unknown>>, request: Request): string {
  return canonicalHash({ v: 1, endpoint, request });
}

export interface CacheLoadReport {
  readonly entries: number;
  /** Lines that could not be read (a torn last line after a crash, or foreign garbage). */
  readonly skippedLines: number;
}

export class RequestCache {
  private pending: { key: string; line: string; done: Deferred }[] = [];
  /** Writes not yet fsync'd, by key: an answer read from the index meanwhile is not on disk yet. */
  private readonly unsynced = new Map<string, Promise<void>>();
  private flushing: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly index: Map<string, CacheEntry>,
    private readonly handle: FileHandle,
    readonly path: string,
    readonly loadReport: CacheLoadReport,
  ) {}

  /** Opens (creating if needed) the cache in `dir` and loads its index into memory. */
  static async open(dir: string): Promise<RequestCache> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, JOURNAL_FILE);
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw cacheError(path, error); // boundary: fs errors carry an errno code
    }
    const handle = await open(path, 'a');
    // A torn last line gets a newline of its own so the next append starts clean; appending (not truncating)
    // is safe even if another process shares the journal.
    if (text.length > 0 && !text.endsWith('\n')) {
      await handle.write('\n');
      await handle.datasync();
    }
    const entries = new Map<string, CacheEntry>();
    let skippedLines = 0;
    for (const line of text.split('\n')) {
      if (line.length === 0) continue;
      const parsed = parseLine(line);
      if (parsed) entries.set(parsed.key, parsed.entry);
      else skippedLines++;
    }
    return new RequestCache(entries, handle, path, { entries: entries.size, skippedLines });
  }

  get size(): number {
    return this.index.size;
  }

  get(key: string): CacheEntry | undefined {
    return this.index.get(key);
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  /** Settles once the entry for `key` is on disk (at once for entries loaded or already synced). */
  durable(key: string): Promise<void> {
    return this.unsynced.get(key) ?? Promise.resolve();
  }

  /**
   * Stores an answer; resolves once it is on disk (fsync'd). Concurrent puts are group-committed: one write
   * and one fsync per batch, so throughput does not pay one fsync per request.
   */
  put(key: string, entry: CacheEntry): Promise<void> {
    if (this.closed)
      return Promise.reject(
        new AppError({ code: 'cache.closed', message: `The request cache ${this.path} is closed.` }),
      );
    const line = `${JSON.stringify({ v: 1, key, entry } satisfies JournalLine)}\n`;
    const done = deferred();
    this.pending.push({ key, line, done });
    this.unsynced.set(key, done.promise);
    this.index.set(key, entry);
    if (!this.flushing) this.flushing = this.flushLoop();
    return done.promise;
  }

  /** Waits for pending writes, then closes the journal. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    await this.handle.close();
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.handle.write(batch.map((item) => item.line).join(''));
        await this.handle.datasync();
        for (const item of batch) item.done.resolve();
      } catch (error) {
        const wrapped = cacheError(this.path, error);
        for (const item of batch) item.done.reject(wrapped);
      }
      for (const item of batch) if (this.unsynced.get(item.key) === item.done.promise) this.unsynced.delete(item.key);
    }
    this.flushing = null;
  }
}

interface Deferred {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

function parseLine(line: string): JournalLine | null {
  try {
    const value = JSON.parse(line) as Partial<JournalLine>; // boundary: our own journal line, checked below
    if (value.v !== 1 || typeof value.key !== 'string' || typeof value.entry !== 'object' || value.entry === null)
      return null;
    if (typeof value.entry.result !== 'object' || value.entry.result === null) return null;
    return value as JournalLine;
  } catch {
    return null;
  }
}

function cacheError(path: string, error: unknown): AppError {
  return new AppError({
    code: 'cache.io',
    message: `Cannot use the request cache ${path}.`,
    cause: error instanceof Error ? error.message : String(error),
  });
}
