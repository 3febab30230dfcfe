/**
 * The workers that take requests off the queue: each passes the pause gate, obtains the answer through the
 * broker, and hands it on to be counted once journaled; failed requests go through the error policy. Workers do
 * not wait for the journal's fsync (a slow disk of 10–100 ms per fsync must not leave HTTP slots idle), so the
 * pool tracks the countings still pending and settles them before it returns.
 */
import type { RequestState } from '../../../src-shared/helm/request';
import type { Answer, RequestBroker } from './request-broker';
import { endedRunMessage, requestFailurePolicy } from './error-policy';
import type { RunLog } from './error-policy';
import type { PauseGate } from './pause-gate';
import type { ProgressTracker } from './progress-tracker';
import type { RunWork, WorkItem } from './run-work';

export interface WorkerPoolOptions {
  readonly queue: readonly WorkItem[];
  readonly workers: number;
  readonly broker: RequestBroker;
  readonly gate: PauseGate;
  readonly tracker: ProgressTracker;
  /** Stops taking new requests (cancel, or a fatal error). */
  readonly stopSignal: AbortSignal;
  /** Counts an answer that is in the journal (and finishes its run when it was the last). */
  readonly count: (item: WorkItem, state: RequestState, answer: Answer) => Promise<void>;
  /** A fatal error: the job stops (requests on the wire are aborted). */
  readonly onFatal: (error: unknown) => void;
  readonly onLog?: RunLog | undefined;
}

/** A run that was skipped or failed takes no more requests and counts no more answers. */
export function isEnded(tracker: ProgressTracker, work: RunWork): boolean {
  const status = tracker.status(work.index);
  return status === 'skipped' || status === 'failed';
}

/** Runs the workers until the queue is empty or the job stops; resolves once every counting has settled. */
export async function runWorkerPool(options: WorkerPoolOptions): Promise<void> {
  const { queue, broker, gate, tracker, stopSignal } = options;
  let next = 0;
  const countings = new Set<Promise<void>>();

  const endRun = (work: RunWork, error: unknown): boolean => {
    const policy = requestFailurePolicy(error);
    if (policy.action === 'stop-job') return false;
    if (tracker.status(work.index) !== policy.status) {
      const message = endedRunMessage(work.planned.runSpec.name, policy.status, error);
      tracker.setStatus(work.index, policy.status, message, policy.code);
      options.onLog?.('warning', message, policy.code);
    }
    return true;
  };

  const worker = async () => {
    for (;;) {
      try {
        await gate.wait(stopSignal);
      } catch {
        return;
      }
      if (stopSignal.aborted) return;
      const item = queue[next++];
      if (!item) return;
      const { work, position } = item;
      if (isEnded(tracker, work)) continue;
      const state = work.planned.requestStates[position] as RequestState;
      try {
        const answer = await broker.obtain(work.keys[position] as string, state.request);
        const counted = answer.durable.then(() => options.count(item, state, answer));
        countings.add(counted);
        counted.then(
          () => countings.delete(counted),
          (error: unknown) => {
            countings.delete(counted);
            options.onFatal(error);
          },
        );
      } catch (error) {
        if (stopSignal.aborted) return;
        if (endRun(work, error)) continue;
        options.onFatal(error);
        return;
      }
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, options.workers) }, worker));
  // Answers already received are journaled and counted, also when the job was cancelled (they are paid for).
  await Promise.allSettled([...countings]);
}
