/** The one retry policy: model requests (engine/client) and downloads (engine/download) back off the same way. */
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetriableStatus, parseRetryAfter } from './retry';

describe('retry policy', () => {
  const headers = (entries: Record<string, string>) => new Headers(entries);

  it('reads Retry-After as seconds, as an HTTP date, and retry-after-ms', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '2' }))).toBe(2000);
    expect(
      parseRetryAfter(
        headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT' }),
        Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'),
      ),
    ).toBe(5000);
    expect(parseRetryAfter(headers({ 'retry-after-ms': '150', 'retry-after': '9' }))).toBe(150);
    expect(parseRetryAfter(headers({}))).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });

  it('reads the same from a plain header record (Node http responses)', () => {
    expect(parseRetryAfter({ 'retry-after': '2' })).toBe(2000);
    expect(parseRetryAfter({ 'retry-after-ms': '150', 'retry-after': '9' })).toBe(150);
    expect(parseRetryAfter({ 'retry-after': ['3', '4'] })).toBe(3000);
    expect(parseRetryAfter({})).toBeUndefined();
  });

  it('retries rate limits, timeouts and server errors, not client errors', () => {
    expect([408, 409, 425, 429, 500, 503].every(isRetriableStatus)).toBe(true);
    expect([400, 401, 403, 404, 416].some(isRetriableStatus)).toBe(false);
  });

  it('backs off exponentially with jitter, capped, and honours Retry-After', () => {
    const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelayMs({ ...policy, random: () => 0 }, 0)).toBe(50);
    expect(backoffDelayMs({ ...policy, random: () => 1 }, 0)).toBe(100);
    expect(backoffDelayMs({ ...policy, random: () => 0 }, 3)).toBe(400);
    expect(backoffDelayMs({ ...policy, random: () => 1 }, 10)).toBe(1000);
    expect(backoffDelayMs({ ...policy, random: () => 0 }, 2, 3000)).toBe(3000);
    expect(backoffDelayMs({ ...policy, random: () => 1 }, 2, 3000)).toBeCloseTo(3300, 9);
  });
});
