/**
 * The wizard draft: what the user typed (model endpoint without any key, prices, mode, examples per scenario,
 * scenarios), saved in the non-secret settings right after each edit, so it survives step changes, reloads and
 * restarts. Saves never overlap: edits during a save are written by one more save when it returns. Nothing is saved
 * before the stored draft has been restored, so startup never overwrites it.
 */
import type { AppPort } from '../../src-shared/api/contract';
import type { WizardDraft } from '../../src-shared/api/settings';
import type { AppState } from './types';
import { configScenarios } from './scenario-choice';

/** `saved`: the settings hold what is on screen. */
export type DraftState = 'idle' | 'saving' | 'saved';

export interface DraftSaver {
  /** Saves the current fields (now, or after the save in flight). */
  save(): void;
  /** Allows saving (after the stored draft was restored). */
  enable(): void;
}

export function draftOf(state: AppState): WizardDraft {
  const { apiKeyId: _key, ...endpoint } = state.endpoint;
  return { endpoint, examplesPerScenario: state.examplesPerScenario, scenarios: configScenarios(state.scenarioChoice) };
}

export function createDraftSaver(
  port: AppPort,
  get: () => AppState,
  set: (patch: Partial<AppState>) => void,
): DraftSaver {
  let enabled = false;
  let inFlight = false;
  let dirty = false;
  const write = async (): Promise<void> => {
    inFlight = true;
    dirty = false;
    set({ draftState: 'saving' });
    // Best effort: a draft that fails to save must not interrupt typing with an error banner.
    await port.api['settings.update']({ draft: draftOf(get()) }).catch(() => undefined);
    inFlight = false;
    if (dirty) await write();
    else set({ draftState: 'saved' });
  };
  return {
    enable: () => {
      enabled = true;
    },
    save: () => {
      if (!enabled) return;
      if (inFlight) dirty = true;
      else void write();
    },
  };
}
