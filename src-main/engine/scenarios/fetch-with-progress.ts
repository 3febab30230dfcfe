/**
 * Downloading a large source (MS MARCO's collection, the NaturalQuestions shards, the summarization pickles)
 * through the context's fetcher while reporting progress as whole percents; failures name the scenario and the
 * URL, as `fetchSource` does for small files.
 */
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import type { DownloadProgress, ScenarioContext } from '../types';

export async function fetchWithProgress(context: ScenarioContext, scenario: string, url: string): Promise<string> {
  context.signal?.throwIfAborted();
  context.onProgress?.(`${scenario}: fetching ${url}`);
  let lastPercent = -1;
  const onProgress = (progress: DownloadProgress): void => {
    if (progress.totalBytes === null || progress.totalBytes <= 0) return;
    const percent = Math.floor((100 * progress.bytes) / progress.totalBytes);
    if (percent === lastPercent) return;
    lastPercent = percent;
    context.onProgress?.(`${scenario}: downloading ${url} ${percent}% of ${(progress.totalBytes / 1e6).toFixed(1)} MB`);
  };
  try {
    return await context.fetcher.fetch(url, { ...(context.signal ? { signal: context.signal } : {}), onProgress });
  } catch (error) {
    if (context.signal?.aborted) throw error;
    const data = toAppErrorData(error);
    throw new AppError({
      code: 'scenario.source-missing',
      message: `Scenario ${scenario}: could not download ${url}.`,
      cause: data.cause ?? data.message,
      hint: 'Check the network or the mirror setting; the file must be reachable at this URL or its mirror.',
    });
  }
}
