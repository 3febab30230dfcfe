/**
 * The one way a request gets an API key: {@link endpointKey} hands out a key only for the origin it was
 * saved for (scheme, host and port, e.g. `https://api.openai.com`). Every channel that talks to a model —
 * Test connection, the dry run, a run and its resume — resolves its key here, so a key entered for one
 * service is never sent to another, whatever base URL a request names: a request elsewhere goes without a key
 * (a local server needs none), and if that endpoint then asks for one, the caller words why none was sent with
 * the refusal returned here. Base URLs carrying a user name or password are refused here too: they would put a
 * credential where keys are not protected (run.json, logs).
 */
import { AppError } from '../../../src-shared/errors';
import type { SecretStatus } from '../../../src-shared/api/settings';
import type { SecretStore } from './secret-store';
import { envVarFor, originOf } from './secret-store';

/**
 * How a face names the URL it refused (the app's field by default) and, when the key must go to one environment
 * variable, which: each face then words where the key goes instead from the error's details.
 */
export interface UrlWords {
  readonly field: string;
  readonly keyVariable?: string;
}

const APP_WORDS: UrlWords = { field: 'The base URL' };

/**
 * Refuses `https://user:password@host/…`: a password there would be saved with the endpoint (run.json,
 * settings) and shown in messages. The error repeats no part of the URL.
 */
export function refuseUserInfo(baseUrl: string, words: UrlWords = APP_WORDS): void {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl.trim());
  } catch {
    return; // Not a URL at all: the request fails later with its own message.
  }
  if (parsed.username === '' && parsed.password === '') return;
  throw new AppError({
    code: 'endpoint.credentials-in-url',
    message: `${words.field} contains a user name or password; credentials are not accepted in a URL.`,
    ...(words.keyVariable ? { details: { keyVariable: words.keyVariable } } : {}),
  });
}

/** Saves a key for the endpoint `baseUrl` names: it will be sent to that origin only. */
export async function saveKey(
  secrets: SecretStore,
  request: { id: string; value: string; baseUrl: string },
): Promise<SecretStatus> {
  refuseUserInfo(request.baseUrl);
  const origin = originOf(request.baseUrl);
  if (!origin)
    throw new AppError({
      code: 'secrets.no-endpoint',
      message: 'Enter the base URL (http:// or https://) before saving its key: a key is saved for one endpoint.',
    });
  return secrets.set(request.id, request.value, origin);
}

/** The key a request to an endpoint carries, and the key withheld from it (saved for another origin), if any. */
export interface EndpointKey {
  /** The key `id` names when it is bound to this very origin; null otherwise (the request goes without one). */
  readonly apiKey: string | null;
  /** Why the stored key is not sent here (`secrets.other-origin`, naming both origins), or null. */
  readonly withheld: AppError | null;
}

/** The key `id` names for a request to `baseUrl` (see {@link EndpointKey}); throws only for credentials in the URL. */
export async function endpointKey(secrets: SecretStore, id: string | null, baseUrl: string): Promise<EndpointKey> {
  try {
    return { apiKey: await keyForEndpoint(secrets, id, baseUrl), withheld: null };
  } catch (error) {
    if (error instanceof AppError && error.code === 'secrets.other-origin') return { apiKey: null, withheld: error };
    throw error;
  }
}

/**
 * The key `id` names, for a request to `baseUrl` — only if it is bound to that very origin. Any other origin
 * gets an error naming both origins and asking for this endpoint's key. Null when no key is stored under `id`.
 */
export async function keyForEndpoint(secrets: SecretStore, id: string | null, baseUrl: string): Promise<string | null> {
  refuseUserInfo(baseUrl);
  if (!id) return null;
  const key = await secrets.read(id);
  if (!key) return null;
  const target = originOf(baseUrl);
  if (key.origin !== null && key.origin === target) return key.value;
  const where = target ?? 'this base URL';
  if (key.source === 'env') {
    const variable = envVarFor(id);
    const preset = id.replace(/^api-key:/, '');
    throw new AppError({
      code: 'secrets.other-origin',
      message:
        key.origin === null
          ? `${variable} is not bound to an endpoint, so it is not sent to ${where}.`
          : `${variable} is bound to ${key.origin}; it is never sent to another endpoint (${where}).`,
      details: { endpoint: where, keyPreset: preset, ...(target ? { origin: target } : {}) },
    });
  }
  throw new AppError({
    code: 'secrets.other-origin',
    message:
      key.origin === null
        ? `The saved API key does not say which endpoint it is for (it was saved by an earlier version), so it is not sent to ${where}.`
        : `The saved API key belongs to ${key.origin}; it is never sent to another endpoint (${where}).`,
    details: { endpoint: where },
  });
}
