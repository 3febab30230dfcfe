/**
 * The one error shape that crosses every boundary (engine → services → API → UI/CLI).
 * Plain JSON, so it survives IPC, HTTP and worker messages unchanged.
 */
export interface AppErrorData {
  /** Stable machine-readable code, e.g. `download.http`, `import.bad-json`, `model.unreachable`. */
  readonly code: string;
  /** One sentence a user can act on; names the file, URL or run concerned. */
  readonly message: string;
  /** The underlying cause as text (an HTTP status, a parser message), if any. */
  readonly cause?: string;
  /** What the user can do about it, if we know. */
  readonly hint?: string;
}

/** An Error that carries {@link AppErrorData}. Throw it anywhere; serialize it with {@link toAppErrorData}. */
export class AppError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly causeText?: string;

  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'AppError';
    this.code = data.code;
    if (data.hint !== undefined) this.hint = data.hint;
    if (data.cause !== undefined) this.causeText = data.cause;
  }

  toJSON(): AppErrorData {
    return toAppErrorData(this);
  }
}

/** Converts anything thrown into the plain error shape, keeping codes, hints and causes when present. */
export function toAppErrorData(error: unknown, fallbackCode = 'internal'): AppErrorData {
  if (error instanceof AppError) {
    return withoutUndefined({ code: error.code, message: error.message, cause: error.causeText, hint: error.hint });
  }
  if (isAppErrorData(error)) return error;
  if (error instanceof Error) {
    const cause =
      error.cause instanceof Error ? error.cause.message : typeof error.cause === 'string' ? error.cause : undefined;
    return withoutUndefined({ code: fallbackCode, message: error.message, cause });
  }
  return { code: fallbackCode, message: String(error) };
}

/** Type guard for the plain error shape (e.g. after JSON.parse). */
export function isAppErrorData(value: unknown): value is AppErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

function withoutUndefined(data: {
  code: string;
  message: string;
  cause?: string | undefined;
  hint?: string | undefined;
}): AppErrorData {
  const out: { code: string; message: string; cause?: string; hint?: string } = {
    code: data.code,
    message: data.message,
  };
  if (data.cause !== undefined) out.cause = data.cause;
  if (data.hint !== undefined) out.hint = data.hint;
  return out;
}
