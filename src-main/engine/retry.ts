/**
 * The engine's one retry policy, for model requests (client/) and downloads (download/): jittered exponential
 * backoff on 429, 5xx, timeouts, dropped connections and unreadable responses, honouring the server's
 * `Retry-After` header.
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

/** Response headers as fetch gives them (`Headers`) or as Node's http gives them (a record, names lower-cased). */
export type ResponseHeaders =
  { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>>;

function header(headers: ResponseHeaders, name: string): string | null {
  if (typeof headers.get === 'function') return (headers as { get(name: string): string | null }).get(name);
  const value = (headers as Readonly<Record<string, string | readonly string[] | undefined>>)[name];
  return (typeof value === 'string' ? value : value?.[0]) ?? null;
}

/**
 * Parses `Retry-After` (delta seconds or an HTTP date) and the non-standard `retry-after-ms` into ms;
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: ResponseHeaders | undefined, nowMs = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = header(headers, 'retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = header(headers, 'retry-after');
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
