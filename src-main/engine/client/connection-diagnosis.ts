/**
 * Why "Test connection" failed, from what was observed: the base URL as typed, a plain `GET /models`
 * (./endpoint-probe.ts) and the completions and chat probes' HTTP statuses. Each cause gets its own code and the
 * facts a face needs to word the fix (the app in fields and buttons): a URL without a scheme or with a
 * mistyped one, nothing listening, a host name that does not resolve, TLS, a timeout, a wrong key, a model the
 * server does not serve, an address with no OpenAI-compatible API (404) or one that does not implement it (501).
 */
import { httpStatusText } from '../../../src-shared/http-status';
import type { BaseUrlProblem } from './base-url-check';
import type { EndpointProbe } from './endpoint-probe';

/** How one mode's probe failed: the HTTP status when the server answered, else null. */
export interface ModeFailure {
  readonly status: number | null;
  readonly message: string;
}

export interface ConnectionFacts {
  readonly baseUrl: string;
  readonly model: string;
  readonly hasKey: boolean;
  readonly probe: EndpointProbe;
  readonly completions: ModeFailure | null;
  readonly chat: ModeFailure | null;
  readonly timeoutSeconds: number;
}

export interface Diagnosis {
  readonly code: string;
  readonly message: string;
  readonly cause?: string;
  readonly details: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
}

/** The diagnosis of a base URL refused before anything was sent. */
export function diagnoseBaseUrl(baseUrl: string, problem: BaseUrlProblem): Diagnosis {
  const typed = baseUrl.trim();
  const details = { reason: problem.reason, scheme: problem.scheme, suggestion: problem.suggestion };
  switch (problem.reason) {
    case 'empty':
      return { code: 'model.bad-url', message: 'The base URL is empty.', details };
    case 'no-scheme':
      return {
        code: 'model.bad-url',
        message: `The base URL “${typed}” needs http:// or https:// at the start.`,
        details,
      };
    case 'bad-scheme':
      return {
        code: 'model.bad-url',
        message: `The base URL starts with “${problem.scheme ?? ''}://”, which is neither http:// nor https://.`,
        details,
      };
    default:
      return { code: 'model.bad-url', message: `“${typed}” is not a valid http(s) URL.`, details };
  }
}

/** The diagnosis of a test in which neither mode answered. */
export function diagnoseConnection(facts: ConnectionFacts): Diagnosis {
  const { baseUrl, probe } = facts;
  const base = baseUrl.trim().replace(/\/+$/, '');
  const cause = [
    facts.completions ? `completions: ${facts.completions.message}` : null,
    facts.chat ? `chat: ${facts.chat.message}` : null,
    probe.kind === 'network' ? `GET /models: ${probe.message}` : `GET /models: HTTP ${probe.status}`,
  ]
    .filter((part): part is string => part !== null)
    .join(' | ');
  if (probe.kind === 'network') return networkDiagnosis(base, probe, facts.timeoutSeconds, cause);
  const statuses = [facts.completions?.status, facts.chat?.status].filter(
    (status): status is number => typeof status === 'number',
  );
  const all = (test: (status: number) => boolean) => statuses.length > 0 && statuses.every(test);
  const auth = [...statuses, probe.status].find((status) => status === 401 || status === 403);
  if (auth !== undefined) {
    return {
      code: 'model.unauthorized',
      message: `${base} refused the API key (${auth === 403 ? 'HTTP 403: the key has no access' : 'HTTP 401: authentication failed'}).`,
      cause,
      details: { status: auth, hasKey: facts.hasKey },
    };
  }
  if (all((status) => status === 404)) {
    const known = probe.status >= 200 && probe.status < 300 ? (probe.models ?? null) : null;
    if (known !== null && !known.includes(facts.model)) {
      return {
        code: 'model.not-found',
        message: `${base} does not serve a model named '${facts.model}' (${httpStatusText(404)}).`,
        cause,
        details: { status: 404, knownModels: known.slice(0, 20) },
      };
    }
    return {
      code: 'model.no-api',
      message: `${base} answered ${httpStatusText(404)} for /completions and /chat/completions${known === null ? ' and /models' : ''}: no OpenAI-compatible API at this address.`,
      cause,
      details: { status: 404 },
    };
  }
  if (all((status) => status === 501 || status === 405 || status === 404)) {
    const status = statuses.find((value) => value !== 404) ?? 501;
    return {
      code: 'model.not-implemented',
      message: `${base} answered ${httpStatusText(status)} for /completions and /chat/completions.`,
      cause,
      details: { status },
    };
  }
  const serverError = statuses.find((status) => status >= 500);
  if (serverError !== undefined) {
    return {
      code: 'model.server-error',
      message: `${base} answered ${httpStatusText(serverError)}.`,
      cause,
      details: { status: serverError },
    };
  }
  const refused = statuses.find((status) => status >= 400);
  if (refused !== undefined) {
    return {
      code: 'model.bad-request',
      message: `${base} refused the test request for '${facts.model}' (${httpStatusText(refused)}).`,
      cause,
      details: { status: refused },
    };
  }
  // Neither mode answered with a status although /models did: the answers themselves were unusable.
  return {
    code: 'model.bad-response',
    message: `${base} answered, but not as an OpenAI-compatible API does.`,
    cause,
    details: { status: probe.status },
  };
}

function networkDiagnosis(
  base: string,
  probe: Extract<EndpointProbe, { kind: 'network' }>,
  timeoutSeconds: number,
  cause: string,
): Diagnosis {
  const url = new URL(base);
  const host = url.hostname;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const details = { reason: probe.reason, host, port, errno: probe.errno };
  switch (probe.reason) {
    case 'refused':
      return {
        code: 'model.unreachable',
        message: `Nothing is listening at ${host}:${port} (connection refused).`,
        cause,
        details,
      };
    case 'dns':
      return {
        code: 'model.unreachable',
        message: `The host name '${host}' could not be found (DNS lookup failed).`,
        cause,
        details,
      };
    case 'tls':
      return {
        code: 'model.unreachable',
        message: `The secure (https) connection to ${host}:${port} failed: ${probe.message}.`,
        cause,
        details,
      };
    case 'timeout':
      return {
        code: 'model.timeout',
        message: `${base} did not answer within ${timeoutSeconds} s.`,
        cause,
        details: { ...details, seconds: timeoutSeconds },
      };
    case 'reset':
      return {
        code: 'model.unreachable',
        message: `${host}:${port} closed the connection without answering.`,
        cause,
        details,
      };
    default:
      return {
        code: 'model.unreachable',
        message: `Could not connect to ${host}:${port}: ${probe.message}.`,
        cause,
        details,
      };
  }
}
