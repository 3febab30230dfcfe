/**
 * What is wrong with a typed base URL before anything is sent: no scheme (`127.0.0.1:8000/v1`), a scheme that
 * is not http(s) (`htp://…`), or text that is not a URL at all. Each problem carries the URL the user most likely
 * meant, so every face can offer it in its own words.
 */

export type BaseUrlProblemReason = 'empty' | 'no-scheme' | 'bad-scheme' | 'invalid';

export interface BaseUrlProblem {
  readonly reason: BaseUrlProblemReason;
  /** The scheme as typed, for `bad-scheme` (e.g. `htp`). */
  readonly scheme: string | null;
  /** The URL the user most likely meant, when one can be guessed. */
  readonly suggestion: string | null;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
/** `host`, `host:port`, `host/path`, `[::1]:port/…`: what a URL without its scheme looks like. */
const HOST_FIRST =
  /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(:\d{1,5})?(\/\S*)?$/i;
const LOCAL_HOST = /^(localhost|127\.|0\.0\.0\.0|\[::1\]|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/i;

/** The problem with `text` as an http(s) base URL, or null when it is one. */
export function checkBaseUrl(text: string): BaseUrlProblem | null {
  const value = text.trim();
  if (value === '') return { reason: 'empty', scheme: null, suggestion: null };
  const scheme = SCHEME.exec(value)?.[1];
  if (scheme !== undefined) {
    const lower = scheme.toLowerCase();
    if (lower !== 'http' && lower !== 'https') {
      const meant = closestHttpScheme(lower);
      const rest = value.slice(scheme.length + 3);
      return { reason: 'bad-scheme', scheme, suggestion: meant && rest !== '' ? `${meant}://${rest}` : null };
    }
    return parses(value) ? null : { reason: 'invalid', scheme: null, suggestion: null };
  }
  if (HOST_FIRST.test(value)) {
    const guess = `${LOCAL_HOST.test(value) ? 'http' : 'https'}://${value}`;
    return { reason: 'no-scheme', scheme: null, suggestion: parses(guess) ? guess : null };
  }
  // `http:/host`, `http:host`: a scheme with its slashes mistyped.
  const sloppy = /^(https?):\/?([^/].*)$/i.exec(value);
  if (sloppy && parses(`${sloppy[1]}://${sloppy[2]}`))
    return { reason: 'invalid', scheme: null, suggestion: `${sloppy[1]?.toLowerCase()}://${sloppy[2]}` };
  return { reason: 'invalid', scheme: null, suggestion: null };
}

function parses(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/** `http` or `https` when `scheme` is one typing slip away from it (`htp`, `htps`, `hhtp`, `http:`), else null. */
function closestHttpScheme(scheme: string): 'http' | 'https' | null {
  const toHttps = editDistance(scheme, 'https');
  const toHttp = editDistance(scheme, 'http');
  if (Math.min(toHttp, toHttps) > 2) return null;
  return toHttps < toHttp || (toHttps === toHttp && scheme.endsWith('s')) ? 'https' : 'http';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
