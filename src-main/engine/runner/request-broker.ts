/**
 * Where each request's answer comes from: the request cache, an identical request already in flight (within or
 * across runs), or the model. An answer from the model is journaled; it may be counted only once `durable`
 * settles (fsync'd), so a crash never loses an answer that was counted.
 */
import type { Request } from '../../../src-shared/helm/request';
import type { CacheEntry, RequestCache, EntryOrigin } from '../cache/request-cache';
import type { EndpointIdentity, ModelCall } from '../client/openai-model-client';

/** The part of a model client the runner uses. */
export interface CallingClient {
  readonly identity: EndpointIdentity;
  call(request: Request, options?: { signal?: AbortSignal; stopSignal?: AbortSignal }): Promise<ModelCall>;
}

/** An answer and the promise that it is in the journal. */
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
    private readonly client: CallingClient,
    private readonly cache: RequestCache,
    private readonly abortSignal: AbortSignal,
    private readonly stopSignal: AbortSignal,
    /** Who answers (kept beside each cached answer, for `cache stats` and `cache prune --model`). */
    private readonly origin: EntryOrigin,
  ) {}

  /** The answer to a request, as soon as it is known; `durable` settles once it is in the journal. */
  async obtain(key: string, request: Request): Promise<Answer> {
    const hit = this.cache.get(key);
    if (hit) return { entry: hit, durable: this.cache.durable(key), cached: true };
    const pending = this.inFlight.get(key);
    if (pending) return { ...(await pending), cached: true };
    const promise = (async () => {
      const call = await this.client.call(request, { signal: this.abortSignal, stopSignal: this.stopSignal });
      const entry: CacheEntry = { result: call.result, usage: call.usage };
      return { entry, durable: this.cache.put(key, entry, this.origin) };
    })();
    this.inFlight.set(key, promise);
    try {
      return { ...(await promise), cached: false };
    } finally {
      this.inFlight.delete(key);
    }
  }
}
