import { toAppErrorData } from '../../src-shared/errors';
import type { SliceContext, UiSlice } from './types';

export function createUiSlice({ set, get, port }: SliceContext): UiSlice {
  return {
    step: 'leaderboard',
    theme: 'light',
    error: null,
    goTo: (step) => set({ step }),
    setTheme: (theme) => set({ theme }),
    chooseTheme: (theme) => {
      set({ theme });
      void port.api['settings.update']({ theme }).catch(get().showError);
    },
    loadSettings: async () => {
      try {
        const settings = await port.api['settings.get']({});
        if (settings.theme !== 'system') set({ theme: settings.theme });
      } catch (error) {
        get().showError(error);
      }
    },
    showError: (error) => set({ error: toAppErrorData(error) }),
    dismissError: () => set({ error: null }),
  };
}
