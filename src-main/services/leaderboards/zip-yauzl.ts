/**
 * The central directory of any archive yauzl reads, entry by entry (./zip-entries.ts reads plain archives itself
 * and loads this module only for the others). yauzl parses and validates the directory, rejecting absolute and `..`
 * paths; its reads are served from the importer's moving window ({@link FileWindow}), or it would read 46 bytes at a
 * time.
 */
import yauzl from 'yauzl';
import type { Entry } from 'yauzl';
import { corrupt, unsafe } from './archive-errors';
import type { DirectoryEntry, FileWindow } from './zip-entries';

/** The central directory read entry by entry through yauzl (any archive yauzl reads); always complete. */
export async function yauzlDirectory(
  path: string,
  window: FileWindow,
  visit: (entry: DirectoryEntry) => void,
): Promise<boolean> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(new WindowReader(window), window.fileSize, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: true,
    });
  } catch (error) {
    throw corrupt(path, error);
  }
  let seen = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) =>
        reject(isUnsafeName(error) ? unsafe(path, error.message) : corrupt(path, error)),
      );
      zip.on('end', () => resolve());
      zip.on('entry', (entry: Entry) => {
        try {
          visit({
            fileName: entry.fileName,
            externalFileAttributes: entry.externalFileAttributes,
            compressionMethod: entry.compressionMethod,
            crc32: entry.crc32,
            compressedSize: entry.compressedSize,
            uncompressedSize: entry.uncompressedSize,
            relativeOffsetOfLocalHeader: entry.relativeOffsetOfLocalHeader,
            encrypted: entry.isEncrypted(),
          });
          // Reads from the window complete as microtasks: let other work (a cancel) in now and then.
          seen += 1;
          if (seen % 1000 === 0) setImmediate(() => zip.readEntry());
          else zip.readEntry();
        } catch (error) {
          reject(error);
        }
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return true;
}

/** yauzl's reads served from the window (the central directory is one or two window reads). */
class WindowReader extends yauzl.RandomAccessReader {
  constructor(private readonly window: FileWindow) {
    super();
  }

  override _readStreamForRange(): never {
    throw new Error('the import reads entry data through its own window');
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null) => void,
  ): void {
    // yauzl's callback also takes the bytes read (it checks for a short read); the typings omit it.
    const done = callback as (error: Error | null, bytesRead?: number) => void;
    const cached = this.window.cached(position, length);
    if (cached) {
      cached.copy(buffer, offset);
      queueMicrotask(() => done(null, cached.length));
      return;
    }
    this.window.view(position, length).then(
      (bytes) => done(null, bytes.copy(buffer, offset)),
      (error: Error) => done(error),
    );
  }

  override close(callback: (error: Error | null) => void): void {
    queueMicrotask(() => callback(null));
  }
}

function isUnsafeName(error: Error): boolean {
  return /^(absolute path|invalid relative path|invalid characters in fileName)/.test(error.message);
}
