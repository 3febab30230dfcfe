/**
 * Builds the one app store from its slices and connects it to the API's events. Components read it through
 * the named selector hooks in ./hooks.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { AppPort } from '../../src-shared/api/contract';
import { withErrorScopes } from './error-scope';
import type { AppState, SliceContext } from './types';
import { createUiSlice } from './ui-slice';
import { createLeaderboardSlice } from './leaderboard-slice';
import { createBudgetSlice } from './budget-slice';
import { createModelSlice } from './model-slice';
import { createRunSlice } from './run-slice';
import { createResultsSlice } from './results-slice';
import { createHistorySlice } from './history-slice';
import { createInstancesSlice } from './instances-slice';
import { createDraftSaver } from './draft';

export type AppStore = StoreApi<AppState> & { dispose(): void };

export function createAppStore(rawPort: AppPort): AppStore {
  // A success clears the error its channel raised (./error-scope.ts); the store exists by the time any call returns.
  const port = withErrorScopes(rawPort, (scope) => store.getState().clearError(scope));
  const store = createStore<AppState>()((set, get) => {
    const drafts = createDraftSaver(port, get, set);
    const context: SliceContext = { set, get, port, saveDraft: drafts.save, enableDraft: drafts.enable };
    return {
      ...createUiSlice(context),
      ...createLeaderboardSlice(context),
      ...createBudgetSlice(context),
      ...createModelSlice(context),
      ...createRunSlice(context),
      ...createResultsSlice(context),
      ...createHistorySlice(context),
      ...createInstancesSlice(context),
    };
  });
  const unsubscribers = [
    port.on('leaderboards.progress', (progress) => store.getState().receiveImportProgress(progress)),
    port.on('runs.progress', (progress) => store.getState().receiveRunProgress(progress)),
    port.on('runs.planProgress', (progress) => store.getState().receivePlanProgress(progress)),
    port.onConnection?.((state) => store.getState().receiveBridgeState(state)) ?? (() => undefined),
  ];
  // The run shown in Run and Results is remembered wherever it changes (started, opened from History, deleted), so a
  // reload or restart shows it again (run-slice `restoreRun`). Best effort, like the draft.
  unsubscribers.push(
    store.subscribe((state, previous) => {
      if (state.runId !== previous.runId)
        void port.api['settings.update']({ lastRun: state.runId }).catch(() => undefined);
    }),
  );
  return Object.assign(store, { dispose: () => unsubscribers.forEach((unsubscribe) => unsubscribe()) });
}
