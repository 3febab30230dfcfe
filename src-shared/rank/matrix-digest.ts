/**
 * A short digest of a per-instance matrix's contents — its models, item ids and every value — for the calibration
 * cache key (./design-calibration.ts, designKey): a calibration computed on one matrix is never served for another,
 * e.g. after more of the leaderboard's per-instance data was fetched. Two FNV-1a hashes of 32 bits with different
 * offsets; values hashed by their float64 bits (NaN, the "model lacks this item" mark, hashes like any value).
 * Digests are kept per matrix object, so a trade-off table asking for many levels hashes each matrix once.
 */
import type { BoardMatrix } from './paired';

const digests = new WeakMap<BoardMatrix, string>();
const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);

export function matrixDigest(matrix: BoardMatrix): string {
  const known = digests.get(matrix);
  if (known !== undefined) return known;
  const hash = new Hash();
  hash.text(matrix.stratumId);
  hash.word(matrix.models.length);
  for (const model of matrix.models) hash.text(model);
  hash.word(matrix.instanceIds.length);
  for (const id of matrix.instanceIds) hash.text(id);
  for (const row of matrix.values) hash.numbers(row);
  const digest = `${matrix.models.length}x${matrix.instanceIds.length}-${hash.hex()}`;
  digests.set(matrix, digest);
  return digest;
}

/** Two 32-bit FNV-1a lanes (different offsets, the second also shifted in), fed 32-bit words. */
class Hash {
  private a = 0x811c9dc5;
  private b = 0x050c5d1f;

  word(word: number): void {
    this.a = Math.imul(this.a ^ word, 0x01000193);
    this.b = Math.imul(this.b ^ word, 0x01000193) ^ (this.b >>> 15);
  }

  text(value: string): void {
    this.word(value.length);
    for (let index = 0; index < value.length; index += 1) this.word(value.charCodeAt(index));
  }

  /** A row's length, then each value's float64 bits. */
  numbers(row: readonly number[]): void {
    this.word(row.length);
    let a = this.a;
    let b = this.b;
    for (let index = 0; index < row.length; index += 1) {
      float[0] = row[index]!;
      a = Math.imul(a ^ words[0]!, 0x01000193);
      b = Math.imul(b ^ words[0]!, 0x01000193) ^ (b >>> 15);
      a = Math.imul(a ^ words[1]!, 0x01000193);
      b = Math.imul(b ^ words[1]!, 0x01000193) ^ (b >>> 15);
    }
    this.a = a;
    this.b = b;
  }

  hex(): string {
    return hex(this.a >>> 0) + hex(this.b >>> 0);
  }
}

function hex(word: number): string {
  return word.toString(16).padStart(8, '0');
}
