import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Semaphore, TokenBucket } from './limits';
import { backoffDelayMs, parseRetryAfter } from './retry';

describe('TokenBucket', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lets a burst through, then one request per 1/rate seconds, in order', async () => {
    let now = 0;
    const bucket = new TokenBucket(10, 2, () => now);
    const done: number[] = [];
    for (let i = 0; i < 4; i++) void bucket.take().then(() => done.push(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toEqual([0, 1]);
    now = 100;
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toEqual([0, 1, 2]);
    now = 200;
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toEqual([0, 1, 2, 3]);
  });

  it('stops waiting when aborted', async () => {
    const bucket = new TokenBucket(1, 1, () => 0);
    await bucket.take();
    const controller = new AbortController();
    const waiting = bucket.take(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'engine.cancelled' });
  });
});

describe('Semaphore', () => {
  it('hands slots over in FIFO order', async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const order: number[] = [];
    const a = semaphore.acquire().then(() => order.push(1));
    const b = semaphore.acquire().then(() => order.push(2));
    semaphore.release();
    await a;
    semaphore.release();
    await b;
    expect(order).toEqual([1, 2]);
  });
});

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
