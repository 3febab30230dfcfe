/**
 * One plain `GET <base URL>/models` for "Test connection": it tells what the OpenAI SDK's errors blur — a refused
 * connection, a host name that does not resolve, a TLS failure, a timeout — and, when something answers, its
 * HTTP status and the model names it lists. The key (when given) goes only to this same endpoint.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Why nothing answered. */
export type NetworkFailure = 'refused' | 'dns' | 'tls' | 'reset' | 'timeout' | 'other';

export type EndpointProbe =
  | {
      readonly kind: 'answered';
      readonly status: number;
      /** `data[].id` of an OpenAI-style model list, when the answer is one. */
      readonly models: readonly string[] | null;
    }
  | {
      readonly kind: 'network';
      readonly reason: NetworkFailure;
      /** Node's error code (`ECONNREFUSED`, `ENOTFOUND`, `ERR_SSL_…`), when there is one. */
      readonly errno: string | null;
      readonly message: string;
    };

export interface EndpointProbeOptions {
  readonly apiKey?: string | undefined;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** The most of a model list read (a server listing thousands of models does not fill memory). */
const MAX_BODY_BYTES = 1_000_000;

export function probeEndpoint(baseUrl: string, options: EndpointProbeOptions = {}): Promise<EndpointProbe> {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/models`);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise<EndpointProbe>((resolve) => {
    let settled = false;
    const finish = (probe: EndpointProbe) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(probe);
    };
    const request = send(
      url,
      {
        method: 'GET',
        headers: {
          accept: 'application/json',
          'user-agent': 'helm-rank',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        });
        response.on('error', () => finish({ kind: 'answered', status: response.statusCode ?? 0, models: null }));
        response.on('end', () =>
          finish({
            kind: 'answered',
            status: response.statusCode ?? 0,
            models: size <= MAX_BODY_BYTES ? modelIds(Buffer.concat(chunks).toString('utf8')) : null,
          }),
        );
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish({
        kind: 'network',
        reason: 'timeout',
        errno: null,
        message: `no answer in ${Math.round(timeoutMs / 1000)} s`,
      });
    }, timeoutMs);
    const onAbort = () => {
      request.destroy();
      finish({ kind: 'network', reason: 'other', errno: null, message: 'cancelled' });
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error: NodeJS.ErrnoException) => {
      finish({ kind: 'network', reason: networkFailure(error), errno: error.code ?? null, message: error.message });
    });
    request.end();
  });
}

/** What kind of network failure a Node socket error is. */
export function networkFailure(error: NodeJS.ErrnoException): NetworkFailure {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') return 'dns';
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return 'timeout';
  if (
    code === 'EPROTO' ||
    code.startsWith('ERR_SSL') ||
    code.startsWith('ERR_TLS') ||
    code.startsWith('CERT_') ||
    code.includes('CERT') ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN' ||
    /ssl|tls|certificate/i.test(error.message)
  )
    return 'tls';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return 'reset';
  return 'other';
}

function modelIds(text: string): readonly string[] | null {
  try {
    const body = JSON.parse(text) as { data?: unknown }; // boundary: any server's JSON, checked below
    if (!Array.isArray(body.data)) return null;
    return body.data
      .map((item: unknown) => (typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined))
      .filter((id): id is string => typeof id === 'string');
  } catch {
    return null;
  }
}
