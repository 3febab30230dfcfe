/** Errors of the request cache, naming the database and the real cause (a full disk, a damaged file, …). */
import { AppError } from '../../../src-shared/errors';
import { causeText, isDiskFull, writeFailure } from '../disk-errors';

export function cacheError(path: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDiskFull(error)) return writeFailure('the request cache', path, error);
  const code = (error as { code?: unknown } | null)?.code; // boundary: SQLite and Node errors carry a string code
  const damaged = code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
  return new AppError({
    code: damaged ? 'cache.damaged' : 'cache.io',
    message: damaged ? `The request cache ${path} is damaged.` : `Cannot use the request cache ${path}.`,
    cause: causeText(error),
    details: { path },
  });
}
