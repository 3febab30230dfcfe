import type { PlanProgress, RunProgressView } from '../../src-shared/api/runs';
import { errorCodeOf } from '../../src-shared/errors';
import { RUN_SCOPE } from './error-scope';
import { configScenarios } from './scenario-choice';
import type { SliceContext } from './types';

export interface RunSlice {
  runId: string | null;
  progress: RunProgressView | null;
  /** What the dry run under way is doing (checking sources, downloading, preparing), by examples per scenario. */
  planPhase: PlanProgress | null;
  receivePlanProgress(progress: PlanProgress): void;
  /** Fetches the shown run's state again (after the server connection came back). */
  refreshRun(): Promise<void>;
  startRun(): Promise<void>;
  pauseRun(): Promise<void>;
  resumeRun(): Promise<void>;
  cancelRun(): Promise<void>;
  receiveRunProgress(progress: RunProgressView): void;
  /**
   * At startup: shows the run last started or opened (settings' `lastRun`) in the Run and Results steps again. A run
   * that no longer exists is forgotten without a word; a run the user opened meanwhile is not replaced.
   */
  restoreRun(runId: string | null): Promise<void>;
}

export function createRunSlice({ set, get, port }: SliceContext): RunSlice {
  const control = async (channel: 'runs.pause' | 'runs.resume' | 'runs.cancel') => {
    const runId = get().runId;
    if (!runId) return;
    try {
      get().receiveRunProgress(await port.api[channel]({ runId }));
    } catch (error) {
      get().showError(error);
    }
  };
  return {
    runId: null,
    progress: null,
    planPhase: null,
    receivePlanProgress: (planPhase) => set({ planPhase }),
    refreshRun: async () => {
      const runId = get().runId;
      if (!runId) return;
      try {
        get().receiveRunProgress(await port.api['runs.status']({ runId }));
      } catch (error) {
        get().showError(error);
      }
    },
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
      get().clearError(RUN_SCOPE);
      return control('runs.resume');
    },
    cancelRun: () => control('runs.cancel'),
    receiveRunProgress: (progress) => {
      if (progress.runId !== get().runId) return;
      set({ progress });
      // A failed run's error stays until the run goes on (Resume) or the user dismisses it; the Run step shows
      // it in its own card (ErrorBanner does not repeat it there).
      if (progress.status === 'failed' && progress.error) get().showError(progress.error, RUN_SCOPE);
      else get().clearError(RUN_SCOPE);
      if (progress.status === 'done') void get().loadResult(progress.runId);
    },
    restoreRun: async (runId) => {
      if (!runId) return;
      let progress: RunProgressView;
      try {
        progress = await port.api['runs.status']({ runId });
      } catch (error) {
        if (errorCodeOf(error) === 'runs.not-found')
          void port.api['settings.update']({ lastRun: null }).catch(() => undefined);
        return;
      }
      if (get().runId !== null) return;
      // Not through receiveRunProgress: a run that failed before the restart is shown in the Run step's own card,
      // not as a banner over whatever step the app opens on.
      set({ runId, progress });
      if (progress.status === 'done') await get().loadResult(runId, { quiet: true });
    },
  };
}
