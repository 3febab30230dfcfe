/** One planned run's work in an execution: its requests' cache keys, the answers counted so far, what is left. */
import type { CompletedRequestState } from '../types';
import { requestCacheKey } from '../cache/request-cache';
import type { Plan, PlannedRun } from './plan';

export interface RunWork {
  readonly planned: PlannedRun;
  /** The run's position in the plan (and in the progress tracker). */
  readonly index: number;
  readonly keys: string[];
  readonly completed: (CompletedRequestState | undefined)[];
  remaining: number;
}

/** One request of one run, as the worker pool takes it. */
export interface WorkItem {
  readonly work: RunWork;
  readonly position: number;
}

/** @param identity the endpoint's identity, part of every request's cache key */
export function createRunWorks(plan: Plan, identity: Parameters<typeof requestCacheKey>[0]): RunWork[] {
  return plan.runs.map((planned, index) => ({
    planned,
    index,
    keys: planned.requestStates.map((state) => requestCacheKey(identity, state.request)),
    completed: new Array<CompletedRequestState | undefined>(planned.requestStates.length),
    remaining: planned.requestStates.length,
  }));
}

/** Every request of every run that is not skipped, in plan order. */
export function workQueue(works: readonly RunWork[]): WorkItem[] {
  const queue: WorkItem[] = [];
  for (const work of works) {
    if (work.planned.skipReason) continue;
    for (let position = 0; position < work.planned.requestStates.length; position++) queue.push({ work, position });
  }
  return queue;
}
