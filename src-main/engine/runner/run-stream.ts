/**
 * A run's answers as they are counted, without holding the run in memory. Answers are taken in plan order (one
 * counted ahead of an earlier one waits for it): each request state is appended to the run's
 * `scenario_state.json` (being written in the partial directory), and each instance, once all its states of a
 * trial are in, is scored at once, in the order the scorer expects (`instanceGroups`). An answer is dropped as
 * soon as it is both written and scored, so memory holds per-instance stats and the few answers still out of
 * order, not the run (an `--examples all` run of echo-scored scenarios is tens of thousands of answers).
 */
import type { RequestState } from '../../../src-shared/helm/request';
import type { RunDirectoryWriter } from '../output/run-directory';
import { instanceGroups } from '../stats/score-run';
import type { CompletedRequestState } from '../types';
import type { RunScorer, RunScores } from './components';

export class RunStream {
  /** Each instance's positions (one trial), in scoring order. */
  private readonly groups: number[][];
  /** The group of each position, and how many of each group's states are taken. */
  private readonly groupOf: Int32Array;
  private readonly taken: Int32Array;
  /** Counted answers not yet both written and scored. */
  private readonly held = new Map<number, CompletedRequestState>();
  /** Next position to write, next group to score. */
  private nextWrite = 0;
  private nextGroup = 0;
  /** The first error of a metric: the run fails with it when it finishes. */
  private scoringError: unknown;

  /** @param requestStates the run's states, all present: each is dropped from the array once written and scored */
  constructor(
    private readonly requestStates: (RequestState | undefined)[],
    trials: number,
    private readonly scorer: RunScorer,
    private readonly writer: RunDirectoryWriter,
  ) {
    this.groups = instanceGroups(requestStates as readonly RequestState[], trials);
    this.groupOf = new Int32Array(requestStates.length).fill(-1);
    this.groups.forEach((group, index) => {
      for (const position of group) this.groupOf[position] = index;
    });
    this.taken = new Int32Array(this.groups.length);
  }

  /**
   * Takes the counted answer at `position`: writes and scores whatever is now in order. Resolves once the
   * scenario_state.json buffer it went into is written; rejects when that write fails (a full disk).
   */
  take(position: number, state: CompletedRequestState): Promise<void> {
    this.held.set(position, state);
    const group = this.groupOf[position] ?? -1;
    if (group >= 0) this.taken[group] = (this.taken[group] ?? 0) + 1;
    const writes: Promise<void>[] = [];
    while (this.held.has(this.nextWrite)) {
      const at = this.nextWrite++;
      writes.push(this.writer.appendRequestState(this.held.get(at) as CompletedRequestState));
      this.release(at);
    }
    while (this.nextGroup < this.groups.length) {
      const positions = this.groups[this.nextGroup] as number[];
      if ((this.taken[this.nextGroup] ?? 0) < positions.length) break;
      this.nextGroup++;
      this.score(positions.map((at) => this.held.get(at) as CompletedRequestState));
      for (const at of positions) this.release(at);
    }
    return Promise.all(writes).then(() => undefined);
  }

  /** The run's scores, once every answer is taken; throws the first metric error. */
  finish(): RunScores {
    if (this.scoringError !== undefined) throw this.scoringError;
    return this.scorer.finish();
  }

  private score(states: readonly CompletedRequestState[]): void {
    if (this.scoringError !== undefined) return;
    try {
      this.scorer.addInstance(states);
    } catch (error) {
      this.scoringError = error;
    }
  }

  /** Drops the answer at `position` once it is written and its instance scored (or never scored). */
  private release(position: number): void {
    const group = this.groupOf[position] ?? -1;
    if (position < this.nextWrite && (group < 0 || group < this.nextGroup)) {
      this.held.delete(position);
      this.requestStates[position] = undefined;
    }
  }
}
