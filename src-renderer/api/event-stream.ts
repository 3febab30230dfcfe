/**
 * Server-Sent Events over `fetch`, so the stream carries the bridge token in an `Authorization` header (an
 * EventSource can send only cookies, and a cookie would reach every port on 127.0.0.1). Parses the
 * `text/event-stream` format (event name, data lines, comments) and reconnects after a drop, as an
 * EventSource would; a refused token (401/403) ends it, since retrying cannot help.
 */

export interface ServerEvent {
  readonly event: string;
  readonly data: string;
}

export interface EventStreamOptions {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly fetch: typeof fetch;
  readonly onEvent: (event: ServerEvent) => void;
  /** Milliseconds before reconnecting, by attempt (1, 2, …); default 1 s growing to 15 s. */
  readonly retryDelay?: (attempt: number) => number;
}

/** Opens the stream; the returned function closes it for good. */
export function openEventStream(options: EventStreamOptions): () => void {
  const controller = new AbortController();
  const delay = options.retryDelay ?? ((attempt: number) => Math.min(15_000, 1000 * attempt));
  void (async () => {
    for (let attempt = 1; !controller.signal.aborted; attempt += 1) {
      try {
        const response = await options.fetch(options.url, {
          headers: { accept: 'text/event-stream', ...options.headers },
          credentials: 'omit',
          signal: controller.signal,
        });
        if (response.status === 401 || response.status === 403) return;
        if (response.ok && response.body) {
          attempt = 0;
          await readEvents(response.body, options.onEvent);
        }
      } catch {
        // Dropped or refused connection: retry below, unless closed.
      }
      if (controller.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, delay(Math.max(1, attempt))));
    }
  })();
  return () => controller.abort();
}

/** Reads `text/event-stream` frames until the body ends. */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ServerEvent) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
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
