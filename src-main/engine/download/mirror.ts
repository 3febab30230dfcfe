/**
 * The mirror rule (issue #2): with a mirror set (`--mirror URL` or `HELM_RANK_MIRROR`), every source
 * `https://HOST/PATH` is fetched as `<mirror>/HOST/PATH`. A mirror may be an http(s) URL, a `file://` URL or a
 * plain local directory; the last two become `file://` URLs. Tests point it at a loopback server.
 *
 * A local directory cannot hold a file at a path ending in `/` (IMDB's pinned-order URL, MS MARCO's CodaLab
 * blobs), so for local and `file://` mirrors such a source is stored as `<mirror>/HOST/PATH/_index`
 * ({@link DIRECTORY_INDEX}). An http(s) mirror keeps the trailing `/`: a server can answer it directly.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file name standing for a source URL path that ends in `/` in a local mirror directory. */
export const DIRECTORY_INDEX = '_index';

/** Returns the URL to fetch `url` from, given an optional mirror. Non-http sources (files, paths) are unchanged. */
export function applyMirror(url: string, mirror: string | null | undefined): string {
  if (!mirror) return url;
  let source: URL;
  try {
    source = new URL(url);
  } catch {
    return url;
  }
  if (source.protocol !== 'http:' && source.protocol !== 'https:') return url;
  // Keep the path percent-encoded as given: a mirror is a copy of the bucket's layout.
  const rest = `${source.host}${source.pathname}${source.search}`;
  if (/^https?:\/\//i.test(mirror)) return `${mirror.replace(/\/+$/, '')}/${rest}`;
  const directory = mirror.startsWith('file:') ? fileURLToPath(mirror) : isAbsolute(mirror) ? mirror : resolve(mirror);
  const path = decodeURIComponent(source.pathname);
  return pathToFileURL(join(directory, source.host, path.endsWith('/') ? `${path}${DIRECTORY_INDEX}` : path)).href;
}

/** The mirror from an explicit option, else `HELM_RANK_MIRROR`, else none. */
export function resolveMirror(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | null {
  const value = option ?? env.HELM_RANK_MIRROR;
  return value && value.trim() !== '' ? value.trim() : null;
}
