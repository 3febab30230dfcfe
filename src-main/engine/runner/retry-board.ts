/**
 * The requests waiting to be retried right now, for the run's one retry line ("Retrying 8 requests · HTTP 503
 * (service unavailable) · attempt 3 of 7") instead of a log line per attempt: a request joins when the client
 * schedules its retry and leaves when its call settles, answered or given up.
 */
import { httpStatusText } from '../../../src-shared/http-status';
import type { RetryState } from '../../../src-shared/engine/progress';
import type { Request } from '../../../src-shared/helm/request';
import type { RetryInfo } from '../client/openai-model-client';
import type { ModelClient } from '../types';

export class RetryBoard {
  private readonly waiting = new Map<Request, number>();
  private reason = '';

  /** @param maxAttempts attempts a request gets in all (the first one and its retries) */
  constructor(private readonly maxAttempts: number) {}

  /** The client's `onRetry`. */
  readonly onRetry = (info: RetryInfo): void => {
    this.waiting.set(info.request, info.attempt + 1);
    this.reason = retryReason(info);
  };

  /** The client, with every call leaving the board when it settles. */
  wrap(client: ModelClient): ModelClient {
    return {
      identity: client.identity,
      call: (request, options) => client.call(request, options).finally(() => this.waiting.delete(request)),
    };
  }

  /** The retries happening now, or null. */
  state(): RetryState | null {
    if (this.waiting.size === 0) return null;
    return {
      requests: this.waiting.size,
      reason: this.reason,
      attempt: Math.max(...this.waiting.values()),
      maxAttempts: this.maxAttempts,
    };
  }
}

/** Why an attempt failed, in a few words: the status in words, else the transport's reason, kept short. */
export function retryReason(info: Pick<RetryInfo, 'status' | 'code' | 'reason'>): string {
  if (info.status !== null) return httpStatusText(info.status);
  if (info.code === 'model.timeout') return 'no answer in time';
  const reason = info.reason.replace(/\s+/g, ' ').trim();
  return reason.length > 80 ? `${reason.slice(0, 79)}…` : reason;
}
