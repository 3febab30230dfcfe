/**
 * Bounded concurrency and a token-bucket rate limit for model requests. Both honour an AbortSignal while
 * waiting, so a cancelled run never leaves a request queued.
 */
import { AppError } from '../../../src-shared/errors';
import { abortableSleep } from '../abortable-sleep';

/** Throws the engine's cancellation error if the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

export function cancelledError(): AppError {
  return new AppError({ code: 'engine.cancelled', message: 'The run was cancelled.' });
}

/** Waits `ms`, or rejects with the cancellation error when the signal aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return abortableSleep(ms, signal, cancelledError);
}

/** A counting semaphore: at most `limit` holders at a time, FIFO. */
export class Semaphore {
  private active = 0;
  private readonly waiters: {
    resolve: () => void;
    reject: (error: unknown) => void;
    signal: AbortSignal | undefined;
    onAbort: () => void;
  }[] = [];

  constructor(private readonly limit: number) {}

  async acquire(signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(cancelledError());
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) {
      next.signal?.removeEventListener('abort', next.onAbort);
      next.resolve(); // the slot passes straight to the next waiter
    } else {
      this.active--;
    }
  }
}

/**
 * A token bucket: `ratePerSecond` tokens per second, bursts up to `burst`. `take()` resolves when a token is
 * available; callers are served in order because each reserves its slot in time before waiting.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst = Math.max(1, Math.ceil(ratePerSecond)),
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = this.burst;
    this.last = this.now();
  }

  async take(signal?: AbortSignal): Promise<void> {
    const current = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((current - this.last) / 1000) * this.ratePerSecond);
    this.last = current;
    this.tokens -= 1; // reserve now (may go negative: the debt is the queue ahead of later callers)
    if (this.tokens >= 0) return;
    await sleep((-this.tokens / this.ratePerSecond) * 1000, signal);
  }
}
