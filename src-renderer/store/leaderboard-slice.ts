import type {
  CatalogueEntry,
  ImportProgress,
  LeaderboardSummary,
  LeaderboardTable,
} from '../../src-shared/api/leaderboards';
import { IMPORT_SCOPE } from './error-scope';
import type { SliceContext } from './types';

/** Sort of the browse table: a run-group column or the mean win rate. */
export interface TableSort {
  readonly column: string;
  readonly descending: boolean;
}

export interface LeaderboardSlice {
  catalogue: CatalogueEntry[];
  imported: LeaderboardSummary[];
  selectedCatalogueId: string | null;
  importJobId: string | null;
  importProgress: ImportProgress | null;
  /** Name of the imported leaderboard the wizard uses. */
  leaderboardName: string | null;
  table: LeaderboardTable | null;
  tableSort: TableSort;
  loadLeaderboards(): Promise<void>;
  selectCatalogue(id: string): void;
  startImport(): Promise<void>;
  cancelImport(): Promise<void>;
  receiveImportProgress(progress: ImportProgress): void;
  openLeaderboard(name: string): Promise<void>;
  sortTable(column: string): void;
  /** Download mirror setting (null = the sources' own hosts). */
  mirror: string | null;
  saveMirror(mirror: string | null): Promise<void>;
}

export function createLeaderboardSlice({ set, get, port }: SliceContext): LeaderboardSlice {
  // Events can overtake the `leaderboards.import` response; the latest one per job waits here until the job id is known.
  const early = new Map<string, ImportProgress>();
  return {
    catalogue: [],
    imported: [],
    selectedCatalogueId: null,
    importJobId: null,
    importProgress: null,
    leaderboardName: null,
    table: null,
    tableSort: { column: 'meanWinRate', descending: true },
    mirror: null,
    saveMirror: async (mirror) => {
      try {
        const settings = await port.api['settings.update']({ mirror });
        set({ mirror: settings.mirror });
      } catch (error) {
        get().showError(error);
      }
    },
    loadLeaderboards: async () => {
      try {
        const [catalogue, imported, settings] = await Promise.all([
          port.api['catalogue.list']({}),
          port.api['leaderboards.list']({}),
          port.api['settings.get']({}),
        ]);
        set({ mirror: settings.mirror });
        const selected =
          get().selectedCatalogueId ?? catalogue.find((entry) => entry.isDefault)?.id ?? catalogue[0]?.id ?? null;
        set({ catalogue, imported, selectedCatalogueId: selected });
      } catch (error) {
        get().showError(error);
      }
    },
    selectCatalogue: (id) => set({ selectedCatalogueId: id }),
    startImport: async () => {
      const source = get().selectedCatalogueId;
      if (!source) return;
      try {
        set({ importProgress: null, importJobId: null });
        const { jobId } = await port.api['leaderboards.import']({ source });
        // Shown until the first progress event, so "Cancel" is there from the start (a slow server may send nothing for a while).
        set({
          importJobId: jobId,
          importProgress: {
            jobId,
            phase: 'download',
            bytes: 0,
            totalBytes: null,
            rate: 0,
            runsRead: 0,
            warnings: [],
            error: null,
            leaderboard: null,
          },
        });
        const pending = early.get(jobId);
        early.clear();
        if (pending) get().receiveImportProgress(pending);
      } catch (error) {
        get().showError(error);
      }
    },
    cancelImport: async () => {
      const jobId = get().importJobId;
      if (!jobId) return;
      try {
        await port.api['leaderboards.cancelImport']({ jobId });
      } catch (error) {
        get().showError(error);
      }
    },
    receiveImportProgress: (progress) => {
      if (progress.jobId !== get().importJobId) {
        early.set(progress.jobId, progress);
        return;
      }
      set({ importProgress: progress });
      if (progress.phase === 'done') get().clearError(IMPORT_SCOPE);
      if (progress.phase === 'done' && progress.leaderboard) {
        const name = progress.leaderboard;
        void port.api['leaderboards.list']({}).then((imported) => set({ imported }), get().showError);
        void get().openLeaderboard(name);
      }
      if (progress.phase === 'failed' && progress.error) get().showError(progress.error, IMPORT_SCOPE);
    },
    openLeaderboard: async (name) => {
      try {
        const table = await port.api['leaderboards.table']({ name, table: 'accuracy' });
        set({ leaderboardName: name, table });
      } catch (error) {
        get().showError(error);
      }
    },
    sortTable: (column) => {
      const current = get().tableSort;
      set({ tableSort: { column, descending: current.column === column ? !current.descending : true } });
    },
  };
}
