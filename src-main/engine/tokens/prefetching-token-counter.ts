/**
 * Exact token counts from an asynchronous tokenizer (the user's server) for the synchronous TokenCounter the
 * adapters use.
 *
 * Adapters fit prompts synchronously (`_make_prompt_fit` counts, drops the last in-context example, counts
 * again). So planning runs the adapter, and every text the counter has not seen yet is answered with the
 * approximate count and noted; the noted texts are then tokenized at once (bounded concurrency, memoized) and
 * the adapter runs again. Each round settles at least one more step of every prompt's drop sequence, and
 * most prompts fit at the first count, so two rounds are the common case. The memo is kept for scoring
 * (`num_prompt_tokens` counts the final prompts, which planning already counted).
 */
import type { TokenCounter } from '../types';

/** An exact tokenizer that answers asynchronously (e.g. over HTTP). */
export interface AsyncTokenizer {
  tokenize(text: string, signal?: AbortSignal): Promise<readonly number[]>;
  /** Text of a token sequence; null when the tokenizer cannot detokenize. */
  detokenize(tokens: readonly number[], signal?: AbortSignal): Promise<string | null>;
}

export interface PrefetchingOptions {
  readonly contextWindow: number;
  /** Answers texts not tokenized yet (and every text when the tokenizer fails). */
  readonly fallback: TokenCounter;
  /** Tokenize requests in flight at once; default 8. */
  readonly concurrency?: number;
}

/** How many texts were answered exactly and how many had to use the fallback after settling. */
export interface PrefetchingStats {
  readonly exactTexts: number;
  readonly fallbackAnswers: number;
}

export class PrefetchingTokenCounter implements TokenCounter {
  readonly contextWindow: number;
  /** Counts only: token ids of every planned prompt would take hundreds of MB at the `all` budget. */
  private readonly counts = new Map<string, number>();
  private readonly truncations = new Map<string, string>();
  private readonly pendingTexts = new Set<string>();
  private readonly pendingTruncations = new Map<string, { text: string; maxTokens: number }>();
  private fallbackAnswers = 0;

  constructor(
    private readonly tokenizer: AsyncTokenizer,
    private readonly options: PrefetchingOptions,
  ) {
    this.contextWindow = options.contextWindow;
  }

  countTokens(text: string): number {
    const known = this.counts.get(text);
    if (known !== undefined) return known;
    this.pendingTexts.add(text);
    this.fallbackAnswers++;
    return this.options.fallback.countTokens(text);
  }

  truncateToTokens(text: string, maxTokens: number): string {
    const known = this.counts.get(text);
    if (known !== undefined && known <= maxTokens) return text;
    const key = `${maxTokens}\u0000${text}`;
    const cut = this.truncations.get(key);
    if (cut !== undefined) return cut;
    this.pendingTruncations.set(key, { text, maxTokens });
    this.fallbackAnswers++;
    return this.options.fallback.truncateToTokens(text, maxTokens);
  }

  /** True when the last computation used a fallback answer that {@link resolvePending} can replace. */
  get hasPending(): boolean {
    return this.pendingTexts.size > 0 || this.pendingTruncations.size > 0;
  }

  stats(): PrefetchingStats {
    return { exactTexts: this.counts.size, fallbackAnswers: this.fallbackAnswers };
  }

  /** Tokenizes every noted text (and resolves noted truncations); throws when the tokenizer fails. */
  async resolvePending(signal?: AbortSignal): Promise<void> {
    const texts = [...this.pendingTexts];
    const cuts = [...this.pendingTruncations];
    this.pendingTexts.clear();
    this.pendingTruncations.clear();
    await this.forEachLimited(texts, async (text) => {
      this.counts.set(text, (await this.tokenizer.tokenize(text, signal)).length);
    });
    await this.forEachLimited(cuts, async ([key, { text, maxTokens }]) => {
      this.truncations.set(key, await this.truncate(text, maxTokens, signal));
    });
  }

  /**
   * Runs `compute` until it needs no count it has not got exactly (at most `maxRounds` times), so its result
   * is what it would be with a synchronous exact tokenizer.
   */
  async settle<T>(compute: () => T, signal?: AbortSignal, maxRounds = 64): Promise<T> {
    for (let round = 1; ; round++) {
      this.fallbackAnswers = 0;
      const result = compute();
      if (!this.hasPending || round >= maxRounds) return result;
      await this.resolvePending(signal);
    }
  }

  /**
   * HELM's `truncate_from_right`: decode the first `maxTokens` tokens. Without a detokenizer, the longest
   * character prefix whose exact count fits (binary search; truncation happens only when even the bare eval
   * instance overflows the window, so this is rare).
   */
  private async truncate(text: string, maxTokens: number, signal?: AbortSignal): Promise<string> {
    const tokens = await this.tokenizer.tokenize(text, signal);
    this.counts.set(text, tokens.length);
    if (tokens.length <= maxTokens) return text;
    const decoded = await this.tokenizer.detokenize(tokens.slice(0, Math.max(0, maxTokens)), signal);
    if (decoded !== null) return decoded;
    let low = 0;
    let high = text.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      const count = (await this.tokenizer.tokenize(text.slice(0, middle), signal)).length;
      if (count <= maxTokens) low = middle;
      else high = middle - 1;
    }
    return text.slice(0, low);
  }

  private async forEachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++] as T; // in range: checked just above
        await work(item);
      }
    };
    await Promise.all(Array.from({ length: Math.min(items.length, this.options.concurrency ?? 8) }, worker));
  }
}
