/**
 * Builds the one app store from its slices and connects it to the API's events. Components read it through
 * the named selector hooks in ./hooks.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { AppPort } from '../../src-shared/api/contract';
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

export function createAppStore(port: AppPort): AppStore {
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
  ];
  return Object.assign(store, { dispose: () => unsubscribers.forEach((unsubscribe) => unsubscribe()) });
}
