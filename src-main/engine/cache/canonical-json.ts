/**
 * Canonical JSON: object keys sorted, undefined fields dropped, arrays in order. Two requests that mean the
 * same thing serialize to the same text, so their hash is the request cache key. The text must never change
 * (existing caches are keyed by it); `canonical-json.test.ts` pins it. Written with plain loops and string
 * appends: it runs for every request of a job, and the entries/filter/map version cost several times more.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      // A hole stays empty, as `map(...).join(',')` left it (requests never have holes; the text is pinned).
      if (!(i in value)) continue;
      const item: unknown = value[i];
      text += item === undefined ? 'null' : canonicalJson(item);
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>; // boundary: any non-array object is read as a record
  // The default sort compares UTF-16 code units, as `a < b` on strings does.
  const keys = Object.keys(record).sort();
  let text = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${text}}`;
}

/** sha256 (hex) of the canonical JSON of `value`. */
export function canonicalHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
