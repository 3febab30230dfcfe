import { toAppErrorData } from '../../src-shared/errors';
import { BRIDGE_SCOPE, scopeOf } from './error-scope';
import type { SliceContext, UiSlice } from './types';

export function createUiSlice({ set, get, port }: SliceContext): UiSlice {
  return {
    step: 'leaderboard',
    previousStep: 'leaderboard',
    theme: 'light',
    error: null,
    draftState: 'idle',
    goTo: (step) => set((state) => (state.step === step ? {} : { step, previousStep: state.step })),
    setTheme: (theme) => set({ theme }),
    chooseTheme: (theme) => {
      set({ theme });
      void port.api['settings.update']({ theme }).catch(get().showError);
    },
    initialize: async () => {
      try {
        const settings = await port.api['settings.get']({});
        if (settings.theme !== 'system') set({ theme: settings.theme });
        await get().restoreDraft(settings);
        await get().loadLeaderboards(settings.lastLeaderboard);
        await get().restoreRun(settings.lastRun);
      } catch (error) {
        get().showError(error);
      }
    },
    errorScope: null,
    bridge: 'open',
    showError: (error, scope) => set({ error: toAppErrorData(error), errorScope: scope ?? scopeOf(error) }),
    clearError: (scope) => {
      if (get().error !== null && get().errorScope === scope) set({ error: null, errorScope: null });
    },
    dismissError: () => set({ error: null, errorScope: null }),
    receiveBridgeState: (bridge) => {
      const wasLost = get().bridge === 'lost';
      set({ bridge });
      if (bridge !== 'open' || !wasLost) return;
      // Back: what failed for want of the server is no longer news, and what happened meanwhile is fetched.
      get().clearError(BRIDGE_SCOPE);
      void get().refreshRun();
    },
  };
}
