import type { ImportProgress } from '../../src-shared/api/leaderboards';
import { ProgressBar } from './ProgressBar';

/**
 * The import's bar, measuring what the phase does: bytes while downloading, runs read out of the archive's runs
 * while reading and indexing (the total is counted from the archive's directory first), full when done, none
 * once it failed. It is indeterminate only while a total is truly unknown (a server that sends no length, an
 * unpacked folder).
 */
export function ImportBar({ progress }: { progress: ImportProgress }) {
  switch (progress.phase) {
    case 'download':
      return <ProgressBar value={progress.bytes} max={progress.totalBytes} label="Download progress" />;
    case 'import':
    case 'index': {
      const total = progress.runsTotal ?? null;
      return (
        <ProgressBar
          value={progress.phase === 'index' ? (total ?? progress.runsRead) : progress.runsRead}
          max={progress.phase === 'index' ? Math.max(1, total ?? progress.runsRead) : total}
          label="Runs read"
        />
      );
    }
    case 'done':
      return <ProgressBar value={1} max={1} label="Import progress" />;
    default:
      // Failed or cancelled: what was kept of the download, when its size is known; no moving bar.
      return progress.totalBytes ? (
        <ProgressBar value={progress.bytes} max={progress.totalBytes} label="Downloaded before it stopped" />
      ) : null;
  }
}
