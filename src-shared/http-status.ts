/** HTTP statuses in words, so an answer is named as an answer (`HTTP 404 (not found)`), never as a network problem. */

const STATUS_WORDS: Readonly<Record<number, string>> = {
  400: 'bad request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  405: 'method not allowed',
  408: 'request timeout',
  410: 'gone',
  416: 'range not satisfiable',
  422: 'unprocessable request',
  429: 'too many requests',
  500: 'internal server error',
  501: 'not implemented',
  502: 'bad gateway',
  503: 'service unavailable',
  504: 'gateway timeout',
};

/** `HTTP 404 (not found)`; `HTTP 599` for a status without common words. */
export function httpStatusText(status: number): string {
  const words = STATUS_WORDS[status];
  return words ? `HTTP ${status} (${words})` : `HTTP ${status}`;
}
