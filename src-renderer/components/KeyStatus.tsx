import type { SecretStatus } from '../../src-shared/api/settings';

/**
 * Where the stored key for this service lives and which endpoint it belongs to. A key is sent only to the
 * origin it was saved for (src-main/services/secrets/key-binding.ts), so when the base URL points elsewhere
 * this says so before a test or a run goes there without a key.
 */
export function KeyStatus({ status, baseUrl }: { status: SecretStatus | null; baseUrl: string }) {
  if (!status?.present)
    return (
      <span className="muted" data-testid="key-status">
        No key stored
      </span>
    );
  const target = originOf(baseUrl);
  const elsewhere = status.origin === null || (target !== null && target !== status.origin);
  return (
    <span className="muted" data-testid="key-status" data-key-origin={status.origin ?? ''}>
      Key stored ({status.source}) {status.origin ? `for ${status.origin}` : 'for no endpoint'}
      {elsewhere && (
        <strong data-testid="key-elsewhere">
          {' '}
          — not sent to {target ?? 'this base URL'} (requests there go without a key); enter this endpoint’s key if it
          needs one.
        </strong>
      )}
    </span>
  );
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
