/**
 * Server-Sent Events over `fetch`, so the stream carries the bridge token in an `Authorization` header (an
 * EventSource can send only cookies, and a cookie would reach every port on 127.0.0.1). Parses the
 * `text/event-stream` format (event name, data lines, comments) and reconnects after a drop, as an
 * EventSource would; a refused token (401/403) ends it, since retrying cannot help. Its state is reported as it
 * changes: a stream that ends, fails, or stays silent past the server's keep-alive is `lost` at once.
 */
import type { BridgeState } from '../../src-shared/api/contract';

export interface ServerEvent {
  readonly event: string;
  readonly data: string;
}

export interface EventStreamOptions {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly fetch: typeof fetch;
  readonly onEvent: (event: ServerEvent) => void;
  /** Milliseconds before reconnecting, by attempt (1, 2, …); default 1 s growing to 5 s. */
  readonly retryDelay?: (attempt: number) => number;
  /** Called when the stream opens, and when it is lost (then it keeps reconnecting). */
  readonly onState?: (state: BridgeState) => void;
  /**
   * A stream silent this long is taken as lost (the server sends a keep-alive every 15 s, so only a server that
   * stopped answering stays silent); default 40 s.
   */
  readonly silentAfterMs?: number;
}

/** Opens the stream; the returned function closes it for good. */
export function openEventStream(options: EventStreamOptions): () => void {
  const controller = new AbortController();
  const delay = options.retryDelay ?? ((attempt: number) => Math.min(5_000, 1000 * attempt));
  const silentAfterMs = options.silentAfterMs ?? 40_000;
  let state: BridgeState = 'connecting';
  const setState = (next: BridgeState) => {
    if (next === state) return;
    state = next;
    options.onState?.(next);
  };
  void (async () => {
    for (let attempt = 1; !controller.signal.aborted; attempt += 1) {
      // Each connection has its own abort, so a silent one can be dropped without closing the stream.
      const connection = new AbortController();
      const stop = () => connection.abort();
      controller.signal.addEventListener('abort', stop, { once: true });
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      const alive = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => connection.abort(), silentAfterMs);
      };
      try {
        alive();
        const response = await options.fetch(options.url, {
          headers: { accept: 'text/event-stream', ...options.headers },
          credentials: 'omit',
          signal: connection.signal,
        });
        if (response.status === 401 || response.status === 403) return;
        if (response.ok && response.body) {
          attempt = 0;
          setState('open');
          await readEvents(response.body, options.onEvent, alive);
        }
      } catch {
        // Dropped, refused or silent connection: retry below, unless closed.
      } finally {
        clearTimeout(watchdog);
        controller.signal.removeEventListener('abort', stop);
      }
      if (controller.signal.aborted) return;
      setState('lost');
      await new Promise((resolve) => setTimeout(resolve, delay(Math.max(1, attempt))));
    }
  })();
  return () => controller.abort();
}

/** Reads `text/event-stream` frames until the body ends. */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ServerEvent) => void,
  onBytes?: () => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    onBytes?.();
    // CRLF and CR end lines too; a CR at the end may be half of a CRLF split across chunks, so it waits.
    buffer = (buffer + decoder.decode(value, { stream: true })).replace(/\r\n|\r(?!$)/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = parseFrame(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (frame) onEvent(frame);
      end = buffer.indexOf('\n\n');
    }
  }
}

function parseFrame(text: string): ServerEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { event, data: data.join('\n') } : null;
}
