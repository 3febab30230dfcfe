/**
 * The preload: exposes exactly the typed app API on `window.helmRank` — one function per contract channel
 * and a subscription for contract events — and nothing else (no ipcRenderer, no Node). Runs sandboxed with
 * contextIsolation; bundled by scripts/build.mjs. The renderer validates every response with the
 * contract's schemas (src-renderer/api/gateway.ts), so this file stays a thin pipe.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAME_LIST as CHANNEL_NAMES, EVENT_NAME_LIST as EVENT_NAMES } from '../../src-shared/api/names';
import { EVENT_CHANNEL_PREFIX } from './ipc-names';

type Result = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

const api: Record<string, (request: unknown) => Promise<unknown>> = {};
for (const name of CHANNEL_NAMES) {
  api[name] = async (request: unknown) => {
    const result = (await ipcRenderer.invoke(name, request ?? {})) as Result; // cast: main answers every channel with a DispatchResult
    // A plain error object survives contextBridge with its code and details (an Error would lose them).
    if (!result.ok) throw result.error;
    return result.result;
  };
}

const eventNames = new Set<string>(EVENT_NAMES);

contextBridge.exposeInMainWorld('helmRank', {
  api,
  on: (name: string, listener: (payload: unknown) => void) => {
    if (!eventNames.has(name)) throw new Error(`Unknown app event '${name}'.`);
    const channel = `${EVENT_CHANNEL_PREFIX}${name}`;
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
  shell: 'electron',
});
