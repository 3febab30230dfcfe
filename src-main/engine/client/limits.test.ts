import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Semaphore, TokenBucket } from './limits';

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
