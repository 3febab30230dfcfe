/**
 * Loading MS MARCO's source files the way `MSMARCOScenario.prepare_data` (v0.3.0) reads them, but with bounded
 * memory: Python dicts become Maps (first-insertion order, last value wins) or typed arrays, and only what the
 * sampled queries need is kept. The passage collection (≈8.8 M passages, ≈3 GB) is reduced to its passage ids
 * in file order plus byte offsets, so a passage text is read back only when an instance needs it.
 */
import { forEachTsvRecord, pythonInt, type TsvReadOptions } from './msmarco-tsv';

/** qid → flat `[docid, value, docid, value, …]` with Python dict semantics per qid. */
export type PairsByQuery = Map<number, number[]>;

/** `d[qid][docid] = value` on a {@link PairsByQuery}. */
export function setPair(map: PairsByQuery, qid: number, docid: number, value: number): void {
  const pairs = map.get(qid);
  if (pairs === undefined) {
    map.set(qid, [docid, value]);
    return;
  }
  for (let i = 0; i < pairs.length; i += 2) {
    if (pairs[i] === docid) {
      pairs[i + 1] = value;
      return;
    }
  }
  pairs.push(docid, value);
}

/** `d[qid].get(docid)`. */
export function getPair(map: PairsByQuery, qid: number, docid: number): number | undefined {
  const pairs = map.get(qid);
  if (pairs === undefined) return undefined;
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === docid) return pairs[i + 1];
  return undefined;
}

function fieldsOf(fields: readonly string[], fieldCount: number, expected: number, what: string): readonly string[] {
  // HELM unpacks each row (`for qid, _, docid, rel in …`): any other field count is a ValueError.
  if (fieldCount !== expected) throw new Error(`${what}: a row has ${fieldCount} fields, expected ${expected}`);
  return fields;
}

/** `create_id_item_dict` keeping texts (small query files). */
export async function readIdTexts(path: string, what: string, options: TsvReadOptions = {}): Promise<Map<number, string>> {
  const texts = new Map<number, string>();
  await forEachTsvRecord(path, ({ fields, fieldCount }) => {
    const [id = '', text = ''] = fieldsOf(fields, fieldCount, 2, what);
    texts.set(pythonInt(id, `${what} id`), text);
  }, options);
  return texts;
}

/** `create_id_item_dict` keeping byte offsets (ids in first-appearance order, offset of the last value). */
export async function readIdOffsets(path: string, what: string, options: TsvReadOptions = {}): Promise<Map<number, number>> {
  const offsets = new Map<number, number>();
  await forEachTsvRecord(path, ({ fields, fieldCount, offset }) => {
    fieldsOf(fields, fieldCount, 2, what);
    offsets.set(pythonInt(fields[0] ?? '', `${what} id`), offset);
  }, { ...options, maxDecodedFields: 1 });
  return offsets;
}

/** `create_qrels_dict` (rows `qid, _, docid, rel`). */
export async function readQrels(path: string, what: string, options: TsvReadOptions = {}): Promise<PairsByQuery> {
  const qrels: PairsByQuery = new Map();
  await forEachTsvRecord(path, ({ fields, fieldCount }) => {
    const [qid = '', , docid = '', rel = ''] = fieldsOf(fields, fieldCount, 4, what);
    setPair(qrels, pythonInt(qid, `${what} qid`), pythonInt(docid, `${what} docid`), pythonInt(rel, `${what} relevance`));
  }, options);
  return qrels;
}

/** What we keep of a `create_topk_dict` file (rows `qid, docid, rank`). */
export interface TopkSummary {
  /** `len(topk_dict[qid])`, counting rows (a top-k list has no repeated passage). */
  readonly counts: Map<number, number>;
  /** `topk_dict[qid]` restricted to the rows `keep` accepted, in file order. */
  readonly kept: PairsByQuery;
}

/** Reads a top-k file, keeping per-query counts and the rows `keep(qid, docid, rank)` accepts. */
export async function readTopk(
  path: string,
  what: string,
  keep: (qid: number, docid: number, rank: number) => boolean,
  options: TsvReadOptions = {},
): Promise<TopkSummary> {
  const counts = new Map<number, number>();
  const kept: PairsByQuery = new Map();
  await forEachTsvRecord(path, ({ fields, fieldCount }) => {
    const [qidText = '', docidText = '', rankText = ''] = fieldsOf(fields, fieldCount, 3, what);
    const qid = pythonInt(qidText, `${what} qid`);
    const docid = pythonInt(docidText, `${what} docid`);
    const rank = pythonInt(rankText, `${what} rank`);
    counts.set(qid, (counts.get(qid) ?? 0) + 1);
    if (keep(qid, docid, rank)) setPair(kept, qid, docid, rank);
  }, options);
  return { counts, kept };
}

/** The passage collection reduced to ids in dict order and the byte offset of each id's (last) row. */
export interface CollectionIndex {
  readonly size: number;
  readonly docids: Int32Array;
  readonly offsets: Float64Array;
}

/** One pass over `collection.tsv`, decoding only the id column. */
export async function indexCollection(path: string, options: TsvReadOptions = {}): Promise<CollectionIndex> {
  let docids = new Int32Array(1 << 20);
  let offsets = new Float64Array(1 << 20);
  let seen = new Uint8Array(1 << 17);
  let size = 0;
  await forEachTsvRecord(path, ({ fields, fieldCount, offset }) => {
    fieldsOf(fields, fieldCount, 2, 'collection');
    const docid = pythonInt(fields[0] ?? '', 'collection passage id');
    if (docid < 0 || docid > 0x7fffffff) throw new Error(`collection passage id ${docid} is out of range`);
    const byte = docid >>> 3;
    if (byte >= seen.length) seen = grow(seen, byte + 1);
    if ((seen[byte] as number) & (1 << (docid & 7))) {
      // A repeated id keeps its first position and takes the later text (dict assignment); rare, so scan.
      const first = docids.subarray(0, size).indexOf(docid);
      offsets[first] = offset;
      return;
    }
    seen[byte] = (seen[byte] as number) | (1 << (docid & 7));
    if (size === docids.length) {
      docids = grow(docids, size * 2);
      offsets = grow(offsets, size * 2);
    }
    docids[size] = docid;
    offsets[size] = offset;
    size += 1;
  }, { ...options, maxDecodedFields: 1 });
  return { size, docids: docids.subarray(0, size), offsets: offsets.subarray(0, size) };
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(array: T, length: number): T {
  const constructor = array.constructor as new (length: number) => T; // same typed-array class
  const next = new constructor(Math.max(length, array.length * 2));
  next.set(array);
  return next;
}
