/** The errors of reading a run archive, worded for the user (shared by the reader, the workers and the folder path). */
import { AppError } from '../../../src-shared/errors';

export function unsafe(path: string, detail: string): AppError {
  return new AppError({
    code: 'import.unsafe-archive',
    message: `${path} was rejected: it contains an unsafe entry (${detail}).`,
    cause: detail,
  });
}

export function corrupt(path: string, error: unknown, entry?: string): AppError {
  const detail = (error instanceof Error ? error.message : String(error)).replace(/\.+$/, '');
  return new AppError({
    code: 'import.corrupt-archive',
    message: `${path} is not a readable zip archive${entry ? ` (entry ${entry})` : ''}: ${detail}.`,
    cause: detail,
  });
}

export function cancelled(): AppError {
  return new AppError({ code: 'import.cancelled', message: 'The import was cancelled.' });
}
