/**
 * Throttled progress reports of an execution: at most one per interval, and a trailing one so the latest counts
 * always go out. A heartbeat reports at least once a second even when no answer comes, so retries, a silent
 * server and the falling rate are seen while they last.
 */
import type { OverallProgress, HelmRunProgress } from '../../../src-shared/engine/progress';
import type { PauseGate } from './pause-gate';
import type { ProgressTracker } from './progress-tracker';

export type ProgressListener = (overall: OverallProgress, runs: HelmRunProgress[]) => void;

export class ProgressReporter {
  private lastReport = 0;
  private trailing: NodeJS.Timeout | undefined;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly tracker: ProgressTracker,
    private readonly gate: PauseGate,
    private readonly listener: ProgressListener | undefined,
    private readonly intervalMs = 250,
    heartbeatMs = 1000,
  ) {
    this.heartbeat = setInterval(() => {
      if (performance.now() - this.lastReport >= heartbeatMs) this.report(true);
    }, heartbeatMs);
    this.heartbeat.unref();
  }

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

  /** Drops a pending trailing report. */
  stop(): void {
    clearTimeout(this.trailing);
    this.trailing = undefined;
  }

  /** After the final report: nothing more is sent. */
  close(): void {
    this.stop();
    clearInterval(this.heartbeat);
  }
}
