import { describe, expect, it } from 'vitest';
import { createApproximateTokenCounter } from './approximate-token-counter';
import { createCountingTokenCounter, createExactTokenCounter } from './exact-token-counter';

describe('approximate token counter', () => {
  const counter = createApproximateTokenCounter(100);

  it('counts GPT-2 pre-tokenizer pieces, long words by 6-character chunks', () => {
    // "Hello", " world", "!", "\n", " internationalization" (20 letters → 4)
    expect(counter.countTokens('Hello world!\n internationalization')).toBe(1 + 1 + 1 + 1 + 4);
    expect(counter.countTokens('')).toBe(0);
    expect(counter.contextWindow).toBe(100);
  });

  it('truncates to a prefix within the budget', () => {
    const text = 'one two three four five six';
    const cut = counter.truncateToTokens(text, 3);
    expect(text.startsWith(cut)).toBe(true);
    expect(counter.countTokens(cut)).toBeLessThanOrEqual(3);
    expect(cut).toBe('one two three');
    expect(counter.truncateToTokens(text, 100)).toBe(text);
  });
});

describe('exact token counters', () => {
  const words = {
    tokenize: (text: string) => text.split(' '),
    detokenize: (tokens: readonly unknown[]) => tokens.join(' '),
  };

  it('delegates counting and truncation to the tokenizer', () => {
    const counter = createExactTokenCounter(words, 50);
    expect(counter.countTokens('a b c')).toBe(3);
    expect(counter.truncateToTokens('a b c d', 2)).toBe('a b');
    expect(counter.truncateToTokens('a b', 5)).toBe('a b');
  });

  it('count-only counters shorten until the count fits', () => {
    const counter = createCountingTokenCounter((text) => Math.ceil(text.length / 2), 50);
    const cut = counter.truncateToTokens('abcdefghij', 3);
    expect(Math.ceil(cut.length / 2)).toBeLessThanOrEqual(3);
    expect('abcdefghij'.startsWith(cut)).toBe(true);
  });
});
