/**
 * What `helm-rank cache stats | verify | prune` do with the request cache: see its size per model, check that
 * every entry reads, and reclaim space. Each works on its own connection and in bounded memory (rows are
 * iterated, deletions go in batches of their own transactions, so a run writing the cache meanwhile is never
 * blocked for long). Pruned pages go back to the file system (incremental vacuum, then a WAL truncation).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheError } from './cache-errors';
import { DATABASE_FILE, RequestCache, openDatabase } from './request-cache';
import type { OpenOptions } from './request-cache';

export interface ModelStats {
  /** HELM model name; '' for entries migrated from the old journal (which did not record it). */
  readonly model: string;
  readonly entries: number;
  readonly bytes: number;
  /** Unix ms. */
  readonly oldest: number;
  readonly newest: number;
}

export interface CacheStats {
  readonly path: string;
  readonly entries: number;
  /** Bytes of the stored answers (JSON). */
  readonly answerBytes: number;
  /** Bytes on disk: the database, its WAL and shared-memory files. */
  readonly fileBytes: number;
  /** Free pages inside the file, reclaimable. */
  readonly freeBytes: number;
  readonly models: readonly ModelStats[];
}

export interface VerifyReport {
  readonly path: string;
  readonly entries: number;
  /** SQLite's own check: `ok`, or what it found. */
  readonly integrity: readonly string[];
  /** Entries whose answer does not read (they would be requested again); at most 100 keys listed. */
  readonly unreadable: number;
  readonly unreadableKeys: readonly string[];
  readonly removed: number;
}

export interface PruneFilter {
  /** Entries stored before this time (unix ms). */
  readonly before?: number;
  /** Entries of this HELM model ('' = migrated entries of unknown model). */
  readonly model?: string;
}

export interface PruneReport {
  readonly path: string;
  readonly removed: number;
  readonly removedBytes: number;
  readonly fileBytesBefore: number;
  readonly fileBytesAfter: number;
}

/** Opens the cache once (creating it, and migrating an old journal with progress), then closes it. */
export async function prepareCache(dir: string, options: OpenOptions = {}): Promise<string> {
  const cache = await RequestCache.open(dir, options);
  await cache.close();
  return join(dir, DATABASE_FILE);
}

export async function cacheFileBytes(path: string): Promise<number> {
  let total = 0;
  for (const file of [path, `${path}-wal`, `${path}-shm`])
    total += await stat(file).then(
      (s) => s.size,
      () => 0,
    );
  return total;
}

export async function cacheStats(dir: string, options: OpenOptions = {}): Promise<CacheStats> {
  const path = await prepareCache(dir, options);
  const db = openDatabase(path);
  try {
    const models = db
      .prepare(
        'SELECT model, count(*) AS entries, total(size) AS bytes, min(created_at) AS oldest, max(created_at) AS newest FROM entries GROUP BY model ORDER BY bytes DESC',
      )
      .all() as ModelStats[];
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const freePages = db.pragma('freelist_count', { simple: true }) as number;
    return {
      path,
      entries: models.reduce((sum, model) => sum + model.entries, 0),
      answerBytes: models.reduce((sum, model) => sum + model.bytes, 0),
      fileBytes: await cacheFileBytes(path),
      freeBytes: pageSize * freePages,
      models,
    };
  } catch (error) {
    throw cacheError(path, error);
  } finally {
    db.close();
  }
}

export async function verifyCache(
  dir: string,
  options: OpenOptions & { remove?: boolean; onProgress?: (checked: number, total: number) => void } = {},
): Promise<VerifyReport> {
  const path = await prepareCache(dir, options);
  const db = openDatabase(path);
  try {
    const integrity = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check);
    const total = (db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
    const bad: number[] = [];
    const unreadableKeys: string[] = [];
    let checked = 0;
    for (const row of db.prepare('SELECT id, key, body FROM entries').iterate() as IterableIterator<{
      id: number;
      key: string;
      body: string;
    }>) {
      checked++;
      if (!isEntry(row.body)) {
        bad.push(row.id);
        if (unreadableKeys.length < 100) unreadableKeys.push(row.key);
      }
      if (checked % 10_000 === 0) options.onProgress?.(checked, total);
    }
    options.onProgress?.(checked, total);
    let removed = 0;
    if (options.remove && bad.length > 0) {
      const remove = db.prepare('DELETE FROM entries WHERE id = ?');
      db.transaction(() => {
        for (const id of bad) removed += remove.run(id).changes;
      })();
    }
    return { path, entries: checked, integrity, unreadable: bad.length, unreadableKeys, removed };
  } catch (error) {
    throw cacheError(path, error);
  } finally {
    db.close();
  }
}

export async function pruneCache(dir: string, filter: PruneFilter, options: OpenOptions = {}): Promise<PruneReport> {
  const path = await prepareCache(dir, options);
  const fileBytesBefore = await cacheFileBytes(path);
  const conditions: string[] = [];
  const values: (string | number)[] = [];
  if (filter.before !== undefined) {
    conditions.push('created_at < ?');
    values.push(filter.before);
  }
  if (filter.model !== undefined) {
    conditions.push('model = ?');
    values.push(filter.model);
  }
  const where = conditions.length > 0 ? conditions.join(' AND ') : '1';
  const db = openDatabase(path);
  try {
    const chosen = db.prepare(`SELECT id, size FROM entries WHERE ${where} LIMIT 2000`);
    const remove = db.prepare('DELETE FROM entries WHERE id = ?');
    let removed = 0;
    let removedBytes = 0;
    for (;;) {
      const rows = chosen.all(...values) as { id: number; size: number }[];
      if (rows.length === 0) break;
      db.transaction(() => {
        for (const row of rows) removed += remove.run(row.id).changes;
      })();
      removedBytes += rows.reduce((sum, row) => sum + row.size, 0);
    }
    if (removed > 0) {
      // Give the freed pages back to the file system (auto_vacuum = INCREMENTAL), then shrink the WAL.
      db.pragma('incremental_vacuum');
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
    return { path, removed, removedBytes, fileBytesBefore, fileBytesAfter: await cacheFileBytes(path) };
  } catch (error) {
    throw cacheError(path, error);
  } finally {
    db.close();
  }
}

function isEntry(body: string): boolean {
  try {
    const value = JSON.parse(body) as { result?: { completions?: unknown }; usage?: unknown }; // boundary: checked here
    return typeof value.result === 'object' && value.result !== null && Array.isArray(value.result.completions);
  } catch {
    return false;
  }
}
