/**
 * Test support: a DatasetFetcher that serves files written into a temp dir (no network), and writers for the
 * archive formats scenarios read (tar, tar.gz, zip), so fixtures are built in the sources' own formats. The tar
 * writer is product code (the demo's fixture sources use it) and is re-exported here.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { DatasetFetcher, ScenarioContext } from '../../src-main/engine/types';

export { makeTar } from '../../src-main/demo/tar-writer';

/** A fetcher over a URL → content map; unknown URLs fail like a 404. Records the URLs asked for. */
export class FixtureFetcher implements DatasetFetcher {
  readonly requested: string[] = [];
  private readonly files = new Map<string, string>();
  private counter = 0;

  private constructor(readonly dir: string) {}

  static async create(): Promise<FixtureFetcher> {
    return new FixtureFetcher(await mkdtemp(join(tmpdir(), 'helm-rank-scenario-')));
  }

  async add(url: string, content: string | Buffer): Promise<void> {
    this.counter += 1;
    const path = join(this.dir, `file${this.counter}`);
    await writeFile(path, content);
    this.files.set(url, path);
  }

  async fetch(url: string): Promise<string> {
    this.requested.push(url);
    const path = this.files.get(url);
    if (path === undefined) throw new Error(`HTTP 404 for ${url}`);
    return path;
  }

  context(): ScenarioContext {
    return { outputDir: this.dir, fetcher: this };
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** A zip archive with stored (uncompressed) entries. */
export function makeZip(files: readonly (readonly [string, string])[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
