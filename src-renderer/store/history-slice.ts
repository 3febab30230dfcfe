import type { HistoryEntry } from '../../src-shared/api/history';
import type { RankResult } from '../../src-shared/api/rank';
import type { SliceContext } from './types';

export interface HistorySlice {
  history: HistoryEntry[];
  /** Runs ticked for comparison, and their results once loaded (null: no result, e.g. not finished). */
  compared: string[];
  comparedResults: Record<string, RankResult | null>;
  loadHistory(): Promise<void>;
  openHistoryEntry(entry: HistoryEntry): Promise<void>;
  toggleCompared(runId: string): Promise<void>;
  deleteRun(runId: string): Promise<void>;
}

export function createHistorySlice({ set, get, port }: SliceContext): HistorySlice {
  return {
    history: [],
    compared: [],
    comparedResults: {},
    loadHistory: async () => {
      try {
        set({ history: await port.api['history.list']({}) });
      } catch (error) {
        get().showError(error);
      }
    },
    openHistoryEntry: async (entry) => {
      set({ runId: entry.runId, result: null, rankedTable: null, progress: null });
      if (entry.status === 'done') {
        // Its counts and cost too (the results page shows them), not those of the run shown before.
        const progress = await port.api['runs.status']({ runId: entry.runId }).catch(() => null);
        if (get().runId === entry.runId) set({ progress });
        await get().loadResult(entry.runId);
        get().goTo('results');
      } else {
        try {
          set({ progress: await port.api['runs.status']({ runId: entry.runId }) });
          get().goTo('run');
        } catch (error) {
          get().showError(error);
        }
      }
    },
    toggleCompared: async (runId) => {
      if (get().compared.includes(runId)) {
        set((state) => ({ compared: state.compared.filter((entry) => entry !== runId) }));
        return;
      }
      set((state) => ({ compared: [...state.compared, runId] }));
      if (runId in get().comparedResults) return;
      const entry = get().history.find((candidate) => candidate.runId === runId);
      // Only a finished run that names a leaderboard has a result to compare.
      const result =
        entry?.status === 'done' && entry.leaderboard
          ? await port.api['rank.result']({ runId }).catch(() => null)
          : null;
      set((state) => ({ comparedResults: { ...state.comparedResults, [runId]: result } }));
    },
    deleteRun: async (runId) => {
      try {
        await port.api['history.delete']({ runId });
        set((state) => ({
          compared: state.compared.filter((entry) => entry !== runId),
          ...(state.runId === runId ? { runId: null, result: null, rankedTable: null, progress: null } : {}),
        }));
        await get().loadHistory();
      } catch (error) {
        get().showError(error);
      }
    },
  };
}
