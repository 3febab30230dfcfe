import type { RunProgressView } from '../../src-shared/api/runs';
import { configScenarios } from './scenario-choice';
import type { SliceContext } from './types';

export interface RunSlice {
  runId: string | null;
  progress: RunProgressView | null;
  startRun(): Promise<void>;
  pauseRun(): Promise<void>;
  resumeRun(): Promise<void>;
  cancelRun(): Promise<void>;
  receiveRunProgress(progress: RunProgressView): void;
}

export function createRunSlice({ set, get, port }: SliceContext): RunSlice {
  const control = async (channel: 'runs.pause' | 'runs.resume' | 'runs.cancel') => {
    const runId = get().runId;
    if (!runId) return;
    try {
      set({ progress: await port.api[channel]({ runId }) });
    } catch (error) {
      get().showError(error);
    }
  };
  return {
    runId: null,
    progress: null,
    startRun: async () => {
      const { leaderboardName, examplesPerScenario, endpoint, scenarioChoice } = get();
      if (!leaderboardName || scenarioChoice.length === 0) return;
      try {
        set({ progress: null, result: null, rankedTable: null });
        const { runId } = await port.api['runs.start']({
          config: {
            leaderboard: leaderboardName,
            examplesPerScenario,
            endpoint,
            scenarios: configScenarios(scenarioChoice),
          },
        });
        set({ runId });
        get().goTo('run');
        const progress = await port.api['runs.status']({ runId });
        if (get().progress === null) get().receiveRunProgress(progress);
      } catch (error) {
        get().showError(error);
      }
    },
    pauseRun: () => control('runs.pause'),
    resumeRun: () => {
      // The failure being resumed from is no longer news.
      get().dismissError();
      return control('runs.resume');
    },
    cancelRun: () => control('runs.cancel'),
    receiveRunProgress: (progress) => {
      if (progress.runId !== get().runId) return;
      set({ progress });
      if (progress.status === 'failed' && progress.error) get().showError(progress.error);
      if (progress.status === 'done') void get().loadResult(progress.runId);
    },
  };
}
