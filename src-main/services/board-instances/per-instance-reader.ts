/**
 * Streams a `per_instance_stats.json` from disk: a Classic run's file holds one entry per (instance, perturbation,
 * trial) — about 21,000 entries and well over 100 MB for 1,000 instances × 3 trials × 7 perturbations — so it is
 * never parsed whole. The top-level array is split into its elements by a small scanner (depth and string state),
 * each element is parsed on its own (Python's `NaN` / `Infinity` allowed, as HELM writes them), and only the
 * entries that can carry a kept value (trial 0, unperturbed) are validated in full.
 */
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import type { PerInstanceStats } from '../../../src-shared/helm/request';
import { metricNameSchema, parsePythonJson, validateOrThrow } from '../../../src-shared/helm/validate';
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import { MainMetricCollector, isKeptEntry } from './main-metric';
import type { MainMetricValues } from './main-metric';

const headSchema = z.looseObject({
  instance_id: z.string(),
  train_trial_index: z.number().int().nonnegative(),
  perturbation: z.unknown().optional(),
});
// Lenient on `sum`: an undefined stat (Python NaN, read as null) in one metric must not drop a whole run; the
// collector skips non-finite sums. Everything the collector reads is still checked.
const keptStatSchema = z.looseObject({ name: metricNameSchema, count: z.number(), sum: z.number().nullable() });
const entrySchema = z.looseObject({
  instance_id: z.string(),
  train_trial_index: z.number().int().nonnegative(),
  perturbation: z.unknown().optional(),
  stats: z.array(keptStatSchema),
});

/** Options of the streaming readers. */
export interface ReadOptions {
  readonly signal?: AbortSignal | undefined;
  /** Read size in bytes (default 64 KiB); tests use tiny chunks to cross every boundary. */
  readonly chunkSize?: number;
}

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;

/**
 * Calls `onElement` with the text of each element of the file's top-level JSON array, in order. Works on bytes
 * (every structural character is ASCII, and UTF-8 continuation bytes never equal one), so chunk boundaries inside
 * multi-byte characters are harmless.
 */
export async function forEachArrayElement(
  path: string,
  onElement: (text: string) => void,
  options: ReadOptions = {},
): Promise<number> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let ended = false;
  let parts: Buffer[] = [];
  let count = 0;
  const fail = (message: string) =>
    new AppError({ code: 'instances.bad-file', message: `${path} is not a list of per-instance entries: ${message}.` });
  const stream = createReadStream(path, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.chunkSize ? { highWaterMark: options.chunkSize } : {}),
  });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = depth >= 2 ? 0 : -1; // where the current element starts in this chunk (-1: none yet)
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
        continue;
      }
      if (byte === 32 || byte === 10 || byte === 13 || byte === 9) continue;
      if (ended) throw fail('text after the closing bracket');
      if (depth === 0) {
        if (byte !== OPEN_BRACKET) throw fail('it does not start with [');
        depth = 1;
        continue;
      }
      if (depth === 1) {
        if (byte === COMMA) continue;
        if (byte === CLOSE_BRACKET) {
          depth = 0;
          ended = true;
          continue;
        }
        if (byte !== OPEN_BRACE) throw fail('an element is not an object');
        start = i;
        depth = 2;
        continue;
      }
      if (byte === QUOTE) inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
        if (depth === 1) {
          parts.push(chunk.subarray(start, i + 1));
          onElement(Buffer.concat(parts).toString('utf8'));
          parts = [];
          start = -1;
          count++;
        }
      }
    }
    if (depth >= 2 && start >= 0) parts.push(chunk.subarray(start));
  }
  if (!ended) throw fail(depth === 0 ? 'the file is empty' : 'the file is truncated');
  return count;
}

/** The main-metric values of one run's `per_instance_stats.json`, streamed from `path`. */
export async function readMainMetricFile(
  path: string,
  column: Pick<ColumnSpec, 'metric' | 'split'>,
  options: ReadOptions = {},
): Promise<MainMetricValues> {
  const collector = new MainMetricCollector(column);
  await forEachArrayElement(
    path,
    (text) => {
      const value = parsePythonJson(text);
      const head = validateOrThrow(headSchema, value, path);
      if (!isKeptEntry(head as Pick<PerInstanceStats, 'perturbation' | 'train_trial_index'>)) return; // cast: perturbation is only tested for presence
      collector.add(validateOrThrow(entrySchema, value, path) as unknown as PerInstanceStats); // cast at the boundary: validated above (a null sum is skipped by the collector)
    },
    options,
  );
  return collector.result();
}
