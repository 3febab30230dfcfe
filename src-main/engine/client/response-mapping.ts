/**
 * Maps OpenAI-compatible responses into HELM's `GeneratedOutput`/`Token`, as HELM's `OpenAIClient`
 * (`src/helm/proxy/clients/openai_client.py`, v0.3.0) does, including its post-hoc `truncate_sequence`
 * (`src/helm/proxy/clients/client.py`).
 */
import type { GeneratedOutput, Request, Token } from '../../../src-shared/helm/request';

/** HELM appends this to the stop sequences when truncating OpenAI completions (`OpenAIClient.END_OF_TEXT`). */
export const END_OF_TEXT = '<|endoftext|>';

/** The `logprobs` block of a legacy completions choice. */
export interface CompletionLogprobs {
  readonly tokens?: readonly string[] | null;
  readonly token_logprobs?: readonly (number | null)[] | null;
  readonly top_logprobs?: readonly (Readonly<Record<string, number>> | null)[] | null;
}

export interface CompletionChoice {
  readonly text?: string | null;
  readonly logprobs?: CompletionLogprobs | null;
  readonly finish_reason?: string | null;
}

export interface ChatChoice {
  readonly message?: { readonly content?: string | null } | null;
  readonly logprobs?: {
    readonly content?:
      | readonly {
          readonly token: string;
          readonly logprob: number;
          readonly top_logprobs?: readonly { token: string; logprob: number }[];
        }[]
      | null;
  } | null;
  readonly finish_reason?: string | null;
}

/**
 * One completions choice → GeneratedOutput. As HELM: a null logprob (the first echoed token) counts as 0,
 * the sequence logprob is the sum, and the result is truncated at the stop sequences plus `<|endoftext|>`.
 */
export function mapCompletionChoice(choice: CompletionChoice, request: Request): GeneratedOutput {
  const raw = choice.logprobs ?? {};
  const texts = raw.tokens ?? [];
  const logprobs = raw.token_logprobs ?? [];
  const tops = raw.top_logprobs ?? [];
  const tokens: Token[] = [];
  let sequenceLogprob = 0;
  // zip(): HELM stops at the shortest of the three lists.
  const length = Math.min(texts.length, logprobs.length, tops.length);
  for (let i = 0; i < length; i++) {
    const logprob = logprobs[i] ?? 0;
    tokens.push({ text: texts[i] ?? '', logprob, top_logprobs: { ...(tops[i] ?? {}) } });
    sequenceLogprob += logprob;
  }
  const output: GeneratedOutput = {
    text: choice.text ?? '',
    logprob: sequenceLogprob,
    tokens,
    finish_reason: { reason: choice.finish_reason ?? null },
  };
  return truncateSequence(output, { ...request, stop_sequences: [...request.stop_sequences, END_OF_TEXT] });
}

/**
 * One chat choice → GeneratedOutput. HELM v0.3.0 re-tokenized chat text with tiktoken and set logprobs to 0;
 * we deliberately use the server's own tokens and logprobs when it returns them (any model, any tokenizer),
 * and no tokens when it does not.
 */
export function mapChatChoice(choice: ChatChoice, request: Request): GeneratedOutput {
  const content = choice.message?.content ?? '';
  const tokens: Token[] = (choice.logprobs?.content ?? []).map((entry) => ({
    text: entry.token,
    logprob: entry.logprob,
    top_logprobs: Object.fromEntries((entry.top_logprobs ?? []).map((top) => [top.token, top.logprob])),
  }));
  const output: GeneratedOutput = {
    text: content,
    logprob: sumLogprobs(tokens),
    tokens,
    finish_reason: { reason: choice.finish_reason ?? null },
  };
  return truncateSequence(output, request);
}

/**
 * HELM's `truncate_sequence`: cut the text at each stop sequence in turn and the tokens at the first token
 * that starts with it, then cap at `max_tokens` tokens. Echo requests are returned whole. A truncated
 * sequence loses its finish_reason, as in HELM (it rebuilds the Sequence without one).
 */
export function truncateSequence(sequence: GeneratedOutput, request: Request): GeneratedOutput {
  if (request.echo_prompt) return sequence;
  let current = sequence;
  for (const stop of request.stop_sequences) {
    const at = current.text.indexOf(stop);
    const text = at >= 0 ? current.text.slice(0, at) : current.text;
    const tokens: Token[] = [];
    for (const token of current.tokens) {
      if (token.text.startsWith(stop)) break;
      tokens.push(token);
    }
    current = { text, logprob: sumLogprobs(tokens), tokens };
  }
  if (current.tokens.length > request.max_tokens) {
    const tokens = current.tokens.slice(0, request.max_tokens);
    current = { text: tokens.map((token) => token.text).join(''), logprob: sumLogprobs(tokens), tokens };
  }
  return current;
}

function sumLogprobs(tokens: readonly Token[]): number {
  return tokens.reduce((sum, token) => sum + token.logprob, 0);
}
