/**
 * The engine's {@link DatasetFetcher}: source files cached under `<data dir>/downloads/`, keyed by the source
 * URL (not the mirrored one, so switching mirrors reuses the cache), fetched through the mirror rule and the
 * {@link Downloader} (resume, retries, atomic finish). A file already complete is returned without a request.
 */
import type { DatasetFetcher, FetchOptions } from '../types';
import { Downloader, isFile, sha256File } from './downloader';
import { applyMirror } from './mirror';
import { cachePathFor } from './cache-path';

export { cachePathFor } from './cache-path';

export interface DatasetFetcherOptions {
  /** `<data dir>/downloads`. */
  readonly downloadsDir: string;
  /** Mirror base (http(s) URL, `file://` URL or local directory), or null. */
  readonly mirror?: string | null;
  readonly downloader?: Downloader;
}

export function createDatasetFetcher(options: DatasetFetcherOptions): DatasetFetcher {
  const downloader = options.downloader ?? new Downloader();
  return {
    async fetch(url: string, fetchOptions: FetchOptions = {}): Promise<string> {
      const destination = cachePathFor(options.downloadsDir, url);
      if (await isFile(destination)) {
        if (!fetchOptions.sha256 || (await sha256File(destination)) === fetchOptions.sha256.toLowerCase())
          return destination;
      }
      const result = await downloader.download({
        url: applyMirror(url, options.mirror),
        destination,
        signal: fetchOptions.signal,
        sha256: fetchOptions.sha256,
        onProgress: fetchOptions.onProgress ? (progress) => fetchOptions.onProgress?.({ ...progress, url }) : undefined,
      });
      return result.path;
    },
  };
}
