/**
 * A tiny zip writer for the demo's fixture leaderboard, tests and benchmarks (yauzl only reads). Writes a PKZIP
 * file with local headers, a central directory and an end record; entries are stored or deflated (node:zlib
 * deflateRaw + crc32). No zip64, so keep fixtures under 4 GB and 65,535 entries. `unixMode` lets a test mark an entry as a symlink
 * (0o120777). {@link buildZip} builds an archive in memory; {@link writeZipFile} streams a large one to disk.
 */
import { open } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntryInput {
  /** Path inside the archive, `/`-separated; may be hostile (`../x`, `/abs`) on purpose. */
  readonly name: string;
  readonly data: Buffer | string;
  /** Default `deflate`. */
  readonly method?: 'store' | 'deflate';
  /** Unix mode stored in the external attributes, e.g. `0o120777` for a symlink (default a regular file). */
  readonly unixMode?: number;
  /** Lie about the uncompressed size in the headers (zip-bomb / corruption tests). */
  readonly declaredSize?: number;
}

/** Builds the whole archive in memory. A Buffer passed as the data of several entries is compressed once. */
export function buildZip(entries: readonly ZipEntryInput[]): Buffer {
  const packed: Packed = new Map();
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const encoded = encodeEntry(entry, offset, packed);
    parts.push(...encoded.local);
    centrals.push(...encoded.central);
    offset += encoded.localBytes;
  }
  return Buffer.concat([...parts, ...centrals, endRecord(entries.length, centrals, offset)]);
}

/** Streams an archive to `path`, holding one entry (and the central directory) in memory at a time. */
export async function writeZipFile(path: string, entries: Iterable<ZipEntryInput>): Promise<{ bytes: number }> {
  const file = await open(path, 'w');
  try {
    const centrals: Buffer[] = [];
    let offset = 0;
    let count = 0;
    for (const entry of entries) {
      const encoded = encodeEntry(entry, offset, new Map());
      await file.writev(encoded.local);
      centrals.push(...encoded.central);
      offset += encoded.localBytes;
      count += 1;
    }
    const end = endRecord(count, centrals, offset);
    await file.writev([...centrals, end]);
    return { bytes: offset + centrals.reduce((total, part) => total + part.length, 0) + end.length };
  } finally {
    await file.close();
  }
}

/** Deflated payloads by their input Buffer, so the same Buffer is compressed once. */
type Packed = Map<Buffer, { payload: Buffer; crc: number }>;

function encodeEntry(
  entry: ZipEntryInput,
  offset: number,
  packed: Packed,
): { local: Buffer[]; central: Buffer[]; localBytes: number } {
  const data = typeof entry.data === 'string' ? Buffer.from(entry.data) : entry.data;
  const isDeflate = (entry.method ?? 'deflate') === 'deflate';
  const known = isDeflate && typeof entry.data !== 'string' ? packed.get(data) : undefined;
  const payload = known?.payload ?? (isDeflate ? deflateRawSync(data) : data);
  const crc = known?.crc ?? crc32(data);
  if (isDeflate && typeof entry.data !== 'string') packed.set(data, { payload, crc });
  const name = Buffer.from(entry.name, 'utf8');
  const size = entry.declaredSize ?? data.length;
  const method = isDeflate ? 8 : 0;
  const flags = 0x0800; // UTF-8 names
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(method, 8);
  local.writeUInt16LE(0, 10); // time
  local.writeUInt16LE(0x21, 12); // date 1980-01-01
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(payload.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so external attributes carry the mode
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(method, 10);
  central.writeUInt16LE(0, 12);
  central.writeUInt16LE(0x21, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(payload.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt16LE(0, 30);
  central.writeUInt16LE(0, 32);
  central.writeUInt16LE(0, 34);
  central.writeUInt16LE(0, 36);
  central.writeUInt32LE(((entry.unixMode ?? 0o100644) << 16) >>> 0, 38);
  central.writeUInt32LE(offset, 42);
  return {
    local: [local, name, payload],
    central: [central, name],
    localBytes: local.length + name.length + payload.length,
  };
}

function endRecord(count: number, centrals: readonly Buffer[], centralOffset: number): Buffer {
  const centralSize = centrals.reduce((total, part) => total + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);
  return end;
}
