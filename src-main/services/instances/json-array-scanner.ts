/**
 * Finds the object elements of one JSON array in a file without parsing the file: the top-level array
 * (`per_instance_stats.json`), or the array under a top-level key (`request_states` of HELM's `scenario_state.json`). Reports each element's byte range, so a
 * caller can keep only offsets and read an element again later; memory is one element at a time, whatever the
 * file's size. Works on bytes: every structural character is ASCII, and UTF-8 continuation bytes never equal one.
 */
import { createReadStream } from 'node:fs';
import { AppError } from '../../../src-shared/errors';

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;

const isSpace = (byte: number) => byte === 32 || byte === 10 || byte === 13 || byte === 9;

export interface ArrayElement {
  /** The element's JSON text. */
  readonly text: string;
  /** Byte offset of its first byte in the file, and its length in bytes. */
  readonly offset: number;
  readonly length: number;
}

export interface ScanOptions {
  /** The top-level object's key holding the array; absent = the file is the array. */
  readonly key?: string;
  readonly signal?: AbortSignal;
  /** Read size in bytes (tests use tiny chunks to cross every boundary). */
  readonly chunkSize?: number;
}

/** Calls `onElement` for each element of the array, in order; returns how many there were. */
export async function scanJsonArray(
  path: string,
  onElement: (element: ArrayElement) => void,
  options: ScanOptions = {},
): Promise<number> {
  // Depth of the array's elements: 1 for a top-level array, 2 under a key of the top-level object.
  const elementDepth = options.key === undefined ? 1 : 2;
  const wantedKey = options.key === undefined ? null : JSON.stringify(options.key);
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringStart = -1;
  let lastString = '';
  let lastStringParts: Buffer[] = [];
  let arrayOpen = false;
  let found = false;
  let parts: Buffer[] = [];
  let elementStart = -1;
  let position = 0;
  let count = 0;
  const stream = createReadStream(path, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.chunkSize ? { highWaterMark: options.chunkSize } : {}),
  });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = elementStart >= 0 ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) {
          inString = false;
          // Keys of the top-level object are remembered to spot the wanted one (they are short).
          if (depth === 1 && wantedKey !== null && !arrayOpen) {
            lastStringParts.push(chunk.subarray(stringStart, i + 1));
            lastString = Buffer.concat(lastStringParts).toString('utf8');
            lastStringParts = [];
          }
          stringStart = -1;
        }
        continue;
      }
      if (
        arrayOpen &&
        depth === elementDepth &&
        byte !== OPEN_BRACE &&
        byte !== CLOSE_BRACKET &&
        byte !== COMMA &&
        !isSpace(byte)
      )
        throw new AppError({
          code: 'instances.bad-file',
          message: `${path}: an element of the list is not an object.`,
        });
      if (byte === QUOTE) {
        inString = true;
        if (depth === 1 && wantedKey !== null && !arrayOpen) stringStart = i;
        continue;
      }
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (depth === elementDepth - 1 && byte === OPEN_BRACKET && !found) {
          if (wantedKey === null || lastString === wantedKey) {
            arrayOpen = true;
            found = true;
          }
        } else if (arrayOpen && depth === elementDepth && byte === OPEN_BRACE) {
          elementStart = position + i;
          start = i;
        }
        depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
        if (arrayOpen && depth === elementDepth && start >= 0) {
          parts.push(chunk.subarray(start, i + 1));
          const text = Buffer.concat(parts).toString('utf8');
          onElement({ text, offset: elementStart, length: position + i + 1 - elementStart });
          parts = [];
          start = -1;
          elementStart = -1;
          count++;
        } else if (arrayOpen && depth === elementDepth - 1) arrayOpen = false;
      }
    }
    if (start >= 0) parts.push(chunk.subarray(start));
    if (inString && stringStart >= 0) {
      lastStringParts.push(chunk.subarray(stringStart));
      stringStart = 0;
    }
    position += chunk.length;
  }
  if (!found)
    throw new AppError({
      code: 'instances.bad-file',
      message: `${path} has no ${options.key === undefined ? 'top-level list' : `"${options.key}" list`}.`,
    });
  if (depth !== 0 || inString) throw new AppError({ code: 'instances.bad-file', message: `${path} is truncated.` });
  return count;
}
