/**
 * `leaderboards.upload`: a leaderboard archive sent by the page in base64 chunks (browser mode, where a page cannot
 * name a file on disk, and the bridge may run on another machine behind an SSH tunnel). Chunks go through the same
 * JSON channel as every other call, so they need no transport of their own; they are appended in order to
 * `<data dir>/downloads/uploads/<id>/<file name>`, and the last answer names that path for `leaderboards.import`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative } from 'node:path';
import { AppError } from '../../../src-shared/errors';

/** The largest archive accepted (Classic's full `run_stats.zip` is well below). */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;
/** Uploads kept on disk: a new one removes the oldest beyond this (the boards imported from them stay). */
export const KEPT_UPLOADS = 2;

export interface UploadChunk {
  readonly uploadId: string | null;
  readonly fileName: string;
  readonly offset: number;
  readonly data: string;
  readonly done: boolean;
}

export class UploadStore {
  constructor(private readonly uploadsDir: string) {}

  /** Whether `path` is a file this store received (an upload being imported). */
  holds(path: string): boolean {
    const inside = relative(this.uploadsDir, path);
    return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
  }

  async receive(chunk: UploadChunk): Promise<{ uploadId: string; bytes: number; source: string | null }> {
    const fileName = safeFileName(chunk.fileName);
    const uploadId = chunk.uploadId ?? randomUUID();
    if (!/^[\w-]+$/.test(uploadId))
      throw new AppError({ code: 'upload.bad-id', message: `'${uploadId}' is not an upload id.` });
    const directory = join(this.uploadsDir, uploadId);
    const path = join(directory, fileName);
    if (chunk.uploadId === null) {
      await this.pruneOldUploads();
      await mkdir(directory, { recursive: true });
    } else if (!existsSync(path)) {
      throw new AppError({
        code: 'upload.unknown',
        message: `The upload of ${fileName} was interrupted.`,
      });
    }
    const size = existsSync(path) ? (await stat(path)).size : 0;
    if (chunk.offset !== size)
      throw new AppError({
        code: 'upload.out-of-order',
        message: `The upload of ${fileName} lost a piece (expected byte ${size}, got ${chunk.offset}).`,
      });
    const data = Buffer.from(chunk.data, 'base64');
    if (size + data.length > MAX_UPLOAD_BYTES)
      throw new AppError({
        code: 'upload.too-large',
        message: `${fileName} is larger than ${MAX_UPLOAD_BYTES / 1024 ** 3} GB.`,
      });
    await appendFile(path, data);
    return { uploadId, bytes: size + data.length, source: chunk.done ? path : null };
  }

  /** Keeps the {@link KEPT_UPLOADS} newest upload folders: what grows with use stays bounded. */
  private async pruneOldUploads(): Promise<void> {
    if (!existsSync(this.uploadsDir)) return;
    const entries = await readdir(this.uploadsDir, { withFileTypes: true });
    const folders = await Promise.all(
      entries
        .filter((entry) => entry.isDirectory())
        .map(async (entry) => {
          const path = join(this.uploadsDir, entry.name);
          return { path, modified: (await stat(path)).mtimeMs };
        }),
    );
    folders.sort((a, b) => b.modified - a.modified);
    for (const old of folders.slice(KEPT_UPLOADS - 1)) await rm(old.path, { recursive: true, force: true });
  }
}

/** The file's own name, without any folder part, reduced to characters every file system accepts. */
function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/')).replace(/[^\w.-]+/g, '_');
  if (base === '' || base === '.' || base === '..')
    throw new AppError({ code: 'upload.bad-name', message: `'${name}' is not a file name.` });
  return base;
}
