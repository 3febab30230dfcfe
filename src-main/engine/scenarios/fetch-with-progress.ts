/**
 * Downloading a large source (MS MARCO's collection, the NaturalQuestions shards, the summarization pickles)
 * through the context's fetcher while reporting progress as whole percents; failures name the scenario and the
 * URL, as `fetchSource` (source.ts) does for small files.
 */
import type { DownloadProgress, ScenarioContext } from '../types';
import { fetchSource } from './source';

export async function fetchWithProgress(context: ScenarioContext, scenario: string, url: string): Promise<string> {
  let lastPercent = -1;
  const onProgress = (progress: DownloadProgress): void => {
    if (progress.totalBytes === null || progress.totalBytes <= 0) return;
    const percent = Math.floor((100 * progress.bytes) / progress.totalBytes);
    if (percent === lastPercent) return;
    lastPercent = percent;
    context.onProgress?.(`${scenario}: downloading ${url} ${percent}% of ${(progress.totalBytes / 1e6).toFixed(1)} MB`);
  };
  return fetchSource(context, scenario, url, onProgress);
}
