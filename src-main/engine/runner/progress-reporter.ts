/** Throttled progress reports of an execution: at most one per interval, and a trailing one so the latest counts always go out. */
import type { OverallProgress, HelmRunProgress } from '../../../src-shared/engine/progress';
import type { PauseGate } from './pause-gate';
import type { ProgressTracker } from './progress-tracker';

export type ProgressListener = (overall: OverallProgress, runs: HelmRunProgress[]) => void;

export class ProgressReporter {
  private lastReport = 0;
  private trailing: NodeJS.Timeout | undefined;

  constructor(
    private readonly tracker: ProgressTracker,
    private readonly gate: PauseGate,
    private readonly listener: ProgressListener | undefined,
    private readonly intervalMs = 250,
  ) {}

  /** Reports now when the interval has passed (or `force`), else schedules a trailing report. */
  report(force = false): void {
    const now = performance.now();
    if (!force && now - this.lastReport < this.intervalMs) {
      this.trailing ??= setTimeout(
        () => {
          this.trailing = undefined;
          this.report(true);
        },
        this.intervalMs - (now - this.lastReport),
      );
      return;
    }
    this.stop();
    this.lastReport = now;
    this.tracker.isPaused = this.gate.isPaused;
    this.listener?.(this.tracker.overall(), this.tracker.runProgress());
  }

  /** Drops a pending trailing report (after the final one). */
  stop(): void {
    clearTimeout(this.trailing);
    this.trailing = undefined;
  }
}
