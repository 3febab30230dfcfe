/**
 * The renderer's only way out: the app API over Electron IPC (the preload's `window.helmRank`) when running
 * in the desktop app, else over the web bridge. Components and store slices receive an {@link AppPort}
 * and never know which. Every response and event is validated against the contract here, whatever the transport.
 */
import { appChannels, appEvents, CHANNEL_NAMES } from '../../src-shared/api/contract';
import type { AppApi, AppEventSource, AppPort, ChannelName } from '../../src-shared/api/contract';
import { createHttpGateway } from './http-gateway';
import type { PreloadBridge } from './preload-bridge';
import './preload-bridge';

export function createGateway(): AppPort {
  const bridge = typeof window !== 'undefined' ? window.helmRank : undefined;
  return bridge ? createIpcGateway(bridge) : createHttpGateway();
}

/** Wraps the preload's API with the contract's response and event schemas. */
export function createIpcGateway(bridge: PreloadBridge): AppPort {
  const api = {} as Record<ChannelName, (request: unknown) => Promise<unknown>>; // cast: filled for every channel below
  for (const name of CHANNEL_NAMES) {
    const call = bridge.api[name] as (request: unknown) => Promise<unknown>; // cast: the preload exposes every channel
    api[name] = async (request: unknown) => appChannels[name].response.parse(await call(request ?? {}));
  }
  const on: AppEventSource = (name, listener) =>
    bridge.on(name, (payload) => {
      const parsed = appEvents[name].payload.safeParse(payload);
      if (parsed.success) listener(parsed.data as typeof payload); // cast: parsed with this very event's schema
    });
  return { api: api as unknown as AppApi, on }; // cast: every channel filled above
}
