import { useState } from 'react';
import '../../api/preload-bridge';
import { useAppStore } from '../../store/hooks';
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes } from '../../format';

/**
 * Import a leaderboard the user already has: a `run_stats.zip`-style archive, a folder of HELM runs, a release folder
 * or its `core_scenarios.json` — as the CLI's `leaderboard import <path>` does. The desktop app opens its native
 * dialog. A browser page cannot read a path on disk, so it offers both things that work with a local bridge: the path
 * as the machine running HELM Rank sees it (the usual case, and the only one for a folder), and an upload of a zip.
 */
export function ImportFromFile({ disabled }: { disabled: boolean }) {
  const upload = useAppStore((state) => state.upload);
  const { importFrom, uploadAndImport, choosePathAndImport } = useAppStore((state) => state);
  const [path, setPath] = useState('');
  const isDesktop = typeof window !== 'undefined' && window.helmRank?.shell === 'electron';
  return (
    <div className="card" data-testid="import-from-file">
      <h3 className="card-title">Or import a leaderboard you already have</h3>
      <p className="muted small">
        A <code>run_stats.zip</code>-style archive, a folder of HELM runs (<code>benchmark_output/runs/…</code>), a
        release folder or its <code>groups/core_scenarios.json</code>.
      </p>
      {isDesktop && (
        <div className="row">
          <button type="button" disabled={disabled} onClick={() => void choosePathAndImport('file')}>
            Choose a file…
          </button>
          <button type="button" disabled={disabled} onClick={() => void choosePathAndImport('folder')}>
            Choose a folder…
          </button>
        </div>
      )}
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          void importFrom(path);
        }}
      >
        <label className="grow-label">
          Path{isDesktop ? '' : ' on the machine running HELM Rank'}{' '}
          <input
            type="text"
            value={path}
            placeholder="/data/helm/run_stats.zip"
            spellCheck={false}
            onChange={(event) => setPath(event.target.value)}
            data-testid="import-path"
          />
        </label>
        <button type="submit" disabled={disabled || path.trim() === ''} data-testid="import-path-button">
          Import
        </button>
      </form>
      {!isDesktop && (
        <div className="row">
          <label>
            Or upload a zip from this computer{' '}
            <input
              type="file"
              accept=".zip,.json,application/zip,application/json"
              disabled={disabled || upload !== null}
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void uploadAndImport(file);
              }}
              data-testid="import-upload"
            />
          </label>
        </div>
      )}
      {upload && (
        <div data-testid="upload-progress">
          <ProgressBar value={upload.bytes} max={upload.total} label="Upload progress" />
          <p className="small">
            Uploading {upload.fileName}: {formatBytes(upload.bytes)} of {formatBytes(upload.total)}
          </p>
        </div>
      )}
    </div>
  );
}
