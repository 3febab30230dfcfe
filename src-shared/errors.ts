/**
 * The one error shape that crosses every boundary (engine → services → API → UI/CLI): a code, a message, the
 * cause and structured details. Plain JSON, so it survives IPC, HTTP and worker messages unchanged. What the
 * user can do about it is not in the shape: each face words that from the code and details (CLI flags in the
 * CLI, fields and buttons in the app). Its zod schema is in ./error-schema.ts, so code that only throws and prints
 * errors (the CLI's `--help`, its light commands) loads no zod.
 */
import { isErrorCode } from './error-codes';
import type { ErrorCode } from './error-codes';

/** A value in an error's details: plain JSON the faces can word (names, counts, lists). */
export type ErrorDetail = string | number | boolean | null | readonly string[] | readonly number[];
export type ErrorDetails = Readonly<Record<string, ErrorDetail>>;

export interface AppErrorData {
  /** Stable machine-readable code, e.g. `download.http`, `import.bad-json`, `model.unreachable` ({@link ErrorCode}). */
  readonly code: string;
  /** One sentence saying what went wrong; names the file, URL or run concerned. */
  readonly message: string;
  /** The underlying cause as text (an HTTP status, a parser message), if any. */
  readonly cause?: string;
  /** Structured facts the faces use to say what to do (e.g. the known names, whether a key was given). */
  readonly details?: ErrorDetails;
}

/** What an {@link AppError} is made from: the plain shape with a code this build knows. */
export interface AppErrorInit extends AppErrorData {
  readonly code: ErrorCode;
}

/** An Error that carries {@link AppErrorData}. Throw it anywhere; serialize it with {@link toAppErrorData}. */
export class AppError extends Error {
  readonly code: string;
  readonly details?: ErrorDetails;
  readonly causeText?: string;

  constructor(data: AppErrorInit) {
    super(data.message);
    this.name = 'AppError';
    this.code = data.code;
    if (data.details !== undefined) this.details = data.details;
    if (data.cause !== undefined) this.causeText = data.cause;
  }

  /** An AppError from the plain shape that crossed a boundary (its code may be one this build does not know). */
  static fromData(data: AppErrorData): AppError {
    return new AppError(data as AppErrorInit); // cast: a code from the wire is kept as it came
  }

  toJSON(): AppErrorData {
    return toAppErrorData(this);
  }
}

/** The code of an error when it is one this build knows (an AppError or the plain shape), else undefined. */
export function errorCodeOf(error: unknown): ErrorCode | undefined {
  const code = error instanceof AppError || isAppErrorData(error) ? error.code : undefined;
  return code !== undefined && isErrorCode(code) ? code : undefined;
}

/** Converts anything thrown into the plain error shape, keeping codes, causes and details when present. */
export function toAppErrorData(error: unknown, fallbackCode: ErrorCode = 'internal'): AppErrorData {
  if (error instanceof AppError) {
    return withoutUndefined({
      code: error.code,
      message: error.message,
      cause: error.causeText,
      details: error.details,
    });
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
  details?: ErrorDetails | undefined;
}): AppErrorData {
  const out: { code: string; message: string; cause?: string; details?: ErrorDetails } = {
    code: data.code,
    message: data.message,
  };
  if (data.cause !== undefined) out.cause = data.cause;
  if (data.details !== undefined) out.details = data.details;
  return out;
}
