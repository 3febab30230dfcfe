/**
 * The token counter for an endpoint: the server's own tokenizer when it has one (exact counts, as HELM's
 * window services count), else the approximate counter; the context window from the user, else the server,
 * else {@link DEFAULT_CONTEXT_WINDOW}.
 */
import type { Endpoint, TokenCounterInfo } from '../../../src-shared/engine/job';
import { probeServerTokenizer } from '../client/tokenizer-probe';
import type { ProbeOptions, TokenizerProbe } from '../client/tokenizer-probe';
import { createApproximateTokenCounter } from '../tokens/approximate-token-counter';
import { PrefetchingTokenCounter } from '../tokens/prefetching-token-counter';
import type { TokenCounter } from '../types';

/** Context window assumed when neither the user nor the server gives one. */
export const DEFAULT_CONTEXT_WINDOW = 4096;

/** Tokenize requests in flight at once while planning (never more than the endpoint's own concurrency). */
const MAX_TOKENIZE_CONCURRENCY = 16;

export interface ChosenTokenCounter {
  readonly counter: TokenCounter;
  readonly info: TokenCounterInfo;
}

export async function chooseTokenCounter(
  endpoint: Endpoint,
  probe: (options: ProbeOptions) => Promise<TokenizerProbe> = probeServerTokenizer,
): Promise<ChosenTokenCounter> {
  const found = await probe({
    baseUrl: endpoint.baseUrl,
    apiModel: endpoint.apiModel ?? endpoint.model,
    apiKey: endpoint.apiKey,
  });
  const contextWindow = endpoint.contextWindow ?? found.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
  const windowInfo =
    endpoint.contextWindow !== undefined
      ? { contextWindowFrom: 'user' as const }
      : found.contextWindow !== null
        ? {
            contextWindowFrom: 'server' as const,
            ...(found.contextWindowSource ? { contextWindowDetail: found.contextWindowSource } : {}),
          }
        : { contextWindowFrom: 'default' as const };
  const approximate = createApproximateTokenCounter(contextWindow);
  if (!found.tokenizer) {
    return {
      counter: approximate,
      info: { kind: 'approximate', source: 'the server exposes no /tokenize endpoint', contextWindow, ...windowInfo },
    };
  }
  // The window the counted text may fill: the server's own special tokens (e.g. BOS) take room too.
  const textWindow = Math.max(1, contextWindow - found.specialTokens);
  const counter = new PrefetchingTokenCounter(found.tokenizer, {
    contextWindow: textWindow,
    fallback: createApproximateTokenCounter(textWindow),
    concurrency: Math.min(endpoint.concurrency, MAX_TOKENIZE_CONCURRENCY),
  });
  const reserved = found.specialTokens > 0 ? { reservedSpecialTokens: found.specialTokens } : {};
  return {
    counter,
    info: {
      kind: 'exact',
      source: `${found.tokenizer.kind} ${found.tokenizer.url}`,
      contextWindow,
      ...windowInfo,
      ...reserved,
    },
  };
}

/** The run-log line saying which counter planned the prompts. */
export function describeTokenCounter(info: TokenCounterInfo): string {
  const window =
    info.contextWindowFrom === 'user'
      ? `context window ${info.contextWindow} (given)`
      : info.contextWindowFrom === 'server'
        ? `context window ${info.contextWindow} (from the server${info.contextWindowDetail ? `, ${info.contextWindowDetail}` : ''})`
        : `context window ${info.contextWindow} (assumed; the server reports none)`;
  const reserved = info.reservedSpecialTokens
    ? `, ${info.reservedSpecialTokens} of it kept for the special tokens the server adds`
    : '';
  return info.kind === 'exact'
    ? `Token counts are exact: the server's tokenizer (${info.source}); ${window}${reserved}.`
    : `Token counts are approximate (${info.source}): prompts near the window may keep or drop an in-context example differently from HELM; ${window}.`;
}
