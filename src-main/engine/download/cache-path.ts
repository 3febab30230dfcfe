/** Where a download is cached (apart from the downloader, so readers of the cache need not load it). */
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';

/** Local cache path of a source URL: `<downloads>/<16 hex of sha256(url)>-<file name>`. */
export function cachePathFor(downloadsDir: string, url: string): string {
  const key = createHash('sha256').update(url).digest('hex').slice(0, 16);
  let name = 'download';
  try {
    name = basename(decodeURIComponent(new URL(url).pathname)) || name;
  } catch {
    name = basename(url) || name;
  }
  return join(downloadsDir, `${key}-${name.replace(/[^\w.-]+/g, '_').slice(0, 80)}`);
}
