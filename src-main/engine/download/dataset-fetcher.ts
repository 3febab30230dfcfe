/**
 * The engine's {@link DatasetFetcher}: source files cached under `<data dir>/downloads/`, keyed by the source
 * URL (not the mirrored one, so switching mirrors reuses the cache), fetched through the mirror rule and the
 * {@link Downloader} (resume, retries, atomic finish). A file already complete is returned without a request.
 */
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import type { DatasetFetcher, FetchOptions } from '../types';
import { Downloader, isFile, sha256File } from './downloader';
import { applyMirror } from './mirror';
import { cachePathFor } from './cache-path';
import { probeSource } from './source-probe';

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
      const triedUrl = applyMirror(url, options.mirror);
      try {
        const result = await downloader.download({
          url: triedUrl,
          destination,
          signal: fetchOptions.signal,
          sha256: fetchOptions.sha256,
          onProgress: fetchOptions.onProgress
            ? (progress) => fetchOptions.onProgress?.({ ...progress, url })
            : undefined,
        });
        return result.path;
      } catch (error) {
        // The downloader names the URL it tried (the mirror's); the source URL travels beside it.
        if (!(error instanceof AppError)) throw error;
        const data = toAppErrorData(error);
        throw AppError.fromData({ ...data, details: { ...data.details, url: triedUrl, sourceUrl: url } });
      }
    },
    async probe(url, probeOptions = {}) {
      if (await isFile(cachePathFor(options.downloadsDir, url)))
        return { ok: true, triedUrl: null, status: null, bytes: null, code: null, reason: null };
      const probe = await probeSource(applyMirror(url, options.mirror), { signal: probeOptions.signal });
      return {
        ok: probe.ok,
        triedUrl: probe.url,
        status: probe.status,
        bytes: probe.bytes,
        code: probe.code,
        reason: probe.reason,
      };
    },
  };
}
