import { useMemo } from 'react';
import { useAppStore } from '../store/hooks';
import { ImportBar } from '../components/ImportBar';
import { IMPORT_SCOPE } from '../store/error-scope';
import { formatBytes, formatCatalogueSize, formatDuration, formatNumber } from '../format';
import { sortRows } from './leaderboard-table';
import { ImportFromFile } from './leaderboard/ImportFromFile';
import { MirrorSettings } from './leaderboard/MirrorSettings';
import { BoardTable } from './leaderboard/BoardTable';
import { boardFamilyInfo } from '../../src-shared/leaderboard/board-families';

const ACTIVE_PHASES = new Set(['download', 'import', 'index']);

/** Step 1: pick a leaderboard version, download it with real progress, browse it. */
export function LeaderboardStep() {
  const catalogue = useAppStore((state) => state.catalogue);
  const imported = useAppStore((state) => state.imported);
  const selectedId = useAppStore((state) => state.selectedCatalogueId);
  const progress = useAppStore((state) => state.importProgress);
  // The banner says a failed import's error with its advice; the card then does not repeat it.
  const isFailureInBanner = useAppStore((state) => state.error !== null && state.errorScope === IMPORT_SCOPE);
  const table = useAppStore((state) => state.table);
  const sort = useAppStore((state) => state.tableSort);
  const leaderboardName = useAppStore((state) => state.leaderboardName);
  const upload = useAppStore((state) => state.upload);
  const { selectCatalogue, startImport, cancelImport, openLeaderboard, sortTable, goTo } = useAppStore(
    (state) => state,
  );

  const selected = catalogue.find((entry) => entry.id === selectedId) ?? null;
  // Board family first (Classic, Lite): it decides the columns, the scenarios run and the trade-off.
  const families = [...new Set(catalogue.map((entry) => entry.project))];
  const family = selected?.project ?? families[0] ?? 'classic';
  const familyEntries = catalogue.filter((entry) => entry.project === family);
  const chooseFamily = (project: string) => {
    const inFamily = catalogue.filter((entry) => entry.project === project);
    const choice = inFamily.find((entry) => entry.familyDefault) ?? inFamily[0];
    if (choice) selectCatalogue(choice.id);
  };
  const importedAs = imported.find((summary) => summary.catalogueId === selectedId) ?? null;
  const isBusy = progress !== null && ACTIVE_PHASES.has(progress.phase);
  const rows = useMemo(() => (table ? sortRows(table.rows, sort) : []), [table, sort]);
  // The import in progress is the selected entry's (the download button starts the selected one).
  const liveTotalBytes =
    progress && progress.phase !== 'failed' && progress.phase !== 'cancelled' ? progress.totalBytes : null;
  const timeLeft =
    progress && progress.totalBytes && progress.rate > 0
      ? (progress.totalBytes - progress.bytes) / progress.rate
      : null;

  return (
    <section aria-labelledby="leaderboard-title" data-testid="step-leaderboard">
      <h2 id="leaderboard-title" tabIndex={-1}>
        1. Leaderboard
      </h2>
      <div className="row" role="radiogroup" aria-label="Board family" data-testid="family-choice">
        {families.map((project) => (
          <label key={project}>
            <input
              type="radio"
              name="board-family"
              checked={project === family}
              onChange={() => chooseFamily(project)}
              data-testid={`family-${project}`}
            />{' '}
            {boardFamilyInfo(project)?.title ?? project}
          </label>
        ))}
      </div>
      {boardFamilyInfo(family) && (
        <p className="muted" data-testid="family-summary">
          {boardFamilyInfo(family)?.summary}
        </p>
      )}
      <div className="row">
        <label>
          Version{' '}
          <select
            value={selectedId ?? ''}
            onChange={(event) => selectCatalogue(event.target.value)}
            data-testid="catalogue-select"
          >
            {familyEntries.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.title}
              </option>
            ))}
          </select>
        </label>
        {selected && (
          <span className="muted" data-testid="catalogue-status">
            {importedAs
              ? `downloaded (${importedAs.models} models)`
              : `${formatCatalogueSize(selected.approxBytes, liveTotalBytes)} · not downloaded`}
          </span>
        )}
      </div>
      {selected && <p className="muted">{selected.description}</p>}
      <div className="row">
        {importedAs ? (
          <button type="button" onClick={() => void openLeaderboard(importedAs.name)} data-testid="open-leaderboard">
            Browse
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => void startImport()}
          disabled={!selected || isBusy || upload !== null}
          data-testid="download"
        >
          {importedAs ? 'Download again' : 'Download'}
        </button>
        {isBusy && (
          <button type="button" onClick={() => void cancelImport()} data-testid="cancel-download">
            Cancel
          </button>
        )}
      </div>
      <MirrorSettings />
      <ImportFromFile disabled={isBusy} />
      {imported.length > 0 && (
        <div className="row" data-testid="imported-list">
          <span className="muted">Imported:</span>
          {imported.map((summary) => (
            <button
              key={summary.name}
              type="button"
              className={summary.name === leaderboardName ? 'primary' : undefined}
              aria-pressed={summary.name === leaderboardName}
              onClick={() => void openLeaderboard(summary.name)}
            >
              {summary.name} ({summary.models} models)
            </button>
          ))}
        </div>
      )}
      {progress && (
        <div className="card" data-testid="import-progress" data-phase={progress.phase}>
          <ImportBar progress={progress} />
          <p>
            {progress.phase === 'download' &&
              `Downloading ${formatBytes(progress.bytes)} of ${formatBytes(progress.totalBytes)} · ${formatBytes(progress.rate)}/s · ${formatDuration(timeLeft)} left`}
            {progress.phase === 'import' &&
              (progress.runsTotal != null
                ? `Indexing ${formatNumber(progress.runsRead)} / ${formatNumber(progress.runsTotal)} runs`
                : `Indexing: ${formatNumber(progress.runsRead)} runs read`)}
            {progress.phase === 'index' &&
              `Computing the leaderboard tables from ${formatNumber(progress.runsRead)} runs…`}
            {progress.phase === 'done' &&
              `Imported ${formatNumber(progress.runsRead)} runs as ${progress.leaderboard ?? ''}.`}
            {progress.phase === 'cancelled' &&
              'Download cancelled. The partial file is kept; downloading again resumes it.'}
            {progress.phase === 'failed' &&
              (isFailureInBanner
                ? `The import failed: the message above says why. ${progress.error?.details?.importOrigin === 'download' ? 'Press “Download” to try again.' : 'Fix what it says, then import again.'}`
                : `Failed: ${progress.error?.message ?? 'unknown error'}`)}
          </p>
          {progress.warnings.length > 0 && (
            <details>
              <summary>{progress.warnings.length} warnings (skipped runs)</summary>
              <ul>
                {progress.warnings.map((warning) => (
                  <li key={warning.item + warning.code}>
                    {warning.item}: {warning.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      {table && (
        <>
          <div className="row">
            <h3>
              {table.name}: {table.rows.length} models, accuracy ({table.winRateRule} win rate)
            </h3>
            <button type="button" className="primary" onClick={() => goTo('budget')} data-testid="to-budget">
              Next: budget
            </button>
          </div>
          <BoardTable table={table} rows={rows} sort={sort} onSort={sortTable} />
        </>
      )}
    </section>
  );
}
