/**
 * The run files of a zip archive, as compressed bytes in batches, for the importer to inflate and parse (in
 * workers or in-thread). First the central directory (read in one pass for a plain archive, else by yauzl, which
 * rejects absolute and `..` paths: ./zip-yauzl.ts): every entry is checked before any data is read — symlinks, the
 * import budget on declared sizes, the compression ratio, the method and encryption. Then the wanted entries' data
 * are read. All reads go through one moving 4 MB window of the file ({@link FileWindow}), yauzl's too, so reads are
 * few and large and memory holds a window and the batches in flight, never the archive.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { cancelled, corrupt, unsafe } from './archive-errors';
import { ByteBudget } from './import-budget';
import type { ImportBudget } from './import-budget';
import type { RunFileKind } from './run-file-parser';

/** JSON deflates about 10×; a zip bomb compresses far more. */
export const MAX_COMPRESSION_RATIO = 200;

const WANTED: Readonly<Record<string, RunFileKind>> = { 'run_spec.json': 'run_spec', 'stats.json': 'stats' };

/** One wanted entry: where its data sit in its batch's buffer, and what it must inflate to. */
export interface ZipRunEntry {
  /** Path inside the archive. */
  readonly name: string;
  /** Its run directory, e.g. `benchmark_output/runs/v0.3.0/boolq:model=…`. */
  readonly directory: string;
  readonly kind: RunFileKind;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc32: number;
  readonly size: number;
  readonly offset: number;
  readonly length: number;
}

/** Entries whose compressed bytes are concatenated in `buffer` (transferable to a worker). */
export interface ZipBatch {
  readonly entries: ZipRunEntry[];
  readonly buffer: ArrayBuffer;
}

interface CentralEntry {
  readonly name: string;
  readonly kind: RunFileKind;
  readonly method: number;
  readonly crc32: number;
  readonly size: number;
  readonly compressedSize: number;
  readonly headerOffset: number;
}

export interface ZipReadOptions {
  readonly signal?: AbortSignal | undefined;
  readonly budget: ImportBudget;
  /** Target compressed bytes per batch (default 32 KB: small enough that the workers start early and finish together). */
  readonly batchBytes?: number;
  /** Told how many runs (run_spec.json entries) the archive holds, once its directory is read. */
  readonly onRuns?: (runs: number) => void;
}

/** Yields the archive's run files in central-directory order, in batches. */
export async function* zipRunBatches(path: string, options: ZipReadOptions): AsyncGenerator<ZipBatch> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw corrupt(path, error);
  }
  try {
    const window = new FileWindow(handle, (await handle.stat()).size);
    const entries = await centralDirectory(path, window, options);
    options.onRuns?.(entries.filter((entry) => entry.kind === 'run_spec').length);
    const target = options.batchBytes ?? 32 * 1024;
    let batch: ZipRunEntry[] = [];
    // A fresh buffer per batch: it is transferred to a worker, not copied.
    let buffer = new Uint8Array(target);
    let used = 0;
    const flush = (): ZipBatch => {
      const done = { entries: batch, buffer: buffer.buffer };
      batch = [];
      used = 0;
      buffer = new Uint8Array(target);
      return done;
    };
    for (const entry of entries) {
      if (options.signal?.aborted) throw cancelled();
      // Most entries lie in the window already: read them without waiting.
      const data = readCached(window, entry, path) ?? (await readData(window, entry, path));
      if (used > 0 && used + data.length > buffer.length) yield flush();
      if (data.length > buffer.length) buffer = new Uint8Array(data.length);
      buffer.set(data, used);
      batch.push({
        name: entry.name,
        directory: entry.name.slice(0, entry.name.length - basename(entry.name).length - 1),
        kind: entry.kind,
        method: entry.method,
        crc32: entry.crc32,
        size: entry.size,
        offset: used,
        length: data.length,
      });
      used += data.length;
    }
    if (batch.length > 0) yield flush();
  } finally {
    await handle.close();
  }
}

/** What the checks read of a central directory entry (yauzl's `Entry`, or the quick reader's). */
export interface DirectoryEntry {
  readonly fileName: string;
  readonly externalFileAttributes: number;
  readonly compressionMethod: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly relativeOffsetOfLocalHeader: number;
  readonly encrypted: boolean;
}

/** Visits each central directory entry in archive order; false: the quick reader left the archive to yauzl. */
type DirectoryReader = (visit: (entry: DirectoryEntry) => void) => Promise<boolean>;

/**
 * The wanted entries, every entry checked (in archive order, before any data is read): through the quick reader,
 * or yauzl when the archive is not plain. Both visit entries in order, so the first problem found is the same.
 */
async function centralDirectory(path: string, window: FileWindow, options: ZipReadOptions): Promise<CentralEntry[]> {
  const read = async (reader: DirectoryReader) => {
    const bytes = new ByteBudget(options.budget, path);
    const wanted: CentralEntry[] = [];
    const complete = await reader((entry) => {
      if (options.signal?.aborted) throw cancelled();
      const checked = checkEntry(entry, path, bytes);
      if (checked) wanted.push(checked);
    });
    return complete ? wanted : null;
  };
  return (
    (await read((visit) => quickDirectory(window, visit))) ??
    ((await read(async (visit) => (await import('./zip-yauzl')).yauzlDirectory(path, window, visit))) as CentralEntry[])
  );
}

/** Every entry of the archive's central directory, through the quick reader (null: not plain) or yauzl. */
export async function directoryEntries(path: string, reader: 'quick' | 'yauzl'): Promise<DirectoryEntry[] | null> {
  const handle = await open(path, 'r');
  try {
    const window = new FileWindow(handle, (await handle.stat()).size);
    const entries: DirectoryEntry[] = [];
    const visit = (entry: DirectoryEntry) => void entries.push(entry);
    const complete =
      reader === 'quick'
        ? await quickDirectory(window, visit)
        : await (await import('./zip-yauzl')).yauzlDirectory(path, window, visit);
    return complete ? entries : null;
  } finally {
    await handle.close();
  }
}

/** Central directories larger than this are read entry by entry through yauzl. */
const QUICK_DIRECTORY_BYTES = 32 * 1024 * 1024;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const DIRECTORY_HEADER = 0x02014b50;

/**
 * The central directory of a plain archive, as yauzl would read it, in one read and one loop; null when the archive
 * is anything but plain, and yauzl reads it (and words any problem). Plain, as Python's zipfile and Info-ZIP's zip
 * write archives of HELM runs: no archive comment, no zip64, one disk, no strong encryption, no extra field but
 * simple ones (no zip64 sizes, no Unicode path), names of printable ASCII without `\` (so code page 437, latin-1 and
 * UTF-8 read them alike) that yauzl would not refuse, stored entries whose sizes agree. zip-entries.test.ts checks
 * it against yauzl.
 */
async function quickDirectory(window: FileWindow, visit: (entry: DirectoryEntry) => void): Promise<boolean> {
  const size = window.fileSize;
  if (size < 22) return false;
  const tailStart = Math.max(0, size - 42);
  const tail = Buffer.from(await window.view(tailStart, size - tailStart));
  const end = tail.subarray(tail.length - 22);
  if (end.readUInt32LE(0) !== END_OF_DIRECTORY || end.readUInt16LE(20) !== 0 || end.readUInt16LE(4) !== 0) return false;
  if (tail.length === 42 && tail.readUInt32LE(0) === ZIP64_LOCATOR) return false;
  const count = end.readUInt16LE(10);
  const start = end.readUInt32LE(16);
  const directoryEnd = size - 22;
  if (count === 0xffff || start === 0xffffffff || start > directoryEnd || directoryEnd - start > QUICK_DIRECTORY_BYTES)
    return false;
  const directory = await window.view(start, directoryEnd - start);
  let p = 0;
  for (let index = 0; index < count; index += 1) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== DIRECTORY_HEADER) return false;
    const flags = directory.readUInt16LE(p + 8);
    const method = directory.readUInt16LE(p + 10);
    const compressedSize = directory.readUInt32LE(p + 20);
    const uncompressedSize = directory.readUInt32LE(p + 24);
    const nameStart = p + 46;
    const extraStart = nameStart + directory.readUInt16LE(p + 28);
    const extraEnd = extraStart + directory.readUInt16LE(p + 30);
    const next = extraEnd + directory.readUInt16LE(p + 32);
    const offset = directory.readUInt32LE(p + 42);
    const encrypted = (flags & 0x1) !== 0;
    if (
      next > directory.length ||
      (flags & 0x40) !== 0 ||
      compressedSize === 0xffffffff ||
      uncompressedSize === 0xffffffff ||
      offset === 0xffffffff ||
      (method === 0 && compressedSize !== uncompressedSize + (encrypted ? 12 : 0)) ||
      !simpleExtraFields(directory, extraStart, extraEnd) ||
      !plainName(directory, nameStart, extraStart)
    )
      return false;
    const fileName = directory.toString('latin1', nameStart, extraStart);
    if (fileName.startsWith('/') || /^[a-zA-Z]:/.test(fileName) || fileName.split('/').includes('..')) return false;
    visit({
      fileName,
      externalFileAttributes: directory.readUInt32LE(p + 38),
      compressionMethod: method,
      crc32: directory.readUInt32LE(p + 16),
      compressedSize,
      uncompressedSize,
      relativeOffsetOfLocalHeader: offset,
      encrypted,
    });
    p = next;
  }
  return true;
}

/** Extra fields that parse, none of them zip64 sizes (0x0001) or a Unicode path (0x7075). */
function simpleExtraFields(bytes: Buffer, start: number, end: number): boolean {
  let p = start;
  while (p < end - 3) {
    const id = bytes.readUInt16LE(p);
    const next = p + 4 + bytes.readUInt16LE(p + 2);
    if (next > end || id === 0x0001 || id === 0x7075) return false;
    p = next;
  }
  return true;
}

/** Printable ASCII without `\`: code page 437, latin-1 and UTF-8 decode it alike, and yauzl leaves it as it is. */
function plainName(bytes: Buffer, start: number, end: number): boolean {
  for (let p = start; p < end; p += 1) {
    const c = bytes[p]!;
    if (c < 0x20 || c > 0x7e || c === 0x5c) return false;
  }
  return true;
}

function checkEntry(entry: DirectoryEntry, path: string, bytes: ByteBudget): CentralEntry | null {
  const name = entry.fileName;
  // Unix mode in the high 16 bits of the external attributes (zip spec 4.4.15); 0o120000 = symlink.
  const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (mode === 0o120000) throw unsafe(path, `symbolic link: ${name}`);
  if (name.endsWith('/')) return null;
  const kind = WANTED[basename(name)];
  if (!kind) return null;
  bytes.add(name, entry.uncompressedSize);
  if (
    entry.compressedSize > 0 &&
    entry.uncompressedSize > 1024 * 1024 &&
    entry.uncompressedSize / entry.compressedSize > MAX_COMPRESSION_RATIO
  ) {
    throw unsafe(path, `${name} expands ${Math.round(entry.uncompressedSize / entry.compressedSize)}× (a zip bomb?)`);
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    throw corrupt(path, new Error(`compression method ${entry.compressionMethod} is not supported`), name);
  if (entry.encrypted) throw corrupt(path, new Error('encrypted entries are not supported'), name);
  return {
    name,
    kind,
    method: entry.compressionMethod,
    crc32: entry.crc32,
    size: entry.uncompressedSize,
    compressedSize: entry.compressedSize,
    headerOffset: entry.relativeOffsetOfLocalHeader,
  };
}

/** The entry's compressed bytes, after its local header (a view into the window: copy before the next read). */
async function readData(window: FileWindow, entry: CentralEntry, path: string): Promise<Buffer> {
  const header = await window.view(entry.headerOffset, 30);
  return window.view(dataStart(header, entry, window, path), entry.compressedSize);
}

/** {@link readData} when the window holds the entry's header and data, else null (read it then). */
function readCached(window: FileWindow, entry: CentralEntry, path: string): Buffer | null {
  const header = window.cached(entry.headerOffset, 30);
  if (!header || header.length < 30) return null;
  return window.cached(dataStart(header, entry, window, path), entry.compressedSize);
}

/** Where the entry's data start, from its local header (checked), and that they lie inside the file. */
function dataStart(header: Buffer, entry: CentralEntry, window: FileWindow, path: string): number {
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50)
    throw corrupt(path, new Error('invalid local file header signature'), entry.name);
  const start = entry.headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + entry.compressedSize > window.fileSize)
    throw corrupt(path, new Error('file data overflows file bounds'), entry.name);
  return start;
}

/** Reads a file through one window that moves forward in large reads. */
export class FileWindow {
  private window = Buffer.alloc(0);
  private windowStart = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly fileSize: number,
    private readonly windowBytes = 4 * 1024 * 1024,
  ) {}

  /** `length` bytes from `start` (fewer at the end of the file), valid until the next call. */
  async view(start: number, length: number): Promise<Buffer> {
    const cached = this.cached(start, length);
    if (cached) return cached;
    if (start >= this.fileSize) return Buffer.alloc(0);
    const end = Math.min(start + length, this.fileSize);
    const size = Math.min(Math.max(end - start, this.windowBytes), this.fileSize - start);
    const buffer = size <= this.window.length ? this.window : Buffer.allocUnsafe(size);
    const { bytesRead } = await this.handle.read(buffer, 0, size, start);
    this.window = buffer.subarray(0, bytesRead);
    this.windowStart = start;
    return this.window.subarray(0, Math.min(end - start, bytesRead));
  }

  /** The bytes when the window holds them already, else null. */
  cached(start: number, length: number): Buffer | null {
    const end = Math.min(start + length, this.fileSize);
    if (start < this.windowStart || end > this.windowStart + this.window.length) return null;
    return this.window.subarray(start - this.windowStart, end - this.windowStart);
  }
}
