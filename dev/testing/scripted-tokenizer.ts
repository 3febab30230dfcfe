/**
 * llama.cpp-server-shaped tokenizer routes for the scripted OpenAI server: `POST /tokenize {content}` →
 * `{tokens}`, `POST /detokenize {tokens}` → `{content}`, `GET /props` → `{default_generation_settings: {n_ctx}}`.
 * Tokens are the scripted server's pieces (`scriptedTokenize`), numbered in order of first sight, so counts are exact and
 * detokenizing a prefix gives back a prefix of the text.
 */
/** The `tokenizer` option of the scripted server. */
export interface ScriptedTokenizerOptions {
  /** Reported by `/props` as `n_ctx`; absent: `/props` answers 404 (no context window from the server). */
  readonly contextWindow?: number;
  /** When false, `/detokenize` answers 404 (as a server without the route would). Default true. */
  readonly detokenize?: boolean;
}

export interface ScriptedTokenizer {
  /** Whether this request is for one of the tokenizer routes. */
  handles(method: string | undefined, url: string): boolean;
  /** Status and JSON body of the answer. */
  answer(
    method: string | undefined,
    url: string,
    rawBody: string,
    options: ScriptedTokenizerOptions,
  ): [number, unknown];
}

/** `tokenize` splits text into pieces (the scripted server passes its own, so counts agree with its answers). */
export function createScriptedTokenizer(tokenize: (text: string) => string[]): ScriptedTokenizer {
  const ids = new Map<string, number>();
  const pieces: string[] = [];
  const idOf = (piece: string) => {
    let id = ids.get(piece);
    if (id === undefined) {
      id = pieces.length;
      ids.set(piece, id);
      pieces.push(piece);
    }
    return id;
  };
  const parse = (raw: string): Record<string, unknown> => {
    try {
      const value: unknown = JSON.parse(raw);
      return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {}; // boundary: request JSON
    } catch {
      return {};
    }
  };
  return {
    handles: (method, url) =>
      (method === 'POST' && (url === '/tokenize' || url === '/detokenize')) || (method === 'GET' && url === '/props'),
    answer(method, url, rawBody, options) {
      if (url === '/props') {
        return options.contextWindow === undefined
          ? [404, { error: { message: 'no route' } }]
          : [200, { default_generation_settings: { n_ctx: options.contextWindow } }];
      }
      const body = parse(rawBody);
      if (url === '/tokenize') {
        return typeof body.content === 'string'
          ? [200, { tokens: tokenize(body.content).map(idOf) }]
          : [400, { error: { message: 'content is required' } }];
      }
      if (options.detokenize === false) return [404, { error: { message: 'no route' } }];
      const tokens = Array.isArray(body.tokens) ? body.tokens : [];
      return [200, { content: tokens.map((id) => (typeof id === 'number' ? (pieces[id] ?? '') : '')).join('') }];
    },
  };
}
