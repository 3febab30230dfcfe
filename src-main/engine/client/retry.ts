/**
 * Retry policy for model requests: jittered exponential backoff on 429, 5xx, timeouts, dropped connections and
 * unreadable responses, honouring the server's `Retry-After` header.
 */

export interface RetryPolicy {
  readonly maxRetries: number;
  /** First backoff, ms. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Random in [0, 1); injectable for tests. */
  readonly random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

/** HTTP statuses worth retrying: rate limits, timeouts and server errors. */
export function isRetriableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/**
 * Parses `Retry-After` (delta seconds or an HTTP date) and the non-standard `retry-after-ms` into ms;
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(
  headers: { get(name: string): string | null } | undefined,
  nowMs = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Delay before retry number `attempt` (0-based): the server's Retry-After when given (plus up to 10 % jitter so
 * parallel workers do not return in lockstep), else "equal jitter" exponential backoff.
 */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  const random = policy.random ?? Math.random;
  if (retryAfterMs !== undefined) return retryAfterMs * (1 + 0.1 * random());
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return ceiling / 2 + (ceiling / 2) * random();
}
