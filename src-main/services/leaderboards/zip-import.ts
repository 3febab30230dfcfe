/**
 * Imports the runs of a zip archive on every core: this thread reads the archive (./zip-entries.ts: the central
 * directory, then the wanted entries through one moving window) and hands batches of entries to worker threads
 * (./import-worker.ts), which inflate and parse them; when every worker has two batches queued, this thread parses
 * the next batch itself, so on N cores N − 1 workers keep N cores busy. Results are handed to the collector in
 * archive order, so the index is the same as an in-thread import's, and only a few batches are ever in memory.
 * Without a built worker (running from the TypeScript sources) or on one core, everything runs on this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../src-shared/errors';
import { entryFile } from '../../engine/app-files';
import { processBatch } from './import-batch';
import type { BatchContext, EntryResult } from './import-batch';
import type { ImportBudget } from './import-budget';
import type { RunCollector } from './run-collector';
import { cancelled } from './archive-errors';
import { zipRunBatches } from './zip-entries';
import type { ZipBatch } from './zip-entries';

export interface ImportWorkerData {
  readonly project: string;
  readonly budget: ImportBudget;
  readonly source: string;
  readonly archive: string;
}

export interface WorkerRequest {
  readonly id: number;
  readonly batch: ZipBatch;
}

export interface WorkerReply {
  readonly id: number;
  readonly results: EntryResult[];
}

/** How many worker threads an import starts (besides the importing thread), and which entry file they run. */
export interface ImportWorkers {
  readonly count: number;
  readonly entry: string;
}

/** One worker per core but one (up to 3), or none when the worker is not built (running from the sources). */
export function defaultImportWorkers(): ImportWorkers {
  const entry = entryFile('import-worker', 'services/leaderboards/import-worker.ts');
  return { entry, count: entry.endsWith('.ts') ? 0 : Math.min(3, availableParallelism() - 1) };
}

export interface ZipImportOptions {
  readonly project: string;
  readonly budget: ImportBudget;
  readonly source: string;
  readonly signal?: AbortSignal | undefined;
  readonly workers?: ImportWorkers;
  /** Called after each batch, with the runs finished so far. */
  readonly onProgress?: (runsRead: number) => void;
}

/** Reads every run file of the archive at `path` into `collector`, in archive order. */
export async function importZipRuns(path: string, collector: RunCollector, options: ZipImportOptions): Promise<void> {
  const workers = options.workers ?? defaultImportWorkers();
  const context: BatchContext = {
    schema: collector.schema,
    budget: options.budget,
    source: options.source,
    archive: path,
  };
  const pool =
    workers.count > 0
      ? new ImportPool(workers, {
          project: options.project,
          budget: options.budget,
          source: options.source,
          archive: path,
        })
      : null;
  const inFlight: { batch: Pick<ZipBatch, 'entries'>; results: Promise<EntryResult[]> }[] = [];
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
    for await (const batch of zipRunBatches(path, { signal: options.signal, budget: options.budget })) {
      // A worker gets the batch while it has fewer than two queued; otherwise this thread parses it. The entries
      // stay here for delivery; the bytes are transferred, not copied.
      const entries = { entries: batch.entries };
      const results = pool && pool.idlest() < 2 ? pool.run(batch) : processBatch(batch, context);
      results.catch(() => undefined); // awaited in order by deliver(); never unhandled meanwhile
      inFlight.push({ batch: entries, results });
      while (inFlight.length > (pool ? pool.size * 2 : 0)) await deliver();
      if (options.signal?.aborted) throw cancelled();
    }
    while (inFlight.length > 0) await deliver();
  } finally {
    await pool?.close();
  }
}

/** A fixed set of import workers; each batch goes to the least busy one. */
class ImportPool {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly waiting = new Map<
    number,
    { resolve: (results: EntryResult[]) => void; reject: (error: unknown) => void }
  >();
  private nextId = 0;
  private failure: unknown = null;
  private closing = false;

  constructor(workers: ImportWorkers, data: ImportWorkerData) {
    for (let index = 0; index < workers.count; index += 1) {
      // A larger young generation: each stats.json parses into short-lived objects, so fewer scavenges.
      const worker = new Worker(workers.entry, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
      const slot = { worker, busy: 0 };
      worker.on('message', (reply: WorkerReply) => {
        slot.busy -= 1;
        const waiter = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        waiter?.resolve(reply.results);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closing)
          this.fail(new Error(`An import worker stopped unexpectedly (exit code ${code}).`));
      });
      this.workers.push(slot);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Batches queued on the least busy worker. */
  idlest(): number {
    return Math.min(...this.workers.map((slot) => slot.busy));
  }

  run(batch: ZipBatch): Promise<EntryResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.workers.reduce((best, candidate) => (candidate.busy < best.busy ? candidate : best));
    const id = this.nextId++;
    slot.busy += 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const request: WorkerRequest = { id, batch };
      slot.worker.postMessage(request, [batch.buffer]);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
