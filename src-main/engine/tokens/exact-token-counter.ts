/**
 * A TokenCounter over an exact tokenizer supplied by a model client (e.g. llama.cpp's `/tokenize`, or a
 * tokenizer library). HELM's window services count and truncate with the model's own tokenizer
 * (`window_services/*.py`), so with this counter prompt fitting matches HELM exactly.
 */
import type { TokenCounter } from '../types';

/** An exact tokenizer: text → tokens (opaque ids or strings) and back. */
export interface Tokenizer {
  tokenize(text: string): readonly unknown[];
  /** Text of a token prefix; required for right-truncation (HELM decodes the kept tokens). */
  detokenize(tokens: readonly unknown[]): string;
}

export function createExactTokenCounter(tokenizer: Tokenizer, contextWindow: number): TokenCounter {
  return {
    contextWindow,
    countTokens: (text) => tokenizer.tokenize(text).length,
    truncateToTokens(text, maxTokens) {
      const tokens = tokenizer.tokenize(text);
      if (tokens.length <= maxTokens) return text;
      return tokenizer.detokenize(tokens.slice(0, Math.max(0, maxTokens)));
    },
  };
}

/**
 * Counts with a synchronous count function only (e.g. token counts fetched ahead of time); truncation falls
 * back to cutting characters proportionally, then shortening until the count fits.
 */
export function createCountingTokenCounter(count: (text: string) => number, contextWindow: number): TokenCounter {
  return {
    contextWindow,
    countTokens: count,
    truncateToTokens(text, maxTokens) {
      let kept = text;
      while (kept.length > 0 && count(kept) > maxTokens) {
        const ratio = maxTokens / count(kept);
        kept = kept.slice(0, Math.min(kept.length - 1, Math.floor(kept.length * ratio)));
      }
      return kept;
    },
  };
}
