/**
 * The composition root: builds every service for one data directory and exposes them as the app API
 * (an {@link AppPort}). The web bridge and the Electron IPC layer both serve what this returns, so the two
 * faces cannot drift apart. Channel adapters that reshape a service's answers live in ./app-api/.
 */
import type {
  AppApi,
  AppEventPayload,
  AppEventSource,
  AppPort,
  AppRequest,
  AppResponse,
  ChannelName,
  EventName,
} from '../../src-shared/api/contract';
import type { EngineHostFactory } from '../engine/process/engine-host';
import { dataPaths } from './data-dir';
import type { SecretStore } from './secrets/secret-store';
import { MemorySecretStore } from './secrets/secret-store';
import { saveKey } from './secrets/key-binding';
import type { CatalogueEntry, MirrorStatus } from '../../src-shared/api/leaderboards';
import { LeaderboardService, leaderboardHandlers } from './leaderboards/leaderboard-service';
import { checkConnection } from './app-api/model-channels';
import { expectedIntervalView, tradeoffTable } from './app-api/rank-channels';
import { cachedBoardMatrices } from './board-instances/board-instance-service';
import { RunChannels } from './app-api/run-channels';
import { InstanceService } from './instances/instance-service';
import type { SettingsStore } from './settings/settings-store';
import { FileSettingsStore } from './settings/settings-store';

/** A handler per channel; requests arrive already validated by the serving adapter. */
export type ChannelHandlers = { [K in ChannelName]: (request: AppRequest<K>) => Promise<AppResponse<K>> };

/** Fan-out of app events to every subscriber (IPC windows, SSE clients). */
export class EventHub {
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  readonly on: AppEventSource = (name, listener) => {
    const set = this.listeners.get(name) ?? new Set();
    const wrapped = listener as (payload: unknown) => void; // cast: emit() is typed per event name
    set.add(wrapped);
    this.listeners.set(name, set);
    return () => set.delete(wrapped);
  };

  emit<K extends EventName>(name: K, payload: AppEventPayload<K>): void {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        listener(payload);
      } catch {
        // One broken subscriber (a closed window) must not stop the others.
      }
    }
  }
}

export interface AppServicesOptions {
  readonly dataDir: string;
  readonly env?: NodeJS.ProcessEnv;
  /** The Electron layer passes electron-store / safeStorage adapters; default: plain file / memory + env. */
  readonly settings?: SettingsStore;
  readonly secrets?: SecretStore;
  /** Secret id → origin its environment-variable key is bound to, instead of the preset's (`serve --key-origin`). */
  readonly keyOrigins?: Readonly<Record<string, string>>;
  /** Download mirror given at launch (`serve --mirror`); else `HELM_RANK_MIRROR`; the `mirror` setting wins over both. */
  readonly mirror?: string | null;
  /** Replaces the bundled leaderboard catalogue (tests). */
  readonly catalogue?: readonly CatalogueEntry[];
  /** Engine entry and environment for runs (Electron: its bundled engine run as Node); default: the CLI's. */
  readonly engineEntry?: string;
  readonly engineEnv?: NodeJS.ProcessEnv;
  /** Engine host per run (Electron: a `utilityProcess`); when set, `engineEntry`/`engineEnv` are not used. */
  readonly engineHostFactory?: EngineHostFactory;
  /** Replace handlers (tests, demos). */
  readonly overrides?: Partial<ChannelHandlers>;
}

/** The app API plus the stores and a clean shutdown. */
export interface AppBackend extends AppPort {
  readonly dataDir: string;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  readonly events: EventHub;
  close(): Promise<void>;
}

export function createAppServices(options: AppServicesOptions): AppBackend {
  const paths = dataPaths(options.dataDir);
  const settings = options.settings ?? new FileSettingsStore(paths.settings);
  const env = options.env ?? process.env;
  const secrets = options.secrets ?? new MemorySecretStore(env, options.keyOrigins);
  const events = new EventHub();
  const closers: (() => Promise<void>)[] = [];
  // The launch option (`serve --mirror`, tests) wins over the environment; the Settings field wins over both.
  const launchMirror = options.mirror ?? null;
  const envMirror = env.HELM_RANK_MIRROR ? env.HELM_RANK_MIRROR : null;
  const defaultMirror = launchMirror ?? envMirror;
  const mirrorStatus = async (): Promise<MirrorStatus> => {
    const fromSettings = (await settings.get()).mirror;
    const fallbackSource = launchMirror ? 'launch' : envMirror ? 'env' : null;
    return {
      mirror: fromSettings ?? defaultMirror,
      source: fromSettings ? 'settings' : (fallbackSource ?? 'none'),
      fallback: defaultMirror,
      fallbackSource,
    };
  };

  const leaderboards = new LeaderboardService({
    dataDir: options.dataDir,
    mirror: defaultMirror,
    ...(options.catalogue ? { catalogue: options.catalogue } : {}),
  });
  const leaderboardApi = leaderboardHandlers(leaderboards);
  const stopProgress = leaderboards.onProgress((progress) => events.emit('leaderboards.progress', progress));
  closers.push(async () => stopProgress());

  const latencies = new Map<string, number>();
  const mirror = async () => (await mirrorStatus()).mirror;
  const instances = new InstanceService(paths.runs);
  const runs = new RunChannels({
    dataDir: options.dataDir,
    secrets,
    latencies,
    mirror,
    emit: (progress) => events.emit('runs.progress', progress),
    ...(options.engineEntry ? { engineEntry: options.engineEntry } : {}),
    ...(options.engineEnv ? { engineEnv: options.engineEnv } : {}),
    ...(options.engineHostFactory ? { engineHostFactory: options.engineHostFactory } : {}),
  });
  // Stop engines first (cancel, wait, kill) so every unfinished run is left resumable.
  closers.push(() => runs.close());

  const handlers: ChannelHandlers = {
    ...leaderboardApi,
    // The user's mirror setting applies to imports started from the UI unless the request names its own.
    'leaderboards.import': async (request) =>
      leaderboardApi['leaderboards.import']({
        ...request,
        mirror: request.mirror ?? (await settings.get()).mirror ?? undefined,
      }),
    'leaderboards.mirror': mirrorStatus,
    'models.testConnection': (request) => checkConnection(request.endpoint, secrets, latencies),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'secrets.set': (request) => saveKey(secrets, request),
    'secrets.status': (request) => secrets.status(request.id),
    'secrets.delete': (request) => secrets.delete(request.id),
    'runs.plan': (request) => runs.plan(request.config),
    'runs.start': (request) => runs.start(request.config),
    'runs.pause': (request) => runs.pause(request.runId),
    'runs.resume': (request) => runs.resume(request.runId),
    'runs.cancel': (request) => runs.cancel(request.runId),
    'runs.status': (request) => runs.status(request.runId),
    'rank.result': (request) => runs.result(request.runId),
    'rank.table': (request) => runs.table(request.runId),
    // Planning and ranking read the same cached board data (docs/calibration.md §6).
    'rank.tradeoff': (request) =>
      tradeoffTable(
        paths.leaderboards,
        request.leaderboard,
        request.scenarios,
        cachedBoardMatrices(options.dataDir, request.leaderboard),
      ),
    'rank.expectedInterval': (request) =>
      expectedIntervalView(paths.leaderboards, request, cachedBoardMatrices(options.dataDir, request.leaderboard)),
    'history.list': () => runs.history(),
    'history.export': (request) => runs.export(request.runId, request.format),
    'history.delete': (request) => runs.delete(request.runId),
    'instances.runs': (request) => instances.runs(request.runId),
    'instances.page': (request) => instances.page(request),
    ...options.overrides,
  };

  return {
    api: handlers as AppApi, // cast: identical shapes; AppApi takes z.input requests, handlers get parsed ones
    on: events.on,
    dataDir: options.dataDir,
    settings,
    secrets,
    events,
    close: async () => {
      await Promise.allSettled(closers.map((close) => close()));
    },
  };
}
