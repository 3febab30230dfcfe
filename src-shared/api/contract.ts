/**
 * The whole app API: every channel and event, by domain. Served by src-main (IPC, web bridge) and
 * consumed by the renderer's API gateway and the CLI. Add a domain by adding its file and spreading it here.
 */
import { leaderboardChannels, leaderboardEvents } from './leaderboards';
import { modelChannels } from './models';
import { settingsChannels } from './settings';
import { runChannels, runEvents } from './runs';
import { rankChannels } from './rank';
import { historyChannels } from './history';
import { instanceChannels } from './instances';
import type { RequestOf, ResponseOf, PayloadOf } from './channel';

export const appChannels = {
  ...leaderboardChannels,
  ...modelChannels,
  ...settingsChannels,
  ...runChannels,
  ...rankChannels,
  ...historyChannels,
  ...instanceChannels,
} as const;

export const appEvents = {
  ...leaderboardEvents,
  ...runEvents,
} as const;

export type AppChannels = typeof appChannels;
export type AppEvents = typeof appEvents;
export type ChannelName = keyof AppChannels;
export type EventName = keyof AppEvents;
export type AppRequest<K extends ChannelName> = RequestOf<AppChannels, K>;
export type AppResponse<K extends ChannelName> = ResponseOf<AppChannels, K>;
export type AppEventPayload<K extends EventName> = PayloadOf<AppEvents, K>;

/** The API as a typed object: what the preload exposes and what the renderer's gateway implements. */
export type AppApi = {
  readonly [K in ChannelName]: (request: AppRequest<K>) => Promise<AppResponse<K>>;
};

/** Subscribes to an event; returns an unsubscribe function. */
export type AppEventSource = <K extends EventName>(
  name: K,
  listener: (payload: AppEventPayload<K>) => void,
) => () => void;

/** Every channel name, for adapters that register one handler per channel (IPC, HTTP routes). */
export const CHANNEL_NAMES = Object.keys(appChannels) as ChannelName[]; // cast: keys of a const object literal
/** Every event name. */
export const EVENT_NAMES = Object.keys(appEvents) as EventName[]; // cast: keys of a const object literal

/**
 * One side of the API: callable channels plus event subscription. The main process builds one from the
 * services; the renderer's gateway builds one over IPC or HTTP + SSE; tests build a fake.
 */
export interface AppPort {
  readonly api: AppApi;
  readonly on: AppEventSource;
}
