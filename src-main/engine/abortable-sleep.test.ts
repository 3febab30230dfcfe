import { afterEach, describe, expect, it, vi } from 'vitest';
import { abortableSleep } from './abortable-sleep';

afterEach(() => {
  vi.useRealTimers();
});

describe('abortableSleep', () => {
  it('resolves after the delay and leaves no abort listener behind', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const sleeping = abortableSleep(1000, controller.signal, () => new Error('cancelled'));
    await vi.advanceTimersByTimeAsync(1000);
    await expect(sleeping).resolves.toBeUndefined();
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it("rejects with the caller's error when the signal aborts, before or during the wait", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal, () => new Error('stopped'));
    controller.abort();
    await expect(sleeping).rejects.toThrow('stopped');
    await expect(abortableSleep(10, controller.signal, () => new Error('already'))).rejects.toThrow('already');
  });
});
