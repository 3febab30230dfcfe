/**
 * Loading MS MARCO's source files the way `MSMARCOScenario.prepare_data` (v0.3.0) reads them, with bounded
 * memory: HELM's Python dicts become typed-array tables with the same semantics (per-query insertion order,
 * last value wins), and only what the sampled queries need is kept. The passage collection (≈8.8 M passages,
 * ≈3 GB) and the train queries (≈0.8 M) are reduced to ids in file order plus byte offsets, so a text is read
 * back only when an instance needs it.
 */
import { stat } from 'node:fs/promises';
import { forEachIntRecord, forEachTsvRecord, pythonInt, type TsvReadOptions } from './msmarco-tsv';

// Query ids below this index a dense Int32Array (MS MARCO's go up to ≈1.2 M); larger ones fall back to a Map.
const DENSE_LIMIT = 1 << 22;

/** qid → int32 (default -1): dense for MS MARCO-sized ids, sparse beyond. */
export class QidIndex {
  private dense = new Int32Array(1 << 16).fill(-1);
  private readonly sparse = new Map<number, number>();

  get(qid: number): number {
    if (qid >= 0 && qid < DENSE_LIMIT) return qid < this.dense.length ? (this.dense[qid] as number) : -1;
    return this.sparse.get(qid) ?? -1;
  }

  set(qid: number, value: number): void {
    if (qid < 0 || qid >= DENSE_LIMIT) {
      this.sparse.set(qid, value);
      return;
    }
    if (qid >= this.dense.length) {
      const next = new Int32Array(Math.min(DENSE_LIMIT, Math.max(qid + 1, this.dense.length * 2))).fill(-1);
      next.set(this.dense);
      this.dense = next;
    }
    this.dense[qid] = value;
  }
}

/** A growable Int32Array. */
class IntList {
  values = new Int32Array(1024);
  size = 0;

  push(value: number): number {
    if (this.size === this.values.length) {
      const next = new Int32Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.size] = value;
    return this.size++;
  }
}

/** `Dict[qid, Dict[docid, value]]` (qrels, top-k ranks) as linked entries in typed arrays. */
export class PairsByQuery {
  private readonly heads = new QidIndex();
  private readonly tails = new QidIndex();
  private readonly docids = new IntList();
  private readonly values = new IntList();
  private readonly next = new IntList();

  has(qid: number): boolean {
    return this.heads.get(qid) >= 0;
  }

  /** `d[qid][docid] = value`: a new docid goes last; an existing one keeps its place. */
  set(qid: number, docid: number, value: number): void {
    for (let entry = this.heads.get(qid); entry >= 0; entry = this.next.values[entry] as number) {
      if (this.docids.values[entry] === docid) {
        this.values.values[entry] = value;
        return;
      }
    }
    const entry = this.docids.push(docid);
    this.values.push(value);
    this.next.push(-1);
    const tail = this.tails.get(qid);
    if (tail < 0) this.heads.set(qid, entry);
    else this.next.values[tail] = entry;
    this.tails.set(qid, entry);
  }

  /** `d[qid].get(docid)`. */
  get(qid: number, docid: number): number | undefined {
    for (let entry = this.heads.get(qid); entry >= 0; entry = this.next.values[entry] as number) {
      if (this.docids.values[entry] === docid) return this.values.values[entry];
    }
    return undefined;
  }

  /** `d[qid].items()` in insertion order (empty for an unknown qid). */
  *pairs(qid: number): Generator<[docid: number, value: number]> {
    for (let entry = this.heads.get(qid); entry >= 0; entry = this.next.values[entry] as number) {
      yield [this.docids.values[entry] as number, this.values.values[entry] as number];
    }
  }
}

function fieldsOf(fields: readonly string[], fieldCount: number, expected: number, what: string): readonly string[] {
  // HELM unpacks each row (`for qid, _, docid, rel in …`): any other field count is a ValueError.
  if (fieldCount !== expected) throw new Error(`${what}: a row has ${fieldCount} fields, expected ${expected}`);
  return fields;
}

/** `create_id_item_dict` keeping texts (the small query files). */
export async function readIdTexts(
  path: string,
  what: string,
  options: TsvReadOptions = {},
): Promise<Map<number, string>> {
  const texts = new Map<number, string>();
  await forEachTsvRecord(
    path,
    ({ fields, fieldCount }) => {
      const [id = '', text = ''] = fieldsOf(fields, fieldCount, 2, what);
      texts.set(pythonInt(id, `${what} id`), text);
    },
    options,
  );
  return texts;
}

/** `create_qrels_dict` (rows `qid, _, docid, rel`). */
export async function readQrels(path: string, what: string, options: TsvReadOptions = {}): Promise<PairsByQuery> {
  const qrels = new PairsByQuery();
  await forEachIntRecord(
    path,
    { fieldCount: 4, columns: [0, 2, 3] },
    ([qid = 0, docid = 0, rel = 0]) => qrels.set(qid, docid, rel),
    what,
    options,
  );
  return qrels;
}

/** What we keep of a `create_topk_dict` file (rows `qid, docid, rank`). */
export interface TopkSummary {
  /** `len(topk_dict[qid])` (-1 when absent), counting rows: a top-k list repeats no passage. */
  readonly counts: QidIndex;
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
  const counts = new QidIndex();
  const kept = new PairsByQuery();
  await forEachIntRecord(
    path,
    { fieldCount: 3, columns: [0, 1, 2] },
    ([qid = 0, docid = 0, rank = 0]) => {
      counts.set(qid, Math.max(counts.get(qid), 0) + 1);
      if (keep(qid, docid, rank)) kept.set(qid, docid, rank);
    },
    what,
    options,
  );
  return { counts, kept };
}

/** An `id → text` TSV reduced to ids in dict order and the byte offset of each id's (last) row. */
export interface IdOffsetIndex {
  readonly size: number;
  readonly ids: Int32Array;
  /** Uint32 while the file is under 4 GiB, which halves the largest table. */
  readonly offsets: Uint32Array | Float64Array;
}

/** One pass over an `id<TAB>text` file (the collection, the train queries), decoding only the id column. */
export async function indexIdColumn(path: string, what: string, options: TsvReadOptions = {}): Promise<IdOffsetIndex> {
  const { size: fileSize } = await stat(path);
  const wide = fileSize >= 2 ** 32;
  // Fixed-size chunks, joined once at the end: doubling a 9 M-entry array would need 3× its size at the copy.
  const idChunks: Int32Array[] = [];
  const offsetChunks: (Uint32Array | Float64Array)[] = [];
  let seen = new Uint8Array(1 << 14);
  let size = 0;
  await forEachIntRecord(
    path,
    { fieldCount: 2, columns: [0] },
    ([id = 0], offset) => {
      if (id < 0 || id > 0x7fffffff) throw new Error(`${what} id ${id} is out of range`);
      const byte = id >>> 3;
      if (byte >= seen.length) seen = grow(seen, byte + 1);
      if ((seen[byte] as number) & (1 << (id & 7))) {
        // A repeated id keeps its first position and takes the later text (dict assignment); rare, so scan.
        for (let i = 0; i < size; i++) {
          if (idChunks[i >>> CHUNK_BITS]?.[i & CHUNK_MASK] === id)
            (offsetChunks[i >>> CHUNK_BITS] as Uint32Array)[i & CHUNK_MASK] = offset;
        }
        return;
      }
      seen[byte] = (seen[byte] as number) | (1 << (id & 7));
      if ((size & CHUNK_MASK) === 0) {
        idChunks.push(new Int32Array(CHUNK_MASK + 1));
        offsetChunks.push(wide ? new Float64Array(CHUNK_MASK + 1) : new Uint32Array(CHUNK_MASK + 1));
      }
      (idChunks[size >>> CHUNK_BITS] as Int32Array)[size & CHUNK_MASK] = id;
      (offsetChunks[size >>> CHUNK_BITS] as Uint32Array)[size & CHUNK_MASK] = offset;
      size += 1;
    },
    `${what} id`,
    options,
  );
  const ids = new Int32Array(size);
  const offsets = wide ? new Float64Array(size) : new Uint32Array(size);
  idChunks.forEach((chunk, k) =>
    ids.set(chunk.subarray(0, Math.min(chunk.length, size - k * chunk.length)), k * chunk.length),
  );
  offsetChunks.forEach((chunk, k) =>
    offsets.set(chunk.subarray(0, Math.min(chunk.length, size - k * chunk.length)), k * chunk.length),
  );
  return { size, ids, offsets };
}

const CHUNK_BITS = 20;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

function grow<T extends Int32Array | Uint32Array | Float64Array | Uint8Array>(array: T, length: number): T {
  const constructor = array.constructor as new (length: number) => T; // same typed-array class
  const next = new constructor(Math.max(length, array.length * 2));
  next.set(array);
  return next;
}
