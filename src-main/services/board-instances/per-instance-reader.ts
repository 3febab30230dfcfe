/**
 * Streams a `per_instance_stats.json` from disk: a Classic run's file holds one entry per (instance, perturbation,
 * trial) — about 21,000 entries and well over 100 MB for 1,000 instances × 3 trials × 7 perturbations — so it is
 * never parsed whole. The top-level array is split into its elements by a small scanner (depth and string state),
 * each element is parsed on its own (Python's `NaN` / `Infinity` allowed, as HELM writes them), and only the
 * entries that can carry a kept value (trial 0, unperturbed) are validated in full.
 */
import { z } from 'zod';
import type { PerInstanceStats } from '../../../src-shared/helm/request';
import { metricNameSchema, parsePythonJson, validateOrThrow } from '../../../src-shared/helm/validate';
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import { scanJsonArray } from '../instances/json-array-scanner';
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

/**
 * Calls `onElement` with the text of each element of the file's top-level JSON array, in order (the scanner in
 * ../instances/json-array-scanner.ts; a non-array file, a non-object element or a truncated file is `instances.bad-file`).
 */
export function forEachArrayElement(
  path: string,
  onElement: (text: string) => void,
  options: ReadOptions = {},
): Promise<number> {
  return scanJsonArray(path, (element) => onElement(element.text), {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
  });
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
