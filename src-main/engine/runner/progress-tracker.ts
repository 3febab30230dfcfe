/** Counts a job's progress per run and overall, with a smoothed request rate and an ETA. */
import type { ErrorCode } from '../../../src-shared/error-codes';
import type { OverallProgress, HelmRunProgress, HelmRunStatus } from '../../../src-shared/engine/progress';
import { tokenCostUsd } from '../../../src-shared/engine/token-cost';
import type { TokenPrices } from '../../../src-shared/engine/token-cost';

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
  /** Requests answered by the model (not the cache) in this job, for the rate. */
  private sent = 0;
  isPaused = false;

  constructor(
    runs: readonly { name: string; total: number; skipReason?: string | undefined }[],
    private readonly prices: TokenPrices,
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
    if (cached) run.cachedHits++;
    else this.sent++;
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
    for (const run of this.runs) {
      if (run.status === 'skipped') continue;
      requestsDone += run.requestsDone;
      requestsTotal += run.requestsTotal;
      cachedHits += run.cachedHits;
      promptTokens += run.promptTokens;
      completionTokens += run.completionTokens;
    }
    const elapsedSeconds = (performance.now() - this.started) / 1000;
    const requestsPerSecond = elapsedSeconds > 0 ? this.sent / elapsedSeconds : 0;
    const left = requestsTotal - requestsDone;
    const etaSeconds = left === 0 ? 0 : requestsPerSecond > 0 && this.sent >= 3 ? left / requestsPerSecond : null;
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
      isPaused: this.isPaused,
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
