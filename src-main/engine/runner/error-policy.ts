/**
 * What a failed request does to the job, decided by the error's code (never its text):
 * - the endpoint cannot score prompts (`model.echo-unsupported`): that run is skipped, the others go on;
 * - the server refused this request (`model.bad-request`, `model.context-exceeded`) or answered more than the
 *   response-size limit (`model.response-too-large`): that run fails, as in HELM, and the others go on;
 * - anything else (unreachable, wrong key, full disk…): the job stops.
 * The run's message says what happened; the face adds what to do from the code (CLI flags, app fields).
 */
import { errorCodeOf, toAppErrorData } from '../../../src-shared/errors';
import type { ErrorCode } from '../../../src-shared/error-codes';
import type { HelmRunStatus } from '../../../src-shared/engine/progress';

/** A log line of the run, with the code a face words its advice from (for warnings about a failure). */
export type RunLog = (level: 'info' | 'warning', message: string, code?: ErrorCode) => void;

export type FailurePolicy =
  | { readonly action: 'stop-job' }
  | {
      readonly action: 'end-run';
      readonly status: Extract<HelmRunStatus, 'skipped' | 'failed'>;
      readonly code: ErrorCode;
    };

export function requestFailurePolicy(error: unknown): FailurePolicy {
  const code = errorCodeOf(error);
  switch (code) {
    case 'model.echo-unsupported':
      return { action: 'end-run', status: 'skipped', code };
    case 'model.bad-request':
    case 'model.context-exceeded':
    case 'model.response-too-large':
      return { action: 'end-run', status: 'failed', code };
    default:
      return { action: 'stop-job' };
  }
}

/** `<run> skipped: <message> (<cause>)`: the run's status message and warning. */
export function endedRunMessage(runName: string, status: 'skipped' | 'failed', error: unknown): string {
  const data = toAppErrorData(error);
  return `${runName} ${status}: ${data.message}${data.cause ? ` (${data.cause})` : ''}`;
}
