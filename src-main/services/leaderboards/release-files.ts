/**
 * Other files of a HELM release folder (`<prefix>benchmark_output/releases/<release>/`, docs/helm-fidelity.md §1) next to the
 * `groups/core_scenarios.json` a release-file board is imported from. The one we keep is
 * `runs_to_run_suites.json` (`{"<run name>": "<suite>"}`): without run specs it is the only way to know which runs
 * exist and under which suite folder their files live, which the leaderboard's per-instance data needs
 * (`services/board-instances`). It is stored in the board folder as {@link RUNS_TO_SUITES_FILE}.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { parsePythonJson } from '../../../src-shared/helm/python-json';
import { cachePathFor } from '../../engine/download/cache-path';
import { isFile } from '../../engine/download/partial-file';
import type { Downloader } from '../../engine/download/downloader';
import { applyMirror } from '../../engine/download/mirror';

export const RUNS_TO_SUITES_FILE = 'runs_to_run_suites.json';

/** Where a release file is, given the board's sources: release URLs (folders ending in `/` or `…/groups/core_scenarios.json`) or a local path. */
export interface ReleaseLocation {
  readonly urls: readonly string[];
  /** A local release folder or its `groups/core_scenarios.json`; null for URLs. */
  readonly path: string | null;
}

export interface ReleaseFetchOptions {
  readonly downloader: Downloader;
  /** `<data dir>/downloads`. */
  readonly downloadsDir: string;
  readonly mirror?: string | null | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** The URLs of `file` in the release folders of `urls`, in order, without duplicates. */
export function releaseFileUrls(urls: readonly string[], file: string): string[] {
  const found: string[] = [];
  for (const url of urls) {
    if (!/^https?:\/\//i.test(url)) continue;
    if (url.endsWith('/groups/core_scenarios.json')) found.push(url.replace(/groups\/core_scenarios\.json$/, file));
    else if (url.endsWith('/')) found.push(`${url}${file}`);
  }
  return [...new Set(found)];
}

/** The text of a release file: read next to a local release, else downloaded (cached under `downloads/`). */
export async function fetchReleaseFile(
  location: ReleaseLocation,
  file: string,
  options: ReleaseFetchOptions,
): Promise<string> {
  if (location.path) {
    const folder = location.path.endsWith('.json') ? dirname(dirname(location.path)) : location.path;
    const local = join(folder, file);
    try {
      return await readFile(local, 'utf8');
    } catch {
      throw new AppError({ code: 'release.file-missing', message: `The release folder ${folder} has no ${file}.` });
    }
  }
  const urls = releaseFileUrls(location.urls, file);
  const first = urls[0];
  if (!first)
    throw new AppError({ code: 'release.file-missing', message: `No release folder URL to fetch ${file} from.` });
  const destination = cachePathFor(options.downloadsDir, first);
  if (!(await isFile(destination))) {
    await options.downloader.downloadFirst(
      urls.map((url) => applyMirror(url, options.mirror)),
      { destination, signal: options.signal },
    );
  }
  return readFile(destination, 'utf8');
}

/** Parses `runs_to_run_suites.json`; null when it is not a `{run name: suite}` object. */
export function parseRunsToSuites(text: string): Record<string, string> | null {
  let json: unknown;
  try {
    json = parsePythonJson(text);
  } catch {
    return null;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  if (Object.values(json).some((suite) => typeof suite !== 'string')) return null;
  return json as Record<string, string>; // cast at the boundary: every value checked just above
}
