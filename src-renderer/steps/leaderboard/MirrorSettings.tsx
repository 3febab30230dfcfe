import { useState } from 'react';
import type { MirrorStatus } from '../../../src-shared/api/leaderboards';
import { useAppStore } from '../../store/hooks';

const SOURCE_WORDS: Record<'settings' | 'launch' | 'env', string> = {
  settings: 'saved here',
  launch: 'the --mirror option HELM Rank was started with',
  env: 'the HELM_RANK_MIRROR environment variable',
};

/** The download mirror in effect, where it comes from, and the field that overrides it. */
export function MirrorSettings() {
  const status = useAppStore((state) => state.mirrorStatus);
  const saveMirror = useAppStore((state) => state.saveMirror);
  const [draft, setDraft] = useState<string | null>(null);
  const saved = status?.source === 'settings' ? status.mirror : null;
  return (
    <details>
      <summary data-testid="mirror-summary">Download mirror: {describe(status)}</summary>
      <p className="muted small">
        Every source URL <code>https://HOST/PATH</code> is fetched as <code>MIRROR/HOST/PATH</code> instead: for
        networks that cannot reach HELM&apos;s storage, or a local copy. The mirror saved here wins over the launch
        option and the environment variable.
      </p>
      <div className="row">
        <label>
          Mirror URL{' '}
          <input
            type="url"
            value={draft ?? saved ?? ''}
            placeholder={status?.fallback ?? 'http://mirror.example/helm'}
            onChange={(event) => setDraft(event.target.value)}
            data-testid="mirror-input"
          />
        </label>
        <button
          type="button"
          onClick={() => void saveMirror(draft?.trim() ? draft.trim() : null).then(() => setDraft(null))}
          data-testid="save-mirror"
        >
          Save
        </button>
        {saved && (
          <button type="button" onClick={() => void saveMirror(null).then(() => setDraft(null))}>
            Clear{status?.fallback ? ` (back to ${status.fallback})` : ''}
          </button>
        )}
      </div>
    </details>
  );
}

function describe(status: MirrorStatus | null): string {
  if (!status) return '…';
  if (status.source === 'none' || !status.mirror) return "none (the sources' own hosts)";
  const overrides =
    status.source === 'settings' && status.fallback && status.fallbackSource
      ? `; overrides ${status.fallback} from ${SOURCE_WORDS[status.fallbackSource]}`
      : '';
  return `${status.mirror} (from ${SOURCE_WORDS[status.source]}${overrides})`;
}
