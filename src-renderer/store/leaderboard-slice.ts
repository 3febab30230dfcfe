import type {
  CatalogueEntry,
  ImportProgress,
  LeaderboardSummary,
  LeaderboardTable,
  MirrorStatus,
} from '../../src-shared/api/leaderboards';
import { UPLOAD_CHUNK_BYTES } from '../../src-shared/api/leaderboards';
import type { SliceContext } from './types';

/** Sort of the browse table: a run-group column or the mean win rate. */
export interface TableSort {
  readonly column: string;
  readonly descending: boolean;
}

/** A file being sent to the app by the page (browser mode). */
export interface UploadProgress {
  readonly fileName: string;
  readonly bytes: number;
  readonly total: number;
}

/** What the page can upload: a `File` from an `<input type="file">`. */
export interface UploadFile {
  readonly name: string;
  readonly size: number;
  slice(start: number, end: number): Blob;
}

export interface LeaderboardSlice {
  catalogue: CatalogueEntry[];
  imported: LeaderboardSummary[];
  selectedCatalogueId: string | null;
  importJobId: string | null;
  importProgress: ImportProgress | null;
  upload: UploadProgress | null;
  /** Name of the imported leaderboard the wizard uses. */
  leaderboardName: string | null;
  table: LeaderboardTable | null;
  tableSort: TableSort;
  /** The download mirror in effect and where it comes from. */
  mirrorStatus: MirrorStatus | null;
  /**
   * Loads the catalogue, the imported boards and the mirror; when no board is selected yet, opens `preferred` (the
   * one last used) if it is imported, else the default catalogue entry's, else the first one imported.
   */
  loadLeaderboards(preferred?: string | null): Promise<void>;
  selectCatalogue(id: string): void;
  /** Downloads and imports the selected catalogue entry. */
  startImport(): Promise<void>;
  /** Imports a zip, runs folder, release folder or `core_scenarios.json` on the machine running HELM Rank. */
  importFrom(source: string): Promise<void>;
  /** Sends a file from the page to the app in chunks, then imports it. */
  uploadAndImport(file: UploadFile): Promise<void>;
  /** The desktop app's open dialog, then the import; false when the face has no dialog (browser mode). */
  choosePathAndImport(kind: 'file' | 'folder'): Promise<boolean>;
  cancelImport(): Promise<void>;
  receiveImportProgress(progress: ImportProgress): void;
  openLeaderboard(name: string): Promise<void>;
  sortTable(column: string): void;
  saveMirror(mirror: string | null): Promise<void>;
}

const EMPTY_PROGRESS = {
  phase: 'download',
  bytes: 0,
  totalBytes: null,
  rate: 0,
  runsRead: 0,
  warnings: [],
  error: null,
  leaderboard: null,
} as const;

export function createLeaderboardSlice({ set, get, port }: SliceContext): LeaderboardSlice {
  // Events can overtake the `leaderboards.import` response; the latest one per job waits here until the job id is known.
  const early = new Map<string, ImportProgress>();
  const runImport = async (source: string) => {
    try {
      set({ importProgress: null, importJobId: null });
      const { jobId } = await port.api['leaderboards.import']({ source });
      // Shown until the first progress event, so "Cancel" is there from the start (a slow server may send nothing for a while).
      set({ importJobId: jobId, importProgress: { jobId, ...EMPTY_PROGRESS, warnings: [] } });
      const pending = early.get(jobId);
      early.clear();
      if (pending) get().receiveImportProgress(pending);
    } catch (error) {
      get().showError(error);
    }
  };
  const refreshMirror = async () => set({ mirrorStatus: await port.api['leaderboards.mirror']({}) });
  return {
    catalogue: [],
    imported: [],
    selectedCatalogueId: null,
    importJobId: null,
    importProgress: null,
    upload: null,
    leaderboardName: null,
    table: null,
    tableSort: { column: 'meanWinRate', descending: true },
    mirrorStatus: null,
    saveMirror: async (mirror) => {
      try {
        await port.api['settings.update']({ mirror });
        await refreshMirror();
      } catch (error) {
        get().showError(error);
      }
    },
    loadLeaderboards: async (preferred = null) => {
      try {
        const [catalogue, imported] = await Promise.all([
          port.api['catalogue.list']({}),
          port.api['leaderboards.list']({}),
          refreshMirror(),
        ]);
        const selected =
          get().selectedCatalogueId ?? catalogue.find((entry) => entry.isDefault)?.id ?? catalogue[0]?.id ?? null;
        set({ catalogue, imported, selectedCatalogueId: selected });
        if (get().leaderboardName !== null) return;
        const readable = imported.filter((summary) => summary.warnings >= 0);
        const choice =
          readable.find((summary) => summary.name === preferred) ??
          readable.find((summary) => summary.catalogueId === selected) ??
          readable[0];
        if (choice) await get().openLeaderboard(choice.name);
      } catch (error) {
        get().showError(error);
      }
    },
    selectCatalogue: (id) => set({ selectedCatalogueId: id }),
    startImport: async () => {
      const source = get().selectedCatalogueId;
      if (source) await runImport(source);
    },
    importFrom: async (source) => {
      if (source.trim() !== '') await runImport(source.trim());
    },
    uploadAndImport: async (file) => {
      try {
        let uploadId: string | null = null;
        let offset = 0;
        let source: string | null = null;
        // The last import's outcome is not this one's: it makes way for the upload's progress.
        set({ upload: { fileName: file.name, bytes: 0, total: file.size }, importProgress: null, importJobId: null });
        do {
          const end = Math.min(file.size, offset + UPLOAD_CHUNK_BYTES);
          const data = await toBase64(file.slice(offset, end));
          const answer: { uploadId: string; bytes: number; source: string | null } = await port.api[
            'leaderboards.upload'
          ]({ uploadId, fileName: file.name, offset, data, done: end >= file.size });
          uploadId = answer.uploadId;
          offset = answer.bytes;
          source = answer.source;
          set({ upload: { fileName: file.name, bytes: offset, total: file.size } });
        } while (source === null && offset < file.size);
        set({ upload: null });
        if (source) await runImport(source);
      } catch (error) {
        set({ upload: null });
        get().showError(error);
      }
    },
    choosePathAndImport: async (kind) => {
      try {
        const chosen = await port.api['leaderboards.choosePath']({ kind });
        if (chosen.path) await runImport(chosen.path);
        return chosen.supported;
      } catch (error) {
        get().showError(error);
        return false;
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
      if (progress.phase === 'done' && progress.leaderboard) {
        const name = progress.leaderboard;
        void port.api['leaderboards.list']({}).then((imported) => set({ imported }), get().showError);
        void get().openLeaderboard(name);
      }
      if (progress.phase === 'failed' && progress.error) get().showError(progress.error);
    },
    openLeaderboard: async (name) => {
      try {
        const table = await port.api['leaderboards.table']({ name, table: 'accuracy' });
        const changed = get().leaderboardName !== name;
        // Another board: its trade-off table, dry runs and scenario columns are not this one's.
        set(changed ? { leaderboardName: name, table, tradeoff: null, plans: {} } : { table });
        if (changed) void port.api['settings.update']({ lastLeaderboard: name }).catch(() => undefined);
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

/** A chunk of a file as base64, for the JSON channel. */
async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 0x8000)));
  return btoa(binary);
}
