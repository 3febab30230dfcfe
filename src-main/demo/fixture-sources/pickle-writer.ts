/**
 * A small Python pickle writer (protocol 2, the opcodes CPython's `pickle.dumps(obj, protocol=2)` uses for
 * plain data: PROTO, EMPTY_DICT/EMPTY_LIST, then per batch of 1000 MARK … SETITEMS/APPENDS, or SETITEM/APPEND
 * for a batch of one (`_batch_setitems` / `_batch_appends`), BININT*, BINUNICODE, NONE, NEWTRUE/NEWFALSE,
 * BINFLOAT, STOP). No memo: CPython adds BINPUT/BINGET opcodes, which a reader does not need.
 */

/** What the writer accepts: JSON-like plain data. */
export type PickleValue =
  null | boolean | number | string | readonly PickleValue[] | { readonly [key: string]: PickleValue };

const BATCH = 1000; // pickle._BATCHSIZE

export function pickleDumps(value: PickleValue): Buffer {
  const parts: Buffer[] = [Buffer.from([0x80, 2])];
  write(value, parts);
  parts.push(Buffer.from('.'));
  return Buffer.concat(parts);
}

function write(value: PickleValue, out: Buffer[]): void {
  if (value === null) out.push(Buffer.from('N'));
  else if (value === true) out.push(Buffer.from([0x88]));
  else if (value === false) out.push(Buffer.from([0x89]));
  else if (typeof value === 'number') out.push(number(value));
  else if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    const header = Buffer.alloc(5);
    header.write('X', 0, 'latin1');
    header.writeUInt32LE(bytes.length, 1);
    out.push(header, bytes);
  } else if (Array.isArray(value)) {
    out.push(Buffer.from(']'));
    batches(value as readonly PickleValue[], out, (item) => write(item, out), 'e', 'a');
  } else {
    out.push(Buffer.from('}'));
    // Checked above: not null, not a primitive, not an array.
    const entries = Object.entries(value as { readonly [key: string]: PickleValue });
    batches(
      entries,
      out,
      ([key, item]) => {
        write(key, out);
        write(item, out);
      },
      'u',
      's',
    );
  }
}

function batches<T>(items: readonly T[], out: Buffer[], emit: (item: T) => void, many: string, one: string): void {
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items.slice(start, start + BATCH);
    if (batch.length > 1) out.push(Buffer.from('('));
    for (const item of batch) emit(item);
    out.push(Buffer.from(batch.length > 1 ? many : one));
  }
}

function number(value: number): Buffer {
  if (Number.isInteger(value) && value >= 0 && value < 256) return Buffer.from([0x4b, value]); // BININT1
  if (Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31) {
    const buffer = Buffer.alloc(5);
    buffer.write('J', 0, 'latin1'); // BININT
    buffer.writeInt32LE(value, 1);
    return buffer;
  }
  const buffer = Buffer.alloc(9);
  buffer.write('G', 0, 'latin1'); // BINFLOAT, big-endian
  buffer.writeDoubleBE(value, 1);
  return buffer;
}
