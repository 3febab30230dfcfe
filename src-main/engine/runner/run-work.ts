/** One planned run's work in an execution: its requests' cache keys, where its answers go, what is left. */
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
  readonly keys: string[];
  /** Made with the run's first answer; dropped once the run is finished or given up. */
  output: RunOutput | undefined;
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
    output: undefined,
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
