import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import type { Instance } from '../../../src-shared/helm/instance';
import type { DatasetFetcher, ScenarioContext } from '../types';
import { createMsmarcoScenario, MSMARCO_URLS } from './msmarco';
import { forEachIntRecord, forEachTsvRecord, readTsvRecordAt, splitTsvRecord } from './msmarco-tsv';

const rows = (lines: (string | number)[][], separator = '\t'): string =>
  lines.map((line) => line.join(separator)).join('\n') + '\n';
const range = (n: number): number[] => [...Array(n).keys()];

/**
 * Small files in the MS MARCO formats (tab-separated `id text`, `qid 0 docid rel`, `qid docid rank`). Passage ids
 * are written in a scrambled order (17·i mod 40) and passage 7 starts with a quote, as Python's csv reads it.
 */
function regularFixture(dir: string): Record<string, string> {
  const files: Record<string, string> = {
    'collection.tsv': rows(
      range(40)
        .map((i) => (i * 17) % 40)
        .map((id) => [id, id === 7 ? '"Quoted" passage 7' : `passage ${id} text`]),
    ),
    'queries.train.tsv': rows(range(8).map((q) => [100 + q, `train query ${q}`])),
    'qrels.train.tsv': rows(
      range(8)
        .filter((q) => q !== 5)
        .map((q) => [100 + q, 0, (q * 3) % 40, 1]),
    ),
    // Query 106 has only 19 top-k rows, so HELM's train filter (≥ 20) drops it.
    'train_topk.tsv': rows(
      range(8).flatMap((q) => range(q === 6 ? 19 : 20).map((r) => [100 + q, (q * 5 + (r + 1) * 7) % 40, r + 1])),
    ),
    'queries.dev.tsv': rows(range(6).map((q) => [200 + q, `dev query ${q}`])),
    'qrels.dev.tsv': rows([
      ...range(6)
        .filter((q) => q !== 2)
        .map((q) => [200 + q, 0, (q * 11 + 3) % 40, 1]),
      [203, 0, 39, 1],
    ]),
    // Query 204 has 10 rows, fewer than valid_topk = 11.
    'dev_topk.tsv': rows(
      range(6).flatMap((q) => range(q === 4 ? 10 : 12).map((r) => [200 + q, (q * 13 + (r + 1) * 3) % 40, r + 1])),
    ),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return {
    [MSMARCO_URLS.documents]: join(dir, 'collection.tsv'),
    [MSMARCO_URLS.train.queries]: join(dir, 'queries.train.tsv'),
    [MSMARCO_URLS.train.qrels]: join(dir, 'qrels.train.tsv'),
    [MSMARCO_URLS.train.topk]: join(dir, 'train_topk.tsv'),
    [MSMARCO_URLS.regular.queries]: join(dir, 'queries.dev.tsv'),
    [MSMARCO_URLS.regular.qrels]: join(dir, 'qrels.dev.tsv'),
    [MSMARCO_URLS.regular.topk]: join(dir, 'dev_topk.tsv'),
  };
}

function context(files: Record<string, string>, dir: string, messages: string[] = []): ScenarioContext {
  const fetcher: DatasetFetcher = {
    fetch: async (url, options) => {
      const path = files[url];
      if (path === undefined) throw new Error(`404 ${url}`);
      options?.onProgress?.({ url, bytes: 10, totalBytes: 10, rate: 0 });
      return path;
    },
  };
  return { outputDir: join(dir, 'out'), fetcher, onProgress: (message) => messages.push(message) };
}

/** `[query, split, "docid,tags… docid,tags…"]` with C = correct, rN = relevance=N, kN = rank=N. */
function compact(instances: readonly Instance[]): [string, string | undefined, string][] {
  return instances.map((instance) => [
    instance.input.text,
    instance.split,
    instance.references
      .map((r) =>
        r.tags.join(',').replace('docid=', '').replace('correct', 'C').replace('relevance=', 'r').replace('rank=', 'k'),
      )
      .join(' '),
  ]);
}

describe('MS MARCO regular track', () => {
  // Expected output from HELM v0.3.0's MSMARCOScenario algorithm run by CPython 3 (random.Random(1885)
  // shuffling the 40 passage ids, then the train and the dev query ids) over these same files.
  const EXPECTED: [string, string, string][] = [
    ['train query 0', 'train', '37,k11 0,C,r1'],
    ['train query 3', 'train', '12,k11 9,C,r1'],
    ['train query 7', 'train', '21,C,r1 32,k11'],
    ['train query 2', 'train', '6,C,r1 7,k11'],
    ['train query 1', 'train', '2,k11 3,C,r1'],
    ['train query 4', 'train', '12,C,r1,k16 17,k11'],
    ['dev query 3', 'valid', '5,k2 8,k3 29,k10 32,k11 26,k9 36,C,r1 23,k8 20,k7 17,k6 2,k1 11,k4 14,k5 39,C,r1'],
    ['dev query 5', 'valid', '31,k2 12,k9 34,k3 37,k4 9,k8 28,k1 6,k7 15,k10 18,C,r1,k11 3,k6 0,k5'],
    ['dev query 1', 'valid', '31,k6 19,k2 34,k7 37,k8 28,k5 6,k11 16,k1 22,k3 3,k10 14,C,r1 0,k9 25,k4'],
    ['dev query 0', 'valid', '27,k9 12,k4 24,k8 21,k7 9,k3 6,k2 30,k10 33,k11 15,k5 18,k6 3,C,r1,k1'],
  ];

  it('selects queries and orders passages as HELM (seeded shuffles, filters, top-k cut)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msmarco-'));
    const messages: string[] = [];
    const instances = await createMsmarcoScenario({ track: 'regular', valid_topk: 11 }).getInstances(
      context(regularFixture(dir), dir, messages),
    );
    expect(compact(instances)).toEqual(EXPECTED);
    const passage7 = instances.flatMap((i) => i.references).find((r) => r.tags[0] === 'docid=7');
    expect(passage7?.output.text).toBe('Quoted passage 7');
    expect(instances[0]?.references[0]?.output.text).toBe('passage 37 text');
    expect(messages.some((m) => m.includes('downloading') && m.includes('100%'))).toBe(true);
  });

  it('reuses its cached instances', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msmarco-'));
    const files = regularFixture(dir);
    const first = await createMsmarcoScenario({ track: 'regular', valid_topk: 11 }).getInstances(context(files, dir));
    const again = await createMsmarcoScenario({ track: 'regular', valid_topk: 11 }).getInstances(context({}, dir));
    expect(again).toEqual(first);
  });

  it('names the scenario and URL when a source is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msmarco-'));
    const files = regularFixture(dir);
    delete files[MSMARCO_URLS.regular.topk];
    const error: unknown = await createMsmarcoScenario({ track: 'regular', valid_topk: 11 })
      .getInstances(context(files, dir))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain(MSMARCO_URLS.regular.topk);
  });
});

describe('MS MARCO TREC track', () => {
  it('reads space-separated graded qrels and gzipped queries; gold = relevance 2 or 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msmarco-trec-'));
    const files = regularFixture(dir);
    writeFileSync(
      join(dir, 'trec-queries.tsv.gz'),
      gzipSync(
        rows([
          [300, 'trec query a'],
          [301, 'trec query b'],
        ]),
      ),
    );
    // 301 has only relevance 1 (not gold for TREC), so it is dropped.
    writeFileSync(
      join(dir, 'trec-qrels.txt'),
      rows(
        [
          [300, 'Q0', 4, 3],
          [300, 'Q0', 5, 1],
          [300, 'Q0', 6, 0],
          [300, 'Q0', 8, 2],
          [301, 'Q0', 9, 1],
        ],
        ' ',
      ),
    );
    writeFileSync(
      join(dir, 'trec-topk.tsv'),
      rows([...range(12).map((r) => [300, 20 + r, r + 1]), [300, 5, 13], ...range(12).map((r) => [301, r, r + 1])]),
    );
    files[MSMARCO_URLS.trec.queries] = join(dir, 'trec-queries.tsv.gz');
    files[MSMARCO_URLS.trec.qrels] = join(dir, 'trec-qrels.txt');
    files[MSMARCO_URLS.trec.topk] = join(dir, 'trec-topk.tsv');
    const instances = await createMsmarcoScenario({ track: 'trec', valid_topk: 11 }).getInstances(context(files, dir));
    const valid = instances.filter((i) => i.split === 'valid');
    expect(valid.map((i) => i.input.text)).toEqual(['trec query a']);
    const tags = new Map(valid[0]?.references.map((r) => [r.tags[0], r.tags.slice(1).join(',')]));
    // Qrel passages 4, 5, 6, 8 plus the top 11 (20…30); relevance 0 is not tagged; 5 keeps its rank 13.
    expect(tags.size).toBe(15);
    expect(tags.get('docid=4')).toBe('correct,relevance=3');
    expect(tags.get('docid=8')).toBe('correct,relevance=2');
    expect(tags.get('docid=5')).toBe('relevance=1,rank=13');
    expect(tags.get('docid=6')).toBe('');
    expect(tags.get('docid=20')).toBe('rank=1');
    expect(tags.has('docid=31')).toBe(false);
  });
});

describe('Python csv semantics of the TSV reader', () => {
  const split = (text: string): string[] | null => splitTsvRecord(Buffer.from(text))?.map((b) => b.toString()) ?? null;
  it('treats quotes as Python csv does', () => {
    expect(split('1\t"a ""b"" c" d')).toEqual(['1', 'a "b" c d']);
    expect(split('1\tsay "hi"')).toEqual(['1', 'say "hi"']);
    expect(split('1\t"open')).toBeNull();
    expect(split('1\t"open\nclosed"')).toEqual(['1', 'open\nclosed']);
  });
  it('streams records with their byte offsets and reads one back, across lines', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tsv-')), 'c.tsv');
    writeFileSync(path, '1\tone\r\n2\t"two\nlines"\n\n3\tthree');
    const records: { fields: readonly string[]; offset: number }[] = [];
    await forEachTsvRecord(path, (record) => records.push(record));
    // "1\tone\r\n" is 7 bytes, the quoted record 14 more, then a blank line.
    expect(records.map((r) => [r.fields, r.offset])).toEqual([
      [['1', 'one'], 0],
      [['2', 'two\nlines'], 7],
      [['3', 'three'], 22],
    ]);
    expect(readTsvRecordAt(path, 7)).toEqual(['2', 'two\nlines']);
    expect(readTsvRecordAt(path, 22)).toEqual(['3', 'three']);
  });
  it('reads int columns fast and falls back to csv + int() for unusual rows', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tsv-')), 'q.tsv');
    writeFileSync(path, '1\tQ0\t20\t1\n+4\tQ0\t 50\t0\r\n"7"\t0\t8\t2\n');
    const rows: number[][] = [];
    await forEachIntRecord(path, { fieldCount: 4, columns: [0, 2, 3] }, (values) => rows.push([...values]), 'qrels');
    expect(rows).toEqual([
      [1, 20, 1],
      [4, 50, 0],
      [7, 8, 2],
    ]);
    writeFileSync(path, '1\t2\t3\n1\tx\t3\n');
    await expect(
      forEachIntRecord(path, { fieldCount: 3, columns: [0, 1, 2] }, () => undefined, 'top-k'),
    ).rejects.toThrow(/top-k 'x' is not an integer/);
    writeFileSync(path, '1\t2\n');
    await expect(
      forEachIntRecord(path, { fieldCount: 3, columns: [0, 1, 2] }, () => undefined, 'top-k'),
    ).rejects.toThrow(/2 fields, expected 3/);
  });
});
