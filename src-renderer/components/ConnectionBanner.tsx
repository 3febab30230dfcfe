import { useAppStore } from '../store/hooks';

/**
 * Shown at once when the page loses its server (the event stream ended, was refused, or went silent), until it is
 * back: nothing the page shows can be trusted to be current meanwhile, and clicks would fail.
 */
export function ConnectionBanner() {
  const bridge = useAppStore((state) => state.bridge);
  if (bridge !== 'lost') return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-lost">
      <strong>Lost the connection to the HELM Rank server — reconnecting…</strong>
      <p>
        What you see may be out of date until it is back. Nothing is lost: a run keeps going in the server, or, if the
        server was restarted, it shows as interrupted and resumes from the request cache.
      </p>
    </div>
  );
}
