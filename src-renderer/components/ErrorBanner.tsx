import { errorAdvice } from '../errors/error-words';
import { useAppStore, useError } from '../store/hooks';

/** The last error, in words a user can act on (message, advice, cause), until dismissed. */
export function ErrorBanner() {
  const error = useError();
  const dismiss = useAppStore((state) => state.dismissError);
  if (!error) return null;
  const advice = errorAdvice(error);
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-code={error.code}>
      <div>
        <strong>{error.message}</strong>
        {advice && <p>{advice}</p>}
        {error.cause && error.cause !== error.message && <p className="muted">Cause: {error.cause}</p>}
      </div>
      <button type="button" onClick={dismiss} aria-label="Dismiss error">
        ×
      </button>
    </div>
  );
}
