/**
 * Where the app's rank jobs run (./rank-jobs.ts). A new scenario set's calibration takes seconds to minutes
 * (docs/calibration.md §6); done on the thread that serves the app, it would stall every other API call, the event
 * stream and cancel meanwhile. So the app hands rank jobs to one worker thread (the bundle out/app/rank-worker.js),
 * reused for every job and terminated when the services close; it does one job at a time, so two jobs that need
 * the same design's calibration compute it once (the second finds it in `calibration.json`). Identical jobs asked
 * while one is under way share it. Without a built worker (running from the TypeScript sources) jobs run on this
 * thread, through the same function.
 */
import { Worker } from 'node:worker_threads';
import type { AppErrorData } from '../../../src-shared/errors';
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import { entryFile } from '../../engine/app-files';
import type { RankJob, RankJobResult } from './rank-jobs';
import { runRankJob } from './rank-jobs';

/** Runs rank jobs for the app services. */
export interface RankExecutor {
  run<J extends RankJob>(job: J): Promise<RankJobResult<J>>;
  /** Stops the worker (a job under way is abandoned: its callers get `rank.worker-stopped`). */
  close(): Promise<void>;
}

/** What the rank worker is started with. */
export interface RankWorkerData {
  readonly dataDir: string;
}

export interface RankWorkerRequest {
  readonly id: number;
  readonly job: RankJob;
}

/** A worker's answer: the result, or the error as its plain shape (`appError`: it was an AppError). */
export type RankWorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: AppErrorData; readonly appError: boolean };

/** The reply to a failed job: the error as it crosses the thread boundary. */
export function errorReply(id: number, error: unknown): RankWorkerReply {
  return { id, ok: false, error: toAppErrorData(error), appError: error instanceof AppError };
}

/** The error a failed job's caller gets: the same AppError (or an Error with the same message) as in-thread. */
export function errorFromReply(error: AppErrorData, appError: boolean): Error {
  if (appError) return AppError.fromData(error);
  return new Error(error.message, error.cause === undefined ? {} : { cause: error.cause });
}

/** Identical jobs asked while one is under way share it. */
class Shared {
  private readonly pending = new Map<string, Promise<unknown>>();

  run<T>(job: RankJob, start: () => Promise<T>): Promise<T> {
    const key = JSON.stringify(job);
    const existing = this.pending.get(key);
    if (existing) return existing as Promise<T>; // same key, same job kind, same result type
    const work = start();
    this.pending.set(key, work);
    const forget = () => this.pending.delete(key);
    work.then(forget, forget);
    return work;
  }
}

/** Jobs on this thread (running from the sources, or when no worker is wanted). */
export class InThreadRankExecutor implements RankExecutor {
  private readonly shared = new Shared();

  constructor(private readonly dataDir: string) {}

  run<J extends RankJob>(job: J): Promise<RankJobResult<J>> {
    return this.shared.run(job, () => runRankJob(job, this.dataDir));
  }

  async close(): Promise<void> {}
}

/** Jobs on one worker thread, started on the first job and restarted after a crash. */
export class WorkerRankExecutor implements RankExecutor {
  private readonly shared = new Shared();
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly entry: string,
    private readonly dataDir: string,
  ) {}

  run<J extends RankJob>(job: J): Promise<RankJobResult<J>> {
    return this.shared.run(job, () => this.post(job) as Promise<RankJobResult<J>>);
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(stopped('the app is closing'));
    await worker?.terminate();
  }

  private post(job: RankJob): Promise<unknown> {
    if (this.closed) return Promise.reject(stopped('the app is closing'));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const request: RankWorkerRequest = { id, job };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref(); // a job under way keeps the process alive; an idle worker does not
      worker.postMessage(request);
    });
  }

  private start(): Worker {
    const data: RankWorkerData = { dataDir: this.dataDir };
    const worker = new Worker(this.entry, { workerData: data });
    worker.on('message', (reply: RankWorkerReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (!waiter) return;
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(errorFromReply(reply.error, reply.appError));
    });
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null; // the next job starts a fresh worker
      this.failAll(stopped(why));
    };
    worker.on('error', (error) => lost(`it failed: ${error.message}`));
    worker.on('exit', (code) => lost(`it exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

function stopped(why: string): AppError {
  return new AppError({
    code: 'rank.worker-stopped',
    message: `The ranking and calibration worker stopped before it answered (${why}).`,
  });
}

/** The rank worker bundle, or null when running from the TypeScript sources (jobs then run in-thread). */
export function builtRankWorker(): string | null {
  const entry = entryFile('rank-worker', 'services/app-api/rank-worker.ts');
  return entry.endsWith('.ts') ? null : entry;
}

/** The app's executor: the worker when `entry` (default: the built bundle) is given, else this thread. */
export function createRankExecutor(dataDir: string, entry: string | null = builtRankWorker()): RankExecutor {
  return entry ? new WorkerRankExecutor(entry, dataDir) : new InThreadRankExecutor(dataDir);
}
