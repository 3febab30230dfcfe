/** Inflating one zip entry read by ./zip-entries.ts (in an import worker or in-thread), with its checks. */
import { crc32, inflateRawSync } from 'node:zlib';
import { corrupt } from './archive-errors';
import type { ZipRunEntry } from './zip-entries';

/** Inflates one entry and checks its size and CRC-32 against the central directory. */
export function inflateEntry(entry: ZipRunEntry, compressed: Buffer, fileBytes: number, archive: string): Buffer {
  let data: Buffer;
  try {
    // One output chunk of the declared size (zlib would otherwise fill 16 KB chunks and concatenate them), within
    // reason: a lying declaration must not make every entry allocate megabytes.
    const chunkSize = Math.min(Math.max(entry.size, 64), 4 * 1024 * 1024);
    data = entry.method === 0 ? compressed : inflateRawSync(compressed, { maxOutputLength: fileBytes, chunkSize });
  } catch (error) {
    throw corrupt(archive, error, entry.name);
  }
  if (data.length !== entry.size)
    throw corrupt(archive, new Error(`size ${data.length} differs from the declared ${entry.size}`), entry.name);
  if (crc32(data) !== entry.crc32) throw corrupt(archive, new Error('CRC-32 mismatch'), entry.name);
  return data;
}
