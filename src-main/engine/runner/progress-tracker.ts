/**
 * Counts a job's progress per run and overall: the request rate measured over the last minute (./throughput-meter.ts),
 * an ETA from it, the retries happening now, and how long the server has been silent once that is unusual (then
 * there is no ETA: the wait is said as it is).
 */
import type { ErrorCode } from '../../../src-shared/error-codes';
import type { OverallProgress, RetryState, HelmRunProgress, HelmRunStatus } from '../../../src-shared/engine/progress';
import { tokenCostUsd } from '../../../src-shared/engine/token-cost';
import type { TokenPrices } from '../../../src-shared/engine/token-cost';
import { ThroughputMeter } from './throughput-meter';

/** No answer for this long (and five times the usual gap) while requests are outstanding: the server is silent. */
export const STALL_AFTER_MS = 10_000;

interface MutableRun {
  runName: string;
  status: HelmRunStatus;
  message?: string;
  code?: ErrorCode;
  requestsDone: number;
  requestsTotal: number;
  cachedHits: number;
  promptTokens: number;
  completionTokens: number;
}

export class ProgressTracker {
  private readonly runs: MutableRun[];
  private readonly started = performance.now();
  /** Answers from the model (not the cache), for the rate. */
  private readonly meter = new ThroughputMeter();
  /** The last answer (or the start, or the end of a pause): silence is measured from here. */
  private lastActivity = performance.now();
  private paused = false;

  constructor(
    runs: readonly { name: string; total: number; skipReason?: string | undefined }[],
    private readonly prices: TokenPrices,
    /** The retries happening now (src-main/engine/runner/retry-board.ts). */
    private readonly retrying: () => RetryState | null = () => null,
  ) {
    this.runs = runs.map((run) => ({
      runName: run.name,
      status: run.skipReason ? 'skipped' : 'pending',
      ...(run.skipReason ? { message: run.skipReason } : {}),
      requestsDone: 0,
      requestsTotal: run.total,
      cachedHits: 0,
      promptTokens: 0,
      completionTokens: 0,
    }));
  }

  /** Counts one answered request of run `index` (tokens from the server's usage). */
  record(index: number, cached: boolean, usage: { promptTokens: number; completionTokens: number }): void {
    const run = this.runs[index] as MutableRun;
    if (run.status === 'pending') run.status = 'running';
    run.requestsDone++;
    this.lastActivity = performance.now();
    if (cached) run.cachedHits++;
    else this.meter.record(this.lastActivity);
    run.promptTokens += usage.promptTokens;
    run.completionTokens += usage.completionTokens;
  }

  /** Sets a run's status, with why it was skipped or failed (and the code a face words its advice from). */
  setStatus(index: number, status: HelmRunStatus, message?: string, code?: ErrorCode): void {
    const run = this.runs[index] as MutableRun;
    run.status = status;
    if (message !== undefined) run.message = message;
    if (code !== undefined) run.code = code;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** A pause is not silence: the wait for an answer starts again when the run resumes. */
  set isPaused(paused: boolean) {
    if (this.paused && !paused) this.lastActivity = performance.now();
    this.paused = paused;
  }

  status(index: number): HelmRunStatus {
    return (this.runs[index] as MutableRun).status;
  }

  runProgress(): HelmRunProgress[] {
    return this.runs.map((run) => ({ ...run, costUsd: this.cost(run.promptTokens, run.completionTokens) }));
  }

  overall(): OverallProgress {
    let requestsDone = 0;
    let requestsTotal = 0;
    let cachedHits = 0;
    let promptTokens = 0;
    let completionTokens = 0;
    /** Requests still to be answered (a failed run takes no more). */
    let left = 0;
    for (const run of this.runs) {
      if (run.status === 'skipped') continue;
      requestsDone += run.requestsDone;
      requestsTotal += run.requestsTotal;
      cachedHits += run.cachedHits;
      promptTokens += run.promptTokens;
      completionTokens += run.completionTokens;
      if (run.status !== 'failed') left += run.requestsTotal - run.requestsDone;
    }
    const now = performance.now();
    const elapsedSeconds = (now - this.started) / 1000;
    const requestsPerSecond = this.meter.rate(now);
    const answers = this.meter.count(now);
    // Unusual silence: 10 s, or five times the usual gap between answers when that is longer.
    const silentMs = now - this.lastActivity;
    const stalledSeconds =
      !this.paused && left > 0 && silentMs >= Math.max(STALL_AFTER_MS, 5 * this.meter.meanGapMs(now))
        ? silentMs / 1000
        : null;
    // Nothing left because runs failed is not "ETA 0 s": no estimate then.
    const etaSeconds =
      left === 0
        ? requestsDone >= requestsTotal
          ? 0
          : null
        : stalledSeconds === null && answers >= 3 && requestsPerSecond > 0
          ? left / requestsPerSecond
          : null;
    return {
      requestsDone,
      requestsTotal,
      cachedHits,
      promptTokens,
      completionTokens,
      costUsd: this.cost(promptTokens, completionTokens),
      elapsedSeconds,
      etaSeconds,
      requestsPerSecond,
      isPaused: this.paused,
      retrying: this.paused ? null : this.retrying(),
      stalledSeconds,
    };
  }

  /**
   * Cost of the answers at the price setting. Cached answers count too (they were paid once, when first
   * made), so a resumed run reports the same cost as an uninterrupted one; `cachedHits` shows what was saved.
   */
  private cost(promptTokens: number, completionTokens: number): number | null {
    return tokenCostUsd(this.prices, promptTokens, completionTokens);
  }
}
