import { errorAdvice } from '../errors/error-words';
import { RUN_SCOPE } from '../store/error-scope';
import { useAppStore, useError } from '../store/hooks';

/**
 * The last error, in words a user can act on (message, advice, cause), until dismissed or until what it describes
 * succeeds (../store/error-scope.ts). A failed run is said on the Run step by its own card, so not twice there.
 */
export function ErrorBanner() {
  const error = useError();
  const dismiss = useAppStore((state) => state.dismissError);
  const isRunFailureOnRunStep = useAppStore((state) => state.errorScope === RUN_SCOPE && state.step === 'run');
  if (!error || isRunFailureOnRunStep) return null;
  const advice = errorAdvice(error);
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-code={error.code}>
      <div>
        <strong>{error.message}</strong>
        {advice && <p>{advice}</p>}
        {error.cause && !saysCause(error.message, error.cause) && <p className="muted">Cause: {error.cause}</p>}
      </div>
      <button type="button" onClick={dismiss} aria-label="Dismiss error">
        ×
      </button>
    </div>
  );
}

/** The message already names every part of the cause (e.g. each address's "HTTP 404"): no "Cause:" line then. */
function saysCause(message: string, cause: string): boolean {
  return cause.split(' | ').every((part) => message.includes(part.trim()));
}
