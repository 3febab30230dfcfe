import type { ConnectionReportView, ModelEndpoint, PresetId } from '../../src-shared/api/models';
import { MODEL_PRESETS } from '../../src-shared/api/models';
import type { SecretStatus, Settings } from '../../src-shared/api/settings';
import { choiceOf } from './scenario-choice';
import type { SliceContext } from './types';

export interface ModelSlice {
  endpoint: ModelEndpoint;
  keyStatus: SecretStatus | null;
  connection: ConnectionReportView | null;
  isTestingConnection: boolean;
  choosePreset(id: PresetId): void;
  editEndpoint(patch: Partial<ModelEndpoint>): void;
  /**
   * Hands the key to the main process, bound to the current base URL's origin (it is sent there only), and
   * forgets it here: it is never read back.
   */
  /**
   * Stores a key for the endpoint's origin. `onSaved` runs in the same update as the new key status (the Model step
   * clears its field then, so the field is never seen empty before the key is stored, nor full after); a key that
   * could not be stored stays in the field.
   */
  saveKey(value: string, onSaved?: () => void): Promise<void>;
  forgetKey(): Promise<void>;
  testConnection(): Promise<void>;
  /** At startup: the fields as last typed (the draft), else the endpoint last tested; then the preset's key status. */
  restoreDraft(settings: Settings): Promise<void>;
}

/** Fields whose edit only changes the cost: the connection test and the dry run stay valid. */
const PRICE_FIELDS = new Set(['pricePerMillionPrompt', 'pricePerMillionCompletion']);

/** Secret id for a preset's key: one key per service. */
export function keyIdFor(preset: PresetId): string {
  return `api-key:${preset}`;
}

export const EMPTY_ENDPOINT: ModelEndpoint = {
  preset: 'custom',
  baseUrl: '',
  model: '',
  mode: 'completions',
  apiKeyId: null,
  pricePerMillionPrompt: null,
  pricePerMillionCompletion: null,
};

export function createModelSlice({ set, get, port, saveDraft, enableDraft }: SliceContext): ModelSlice {
  const refreshKey = async (preset: PresetId) => {
    try {
      const keyStatus = await port.api['secrets.status']({ id: keyIdFor(preset) });
      set((state) => ({
        keyStatus,
        endpoint: { ...state.endpoint, apiKeyId: keyStatus.present ? keyStatus.id : null },
      }));
    } catch (error) {
      get().showError(error);
    }
  };
  return {
    endpoint: EMPTY_ENDPOINT,
    keyStatus: null,
    connection: null,
    isTestingConnection: false,
    choosePreset: (id) => {
      const preset = MODEL_PRESETS.find((entry) => entry.id === id);
      if (!preset) return;
      set((state) => ({
        endpoint: {
          ...state.endpoint,
          preset: id,
          baseUrl: preset.baseUrl || state.endpoint.baseUrl,
          mode: preset.defaultMode,
          apiKeyId: null,
        },
        connection: null,
        keyStatus: null,
        plans: {},
      }));
      saveDraft();
      void refreshKey(id);
    },
    editEndpoint: (patch) => {
      const onlyPrices = Object.keys(patch).every((field) => PRICE_FIELDS.has(field));
      set((state) => ({
        endpoint: { ...state.endpoint, ...patch },
        ...(onlyPrices ? {} : { connection: null, plans: {} }),
      }));
      saveDraft();
    },
    saveKey: async (value, onSaved) => {
      const { preset, baseUrl } = get().endpoint;
      const id = keyIdFor(preset);
      try {
        const keyStatus = await port.api['secrets.set']({ id, value, baseUrl });
        onSaved?.();
        set((state) => ({ keyStatus, endpoint: { ...state.endpoint, apiKeyId: id }, connection: null }));
      } catch (error) {
        get().showError(error);
      }
    },
    forgetKey: async () => {
      const id = keyIdFor(get().endpoint.preset);
      try {
        const keyStatus = await port.api['secrets.delete']({ id });
        set((state) => ({ keyStatus, endpoint: { ...state.endpoint, apiKeyId: null } }));
      } catch (error) {
        get().showError(error);
      }
    },
    testConnection: async () => {
      set({ isTestingConnection: true, connection: null });
      try {
        const endpoint = get().endpoint;
        const connection = await port.api['models.testConnection']({ endpoint });
        set({ connection });
        if (connection.ok) {
          void port.api['settings.update']({ lastEndpoint: endpoint }).catch(() => undefined);
          // The dry run for the chosen examples per scenario: requests, tokens, cost and time before spending anything.
          void get().loadPlans([get().examplesPerScenario]);
        }
      } catch (error) {
        get().showError(error);
      } finally {
        set({ isTestingConnection: false });
      }
    },
    restoreDraft: async (settings) => {
      const draft = settings.draft;
      if (draft) {
        set({
          endpoint: { ...draft.endpoint, apiKeyId: null },
          examplesPerScenario: draft.examplesPerScenario,
          scenarioChoice: choiceOf(draft.scenarios),
        });
      } else if (settings.lastEndpoint) set({ endpoint: settings.lastEndpoint });
      enableDraft();
      if (draft || settings.lastEndpoint) await refreshKey(get().endpoint.preset);
    },
  };
}
