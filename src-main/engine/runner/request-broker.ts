/**
 * Where each request's answer comes from: the request cache, an identical request already in flight (within or
 * across runs), or the model. An answer from the model is stored in the cache while its request still holds its
 * concurrency slot, and is handed on only once stored durably (fsync'd): a crash never loses an answer that was
 * counted, and at most `concurrency` answers are ever paid for and not yet stored (what a resume pays again).
 */
import type { Request } from '../../../src-shared/helm/request';
import type { CacheEntry, RequestCache, EntryOrigin } from '../cache/request-cache';
import type { ModelCall, ModelClient } from '../types';

/** An answer and the promise that it is stored durably in the cache. */
export interface Answer {
  readonly entry: CacheEntry;
  readonly durable: Promise<void>;
  /** From the cache or an identical request in flight: costs nothing more. */
  readonly cached: boolean;
}

export class RequestBroker {
  private readonly inFlight = new Map<string, Promise<Omit<Answer, 'cached'>>>();

  /**
   * @param abortSignal aborts requests on the wire (a fatal error elsewhere)
   * @param stopSignal stops what is not yet on the wire (queue, rate limiter, backoff)
   */
  constructor(
    private readonly client: ModelClient,
    private readonly cache: RequestCache,
    private readonly abortSignal: AbortSignal,
    private readonly stopSignal: AbortSignal,
    /** Who answers (kept beside each cached answer, for `cache stats` and `cache prune --model`). */
    private readonly origin: EntryOrigin,
  ) {}

  /** The answer to a request: from the model, once stored durably; `durable` settles once it is on disk. */
  async obtain(key: string, request: Request): Promise<Answer> {
    const hit = this.cache.get(key);
    if (hit) return { entry: hit, durable: this.cache.durable(key), cached: true };
    const pending = this.inFlight.get(key);
    if (pending) return { ...(await pending), cached: true };
    const promise = (async () => {
      let stored: Omit<Answer, 'cached'> | undefined;
      const keep = (call: ModelCall) => {
        const entry: CacheEntry = { result: call.result, usage: call.usage };
        stored ??= { entry, durable: this.cache.put(key, entry, this.origin) };
        return stored.durable;
      };
      // Stored inside the client's slot; `keep` again is a no-op then (and stores for a client without slots).
      await keep(await this.client.call(request, { signal: this.abortSignal, stopSignal: this.stopSignal, keep }));
      return stored as Omit<Answer, 'cached'>;
    })();
    this.inFlight.set(key, promise);
    try {
      return { ...(await promise), cached: false };
    } finally {
      this.inFlight.delete(key);
    }
  }
}
