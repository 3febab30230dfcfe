/**
 * The request cache: a persistent map from the whole normalized request (plus the endpoint's identity) to the
 * model's answer, shared by every run and every process using the data directory (`<data dir>/cache/`).
 *
 * Storage is SQLite (`requests.sqlite`, better-sqlite3; the README's architecture section says why): one row per
 * answer, looked up by key, so memory does not grow with the cache and opening it reads nothing but the header.
 * Durability before counting, as HELM Rank has always promised: puts are group-committed (one transaction per
 * batch) in WAL mode, then the WAL file is fsync'd on libuv's thread pool, and only then does `put` resolve. That
 * is synchronous=FULL's guarantee without blocking the event loop (and HTTP) on the disk. WAL mode and a busy
 * timeout let the CLI and the app write the same cache at once. An old journal (`requests.jsonl`) is migrated on
 * first open (./journal-migration.ts).
 */
import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';
import type { Request, RequestResult } from '../../../src-shared/helm/request';
import { canonicalHash } from './canonical-json';
import { cacheError } from './cache-errors';
import { migrateJournal } from './journal-migration';
import type { MigrationProgress, MigrationReport } from './journal-migration';

/** What is stored for one request. */
export interface CacheEntry {
  readonly result: RequestResult;
  readonly usage: { readonly promptTokens: number; readonly completionTokens: number };
}

/** Who answered: kept beside each entry for `helm-rank cache stats` and `prune --model`. */
export interface EntryOrigin {
  /** HELM model name (`org/name`). */
  readonly model: string;
}

export const DATABASE_FILE = 'requests.sqlite';
/** Model recorded for entries migrated from the journal, which did not keep it. */
export const UNKNOWN_MODEL = '';

/** The cache key: sha256 of the canonical JSON of the endpoint identity and the whole HELM request. */
export function requestCacheKey(endpoint: Readonly<Record<string, unknown>>, request: Request): string {
  return canonicalHash({ v: 1, endpoint, request });
}

export interface OpenOptions {
  /** Progress of a journal migration (only called when there is one). */
  readonly onMigration?: (progress: MigrationProgress) => void;
}

/**
 * Opens (creating if needed) the database in `dir`; WAL mode, a busy timeout for other processes, incremental
 * auto-vacuum (so `cache prune` can give space back). The model index also covers created_at and size, so
 * `cache stats` reads only the index, never the answers. Shared with the `cache` commands (./cache-admin.ts).
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Database.Database {
  const db = new Database(path, { timeout: 30_000, readonly: options.readonly === true });
  if (!options.readonly) {
    // Before the first table: a new database vacuums incrementally; an old one keeps what it had.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS entries (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        model TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        size INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS entries_model ON entries (model, created_at, size);
      CREATE INDEX IF NOT EXISTS entries_created_at ON entries (created_at);
      CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  }
  // Commits write the WAL without SQLite's own fsync; `RequestCache` fsyncs the WAL itself before counting.
  db.pragma('synchronous = NORMAL');
  return db;
}

interface Pending {
  readonly key: string;
  readonly origin: EntryOrigin;
  readonly entry: CacheEntry;
  readonly body: string;
  readonly done: Deferred;
}

export class RequestCache {
  /** Answers put but not yet committed, readable at once (identical requests are not sent twice). */
  private readonly uncommitted = new Map<string, CacheEntry>();
  /** Answers not yet durable, by key. */
  private readonly unsynced = new Map<string, Promise<void>>();
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private wal: FileHandle | null = null;
  private closed = false;
  private readonly select: Database.Statement<[string], { body: string }>;
  private readonly insert: Database.Statement<[string, string, number, number, string]>;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    /** What the first open migrated from an old journal, when it did. */
    readonly migration: MigrationReport | null,
  ) {
    this.select = db.prepare('SELECT body FROM entries WHERE key = ?');
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO entries (key, model, created_at, size, body) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /** Opens (creating if needed) the cache in `dir`, migrating an old journal there first. */
  static async open(dir: string, options: OpenOptions = {}): Promise<RequestCache> {
    const path = join(dir, DATABASE_FILE);
    let db: Database.Database;
    try {
      await mkdir(dir, { recursive: true });
      db = openDatabase(path);
    } catch (error) {
      throw cacheError(path, error);
    }
    try {
      const migration = await migrateJournal(db, dir, options.onMigration);
      return new RequestCache(db, path, migration);
    } catch (error) {
      db.close();
      throw error instanceof AppError ? error : cacheError(path, error);
    }
  }

  get(key: string): CacheEntry | undefined {
    const waiting = this.uncommitted.get(key);
    if (waiting) return waiting;
    let row: { body: string } | undefined;
    try {
      row = this.select.get(key);
    } catch (error) {
      throw cacheError(this.path, error);
    }
    if (!row) return undefined;
    try {
      return JSON.parse(row.body) as CacheEntry; // boundary: our own row, written by put()
    } catch {
      return undefined; // a damaged row is a miss: the request is sent again (`cache verify` reports it)
    }
  }

  /** Entries in the database (committed, from every process). */
  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Settles once the entry for `key` is on disk (at once for entries already durable). */
  durable(key: string): Promise<void> {
    return this.unsynced.get(key) ?? Promise.resolve();
  }

  /**
   * Stores an answer; resolves once it is on disk (committed and fsync'd). Concurrent puts are group-committed:
   * one transaction and one fsync per batch.
   */
  put(key: string, entry: CacheEntry, origin: EntryOrigin = { model: UNKNOWN_MODEL }): Promise<void> {
    if (this.closed)
      return Promise.reject(
        new AppError({ code: 'cache.closed', message: `The request cache ${this.path} is closed.` }),
      );
    const done = deferred();
    this.pending.push({ key, origin, entry, body: JSON.stringify(entry), done });
    this.uncommitted.set(key, entry);
    this.unsynced.set(key, done.promise);
    // The batch closes on the next turn of the event loop, so answers arriving together share one commit.
    if (!this.flushing) this.flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush());
    return done.promise;
  }

  /** Waits for pending writes, then closes the database. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    await this.wal?.close();
    this.db.close();
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        const now = Date.now();
        this.db.transaction(() => {
          for (const item of batch)
            this.insert.run(item.key, item.origin.model, now, Buffer.byteLength(item.body), item.body);
        })();
      } catch (error) {
        this.settle(batch, cacheError(this.path, error));
        continue;
      }
      for (const item of batch) if (this.uncommitted.get(item.key) === item.entry) this.uncommitted.delete(item.key);
      try {
        this.wal ??= await open(`${this.path}-wal`, 'r+');
        await this.wal.datasync();
        this.settle(batch);
      } catch (error) {
        this.settle(batch, cacheError(this.path, error));
      }
    }
    this.flushing = null;
  }

  private settle(batch: readonly Pending[], error?: AppError): void {
    for (const item of batch) {
      if (error) item.done.reject(error);
      else item.done.resolve();
      if (this.unsynced.get(item.key) === item.done.promise) this.unsynced.delete(item.key);
      if (error && this.uncommitted.get(item.key) === item.entry) this.uncommitted.delete(item.key);
    }
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
  // A put nobody awaits (the runner awaits `durable`) must not become an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
