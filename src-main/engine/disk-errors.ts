/**
 * Write failures in the words of the user: a full disk says "disk full" (whatever layer hit it: a write, an
 * fsync, a rename, SQLite), other failures keep their own cause. Used by the request cache, the run-directory
 * writer and the run store, so run.json and the CLI name the real cause.
 */
import { AppError } from '../../src-shared/errors';

/** ENOSPC / EDQUOT from Node, SQLITE_FULL from SQLite. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code; // boundary: Node and SQLite errors carry a string code
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

/** `cause` text of any thrown value. */
export function causeText(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

/** An AppError for a failed write of `what` at `path`: code `disk.full` when the disk is full. */
export function writeFailure(what: string, path: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDiskFull(error))
    return new AppError({
      code: 'disk.full',
      message: `Disk full: cannot write ${what} (${path}).`,
      cause: causeText(error),
      details: { path },
    });
  return new AppError({
    code: 'disk.write-failed',
    message: `Cannot write ${what} (${path}).`,
    cause: causeText(error),
    details: { path },
  });
}
