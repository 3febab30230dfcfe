/**
 * JSON as HELM writes its run files: `json.dumps(asdict_without_nones(x), indent=2)`
 * (`src/helm/common/general.py`). `asdict_without_nones` drops None-valued *dataclass fields*; plain dicts
 * inside (finish_reason, top_logprobs, output_mapping, spec args, extra data) keep their None values.
 */

import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** Fields of HELM records that hold plain dicts, copied as they are. */
const PLAIN_DICT_FIELDS = new Set([
  'finish_reason',
  'top_logprobs',
  'output_mapping',
  'args',
  'extra_data',
  'annotations',
  'error_flags',
]);

/** Drops null/undefined fields of records, recursively, except inside plain-dict fields. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === null || item === undefined) continue;
      out[key] = PLAIN_DICT_FIELDS.has(key) ? item : withoutNulls(item);
    }
    return out;
  }
  return value;
}

/** HELM's file text: records without nulls, 2-space indent. */
export function toHelmJson(value: unknown): string {
  return JSON.stringify(withoutNulls(value), null, 2);
}

/**
 * Writes {@link toHelmJson}'s exact text to `path` without building it whole: the top-level object's fields and
 * the items of top-level arrays (and of arrays one level down, like `request_states`) are converted and written
 * one at a time. A run's scenario_state.json at `--examples all` holds tens of thousands of request states; as
 * one string plus its null-free copy it would cost several times the run's own memory.
 */
export async function writeHelmJson(path: string, value: unknown): Promise<void> {
  const handle = await open(path, 'w');
  try {
    const out = new ChunkBuffer(handle);
    for (const chunk of helmJsonChunks(value, 0)) await out.push(chunk);
    await out.flush();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `{ ...head, [field]: items }` exactly as {@link writeHelmJson} would, the items appended one at a time
 * while they come (a run's request states, in order, as its answers are counted): memory holds one buffer, never
 * the items. `field` is written last, as it is the last field of HELM's record (`request_states`).
 */
export class HelmJsonArrayWriter {
  private items = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly out: ChunkBuffer,
  ) {}

  static async open(
    path: string,
    head: Readonly<Record<string, unknown>>,
    field: string,
  ): Promise<HelmJsonArrayWriter> {
    const handle = await open(path, 'w');
    const writer = new HelmJsonArrayWriter(handle, new ChunkBuffer(handle));
    const fields = presentFields(head).filter(([key]) => key !== field);
    writer.out.add('{');
    for (const [index, [key, item]] of fields.entries())
      for (const chunk of fieldChunks(index, key, item, 0)) writer.out.add(chunk);
    writer.out.add(`${fields.length === 0 ? '' : ','}\n  ${JSON.stringify(field)}: `);
    return writer;
  }

  /** Appends one item; resolves once the buffer it went into is written (at once while it is not full). */
  append(item: unknown): Promise<void> {
    this.out.add(`${this.items === 0 ? '[' : ','}\n    `);
    this.items++;
    for (const chunk of helmJsonChunks(item, 2)) this.out.add(chunk);
    return this.out.settled();
  }

  /** Ends the array and the object, writes what is buffered, closes the file. */
  async close(): Promise<void> {
    try {
      this.out.add(this.items === 0 ? '[]' : '\n  ]');
      this.out.add('\n}');
      await this.out.flush();
    } finally {
      await this.handle.close();
    }
  }

  /** Closes the file without finishing it (the caller removes it). */
  async abandon(): Promise<void> {
    await this.out.settled().catch(() => undefined);
    await this.handle.close().catch(() => undefined);
  }
}

/** Text buffered up to 1 MiB, then written; writes are chained, in order; a failed write fails every later one. */
class ChunkBuffer {
  private parts: string[] = [];
  private size = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly handle: FileHandle) {}

  /** Adds text; starts a write when the buffer is full. */
  add(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 1 << 20) this.startFlush();
  }

  /** Adds text and waits for the writes started so far. */
  push(text: string): Promise<void> {
    this.add(text);
    return this.settled();
  }

  /** Settles once the writes started so far are done (rejects when one failed). */
  settled(): Promise<void> {
    return this.chain;
  }

  flush(): Promise<void> {
    this.startFlush();
    return this.chain;
  }

  private startFlush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.chain = this.chain.then(() => writeAll(this.handle, Buffer.from(text)));
  }
}

/** Writes every byte: a write to a nearly full disk may take only part, and the next one then fails (ENOSPC). */
async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    if (bytesWritten <= 0) throw Object.assign(new Error('No space left on device'), { code: 'ENOSPC' });
    offset += bytesWritten;
  }
}

function presentFields(value: object): [string, unknown][] {
  return Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== null && item !== undefined);
}

/** One field of an object at nesting `depth`: its separator, key and value. */
function* fieldChunks(index: number, key: string, item: unknown, depth: number): Generator<string> {
  yield `${index === 0 ? '' : ','}\n${pad(depth + 1)}${JSON.stringify(key)}: `;
  if (PLAIN_DICT_FIELDS.has(key)) yield reindent(JSON.stringify(item, null, 2), pad(depth + 1));
  else yield* helmJsonChunks(item, depth + 1);
}

function pad(level: number): string {
  return '  '.repeat(level);
}

/** The pieces of `JSON.stringify(withoutNulls(value), null, 2)` at nesting `depth`, streaming up to two levels. */
function* helmJsonChunks(value: unknown, depth: number): Generator<string> {
  if (depth > 1 || value === null || typeof value !== 'object') {
    // As JSON.stringify writes an undefined array item.
    yield reindent(toHelmJson(value) ?? 'null', pad(depth));
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return void (yield '[]');
    yield '[';
    for (const [index, item] of value.entries()) {
      yield `${index === 0 ? '' : ','}\n${pad(depth + 1)}`;
      yield* helmJsonChunks(item, depth + 1);
    }
    yield `\n${pad(depth)}]`;
    return;
  }
  const fields = presentFields(value);
  if (fields.length === 0) return void (yield '{}');
  yield '{';
  for (const [index, [key, item]] of fields.entries()) yield* fieldChunks(index, key, item, depth);
  yield `\n${pad(depth)}}`;
}

/** JSON text nested deeper: every line after the first gets `pad` (JSON strings never hold a raw line feed). */
function reindent(text: string, pad: string): string {
  return pad ? text.replace(/\n/g, `\n${pad}`) : text;
}
