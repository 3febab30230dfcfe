/**
 * The web bridge's per-launch token, on the page side. `helm-rank serve` prints `http://127.0.0.1:PORT/#token=…`:
 * a fragment, which the browser never sends to any server. On load the token is taken out of the address bar
 * (so it is not left in history, bookmarks or a screen share) and kept in page memory, plus sessionStorage so a
 * reload of this tab keeps working. sessionStorage, unlike a cookie, is bound to the exact origin (scheme, host
 * and port): another server on 127.0.0.1 cannot read it, and nothing attaches it to a request. It also ends with
 * the tab. The gateway sends the token only as an `Authorization` header to the bridge's own origin.
 */

export const TOKEN_STORAGE_KEY = 'helm-rank.bridge-token';

/** What the token is read from; the page's `location`, `history` and `sessionStorage` by default. */
export interface TokenSources {
  readonly location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/** Takes `#token=…` from the URL (then clears it from the address bar), else the one this tab saved before. */
export function takeBridgeToken(sources: TokenSources | null = pageSources()): string | null {
  if (!sources) return null;
  const fromUrl = new URLSearchParams(sources.location.hash.replace(/^#/, '')).get('token');
  if (fromUrl) {
    sources.history.replaceState(sources.history.state, '', `${sources.location.pathname}${sources.location.search}`);
    try {
      sources.storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage disabled: the token still works until the page is reloaded.
    }
    return fromUrl;
  }
  try {
    return sources.storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function pageSources(): TokenSources | null {
  if (typeof window === 'undefined') return null;
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    // Access to storage can throw when the browser blocks it.
  }
  return { location: window.location, history: window.history, storage };
}
