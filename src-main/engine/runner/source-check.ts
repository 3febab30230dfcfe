/**
 * Before any data is downloaded, every chosen scenario's sources are checked through the real fetcher: a file
 * already in the data directory's cache counts as there; otherwise its mirrored URL gets a HEAD (or one-byte GET).
 * A scenario whose source is missing is named with the URL actually tried and the server's answer, so the dry run
 * can say so in seconds instead of after the other downloads, and the run skips it instead of failing late.
 */
import type { DataProblem } from '../../../src-shared/engine/job';
import type { JobPhase } from '../../../src-shared/engine/progress';
import { toAppErrorData } from '../../../src-shared/errors';
import { sourceMissingError } from '../scenarios/source';
import type { DatasetFetcher, Scenario } from '../types';

/** One scenario to check, with the folder its prepared data would be in. */
export interface SourceCheckEntry {
  readonly key: string;
  readonly scenario: Scenario;
  readonly outputDir: string;
}

export interface SourceCheckOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onPhase?: ((phase: JobPhase) => void) | undefined;
  /** Probes at once (default 4). */
  readonly concurrency?: number;
}

/** The problem of each scenario (by key) whose sources are not all reachable. */
export async function checkSources(
  entries: readonly SourceCheckEntry[],
  fetcher: DatasetFetcher,
  options: SourceCheckOptions = {},
): Promise<Map<string, DataProblem>> {
  const problems = new Map<string, DataProblem>();
  const probe = fetcher.probe?.bind(fetcher);
  if (!probe) return problems;
  const listed: { entry: SourceCheckEntry; urls: readonly string[] }[] = [];
  for (const entry of entries) {
    const urls = entry.scenario.sources ? await entry.scenario.sources({ outputDir: entry.outputDir }) : [];
    listed.push({ entry, urls });
  }
  const unique = [...new Set(listed.flatMap(({ urls }) => urls))];
  const results = new Map<string, Awaited<ReturnType<typeof probe>>>();
  let next = 0;
  const report = () =>
    options.onPhase?.({
      step: 'checking-sources',
      scenario: null,
      done: results.size,
      total: unique.length,
      bytes: null,
      totalBytes: null,
    });
  report();
  const worker = async () => {
    for (let url = unique[next++]; url !== undefined; url = unique[next++]) {
      options.signal?.throwIfAborted();
      results.set(url, await probe(url, options.signal ? { signal: options.signal } : {}));
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, unique.length) }, worker));
  for (const { entry, urls } of listed) {
    const failedUrl = urls.find((url) => results.get(url)?.ok === false);
    const failed = failedUrl === undefined ? undefined : results.get(failedUrl);
    if (failedUrl === undefined || !failed) continue;
    const error = sourceMissingError(entry.scenario.name, {
      sourceUrl: failedUrl,
      triedUrl: failed.triedUrl ?? failedUrl,
      status: failed.status,
      reason: failed.reason ?? 'unreachable',
      code: failed.code ?? 'download.failed',
    });
    problems.set(entry.key, {
      scenario: entry.scenario.name,
      sourceUrl: failedUrl,
      triedUrl: failed.triedUrl ?? failedUrl,
      status: failed.status,
      code: error.code,
      message: error.message,
    });
  }
  return problems;
}

/** The data problem of a scenario whose preparation failed (a download, or a file it cannot read). */
export function dataProblemOf(scenario: string, error: unknown): DataProblem {
  const data = toAppErrorData(error);
  const text = (key: string): string | null => {
    const value = data.details?.[key];
    return typeof value === 'string' ? value : null;
  };
  const status = data.details?.status;
  return {
    scenario,
    sourceUrl: text('sourceUrl'),
    triedUrl: text('url'),
    status: typeof status === 'number' ? status : null,
    code: data.code,
    message: data.message,
  };
}
