/** The settings and secrets domain's channels: non-secret settings, and API keys that go in but never come back. */
import type { settingsChannels } from '../../../src-shared/api/settings';
import type { RequestOf, ResponseOf } from '../../../src-shared/api/channel';
import { saveKey } from '../secrets/key-binding';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';

type Channels = typeof settingsChannels;

export type SettingsHandlers = {
  readonly [K in keyof Channels]: (request: RequestOf<Channels, K>) => Promise<ResponseOf<Channels, K>>;
};

export function settingsHandlers(settings: SettingsStore, secrets: SecretStore): SettingsHandlers {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'secrets.set': (request) => saveKey(secrets, request),
    'secrets.status': (request) => secrets.status(request.id),
    'secrets.delete': (request) => secrets.delete(request.id),
  };
}
