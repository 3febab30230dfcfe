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
import type { CatalogueEntry } from '../../src-shared/api/leaderboards';
import { LeaderboardService } from './leaderboards/leaderboard-service';
import { leaderboardHandlers, mirrorStatus } from './app-api/leaderboard-channels';
import { settingsHandlers } from './app-api/settings-channels';
import { checkConnection } from './app-api/model-channels';
import { HistoryChannels } from './app-api/history-channels';
import { RankChannels } from './app-api/rank-channels';
import { builtRankWorker, createRankExecutor } from './app-api/rank-executor';
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
  /**
   * The rank worker thread's entry (./app-api/rank-worker.ts, bundled); default: the built one next to this code,
   * none when running from the sources. Null: rank jobs run on this thread.
   */
  readonly rankWorkerEntry?: string | null;
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
  const mirrorDefaults = {
    launch: options.mirror ?? null,
    env: env.HELM_RANK_MIRROR ? env.HELM_RANK_MIRROR : null,
  };
  const defaultMirror = mirrorDefaults.launch ?? mirrorDefaults.env;

  const leaderboards = new LeaderboardService({
    dataDir: options.dataDir,
    mirror: defaultMirror,
    ...(options.catalogue ? { catalogue: options.catalogue } : {}),
  });
  const stopProgress = leaderboards.onProgress((progress) => events.emit('leaderboards.progress', progress));
  closers.push(async () => stopProgress());

  const latencies = new Map<string, number>();
  const mirror = async () => (await mirrorStatus(settings, mirrorDefaults)).mirror;
  const instances = new InstanceService(paths.runs);
  const runs = new RunChannels({
    dataDir: options.dataDir,
    secrets,
    latencies,
    mirror,
    emit: (progress) => events.emit('runs.progress', progress),
    rankFinished: (runId): Promise<unknown> => rank.result(runId),
    emitPlanProgress: (progress) => events.emit('runs.planProgress', progress),
    ...(options.engineEntry ? { engineEntry: options.engineEntry } : {}),
    ...(options.engineEnv ? { engineEnv: options.engineEnv } : {}),
    ...(options.engineHostFactory ? { engineHostFactory: options.engineHostFactory } : {}),
  });
  // Stop engines first (cancel, wait, kill) so every unfinished run is left resumable.
  closers.push(() => runs.close());
  // Ranking and planning run on the rank worker thread (a calibration can take minutes), stopped on close.
  const rankExecutor = createRankExecutor(
    options.dataDir,
    options.rankWorkerEntry === undefined ? builtRankWorker() : options.rankWorkerEntry,
  );
  closers.push(() => rankExecutor.close());
  const rank: RankChannels = new RankChannels(runs.service, paths, rankExecutor);
  const history = new HistoryChannels(runs, rank, paths);

  const handlers: ChannelHandlers = {
    ...leaderboardHandlers(leaderboards, settings, mirrorDefaults),
    'models.testConnection': (request) => checkConnection(request.endpoint, secrets, latencies),
    ...settingsHandlers(settings, secrets),
    'runs.plan': (request) => runs.plan(request.config),
    'runs.start': (request) => runs.start(request.config),
    'runs.pause': (request) => runs.pause(request.runId),
    'runs.resume': (request) => runs.resume(request.runId),
    'runs.cancel': (request) => runs.cancel(request.runId),
    'runs.status': (request) => runs.status(request.runId),
    'rank.result': (request) => rank.result(request.runId),
    'rank.table': (request) => rank.table(request.runId),
    'rank.tradeoff': (request) => rank.tradeoff(request.leaderboard, request.scenarios ?? []),
    'rank.expectedInterval': (request) => rank.expectedInterval(request),
    'history.list': () => history.list(),
    'history.export': (request) => history.export(request.runId, request.format),
    'history.delete': (request) => history.delete(request.runId),
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
