/**
 * One-time migration of the old request cache, an append-only JSON-lines journal (`requests.jsonl`, one
 * `{"v":1,"key":…,"entry":…}` per answer), into the database. The journal is streamed (memory stays bounded by
 * one line, and a line over {@link MAX_LINE_BYTES} is skipped, not buffered), inserted in batches, and deleted
 * only after the last batch has committed together with a marker naming the journal's size and time — so a crash
 * at any point either re-runs the migration (inserts are idempotent) or finds the marker and just deletes the file.
 * A torn last line (a crash mid-write) and foreign garbage are skipped and counted. The journal did not keep the
 * model, so migrated entries have none; their time is the answer's `request_datetime` (else the journal's).
 */
import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { cacheError } from './cache-errors';

export const JOURNAL_FILE = 'requests.jsonl';
/** Far above any entry a response under the size limit makes. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
const BATCH_ROWS = 1000;
const BATCH_BYTES = 16 * 1024 * 1024;
const MARKER = 'journal-migrated';

export interface MigrationProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly entries: number;
}

export interface MigrationReport {
  readonly entries: number;
  /** Lines that could not be read (a torn last line, garbage, or over the line limit). */
  readonly skippedLines: number;
  readonly bytes: number;
}

interface Marker {
  readonly size: number;
  readonly mtimeMs: number;
}

/** Migrates `<dir>/requests.jsonl` into `db` when it exists; null when there is none. */
export async function migrateJournal(
  db: Database.Database,
  dir: string,
  onProgress?: (progress: MigrationProgress) => void,
): Promise<MigrationReport | null> {
  const path = join(dir, JOURNAL_FILE);
  let info;
  try {
    info = await stat(path);
  } catch {
    return null;
  }
  const marker: Marker = { size: info.size, mtimeMs: info.mtimeMs };
  const done = db.prepare('SELECT value FROM meta WHERE name = ?').get(MARKER) as { value: string } | undefined;
  if (done && done.value === JSON.stringify(marker)) {
    // Committed before a crash kept us from deleting it.
    await unlink(path).catch(() => undefined);
    return { entries: 0, skippedLines: 0, bytes: info.size };
  }
  const insert = db.prepare(
    'INSERT OR IGNORE INTO entries (key, model, created_at, size, body) VALUES (?, ?, ?, ?, ?)',
  );
  const commit = db.transaction((rows: Row[], final: boolean) => {
    for (const row of rows) insert.run(row.key, '', row.createdAt, Buffer.byteLength(row.body), row.body);
    if (final)
      db.prepare('INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)').run(MARKER, JSON.stringify(marker));
  });
  let entries = 0;
  let skippedLines = 0;
  let bytesRead = 0;
  let batch: Row[] = [];
  let batchBytes = 0;
  let lastReport = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < 250) return;
    lastReport = now;
    onProgress?.({ bytesRead, totalBytes: info.size, entries });
  };
  const onLine = (line: Buffer | null) => {
    if (line === null) {
      skippedLines++;
      return;
    }
    if (line.length === 0) return;
    const row = parseLine(line.toString('utf8'), info.mtimeMs);
    if (!row) {
      skippedLines++;
      return;
    }
    batch.push(row);
    batchBytes += row.body.length;
    entries++;
    if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) {
      commit(batch, false);
      batch = [];
      batchBytes = 0;
    }
  };
  try {
    report(true);
    const splitter = new LineSplitter(onLine);
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      splitter.push(chunk);
      bytesRead += chunk.length;
      report();
    }
    splitter.end();
    commit(batch, true);
    report(true);
  } catch (error) {
    throw cacheError(path, error);
  }
  await unlink(path).catch(() => undefined);
  return { entries, skippedLines, bytes: info.size };
}

interface Row {
  readonly key: string;
  readonly createdAt: number;
  readonly body: string;
}

function parseLine(line: string, fallbackTime: number): Row | null {
  try {
    const value = JSON.parse(line) as {
      v?: unknown;
      key?: unknown;
      entry?: { result?: { request_datetime?: unknown } };
    }; // boundary: an old journal line, checked below
    if (value.v !== 1 || typeof value.key !== 'string' || typeof value.entry !== 'object' || value.entry === null)
      return null;
    if (typeof value.entry.result !== 'object' || value.entry.result === null) return null;
    const when = value.entry.result.request_datetime;
    return {
      key: value.key,
      createdAt: typeof when === 'number' && Number.isFinite(when) ? when * 1000 : Math.round(fallbackTime),
      body: JSON.stringify(value.entry),
    };
  } catch {
    return null;
  }
}

/** Splits a byte stream into lines; a line longer than {@link MAX_LINE_BYTES} is reported as null, unbuffered. */
class LineSplitter {
  private parts: Buffer[] = [];
  private length = 0;
  private overLong = false;

  constructor(private readonly onLine: (line: Buffer | null) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let at = chunk.indexOf(10, start); at >= 0; at = chunk.indexOf(10, start)) {
      this.take(chunk.subarray(start, at));
      this.emit();
      start = at + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
  }

  end(): void {
    if (this.length > 0 || this.overLong) this.emit();
  }

  private take(part: Buffer): void {
    if (this.overLong) return;
    this.length += part.length;
    if (this.length > MAX_LINE_BYTES) {
      this.overLong = true;
      this.parts = [];
      return;
    }
    // A copy: the stream may reuse its buffer.
    this.parts.push(Buffer.from(part));
  }

  private emit(): void {
    this.onLine(this.overLong ? null : this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts));
    this.parts = [];
    this.length = 0;
    this.overLong = false;
  }
}
