/**
 * A minimal Python pickle reader (protocols 0–5) for data files made of plain containers: dicts, lists,
 * tuples, sets, strings, bytes, numbers, booleans and None, plus `collections.OrderedDict`. It is what HELM's
 * summarization sources (`cnndm.pk`, `xsum-sampled.pk`: a dict of split → list of example dicts) need.
 * Anything that would run code (other globals, REDUCE/BUILD/NEWOBJ on them, persistent ids, out-of-band
 * buffers) is refused with an error naming the opcode. Follows the opcode semantics of CPython's
 * `Lib/pickle.py` `_Unpickler` (MARK pushes the stack onto a metastack).
 *
 * {@link streamPickleSplits} reads a `{split: [item, …]}` pickle with bounded memory: each item of a
 * top-level list goes to a callback and is dropped, with the memo entries made while reading it.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK = 1 << 20;

/** Bytes from a file or a buffer, read forward in chunks. */
class ByteReader {
  private buffer: Buffer;
  private position = 0;
  private readonly fd: number | null;

  constructor(source: Buffer | string) {
    if (typeof source === 'string') {
      this.fd = openSync(source, 'r');
      this.buffer = Buffer.alloc(0);
    } else {
      this.fd = null;
      this.buffer = source;
    }
  }

  read(length: number): Buffer {
    if (this.position + length > this.buffer.length) this.fill(length);
    const out = this.buffer.subarray(this.position, this.position + length);
    this.position += length;
    return out;
  }

  byte(): number {
    return this.read(1)[0] as number;
  }

  /** A `\n`-terminated line without the newline (protocol 0 arguments). */
  line(): string {
    const bytes: number[] = [];
    for (let b = this.byte(); b !== 0x0a; b = this.byte()) bytes.push(b);
    return Buffer.from(bytes).toString('latin1');
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
  }

  private fill(length: number): void {
    const rest = this.buffer.subarray(this.position);
    if (this.fd === null) throw new Error('pickle data ends early');
    const next = Buffer.alloc(Math.max(CHUNK, length) + rest.length);
    rest.copy(next);
    let filled = rest.length;
    while (filled < length) {
      const n = readSync(this.fd, next, filled, next.length - filled, null);
      if (n === 0) throw new Error('pickle data ends early');
      filled += n;
    }
    this.buffer = next.subarray(0, filled);
    this.position = 0;
  }
}

const MARKER_GLOBAL = Symbol('global');
interface PickleGlobal {
  readonly [MARKER_GLOBAL]: true;
  readonly module: string;
  readonly name: string;
}
const DROPPED = Symbol('dropped');

type Dict = Record<string, unknown>;
type SinkCheck = (stack: readonly unknown[], metastack: readonly unknown[][], list: unknown[]) => string | null;

function isGlobal(value: unknown): value is PickleGlobal {
  return typeof value === 'object' && value !== null && MARKER_GLOBAL in value;
}

function dictKey(key: unknown): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'bigint' || typeof key === 'boolean' || key === null)
    return String(key);
  throw new Error('unsupported dict key type');
}

function decodeLong(bytes: Buffer): number {
  if (bytes.length === 0) return 0;
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] as number);
  if (((bytes[bytes.length - 1] as number) & 0x80) !== 0) value -= 1n << BigInt(bytes.length * 8);
  return Number(value);
}

/** Runs the pickle machine; `sink` decides which lists stream their items to `onItem` instead of keeping them. */
function run(reader: ByteReader, sink?: { check: SinkCheck; onItem: (key: string, item: unknown) => void }): unknown {
  let stack: unknown[] = [];
  const metastack: unknown[][] = [];
  const memo = new Map<number, unknown>();
  let memoSinceSink: number[] = [];
  const pop = (): unknown => {
    if (stack.length === 0) throw new Error('pickle stack underflow');
    return stack.pop();
  };
  const popMark = (): unknown[] => {
    const items = stack;
    const previous = metastack.pop();
    if (previous === undefined) throw new Error('pickle MARK missing');
    stack = previous;
    return items;
  };
  const put = (index: number): void => {
    memo.set(index, stack[stack.length - 1]);
    memoSinceSink.push(index);
  };
  const get = (index: number): void => {
    const value = memo.get(index);
    if (value === DROPPED) throw new Error('pickle refers back to a streamed item; read it without streaming');
    if (!memo.has(index)) throw new Error(`pickle memo ${index} missing`);
    stack.push(value);
  };
  const appendTo = (list: unknown, items: readonly unknown[]): void => {
    if (!Array.isArray(list)) throw new Error('APPEND to a non-list');
    const key = sink?.check(stack, metastack, list) ?? null;
    if (key === null || sink === undefined) {
      list.push(...items);
      return;
    }
    for (const item of items) sink.onItem(key, item);
    // Drop what reading these items memoized (their dicts and texts) except short strings such as dict keys.
    for (const index of memoSinceSink) {
      const value = memo.get(index);
      if (typeof value !== 'string' || value.length > 64) memo.set(index, DROPPED);
    }
    memoSinceSink = [];
  };
  const setItems = (dict: unknown, items: readonly unknown[]): void => {
    if (typeof dict !== 'object' || dict === null || Array.isArray(dict)) throw new Error('SETITEM on a non-dict');
    const record = dict as Dict; // checked just above: a plain object made by EMPTY_DICT/DICT
    for (let i = 0; i + 1 < items.length; i += 2) record[dictKey(items[i])] = items[i + 1];
  };
  for (;;) {
    const opcode = reader.byte();
    switch (opcode) {
      case 0x80:
        reader.byte();
        break; // PROTO
      case 0x95:
        reader.read(8);
        break; // FRAME: a read-ahead hint only
      case 0x2e:
        return pop(); // STOP
      case 0x28:
        metastack.push(stack);
        stack = [];
        break; // MARK
      case 0x30:
        pop();
        break; // POP
      case 0x31:
        popMark();
        break; // POP_MARK
      case 0x32:
        stack.push(stack[stack.length - 1]);
        break; // DUP
      case 0x4e:
        stack.push(null);
        break; // NONE
      case 0x88:
        stack.push(true);
        break; // NEWTRUE
      case 0x89:
        stack.push(false);
        break; // NEWFALSE
      case 0x4a:
        stack.push(reader.read(4).readInt32LE(0));
        break; // BININT
      case 0x4b:
        stack.push(reader.byte());
        break; // BININT1
      case 0x4d:
        stack.push(reader.read(2).readUInt16LE(0));
        break; // BININT2
      case 0x8a:
        stack.push(decodeLong(reader.read(reader.byte())));
        break; // LONG1
      case 0x8b:
        stack.push(decodeLong(reader.read(reader.read(4).readInt32LE(0))));
        break; // LONG4
      case 0x47:
        stack.push(reader.read(8).readDoubleBE(0));
        break; // BINFLOAT
      case 0x49: {
        const text = reader.line();
        stack.push(text === '01' ? true : text === '00' ? false : Number.parseInt(text, 10));
        break;
      } // INT
      case 0x4c:
        stack.push(Number.parseInt(reader.line().replace(/L$/, ''), 10));
        break; // LONG
      case 0x46:
        stack.push(Number.parseFloat(reader.line()));
        break; // FLOAT
      case 0x8c:
        stack.push(reader.read(reader.byte()).toString('utf8'));
        break; // SHORT_BINUNICODE
      case 0x58:
        stack.push(reader.read(reader.read(4).readUInt32LE(0)).toString('utf8'));
        break; // BINUNICODE
      case 0x8d:
        stack.push(reader.read(Number(reader.read(8).readBigUInt64LE(0))).toString('utf8'));
        break; // BINUNICODE8
      case 0x56:
        stack.push(
          reader
            .line()
            .replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_, u: string | undefined, w: string | undefined) =>
              String.fromCodePoint(Number.parseInt(u ?? w ?? '0', 16)),
            ),
        );
        break; // UNICODE (raw-unicode-escape)
      case 0x55:
        stack.push(reader.read(reader.byte()).toString('latin1'));
        break; // SHORT_BINSTRING (py2 str)
      case 0x54:
        stack.push(reader.read(reader.read(4).readInt32LE(0)).toString('latin1'));
        break; // BINSTRING
      case 0x53: {
        const quoted = reader.line();
        stack.push(quoted.slice(1, -1));
        break;
      } // STRING (repr; escapes kept)
      case 0x43:
        stack.push(Buffer.from(reader.read(reader.byte())));
        break; // SHORT_BINBYTES
      case 0x42:
        stack.push(Buffer.from(reader.read(reader.read(4).readUInt32LE(0))));
        break; // BINBYTES
      case 0x8e:
        stack.push(Buffer.from(reader.read(Number(reader.read(8).readBigUInt64LE(0)))));
        break; // BINBYTES8
      case 0x96:
        stack.push(Buffer.from(reader.read(Number(reader.read(8).readBigUInt64LE(0)))));
        break; // BYTEARRAY8
      case 0x7d:
        stack.push({});
        break; // EMPTY_DICT
      case 0x5d:
        stack.push([]);
        break; // EMPTY_LIST
      case 0x29:
        stack.push([]);
        break; // EMPTY_TUPLE (tuples read as arrays)
      case 0x8f:
        stack.push([]);
        break; // EMPTY_SET (sets read as arrays)
      case 0x64: {
        const items = popMark();
        const dict: Dict = {};
        setItems(dict, items);
        stack.push(dict);
        break;
      } // DICT
      case 0x6c: {
        const items = popMark();
        stack.push(items);
        break;
      } // LIST (popMark swaps `stack` first)
      case 0x74: {
        const items = popMark();
        stack.push(items);
        break;
      } // TUPLE
      case 0x91: {
        const items = popMark();
        stack.push(items);
        break;
      } // FROZENSET
      case 0x85:
        stack.push([pop()]);
        break; // TUPLE1
      case 0x86: {
        const b = pop();
        const a = pop();
        stack.push([a, b]);
        break;
      } // TUPLE2
      case 0x87: {
        const c = pop();
        const b = pop();
        const a = pop();
        stack.push([a, b, c]);
        break;
      } // TUPLE3
      case 0x61: {
        const item = pop();
        appendTo(stack[stack.length - 1], [item]);
        break;
      } // APPEND
      case 0x65: {
        const items = popMark();
        appendTo(stack[stack.length - 1], items);
        break;
      } // APPENDS
      case 0x90: {
        const items = popMark();
        appendTo(stack[stack.length - 1], items);
        break;
      } // ADDITEMS
      case 0x73: {
        const value = pop();
        const key = pop();
        setItems(stack[stack.length - 1], [key, value]);
        break;
      } // SETITEM
      case 0x75: {
        const items = popMark();
        setItems(stack[stack.length - 1], items);
        break;
      } // SETITEMS
      case 0x70:
        memo.set(Number.parseInt(reader.line(), 10), stack[stack.length - 1]);
        break; // PUT
      case 0x71:
        put(reader.byte());
        break; // BINPUT
      case 0x72:
        put(reader.read(4).readUInt32LE(0));
        break; // LONG_BINPUT
      case 0x94:
        put(memo.size);
        break; // MEMOIZE: index len(memo); dropped entries stay as tombstones, so size is dense
      case 0x67:
        get(Number.parseInt(reader.line(), 10));
        break; // GET
      case 0x68:
        get(reader.byte());
        break; // BINGET
      case 0x6a:
        get(reader.read(4).readUInt32LE(0));
        break; // LONG_BINGET
      case 0x63: {
        const module = reader.line();
        const name = reader.line();
        stack.push(makeGlobal(module, name));
        break;
      } // GLOBAL
      case 0x93: {
        const name = pop();
        const module = pop();
        stack.push(makeGlobal(String(module), String(name)));
        break;
      } // STACK_GLOBAL
      case 0x52: {
        const args = pop();
        const callable = pop();
        stack.push(reduce(callable, args));
        break;
      } // REDUCE
      default:
        throw new Error(`unsupported pickle opcode 0x${opcode.toString(16)} (only plain data is read)`);
    }
  }
}

function makeGlobal(module: string, name: string): PickleGlobal {
  if (module === 'collections' && name === 'OrderedDict') return { [MARKER_GLOBAL]: true, module, name };
  throw new Error(`unsupported pickle global ${module}.${name} (only plain data is read)`);
}

function reduce(callable: unknown, args: unknown): unknown {
  if (isGlobal(callable) && callable.name === 'OrderedDict' && Array.isArray(args) && args.length === 0) return {};
  throw new Error('unsupported pickle REDUCE (only plain data is read)');
}

/** Reads a whole pickle of plain data (tuples and sets become arrays, dict keys strings). */
export function readPickle(source: Buffer | string): unknown {
  const reader = new ByteReader(source);
  try {
    return run(reader);
  } finally {
    reader.close();
  }
}

/**
 * Reads a pickled `{key: [item, …], …}` and hands each item of each top-level list to `onItem(key, item)`
 * in file order without keeping it. Other top-level values are returned in the result dict as read.
 */
export function streamPickleSplits(source: Buffer | string, onItem: (key: string, item: unknown) => void): Dict {
  const reader = new ByteReader(source);
  let top: unknown;
  // A top-level split list is appended to while the frame holds [… key, list] right above the top dict: one
  // frame [dict, key, list] when the dict has a single key (SETITEM), or [dict] | [… key, list] (SETITEMS).
  const isDict = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);
  const check: SinkCheck = (stack, metastack, list) => {
    if (stack[stack.length - 1] !== list) return null;
    const key = stack[stack.length - 2];
    if (typeof key !== 'string') return null;
    if (metastack.length === 0) return stack.length === 3 && isDict(stack[0]) ? key : null;
    const bottom = metastack[0];
    if (
      metastack.length === 1 &&
      bottom !== undefined &&
      bottom.length === 1 &&
      isDict(bottom[0]) &&
      stack.length % 2 === 0
    )
      return key;
    return null;
  };
  try {
    top = run(reader, { check, onItem });
  } finally {
    reader.close();
  }
  if (typeof top !== 'object' || top === null || Array.isArray(top)) throw new Error('the pickle is not a dict');
  return top as Dict; // checked just above
}
