/**
 * llama.cpp server's tokenizer routes for the tiny model server, so the engine's probe finds an exact
 * tokenizer and the real context size: `POST /tokenize {content, add_special?}` → `{tokens}`,
 * `POST /detokenize {tokens}` → `{content}`, `GET /props` → `{default_generation_settings: {n_ctx}}`.
 * As in llama.cpp, `add_special` (default false) prepends the BOS token the completion routes add.
 */
import type { LlamaModel, Token } from 'node-llama-cpp';

/** The status and JSON body for a tokenizer route, or null when the request is for another route. */
export function answerTokenizerRoute(
  model: LlamaModel,
  contextSize: number,
  method: string | undefined,
  url: string,
  readJson: () => Promise<Record<string, unknown>>,
): Promise<[number, unknown]> | null {
  if (method === 'GET' && url === '/props') {
    return Promise.resolve([
      200,
      { default_generation_settings: { n_ctx: contextSize }, n_ctx_train: model.trainContextSize },
    ]);
  }
  if (method !== 'POST' || (url !== '/tokenize' && url !== '/detokenize')) return null;
  return readJson().then((body): [number, unknown] => {
    if (url === '/tokenize') {
      if (typeof body.content !== 'string') return [400, { error: { message: 'content must be a string' } }];
      const tokens: readonly number[] = model.tokenize(body.content);
      const bos = model.tokens.bos;
      return [200, { tokens: body.add_special === true && bos !== null ? [bos, ...tokens] : [...tokens] }];
    }
    const tokens = Array.isArray(body.tokens)
      ? body.tokens.filter((token): token is number => typeof token === 'number')
      : [];
    return [200, { content: model.detokenize(tokens as Token[]) }]; // boundary: ids from the client; Token is a branded number
  });
}
