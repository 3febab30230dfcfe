/** The app store: one zustand store made of typed slices (STYLE.md), each in its own file. */
import type { AppPort } from '../../src-shared/api/contract';
import type { AppErrorData } from '../../src-shared/errors';
import type { LeaderboardSlice } from './leaderboard-slice';
import type { BudgetSlice } from './budget-slice';
import type { ModelSlice } from './model-slice';
import type { RunSlice } from './run-slice';
import type { ResultsSlice } from './results-slice';
import type { HistorySlice } from './history-slice';
import type { InstancesSlice } from './instances-slice';
import type { DraftState } from './draft';

/** The wizard's steps, in order, plus History; `instances` is the per-instance viewer, opened from Results or History. */
export type Step = 'leaderboard' | 'budget' | 'model' | 'run' | 'results' | 'history' | 'instances';
/** The steps the navigation lists. */
export type NavStep = Exclude<Step, 'instances'>;
export const STEPS: readonly NavStep[] = ['leaderboard', 'budget', 'model', 'run', 'results', 'history'];

export interface UiSlice {
  step: Step;
  /** The step before the current one (where the per-instance viewer's "Back" returns). */
  previousStep: Step;
  theme: 'light' | 'dark';
  /** The last error a step hit, shown in a banner until dismissed. */
  error: AppErrorData | null;
  /** Whether what was typed is saved (the wizard draft). */
  draftState: DraftState;
  goTo(step: Step): void;
  /** Shows a theme without saving it (the OS preference at startup). */
  setTheme(theme: 'light' | 'dark'): void;
  /** The user's choice: shown and saved in settings. */
  chooseTheme(theme: 'light' | 'dark'): void;
  /** At startup: saved theme and wizard draft, then the leaderboards (selecting the one last used). */
  initialize(): Promise<void>;
  showError(error: unknown): void;
  dismissError(): void;
}

export type AppState = UiSlice &
  LeaderboardSlice &
  BudgetSlice &
  ModelSlice &
  RunSlice &
  ResultsSlice &
  HistorySlice &
  InstancesSlice;

/** zustand's `set`/`get`, the API port every slice talks through, and the draft saver. */
export interface SliceContext {
  set: (partial: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => void;
  get: () => AppState;
  port: AppPort;
  /** Saves the wizard's typed fields (debounced) once the saved draft has been restored. */
  saveDraft: () => void;
  /** Called once the saved draft is restored: from then on, edits are saved. */
  enableDraft: () => void;
}
