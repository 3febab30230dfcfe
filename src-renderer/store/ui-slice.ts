import { toAppErrorData } from '../../src-shared/errors';
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
      } catch (error) {
        get().showError(error);
      }
    },
    showError: (error) => set({ error: toAppErrorData(error) }),
    dismissError: () => set({ error: null }),
  };
}
