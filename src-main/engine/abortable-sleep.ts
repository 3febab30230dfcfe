/**
 * A timer that an AbortSignal cuts short: retries (model requests, downloads) wait between attempts, and a
 * cancelled run must not sit out the wait. Each caller names its own cancellation error.
 */

/** Waits `ms`, or rejects with `cancelled()` as soon as the signal aborts (at once if it already has). */
export function abortableSleep(ms: number, signal: AbortSignal | undefined, cancelled: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
