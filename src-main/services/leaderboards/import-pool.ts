/**
 * The import worker threads (./import-worker.ts): a fixed set, each batch of zip entries to the least busy one.
 * Workers start with no archive in mind (each request names its board and budget), so the CLI can start them
 * before it loads the rest of the import (src-main/cli/commands/leaderboard-import.ts): a worker's start-up then
 * overlaps the main thread's. This module is kept small for that reason: it loads no parser and no schema.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { entryFile } from '../../engine/app-files';
import type { EntryResult } from './import-batch';
import type { ImportBudget } from './import-budget';
import type { ZipBatch } from './zip-entries';

/** How many worker threads an import starts, and which entry file they run. */
export interface ImportWorkers {
  readonly count: number;
  readonly entry: string;
}

/** One worker per core (up to 4), or none when the worker is not built (running from the sources). */
export function defaultImportWorkers(): ImportWorkers {
  const entry = entryFile('import-worker', 'services/leaderboards/import-worker.ts');
  return { entry, count: entry.endsWith('.ts') ? 0 : Math.min(4, availableParallelism()) };
}

/** What a worker needs to know of the import a batch belongs to. */
export interface ImportWorkerContext {
  readonly project: string;
  readonly budget: ImportBudget;
  readonly source: string;
  readonly archive: string;
}

export interface WorkerRequest {
  readonly id: number;
  readonly batch: ZipBatch;
  readonly context: ImportWorkerContext;
}

export interface WorkerReply {
  readonly id: number;
  readonly results: EntryResult[];
}

/** Starts the default workers, or returns null when there are none (running from the sources). */
export function startImportPool(workers: ImportWorkers = defaultImportWorkers()): ImportPool | null {
  return workers.count > 0 ? new ImportPool(workers) : null;
}

export class ImportPool {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly waiting = new Map<
    number,
    { resolve: (results: EntryResult[]) => void; reject: (error: unknown) => void }
  >();
  private nextId = 0;
  private failure: unknown = null;
  private closing = false;

  constructor(workers: ImportWorkers) {
    for (let index = 0; index < workers.count; index += 1) {
      // A larger young generation: each stats.json parses into short-lived objects, so fewer scavenges.
      const worker = new Worker(workers.entry, { resourceLimits: { maxYoungGenerationSizeMb: 48 } });
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

  /** Hands the batch (its bytes transferred, not copied) to the least busy worker. */
  run(batch: ZipBatch, context: ImportWorkerContext): Promise<EntryResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('The import workers were stopped.'));
    const slot = this.workers.reduce((best, candidate) => (candidate.busy < best.busy ? candidate : best));
    const id = this.nextId++;
    slot.busy += 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const request: WorkerRequest = { id, batch, context };
      slot.worker.postMessage(request, [batch.buffer]);
    });
  }

  /** Stops the workers; they no longer hold the process open meanwhile. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      this.workers.map(({ worker }) => {
        worker.unref();
        return worker.terminate();
      }),
    );
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
