import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTar, makeZip } from '../../../dev/testing/fixture-fetcher';
import { parseCsv, streamCsvRows } from './csv';
import { parseJsonLines, readJsonLines } from './jsonl';
import { readTarEntries } from './tar';
import { readZipEntries } from './zip';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-formats-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('CSV', () => {
  it('reads quoted fields, doubled quotes, embedded newlines and stray quotes like Python csv.reader', () => {
    expect(parseCsv('a,"b,c","d ""e""\nf",g"h\n\n1,2\n')).toEqual([
      ['a', 'b,c', 'd "e"\nf', 'g"h'],
      ['1', '2'],
    ]);
    expect(parseCsv('a, b,  "c"\n', { skipInitialSpace: true })).toEqual([['a', 'b', 'c']]);
  });

  it('streams rows with their index', async () => {
    const rows: [number, readonly string[]][] = [];
    await streamCsvRows(await file('x.csv', 'h1,h2\n"x\ny",2\n'), (row, index) => {
      rows.push([index, row]);
    });
    expect(rows).toEqual([
      [0, ['h1', 'h2']],
      [1, ['x\ny', '2']],
    ]);
  });
});

describe('JSON Lines', () => {
  it('parses values in order, skipping blank lines, naming the bad line', async () => {
    expect(parseJsonLines('{"a":1}\n\n[2]\n')).toEqual([{ a: 1 }, [2]]);
    expect(() => parseJsonLines('{"a":1}\n{oops}\n')).toThrow(/line 2/);
    const values: unknown[] = [];
    for await (const value of readJsonLines(await file('x.jsonl', '1\r\n"two"\n'))) values.push(value);
    expect(values).toEqual([1, 'two']);
  });
});

describe('tar and zip', () => {
  it('reads only the selected tar.gz entries, in archive order', async () => {
    const path = await file(
      'a.tar.gz',
      await makeTar(
        [
          ['d/a.txt', 'A'],
          ['d/b.bin', 'B'],
          ['d/c.txt', 'C'],
        ],
        true,
      ),
    );
    const seen: [string, string][] = [];
    await readTarEntries(path, {
      gzip: true,
      select: (n) => n.endsWith('.txt'),
      onEntry: (n, c) => seen.push([n, c.toString()]),
    });
    expect(seen).toEqual([
      ['d/a.txt', 'A'],
      ['d/c.txt', 'C'],
    ]);
  });

  it('propagates a consumer error and a corrupt archive', async () => {
    const path = await file(
      'a.tar',
      await makeTar([
        ['a', '1'],
        ['b', '2'],
      ]),
    );
    await expect(
      readTarEntries(path, {
        select: () => true,
        onEntry: () => {
          throw new Error('stop here');
        },
      }),
    ).rejects.toThrow('stop here');
    const bad = await file('bad.tar.gz', 'not gzip');
    await expect(readTarEntries(bad, { gzip: true, select: () => true, onEntry: () => undefined })).rejects.toThrow();
  });

  it('reads selected zip entries', async () => {
    const path = await file(
      'a.zip',
      makeZip([
        ['x/Data/Main/train.jsonl', '{}'],
        ['x/other.txt', 'no'],
      ]),
    );
    const entries = await readZipEntries(path, (n) => n.endsWith('.jsonl'));
    expect([...entries].map(([n, c]) => [n, c.toString()])).toEqual([['x/Data/Main/train.jsonl', '{}']]);
    await expect(readZipEntries(await file('bad.zip', 'not a zip'), () => true)).rejects.toThrow();
  });
});
