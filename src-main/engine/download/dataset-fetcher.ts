/**
 * The engine's {@link DatasetFetcher}: source files cached under `<data dir>/downloads/`, keyed by the source
 * URL (not the mirrored one, so switching mirrors reuses the cache), fetched through the mirror rule and the
 * {@link Downloader} (resume, retries, atomic finish). A file already complete is returned without a request.
 */
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import type { DatasetFetcher, FetchOptions } from '../types';
import { Downloader, isFile, sha256File } from './downloader';
import { applyMirror } from './mirror';
import { probeSource } from './source-probe';

export interface DatasetFetcherOptions {
  /** `<data dir>/downloads`. */
  readonly downloadsDir: string;
  /** Mirror base (http(s) URL, `file://` URL or local directory), or null. */
  readonly mirror?: string | null;
  readonly downloader?: Downloader;
}

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
