/**
 * The quick central-directory reader against yauzl (issue #12): on a plain archive it must read exactly the entries
 * yauzl reads; on anything else it must step aside (null), so yauzl reads the archive or words its problem. Archives
 * come from the project's zip writer, Python's zipfile and Info-ZIP's zip (when installed), plus hand-made odd ones
 * and thousands of seeded mutations.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip } from '../../demo/zip-writer';
import { createRng } from '../../../src-shared/rank/prng';
import { directoryEntries } from './zip-entries';

const hasPython = spawnSync('python3', ['--version']).status === 0;
const hasZip = spawnSync('zip', ['-v']).status === 0;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-zip-entries-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const RUN = 'benchmark_output/runs/v0.3.0/boolq:model=openai_davinci,data_augmentation=canonical';
const plainEntries = [
  { name: `${RUN}/run_spec.json`, data: '{"name": "boolq"}' },
  { name: `${RUN}/stats.json`, data: '[]' },
  { name: `${RUN}/scenario_state.json`, data: '{}', method: 'store' as const },
  { name: 'benchmark_output/runs/v0.3.0/', data: '' },
];

async function write(name: string, bytes: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** yauzl's entries, or the error it raises. */
async function yauzlRead(path: string): Promise<unknown> {
  try {
    return await directoryEntries(path, 'yauzl');
  } catch (error) {
    return error instanceof Error ? `error: ${error.message}` : 'error';
  }
}

/** The quick reader either steps aside or reads what yauzl reads (and never reads an archive yauzl refuses). */
async function expectAgreement(path: string): Promise<'quick' | 'yauzl'> {
  const quick = await directoryEntries(path, 'quick');
  if (quick === null) return 'yauzl';
  expect(quick).toEqual(await yauzlRead(path));
  return 'quick';
}

/** Python's zipfile, writing `entries` (name → text) with an optional archive comment. */
function pythonZip(path: string, entries: Record<string, string>, comment = ''): void {
  const script = [
    'import json, sys, zipfile',
    'path, entries, comment = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]',
    'with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:',
    '    for name, text in entries.items(): z.writestr(name, text)',
    '    z.comment = comment.encode()',
  ].join('\n');
  execFileSync('python3', ['-c', script, path, JSON.stringify(entries), comment]);
}

/** The archive with a zip64 end record and locator before its end record, as zip64 writers add them. */
function withZip64End(zip: Buffer): Buffer {
  const endAt = zip.length - 22;
  const end = zip.subarray(endAt);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(end.readUInt16LE(8)), 24);
  record.writeBigUInt64LE(BigInt(end.readUInt16LE(10)), 32);
  record.writeBigUInt64LE(BigInt(end.readUInt32LE(12)), 40);
  record.writeBigUInt64LE(BigInt(end.readUInt32LE(16)), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(endAt), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([zip.subarray(0, endAt), record, locator, end]);
}

/** Where the central directory starts (from the end record of a comment-less archive). */
const directoryStart = (zip: Buffer) => zip.readUInt32LE(zip.length - 6);

describe('quick central directory reader', () => {
  it('reads plain archives exactly as yauzl does: the project’s writer, Python’s zipfile, Info-ZIP’s zip', async () => {
    expect(await expectAgreement(await write('writer.zip', buildZip(plainEntries)))).toBe('quick');
    if (hasPython) {
      const path = join(dir, 'python.zip');
      pythonZip(path, { [`${RUN}/run_spec.json`]: '{}', [`${RUN}/stats.json`]: '[]' });
      expect(await expectAgreement(path)).toBe('quick');
    }
    if (hasZip) {
      // Info-ZIP adds its timestamp and Unix id extra fields to every entry.
      const source = join(dir, 'tree');
      await rm(source, { recursive: true, force: true });
      execFileSync('mkdir', ['-p', join(source, 'runs/v0.3.0/boolq:model=a')]);
      await writeFile(join(source, 'runs/v0.3.0/boolq:model=a/stats.json'), '[]');
      const path = join(dir, 'info-zip.zip');
      execFileSync('zip', ['-qr', path, 'runs'], { cwd: source });
      expect(await expectAgreement(path)).toBe('quick');
    }
  });

  it('leaves every other archive to yauzl', async () => {
    const plain = buildZip(plainEntries);
    const odd: Record<string, Buffer> = {
      'zip64 end record': withZip64End(plain),
      'non-ASCII name (code page 437 or UTF-8)': buildZip([{ name: `${RUN}/stätš.json`, data: '[]' }]),
      'backslash in a name': buildZip([{ name: 'runs\\v0.3.0\\stats.json', data: '[]' }]),
      'parent directory': buildZip([{ name: 'runs/../../stats.json', data: '[]' }]),
      'absolute path': buildZip([{ name: '/etc/stats.json', data: '[]' }]),
      'drive letter': buildZip([{ name: 'C:/stats.json', data: '[]' }]),
      'stored entry whose sizes disagree': buildZip([{ name: 'a', data: 'abc', method: 'store', declaredSize: 5 }]),
      'empty file': Buffer.alloc(0),
      'not a zip': Buffer.from('PK but not a zip archive at all, just text that is long enough'),
    };
    const comment = Buffer.from(plain);
    comment.writeUInt16LE(3, comment.length - 2);
    odd['archive comment'] = Buffer.concat([comment, Buffer.from('hi!')]);
    const strong = Buffer.from(plain);
    strong.writeUInt16LE(0x0840, directoryStart(strong) + 8);
    odd['strong encryption flag'] = strong;
    for (const [label, bytes] of Object.entries(odd)) {
      const path = await write(`odd-${label.replace(/\W+/g, '-')}.zip`, bytes);
      expect(await directoryEntries(path, 'quick'), label).toBeNull();
      await yauzlRead(path); // reads or refuses; the importer words either
    }
    if (hasPython) {
      const path = join(dir, 'python-comment.zip');
      pythonZip(path, { 'a/stats.json': '[]' }, 'made by a script');
      expect(await expectAgreement(path)).toBe('yauzl');
    }
  });

  it('never reads a mutated archive differently from yauzl', async () => {
    const plain = buildZip(plainEntries);
    const from = directoryStart(plain);
    const rng = createRng(7);
    let quick = 0;
    for (let round = 0; round < 1500; round += 1) {
      const bytes = Buffer.from(plain);
      for (let change = 1 + rng.int(2); change > 0; change -= 1)
        bytes[from + rng.int(bytes.length - from)] = rng.int(4) === 0 ? 0xff : rng.int(256);
      const path = await write('mutated.zip', bytes);
      if ((await expectAgreement(path)) === 'quick') quick += 1;
    }
    expect(quick).toBeGreaterThan(0); // e.g. changes in times, CRCs and attributes keep it plain
  });
});
