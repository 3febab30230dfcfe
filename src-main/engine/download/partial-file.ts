/**
 * The `.part` file protocol of downloads: a partial file is tied to the URL that produced it (`<part>.url`), and only
 * a complete, fsynced, checksum-verified file is renamed to its final name — so a half file never looks complete.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../src-shared/errors';

/** A finished download. */
export interface FinishedFile {
  readonly url: string;
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** fsync, check the sha256, rename into place: only a complete, verified file ever has the final name. */
export async function finishPartialFile(
  url: string,
  part: string,
  destination: string,
  bytes: number,
  expected: string | undefined,
): Promise<FinishedFile> {
  const handle = await open(part, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  const sha256 = await sha256File(part);
  if (expected && expected.toLowerCase() !== sha256) {
    await rm(part, { force: true });
    throw new AppError({
      code: 'download.checksum',
      message: `The file downloaded from ${url} is not the expected one (sha256 ${sha256}, expected ${expected}).`,
      cause: 'sha256 mismatch',
    });
  }
  await rename(part, destination);
  await rm(`${part}.url`, { force: true });
  await syncDirectory(dirname(destination));
  return { url, path: destination, bytes, sha256 };
}

/** Hex sha256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * A partial file may only be resumed from the URL that produced it: `<part>.url` records that URL, and a `.part`
 * from another URL (or of unknown origin) is discarded.
 */
export async function claimPartialFile(part: string, url: string): Promise<void> {
  let owner: string | null = null;
  try {
    owner = (await readFile(`${part}.url`, 'utf8')).trim();
  } catch {
    owner = null;
  }
  if (owner !== url) {
    if (owner !== null || (await sizeOf(part)) > 0) await rm(part, { force: true });
    await writeFile(`${part}.url`, `${url}\n`);
  }
}

async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Directory fsync is not supported everywhere (Windows); the rename is still atomic.
  }
}

export async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** Whether `path` is a regular file (false when absent or unreadable); only a complete download has its final name. */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
