import { useAppStore, useError } from '../store/hooks';

/** The last error, in words a user can act on (message, hint, cause), until dismissed. */
export function ErrorBanner() {
  const error = useError();
  const dismiss = useAppStore((state) => state.dismissError);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-code={error.code}>
      <div>
        <strong>{error.message}</strong>
        {error.hint && <p>{error.hint}</p>}
        {error.cause && error.cause !== error.message && <p className="muted">Cause: {error.cause}</p>}
      </div>
      <button type="button" onClick={dismiss} aria-label="Dismiss error">
        ×
      </button>
    </div>
  );
}
