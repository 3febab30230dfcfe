/**
 * The compact per-instance cache of a board: `leaderboards/<name>/instances/<hash>.json`, one small file per
 * leaderboard run holding only the main metric of trial 0 per instance id (see `main-metric.ts`). One file per run
 * makes a download resumable run by run (a cancelled fetch keeps every finished run) and each write atomic
 * (temporary file, fsync, rename), so a reader never sees half a file. Re-opening reads these files only: no
 * network, no raw `per_instance_stats.json`.
 *
 * A re-import of the board replaces its whole folder (`writeLeaderboardAtomically`), which drops this cache too: a
 * new import may be another release, whose runs must be fetched again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { BoardRunRef } from './board-runs';
import type { MainMetricValues } from './main-metric';

export const INSTANCES_FORMAT_VERSION = 1;

/** One cached run: where it came from and its kept values. */
export interface CachedRun extends BoardRunRef, MainMetricValues {
  readonly formatVersion: typeof INSTANCES_FORMAT_VERSION;
  /** ISO time of the download. */
  readonly fetchedAt: string;
}

// The head is checked with zod; the long id / value arrays with a plain loop (zod over ~1.5 M array items of a full
// Classic board costs more than the read itself).
const headSchema = z.object({
  formatVersion: z.literal(INSTANCES_FORMAT_VERSION),
  run: z.string(),
  suite: z.string(),
  model: z.string(),
  column: z.string(),
  metric: z.string(),
  split: z.string(),
  subSplits: z.record(z.string(), z.object({ ids: z.array(z.unknown()), values: z.array(z.unknown()) })),
  otherSplitIds: z.array(z.string()),
  fetchedAt: z.string(),
});

function isCachedRun(value: unknown): value is CachedRun {
  const head = headSchema.safeParse(value);
  if (!head.success) return false;
  for (const { ids, values } of Object.values(head.data.subSplits)) {
    if (ids.length !== values.length) return false;
    for (let i = 0; i < ids.length; i++) if (typeof ids[i] !== 'string' || typeof values[i] !== 'number') return false;
  }
  return true;
}

/** `leaderboards/<name>/instances`. */
export function instancesDirectory(boardDir: string): string {
  return join(boardDir, 'instances');
}

/** The cache file of one run (a hash: run names hold `:`, `,` and `=`, and can be long). */
export function cachedRunPath(boardDir: string, ref: Pick<BoardRunRef, 'suite' | 'run'>): string {
  const key = createHash('sha256').update(`${ref.suite}/${ref.run}`).digest('hex').slice(0, 24);
  return join(instancesDirectory(boardDir), `${key}.json`);
}

/** Writes one run's cache file atomically. */
export async function writeCachedRun(boardDir: string, run: CachedRun): Promise<void> {
  const path = cachedRunPath(boardDir, run);
  await mkdir(instancesDirectory(boardDir), { recursive: true });
  await writeFileAtomically(path, JSON.stringify(run));
}

/** Every cached run of a board, plus the files that could not be read (named, so the caller can warn). */
export async function readCachedRuns(boardDir: string): Promise<{ runs: CachedRun[]; damaged: string[] }> {
  let files: string[];
  try {
    files = (await readdir(instancesDirectory(boardDir))).filter((file) => file.endsWith('.json')).sort();
  } catch {
    return { runs: [], damaged: [] };
  }
  const runs: CachedRun[] = [];
  const damaged: string[] = [];
  for (const file of files) {
    try {
      const value: unknown = JSON.parse(await readFile(join(instancesDirectory(boardDir), file), 'utf8'));
      if (isCachedRun(value)) runs.push(value);
      else damaged.push(file);
    } catch {
      damaged.push(file);
    }
  }
  return { runs, damaged };
}

/** Writes `text` to `path` through a temporary file in the same folder, fsynced, then renamed over the target. */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
