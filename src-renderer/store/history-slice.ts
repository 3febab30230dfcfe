import type { HistoryEntry } from '../../src-shared/api/history';
import type { SliceContext } from './types';

export interface HistorySlice {
  history: HistoryEntry[];
  loadHistory(): Promise<void>;
  openHistoryEntry(entry: HistoryEntry): Promise<void>;
}

export function createHistorySlice({ set, get, port }: SliceContext): HistorySlice {
  return {
    history: [],
    loadHistory: async () => {
      try {
        set({ history: await port.api['history.list']({}) });
      } catch (error) {
        get().showError(error);
      }
    },
    openHistoryEntry: async (entry) => {
      set({ runId: entry.runId, result: null });
      if (entry.status === 'done') {
        await get().loadResult(entry.runId);
        set({ step: 'results' });
      } else {
        try {
          set({ progress: await port.api['runs.status']({ runId: entry.runId }), step: 'run' });
        } catch (error) {
          get().showError(error);
        }
      }
    },
  };
}
