/**
 * Shared plumbing for scenarios: downloading a source through the context's fetcher and turning every
 * failure into an AppError that names the scenario and the URL (issue #3 item 5), plus arg checking.
 */
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import type { DownloadProgress, ScenarioContext } from '../types';

/**
 * Downloads `url` through the data directory's fetcher; a failure names the scenario and the URL.
 * `onDownloadProgress` receives byte counts (fetch-with-progress.ts turns them into percents for large files).
 */
export async function fetchSource(
  context: ScenarioContext,
  scenario: string,
  url: string,
  onDownloadProgress?: (progress: DownloadProgress) => void,
): Promise<string> {
  context.signal?.throwIfAborted();
  context.onProgress?.(`${scenario}: fetching ${url}`);
  try {
    return await context.fetcher.fetch(url, {
      ...(context.signal ? { signal: context.signal } : {}),
      ...(onDownloadProgress ? { onProgress: onDownloadProgress } : {}),
    });
  } catch (error) {
    if (context.signal?.aborted) throw error;
    const data = toAppErrorData(error);
    throw new AppError({
      code: 'scenario.source-missing',
      message: `Scenario ${scenario}: could not download ${url}.`,
      cause: data.cause ?? data.message,
    });
  }
}

/** The error for a source whose content is not in the format HELM reads. */
export function sourceFormatError(scenario: string, url: string, detail: string): AppError {
  return new AppError({
    code: 'scenario.source-format',
    message: `Scenario ${scenario}: ${url} is not in the expected format (${detail}).`,
  });
}

/** Runs `parse` and rewraps any non-AppError failure as a format error naming the scenario and URL. */
export async function parsingSource<T>(scenario: string, url: string, parse: () => Promise<T> | T): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    if (error instanceof AppError || (error instanceof Error && error.name === 'AbortError')) throw error;
    throw sourceFormatError(scenario, url, error instanceof Error ? error.message : String(error));
  }
}

/** A required string arg of a scenario spec. */
export function stringArg(
  scenario: string,
  args: Readonly<Record<string, unknown>>,
  key: string,
  allowed?: readonly string[],
): string {
  const value = args[key];
  if (typeof value !== 'string' || (allowed !== undefined && !allowed.includes(value))) {
    throw new AppError({
      code: 'scenario.bad-args',
      message: `Scenario ${scenario}: argument '${key}' must be ${allowed ? `one of ${allowed.join(', ')}` : 'a string'}, got ${JSON.stringify(value)}.`,
    });
  }
  return value;
}

/** HELM passes `only_contrast` as a bool from run specs or the string "True" from a description. */
export function booleanArg(args: Readonly<Record<string, unknown>>, key: string): boolean {
  const value = args[key];
  // Python truthiness of what parse_object_spec can produce: bools, numbers and non-empty strings.
  return value === true || (typeof value === 'string' && value !== '') || (typeof value === 'number' && value !== 0);
}

/** Narrows a parsed JSON value to a record, or throws a plain error (rewrapped by {@link parsingSource}). */
export function asRecord(value: unknown, what: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  // Checked just above: a non-null, non-array object.
  return value as Record<string, unknown>;
}

export function asString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} is not a string`);
  return value;
}
