import type { ExportFormat } from '../../src-shared/api/history';
import type { RankedTable, RankResult } from '../../src-shared/api/rank';
import type { SliceContext } from './types';

/** The chart shows the rows around yours (the default: "where am I") or the whole board. */
export type ChartView = 'around' | 'all';

export interface ResultsSlice {
  result: RankResult | null;
  /** The leaderboard with your model placed in it (every mean win rate recomputed): the chart and the CSV. */
  rankedTable: RankedTable | null;
  chartView: ChartView;
  /** Models picked for the per-scenario comparison. */
  rivals: string[];
  /**
   * Shows a finished run's result. `quiet` (restoring the last run at startup): a failure shows nothing, and the
   * board selected stays selected (the run's own board is opened only when none is).
   */
  loadResult(runId: string, options?: { quiet?: boolean }): Promise<void>;
  toggleRival(model: string): void;
  setChartView(view: ChartView): void;
  /** The current run's result as a file; errors propagate to the caller. */
  exportRun(format: ExportFormat): Promise<{ fileName: string; mimeType: string; content: string } | null>;
}

export function createResultsSlice({ set, get, port }: SliceContext): ResultsSlice {
  return {
    result: null,
    rankedTable: null,
    chartView: 'around',
    rivals: [],
    loadResult: async (runId, { quiet = false } = {}) => {
      try {
        const [result, rankedTable] = await Promise.all([
          port.api['rank.result']({ runId }),
          port.api['rank.table']({ runId }),
        ]);
        set({ result, rankedTable, runId, chartView: 'around', rivals: defaultRivals(rankedTable) });
        const isOtherBoard = get().leaderboardName !== result.leaderboard;
        if (!get().table || (isOtherBoard && !quiet)) await get().openLeaderboard(result.leaderboard);
        // History knows where the run's HELM directories are (shown with the exports).
        if (!get().history.some((entry) => entry.runId === runId)) await get().loadHistory();
      } catch (error) {
        if (!quiet) get().showError(error);
      }
    },
    exportRun: async (format) => {
      const runId = get().runId;
      return runId ? port.api['history.export']({ runId, format }) : null;
    },
    setChartView: (chartView) => set({ chartView }),
    toggleRival: (model) =>
      set((state) => ({
        rivals: state.rivals.includes(model)
          ? state.rivals.filter((rival) => rival !== model)
          : [...state.rivals, model],
      })),
  };
}

/** The models just above and below yours: the comparison a researcher makes first. */
function defaultRivals(table: RankedTable): string[] {
  const at = table.rows.findIndex((row) => row.isYou);
  return [table.rows[at - 1], table.rows[at + 1]].filter((row) => row !== undefined).map((row) => row.model);
}
