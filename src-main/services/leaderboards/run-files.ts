/**
 * Reads the two files per run the leaderboard needs — `run_spec.json` and `stats.json`, the only files
 * `helm-summarize` reads for the tables — from a zip archive (streamed with yauzl, nothing extracted: the Classic
 * archive unpacks to over 1 GB) or from an unpacked `benchmark_output/runs/<suite>/` folder. Any prefix before
 * `<suite>/<run name>/` is accepted. Unsafe archives are rejected as a whole: absolute paths, `..`, symlinks,
 * entries compressed more than {@link MAX_COMPRESSION_RATIO}×, and entries whose inflated size or CRC-32 differs
 * from the declared one. The files read count against the import budget (./import-budget.ts): per file and in
 * all, checked on the declared sizes before anything is inflated.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { AppError } from '../../../src-shared/errors';
import { ByteBudget, DEFAULT_IMPORT_BUDGET } from './import-budget';
import type { ImportBudget } from './import-budget';

/** JSON deflates about 10×; a zip bomb compresses far more. */
export const MAX_COMPRESSION_RATIO = 200;

/** One file of one run. */
export interface RunFile {
  /** Path of the run directory inside the source, e.g. `benchmark_output/runs/v0.3.0/boolq:model=…`. */
  readonly directory: string;
  readonly kind: 'run_spec' | 'stats';
  readonly text: string;
}

export type RunFileSink = (file: RunFile) => void;

const WANTED: Readonly<Record<string, RunFile['kind']>> = { 'run_spec.json': 'run_spec', 'stats.json': 'stats' };

/** Streams the wanted files of a zip archive into `sink`, one entry at a time. */
export async function readZipRunFiles(
  path: string,
  sink: RunFileSink,
  signal?: AbortSignal,
  budget: ImportBudget = DEFAULT_IMPORT_BUDGET,
): Promise<{ entries: number }> {
  const bytes = new ByteBudget(budget, path);
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, {
      lazyEntries: true,
      autoClose: true,
      validateEntrySizes: true,
      decodeStrings: true,
    });
  } catch (error) {
    throw corrupt(path, error);
  }
  let entries = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => {
        zip.close();
        reject(error);
      };
      zip.on('error', (error: Error) => fail(isUnsafeName(error) ? unsafe(path, error.message) : corrupt(path, error)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: Entry) => {
        entries += 1;
        if (signal?.aborted) return fail(cancelled());
        handleEntry(zip, entry, path, sink, bytes, budget.fileBytes).then(
          () => zip.readEntry(),
          (error: unknown) => fail(error),
        );
      });
      zip.readEntry();
    });
  } finally {
    if (zip.isOpen) zip.close();
  }
  return { entries };
}

async function handleEntry(
  zip: ZipFile,
  entry: Entry,
  path: string,
  sink: RunFileSink,
  bytes: ByteBudget,
  fileBytes: number,
): Promise<void> {
  const name = entry.fileName;
  // Unix mode in the high 16 bits of the external attributes (zip spec 4.4.15); 0o120000 = symlink.
  const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (mode === 0o120000) throw unsafe(path, `symbolic link: ${name}`);
  if (name.endsWith('/')) return;
  const kind = WANTED[basename(name)];
  if (!kind) return;
  bytes.add(name, entry.uncompressedSize);
  if (
    entry.compressedSize > 0 &&
    entry.uncompressedSize > 1024 * 1024 &&
    entry.uncompressedSize / entry.compressedSize > MAX_COMPRESSION_RATIO
  ) {
    throw unsafe(path, `${name} expands ${Math.round(entry.uncompressedSize / entry.compressedSize)}× (a zip bomb?)`);
  }
  // Raw bytes, inflated in one synchronous call: a zlib stream per entry costs more than the JSON parse at
  // Classic scale (thousands of 3 KB entries). The output cap, size and CRC-32 checks replace yauzl's stream checks.
  const raw = await readRaw(zip, entry, path);
  let data: Buffer;
  try {
    data = entry.compressionMethod === 0 ? raw : inflateRawSync(raw, { maxOutputLength: fileBytes });
  } catch (error) {
    throw corrupt(path, error, name);
  }
  if (data.length !== entry.uncompressedSize)
    throw corrupt(path, new Error(`size ${data.length} differs from the declared ${entry.uncompressedSize}`), name);
  if (crc32(data) !== entry.crc32) throw corrupt(path, new Error('CRC-32 mismatch'), name);
  sink({ directory: name.slice(0, name.length - basename(name).length - 1), kind, text: data.toString('utf8') });
}

/**
 * Reads the wanted files of an unpacked runs folder: `root` may be `benchmark_output`, `…/runs`, `…/runs/<suite>`
 * or a single run directory; run directories are found up to three levels down. Symlinks are not followed.
 */
export async function readFolderRunFiles(
  root: string,
  sink: RunFileSink,
  signal?: AbortSignal,
  budget: ImportBudget = DEFAULT_IMPORT_BUDGET,
): Promise<{ entries: number }> {
  const bytes = new ByteBudget(budget, root);
  let entries = 0;
  const visit = async (directory: string, relative: string, depth: number): Promise<void> => {
    if (signal?.aborted) throw cancelled();
    const items = await readdir(directory, { withFileTypes: true });
    const names = new Set(items.filter((item) => item.isFile()).map((item) => item.name));
    if (names.has('run_spec.json')) {
      for (const [file, kind] of Object.entries(WANTED)) {
        if (!names.has(file)) continue;
        const path = join(directory, file);
        bytes.add(relative ? `${relative}/${file}` : file, (await stat(path)).size);
        entries += 1;
        sink({ directory: relative || basename(directory), kind, text: await readFile(path, 'utf8') });
      }
      return;
    }
    if (depth >= 4) return;
    for (const item of items) {
      if (item.isDirectory())
        await visit(join(directory, item.name), relative ? `${relative}/${item.name}` : item.name, depth + 1);
    }
  };
  await visit(root, '', 0);
  return { entries };
}

async function readRaw(zip: ZipFile, entry: Entry, path: string): Promise<Buffer> {
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    throw corrupt(path, new Error(`compression method ${entry.compressionMethod} is not supported`), entry.fileName);
  if (entry.isEncrypted()) throw corrupt(path, new Error('encrypted entries are not supported'), entry.fileName);
  const chunks: Buffer[] = [];
  try {
    const stream =
      entry.compressionMethod === 0
        ? await zip.openReadStreamPromise(entry)
        : await zip.openReadStreamPromise(entry, { decompress: false });
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  } catch (error) {
    throw corrupt(path, error, entry.fileName);
  }
  return Buffer.concat(chunks);
}

function isUnsafeName(error: Error): boolean {
  return /^(absolute path|invalid relative path|invalid characters in fileName)/.test(error.message);
}

function unsafe(path: string, detail: string): AppError {
  return new AppError({
    code: 'import.unsafe-archive',
    message: `${path} was rejected: it contains an unsafe entry (${detail}).`,
    cause: detail,
  });
}

function corrupt(path: string, error: unknown, entry?: string): AppError {
  const detail = error instanceof Error ? error.message : String(error);
  return new AppError({
    code: 'import.corrupt-archive',
    message: `${path} is not a readable zip archive${entry ? ` (entry ${entry})` : ''}: ${detail}.`,
    cause: detail,
  });
}

function cancelled(): AppError {
  return new AppError({ code: 'import.cancelled', message: 'The import was cancelled.' });
}
