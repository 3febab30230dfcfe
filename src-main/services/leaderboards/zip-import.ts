/**
 * Imports the runs of a zip archive on every core: this thread reads the archive (./zip-entries.ts: the central
 * directory, then the wanted entries through one moving window) and hands batches of entries to worker threads
 * (./import-worker.ts), one per core, which inflate and parse them. This thread only reads, hands out and collects:
 * parsing here too would leave a worker idle whenever this thread is busy with a batch (worker replies wait for
 * it), and its garbage would land in the heap that holds the collected runs. Results are handed to the collector in
 * archive order, so the index is the same as an in-thread import's, and only a few batches are ever in memory.
 * Without a built worker (running from the TypeScript sources), everything runs on this thread.
 */
import { AppError } from '../../../src-shared/errors';
import { processBatch } from './import-batch';
import type { BatchContext, EntryResult } from './import-batch';
import type { ImportBudget } from './import-budget';
import { startImportPool } from './import-pool';
import type { ImportPool, ImportWorkers } from './import-pool';
import type { RunCollector } from './run-collector';
import { cancelled } from './archive-errors';
import { zipRunBatches } from './zip-entries';
import type { ZipBatch } from './zip-entries';

export interface ZipImportOptions {
  readonly project: string;
  readonly budget: ImportBudget;
  readonly source: string;
  readonly signal?: AbortSignal | undefined;
  /** Worker threads to start for this import (default {@link defaultImportWorkers}) … */
  readonly workers?: ImportWorkers;
  /** … or running ones to use (the caller closes them); null: none, parse on this thread. */
  readonly pool?: ImportPool | null;
  /** Called after each batch, with the runs finished so far. */
  readonly onProgress?: (runsRead: number) => void;
  /** Called once the archive's directory is read, with the runs it holds (before any is read). */
  readonly onRunsTotal?: (runs: number) => void;
}

/** Reads every run file of the archive at `path` into `collector`, in archive order. */
export async function importZipRuns(path: string, collector: RunCollector, options: ZipImportOptions): Promise<void> {
  const context: BatchContext = {
    schema: collector.schema,
    budget: options.budget,
    source: options.source,
    archive: path,
  };
  const workerContext = { project: options.project, budget: options.budget, source: options.source, archive: path };
  const owned = options.pool === undefined ? startImportPool(options.workers) : null;
  const pool = options.pool ?? owned;
  const inFlight: { batch: Pick<ZipBatch, 'entries'>; results: Promise<EntryResult[]>; settled: boolean }[] = [];
  // Batches handed out before this thread waits for the oldest (each is about 32 KB compressed): enough that no
  // worker runs dry while an earlier batch of another is still being parsed.
  const waitAfter = pool ? pool.size * 2 + 8 : 0;
  const deliver = async () => {
    const head = inFlight.shift();
    if (!head) return;
    const results = await head.results;
    if (options.signal?.aborted) throw cancelled();
    head.batch.entries.forEach((entry, index) => {
      const result = results[index];
      if (!result) throw new Error(`import worker: no result for ${entry.name}`);
      if (result.kind === 'corrupt') throw AppError.fromData(result.error);
      collector.addParsed(entry.directory, entry.kind, result);
    });
    options.onProgress?.(collector.runsRead);
  };
  try {
    for await (const batch of zipRunBatches(path, {
      signal: options.signal,
      budget: options.budget,
      ...(options.onRunsTotal ? { onRuns: options.onRunsTotal } : {}),
    })) {
      // The least busy worker gets the batch. The entries stay here for delivery; the bytes are transferred, not
      // copied.
      const entries = { entries: batch.entries };
      const results = pool ? pool.run(batch, workerContext) : processBatch(batch, context);
      const item = { batch: entries, results, settled: false };
      // Awaited in order by deliver(); never unhandled meanwhile.
      results.then(
        () => (item.settled = true),
        () => (item.settled = true),
      );
      inFlight.push(item);
      while (inFlight[0] && (inFlight[0].settled || inFlight.length > waitAfter)) await deliver();
      if (options.signal?.aborted) throw cancelled();
    }
    while (inFlight.length > 0) await deliver();
  } finally {
    await owned?.close();
  }
}
