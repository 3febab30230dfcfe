/** One planned run's work in an execution: its request states still to answer, where its answers go, what is left. */
import type { Request, RequestState } from '../../../src-shared/helm/request';
import { requestCacheKey } from '../cache/request-cache';
import type { RunDirectoryWriter } from '../output/run-directory';
import type { Plan, PlannedRun } from './plan';
import type { RunStream } from './run-stream';

/** Where a run's counted answers go: its outputs being written and its scorer (./run-finisher.ts makes it). */
export interface RunOutput {
  readonly stream: RunStream;
  readonly writer: RunDirectoryWriter;
}

export interface RunWork {
  readonly planned: PlannedRun;
  /** The run's position in the plan (and in the progress tracker). */
  readonly index: number;
  /**
   * The run's request states (the plan's own array, consumed): a state is dropped once its answer is written and
   * scored, so what an execution holds shrinks as it goes instead of keeping the whole plan to the end.
   */
  readonly states: (RequestState | undefined)[];
  /** The endpoint's identity, part of every request's cache key. */
  readonly identity: CacheIdentity;
  /** Made with the run's first answer; dropped once the run is finished or given up. */
  output: RunOutput | undefined;
  remaining: number;
}

type CacheIdentity = Parameters<typeof requestCacheKey>[0];

/** One request of one run, as the worker pool takes it. */
export interface WorkItem {
  readonly work: RunWork;
  readonly position: number;
}

/** @param identity the endpoint's identity, part of every request's cache key */
export function createRunWorks(plan: Plan, identity: CacheIdentity): RunWork[] {
  return plan.runs.map((planned, index) => ({
    planned,
    index,
    states: planned.requestStates as (RequestState | undefined)[], // consumed: see `states`
    identity,
    output: undefined,
    remaining: planned.requestStates.length,
  }));
}

/** The cache key of a request (computed when it is sent, not kept for the whole run). */
export function cacheKeyOf(work: RunWork, request: Request): string {
  return requestCacheKey(work.identity, request);
}

/** Every request of every run that is not skipped, in plan order. */
export function workQueue(works: readonly RunWork[]): WorkItem[] {
  const queue: WorkItem[] = [];
  for (const work of works) {
    if (work.planned.skipReason) continue;
    for (let position = 0; position < work.states.length; position++) queue.push({ work, position });
  }
  return queue;
}
