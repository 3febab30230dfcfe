/**
 * Streaming reader for MS MARCO's tab-separated files with the semantics HELM gets from Python's
 * `csv.reader(f, delimiter="\t")` over a text-mode file: `"` opens a quoted field only at the start of a field,
 * `""` inside one is a literal quote, text after a closing quote is kept (non-strict mode), a quoted field may
 * run over several lines, and `\r\n` reads as `\n`. Works on bytes (every special character is ASCII), decodes
 * only the fields asked for, and reports each record's byte offset so a caller can come back for one record
 * (the 3 GB passage collection). A gzip file (magic 1f 8b) is decompressed on the fly; offsets are then -1.
 */
import { createReadStream, closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

const TAB = 0x09;
const NEWLINE = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;

/** One record: its fields (decoded up to `maxDecodedFields`) and where it starts in the file. */
export interface TsvRecord {
  readonly fields: readonly string[];
  /** Number of fields in the record, decoded or not. */
  readonly fieldCount: number;
  /** Byte offset of the record's first line, or -1 for a gzipped file. */
  readonly offset: number;
}

export interface TsvReadOptions {
  readonly signal?: AbortSignal;
  /** Called about every 64 MB with the bytes read so far and the file size. */
  readonly onProgress?: (bytes: number, totalBytes: number) => void;
  /** HELM's TREC qrels: every space was first replaced by a tab. */
  readonly spaceIsDelimiter?: boolean;
  /** Decode only the first N fields (the rest are counted). */
  readonly maxDecodedFields?: number;
}

/**
 * Splits one record (one or more lines joined with `\n`, without the final newline) into field byte ranges.
 * Returns null when a quoted field is still open at the end (the record continues on the next line).
 */
export function splitTsvRecord(bytes: Buffer, spaceIsDelimiter = false): Buffer[] | null {
  const isDelimiter = (b: number): boolean => b === TAB || (spaceIsDelimiter && b === SPACE);
  if (bytes.indexOf(QUOTE) < 0) {
    const fields: Buffer[] = [];
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (isDelimiter(bytes[i] as number)) {
        fields.push(bytes.subarray(start, i));
        start = i + 1;
      }
    }
    fields.push(bytes.subarray(start));
    return fields;
  }
  // Python _csv.c states: start of field, in field, in quoted field, quote inside quoted field.
  const fields: Buffer[] = [];
  let field: number[] = [];
  let state: 'start' | 'field' | 'quoted' | 'quote' = 'start';
  for (const b of bytes) {
    if (state === 'start') {
      if (b === QUOTE) state = 'quoted';
      else if (isDelimiter(b)) fields.push(Buffer.alloc(0));
      else {
        field.push(b);
        state = 'field';
      }
    } else if (state === 'field') {
      if (isDelimiter(b)) {
        fields.push(Buffer.from(field));
        field = [];
        state = 'start';
      } else field.push(b);
    } else if (state === 'quoted') {
      if (b === QUOTE) state = 'quote';
      else field.push(b);
    } else if (b === QUOTE) {
      field.push(b);
      state = 'quoted';
    } else if (isDelimiter(b)) {
      fields.push(Buffer.from(field));
      field = [];
      state = 'start';
    } else {
      field.push(b);
      state = 'field';
    }
  }
  if (state === 'quoted') return null;
  fields.push(Buffer.from(field));
  return fields;
}

function toRecord(fields: Buffer[], offset: number, maxDecodedFields: number): TsvRecord {
  return {
    fields: fields.slice(0, maxDecodedFields).map((field) => field.toString('utf8')),
    fieldCount: fields.length,
    offset,
  };
}

/** Calls `onLine` for every line (without `\n` and a trailing `\r`) with its byte offset; handles gzip and progress. */
async function scanLines(
  path: string,
  onLine: (buffer: Buffer, start: number, end: number, offset: number) => void,
  options: TsvReadOptions,
): Promise<boolean> {
  const handle = await open(path, 'r');
  const magic = Buffer.alloc(2);
  const { size } = await handle.stat();
  await handle.read(magic, 0, 2, 0);
  await handle.close();
  const gzipped = magic[0] === 0x1f && magic[1] === 0x8b;
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = gzipped ? input.pipe(createGunzip()) : input;
  let carry = Buffer.alloc(0);
  let carryOffset = 0;
  let nextReport = 1 << 26;
  const emit = (buffer: Buffer, start: number, end: number, offset: number): void => {
    onLine(buffer, start, end > start && buffer[end - 1] === CR ? end - 1 : end, gzipped ? -1 : offset);
  };
  for await (const chunk of stream) {
    options.signal?.throwIfAborted();
    // Node streams yield Buffers when no encoding is set.
    const data = chunk as Buffer;
    const buffer = carry.length > 0 ? Buffer.concat([carry, data]) : data;
    let position = 0;
    for (let newline = buffer.indexOf(NEWLINE, position); newline >= 0; newline = buffer.indexOf(NEWLINE, position)) {
      emit(buffer, position, newline, carryOffset + position);
      position = newline + 1;
    }
    carry = Buffer.from(buffer.subarray(position));
    carryOffset += position;
    if (!gzipped && carryOffset >= nextReport) {
      options.onProgress?.(carryOffset, size);
      nextReport += 1 << 26;
    }
  }
  if (carry.length > 0) emit(carry, 0, carry.length, carryOffset);
  options.onProgress?.(size, size);
  return gzipped;
}

/** Joins lines into records (a quoted field may span lines); returns the fields, or null while a record is open. */
function recordAssembler(spaceIsDelimiter: boolean): {
  add(line: Buffer, offset: number): { fields: Buffer[]; offset: number } | null;
  isOpen(): boolean;
  finish(): void;
} {
  let pending: Buffer | null = null;
  let pendingOffset = 0;
  return {
    add(line, offset) {
      const joined: Buffer = pending === null ? line : Buffer.concat([pending, Buffer.from([NEWLINE]), line]);
      const start = pending === null ? offset : pendingOffset;
      const fields = splitTsvRecord(joined, spaceIsDelimiter);
      if (fields === null) {
        pending = joined;
        pendingOffset = start;
        return null;
      }
      pending = null;
      // Python's csv yields [] for a blank line, which HELM's loops never meet; we skip it.
      return joined.length === 0 ? null : { fields, offset: start };
    },
    isOpen() {
      return pending !== null;
    },
    finish() {
      if (pending !== null) throw new Error(`a quoted field opened at byte ${String(pendingOffset)} never closes`);
    },
  };
}

/** Streams every record of a TSV file, in order (blank lines are skipped). */
export async function forEachTsvRecord(
  path: string,
  onRecord: (record: TsvRecord) => void,
  options: TsvReadOptions = {},
): Promise<void> {
  const maxDecoded = options.maxDecodedFields ?? Number.POSITIVE_INFINITY;
  const assembler = recordAssembler(options.spaceIsDelimiter ?? false);
  await scanLines(
    path,
    (buffer, start, end, offset) => {
      const record = assembler.add(buffer.subarray(start, end), offset);
      if (record !== null) onRecord(toRecord(record.fields, record.offset, maxDecoded));
    },
    options,
  );
  assembler.finish();
}

/** Which columns of a numeric TSV to read as Python ints. */
export interface IntColumns {
  /** Fields every row must have (HELM unpacks rows into this many names). */
  readonly fieldCount: number;
  /** Indices of the columns to return as ints, ascending. */
  readonly columns: readonly number[];
}

/**
 * Streams rows whose `columns` are ints (ids, ranks, relevances): plain digit fields are parsed straight from the
 * bytes; any other row (quotes, signs, spaces, multi-line) goes through the full csv rules and Python `int()`.
 * Each row's values arrive in a reused array, with the row's byte offset.
 */
export async function forEachIntRecord(
  path: string,
  layout: IntColumns,
  onRow: (values: readonly number[], offset: number) => void,
  what: string,
  options: TsvReadOptions = {},
): Promise<void> {
  const assembler = recordAssembler(options.spaceIsDelimiter ?? false);
  const values = new Array<number>(layout.columns.length).fill(0);
  const slow = (line: Buffer, offset: number): void => {
    const record = assembler.add(line, offset);
    if (record === null) return;
    if (record.fields.length !== layout.fieldCount)
      throw new Error(`${what}: a row has ${record.fields.length} fields, expected ${layout.fieldCount}`);
    layout.columns.forEach(
      (column, i) => (values[i] = pythonInt((record.fields[column] as Buffer).toString('utf8'), what)),
    );
    onRow(values, record.offset);
  };
  let open = false;
  await scanLines(
    path,
    (buffer, start, end, offset) => {
      if (open || options.spaceIsDelimiter || !fastRow(buffer, start, end, layout, values)) {
        slow(buffer.subarray(start, end), offset);
        open = assembler.isOpen();
        return;
      }
      onRow(values, offset);
    },
    options,
  );
  assembler.finish();
}

/** Parses a plain row (digits in int columns, no field opening with a quote) into `values`; false otherwise. */
function fastRow(buffer: Buffer, start: number, end: number, layout: IntColumns, values: number[]): boolean {
  if (start === end) return false;
  let position = start;
  let next = 0;
  for (let field = 0; field < layout.fieldCount; field++) {
    if (position > end) return false;
    const isLast = field === layout.fieldCount - 1;
    if (layout.columns[next] === field) {
      let value = 0;
      let digits = 0;
      for (; position < end && buffer[position] !== TAB; position++) {
        const digit = (buffer[position] as number) - 48;
        if (digit < 0 || digit > 9) return false;
        value = value * 10 + digit;
        digits++;
      }
      if (digits === 0 || digits > 15) return false;
      values[next++] = value;
    } else {
      if (position < end && buffer[position] === QUOTE) return false;
      if (isLast) {
        if (buffer.subarray(position, end).indexOf(TAB) >= 0) return false;
        position = end;
      } else {
        const tab = buffer.subarray(position, end).indexOf(TAB);
        if (tab < 0) return false;
        position += tab;
      }
    }
    if (isLast) return position === end && next === layout.columns.length;
    if (buffer[position] !== TAB) return false;
    position++;
  }
  return false;
}

/** Reads the record that starts at `offset` (from {@link forEachTsvRecord}) with all fields decoded. */
export function readTsvRecordAt(path: string, offset: number, spaceIsDelimiter = false): readonly string[] {
  const fd = openSync(path, 'r');
  try {
    return readTsvRecordAtFd(fd, offset, spaceIsDelimiter);
  } finally {
    closeSync(fd);
  }
}

const READ_CHUNK = Buffer.alloc(1 << 16);

/** {@link readTsvRecordAt} on an open file descriptor (for many reads from one file). */
export function readTsvRecordAtFd(fd: number, offset: number, spaceIsDelimiter = false): readonly string[] {
  let parts: Buffer[] = [];
  let record: Buffer | null = null;
  let position = offset;
  const finishLine = (): readonly string[] | null => {
    let line = Buffer.concat(parts);
    parts = [];
    if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, -1);
    record = record === null ? line : Buffer.concat([record, Buffer.from([NEWLINE]), line]);
    const fields = splitTsvRecord(record, spaceIsDelimiter);
    return fields === null ? null : fields.map((field) => field.toString('utf8'));
  };
  for (;;) {
    const n = readSync(fd, READ_CHUNK, 0, READ_CHUNK.length, position);
    if (n === 0) break;
    const newline = READ_CHUNK.subarray(0, n).indexOf(NEWLINE);
    if (newline < 0) {
      parts.push(Buffer.from(READ_CHUNK.subarray(0, n)));
      position += n;
      continue;
    }
    parts.push(Buffer.from(READ_CHUNK.subarray(0, newline)));
    position += newline + 1;
    const fields = finishLine();
    if (fields !== null) return fields;
  }
  const fields = finishLine();
  if (fields === null) throw new Error(`a quoted field at byte ${String(offset)} never closes`);
  return fields;
}

/** Python `int(text)`: optional sign and surrounding whitespace; anything else is an error. */
export function pythonInt(text: string, what: string): number {
  if (!/^\s*[+-]?\d+(?:_\d+)*\s*$/.test(text)) throw new Error(`${what} '${text.slice(0, 40)}' is not an integer`);
  return Number(text.replace(/_/g, '').trim());
}
