import type { ExportFormat } from '../../src-shared/api/history';
import type { RankResult } from '../../src-shared/api/rank';
import type { SliceContext } from './types';

export interface ResultsSlice {
  result: RankResult | null;
  /** Models picked for the per-scenario comparison. */
  rivals: string[];
  loadResult(runId: string): Promise<void>;
  toggleRival(model: string): void;
  /** The current run's result as a file; errors propagate to the caller. */
  exportRun(format: ExportFormat): Promise<{ fileName: string; mimeType: string; content: string } | null>;
}

export function createResultsSlice({ set, get, port }: SliceContext): ResultsSlice {
  return {
    result: null,
    rivals: [],
    loadResult: async (runId) => {
      try {
        const result = await port.api['rank.result']({ runId });
        set({ result, runId, rivals: result.tiedWith.slice(0, 3) });
        if (get().leaderboardName !== result.leaderboard || !get().table)
          await get().openLeaderboard(result.leaderboard);
        // No statistical ties: compare with the neighbours instead (the models just above and below).
        const rows = get().table?.rows ?? [];
        if (result.tiedWith.length === 0 && rows.length > 0) {
          const neighbours = rows
            .filter((row) => row.rank === result.rank - 1 || row.rank === result.rank)
            .map((row) => row.model);
          set({ rivals: neighbours.length > 0 ? neighbours : rows.slice(-1).map((row) => row.model) });
        }
        // History knows where the run's HELM directories are (shown with the exports).
        if (!get().history.some((entry) => entry.runId === runId)) await get().loadHistory();
      } catch (error) {
        get().showError(error);
      }
    },
    exportRun: async (format) => {
      const runId = get().runId;
      return runId ? port.api['history.export']({ runId, format }) : null;
    },
    toggleRival: (model) =>
      set((state) => ({
        rivals: state.rivals.includes(model)
          ? state.rivals.filter((rival) => rival !== model)
          : [...state.rivals, model],
      })),
  };
}
