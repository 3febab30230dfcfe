/**
 * The app API over the web bridge (src-main/web): `POST /api/<channel>` with a JSON body, events as
 * Server-Sent Events on `/api/events` read over `fetch`. Both carry the per-launch token as an
 * `Authorization` header, the only credential the bridge accepts; the token comes from the printed URL's
 * fragment (./bridge-token.ts). No cookie and no URL ever carries it, so no other origin can receive it.
 */
import { appChannels, appEvents, CHANNEL_NAMES, EVENT_NAMES } from '../../src-shared/api/contract';
import type { AppApi, AppEventSource, AppPort, ChannelName, EventName } from '../../src-shared/api/contract';
import { AppError, isAppErrorData } from '../../src-shared/errors';
import { takeBridgeToken } from './bridge-token';
import { openEventStream } from './event-stream';

export interface HttpGatewayOptions {
  /** Origin of the bridge; default: the page's own. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  /** The bridge token; default: from the page URL's `#token=` or this tab's sessionStorage. */
  readonly token?: string | null;
}

export function createHttpGateway(options: HttpGatewayOptions = {}): AppPort {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const token = options.token === undefined ? takeBridgeToken() : options.token;
  const authorization: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const api = {} as Record<ChannelName, (request: unknown) => Promise<unknown>>; // cast: filled for every channel below
  for (const name of CHANNEL_NAMES) {
    api[name] = async (request: unknown) => {
      let response: Response;
      try {
        response = await doFetch(`${base}/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...authorization },
          credentials: 'omit',
          body: JSON.stringify(request ?? {}),
        });
      } catch (error) {
        throw new AppError({
          code: 'bridge.unreachable',
          message: 'The HELM Rank server is not answering.',
          cause: String(error),
        });
      }
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok || !isOkBody(body)) {
        const error = isErrorBody(body)
          ? body.error
          : { code: 'bridge.http', message: `The server answered ${response.status} to ${name}.` };
        throw AppError.fromData(error);
      }
      return appChannels[name].response.parse(body.result);
    };
  }

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let isStreaming = false;
  const ensureSource = () => {
    if (isStreaming) return;
    isStreaming = true;
    openEventStream({
      url: `${base}/api/events`,
      headers: authorization,
      fetch: doFetch,
      onEvent: ({ event, data }) => {
        const name = EVENT_NAMES.find((candidate) => candidate === event);
        if (!name) return;
        let payload: unknown;
        try {
          payload = JSON.parse(data);
        } catch {
          return;
        }
        const parsed = appEvents[name].payload.safeParse(payload);
        if (!parsed.success) return;
        for (const listener of listeners.get(name) ?? []) listener(parsed.data);
      },
    });
  };
  const on: AppEventSource = (name, listener) => {
    ensureSource();
    const set = listeners.get(name) ?? new Set();
    const wrapped = listener as (payload: unknown) => void; // cast: payload validated against this event's schema above
    set.add(wrapped);
    listeners.set(name, set);
    return () => set.delete(wrapped);
  };
  return { api: api as unknown as AppApi, on }; // cast: every channel was filled in the loop above
}

function isOkBody(body: unknown): body is { ok: true; result: unknown } {
  return typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === true;
}

function isErrorBody(body: unknown): body is { ok: false; error: { code: string; message: string } } {
  return typeof body === 'object' && body !== null && isAppErrorData((body as { error?: unknown }).error);
}
