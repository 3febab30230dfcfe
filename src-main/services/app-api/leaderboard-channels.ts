/**
 * The leaderboards domain's channels over LeaderboardService: the catalogue, the imported boards and their tables,
 * imports (with the user's mirror setting unless the request names its own) and where downloads are mirrored.
 */
import type { RequestOf, ResponseOf } from '../../../src-shared/api/channel';
import type { leaderboardChannels, MirrorStatus } from '../../../src-shared/api/leaderboards';
import type { LeaderboardService } from '../leaderboards/leaderboard-service';
import type { SettingsStore } from '../settings/settings-store';

type Channels = typeof leaderboardChannels;

/** The leaderboard channels as handlers, keyed by channel name (for the IPC and web-bridge routers). */
export type LeaderboardHandlers = {
  readonly [K in keyof Channels]: (request: RequestOf<Channels, K>) => Promise<ResponseOf<Channels, K>>;
};

/** Mirrors given outside the Settings step: at launch (`serve --mirror`, tests) and in `HELM_RANK_MIRROR`. */
export interface MirrorDefaults {
  readonly launch: string | null;
  readonly env: string | null;
}

/** Where downloads go: the Settings field wins over the launch option, which wins over the environment. */
export async function mirrorStatus(settings: SettingsStore, defaults: MirrorDefaults): Promise<MirrorStatus> {
  const fallback = defaults.launch ?? defaults.env;
  const fromSettings = (await settings.get()).mirror;
  const fallbackSource = defaults.launch ? 'launch' : defaults.env ? 'env' : null;
  return {
    mirror: fromSettings ?? fallback,
    source: fromSettings ? 'settings' : (fallbackSource ?? 'none'),
    fallback,
    fallbackSource,
  };
}

/** Every leaderboard channel; the mirror status and the import's default mirror read the settings. */
export function leaderboardHandlers(
  service: LeaderboardService,
  settings: SettingsStore,
  defaults: MirrorDefaults = { launch: null, env: null },
): LeaderboardHandlers {
  return {
    'catalogue.list': () => service.listCatalogue(),
    'leaderboards.list': () => service.list(),
    // The user's mirror setting applies to imports started from the UI unless the request names its own.
    'leaderboards.import': async (request) =>
      service.startImport({ ...request, mirror: request.mirror ?? (await settings.get()).mirror ?? undefined }),
    'leaderboards.cancelImport': (request) => service.cancelImport(request),
    'leaderboards.upload': (request) => service.uploads.receive(request),
    // The desktop app replaces this with its native dialog (src-main/electron/main.ts); a browser page cannot.
    'leaderboards.choosePath': async () => ({ supported: false, path: null }),
    'leaderboards.table': (request) => service.table(request),
    'leaderboards.mirror': () => mirrorStatus(settings, defaults),
  };
}
