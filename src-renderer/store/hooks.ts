/** The store in React: a context for the store and named selector hooks (derived values computed, not stored). */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState } from './types';
import type { AppStore } from './store';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore needs a <StoreContext.Provider>.');
  return useStore(store, selector);
}

export const useStep = () => useAppStore((state) => state.step);
export const useError = () => useAppStore((state) => state.error);
export const useTable = () => useAppStore((state) => state.table);
export const useResult = () => useAppStore((state) => state.result);
export const useProgress = () => useAppStore((state) => state.progress);
export const useRankedTable = () => useAppStore((state) => state.rankedTable);
