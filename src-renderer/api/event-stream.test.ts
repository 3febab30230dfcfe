import { describe, expect, it } from 'vitest';
import type { BridgeState } from '../../src-shared/api/contract';
import { openEventStream } from './event-stream';

/**
 * A response whose body sends `frames` and then ends (or stays open when `open`); like a real fetch's, its body
 * fails when `signal` aborts.
 */
function streamResponse(frames: string[], open = false, signal?: AbortSignal | null): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const frame of frames) controller.enqueue(encoder.encode(frame));
      if (!open) controller.close();
      signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

const until = async (test: () => boolean) => {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(test()).toBe(true);
};

describe('event stream state', () => {
  it('is open while streaming, lost at once when the stream ends or the server refuses, open again on reconnect', async () => {
    const states: BridgeState[] = [];
    const events: string[] = [];
    let calls = 0;
    const close = openEventStream({
      url: 'http://127.0.0.1:1/api/events',
      headers: {},
      retryDelay: () => 1,
      onState: (state) => states.push(state),
      onEvent: (event) => events.push(event.data),
      fetch: async () => {
        calls += 1;
        if (calls === 1) return streamResponse(['event: runs.progress\ndata: 1\n\n']); // then the server goes away
        if (calls === 2) throw new TypeError('Failed to fetch'); // connection refused while it restarts
        return streamResponse(['event: runs.progress\ndata: 2\n\n'], true);
      },
    });
    await until(() => events.length === 2);
    close();
    expect(events).toEqual(['1', '2']);
    expect(states).toEqual(['open', 'lost', 'open']);
  });

  it('takes a stream that stays silent past the keep-alive as lost, and reconnects', async () => {
    const states: BridgeState[] = [];
    let calls = 0;
    const close = openEventStream({
      url: 'http://127.0.0.1:1/api/events',
      headers: {},
      retryDelay: () => 1,
      silentAfterMs: 30,
      onState: (state) => states.push(state),
      onEvent: () => undefined,
      fetch: async (_input, init) => {
        calls += 1;
        return streamResponse([': connected\n\n'], true, init?.signal);
      },
    });
    await until(() => states.length >= 3);
    close();
    expect(states.slice(0, 3)).toEqual(['open', 'lost', 'open']);
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
