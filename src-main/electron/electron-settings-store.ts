/** Settings in electron-store (`<data dir>/settings.json`, the same file and shape the CLI's FileSettingsStore uses). */
import Store from 'electron-store';
import type { Settings } from '../../src-shared/api/settings';
import { normalizeSettings } from '../services/settings/settings-store';
import type { SettingsStore } from '../services/settings/settings-store';

export class ElectronSettingsStore implements SettingsStore {
  private readonly store: Store<Record<string, unknown>>;

  constructor(dataDir: string) {
    this.store = new Store<Record<string, unknown>>({ name: 'settings', cwd: dataDir, clearInvalidConfig: true });
  }

  async get(): Promise<Settings> {
    return normalizeSettings(this.store.store);
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const settings = normalizeSettings({ ...this.store.store, ...patch });
    this.store.store = settings;
    return settings;
  }
}
