import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../src-shared/api/contract';

const exposed = new Map<string, unknown>();
const invoke = vi.fn();
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

interface Exposed {
  api: Record<string, (request: unknown) => Promise<unknown>>;
  on: (name: string, listener: (payload: unknown) => void) => () => void;
  shell: string;
}

beforeEach(async () => {
  exposed.clear();
  vi.resetModules();
  await import('./preload');
});

describe('preload', () => {
  it('exposes exactly the typed API on window.helmRank and nothing else', () => {
    expect([...exposed.keys()]).toEqual(['helmRank']);
    const bridge = exposed.get('helmRank') as Exposed;
    expect(Object.keys(bridge).sort()).toEqual(['api', 'on', 'shell']);
    expect(Object.keys(bridge.api).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('invokes the channel of the same name and unwraps results and errors as plain data', async () => {
    const bridge = exposed.get('helmRank') as Exposed;
    invoke.mockResolvedValueOnce({ ok: true, result: { theme: 'dark' } });
    await expect(bridge.api['settings.get']!({})).resolves.toEqual({ theme: 'dark' });
    expect(invoke).toHaveBeenLastCalledWith('settings.get', {});
    invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'model.unauthorized', message: 'Wrong key.', details: { hasKey: true } },
    });
    await expect(bridge.api['models.testConnection']!({})).rejects.toEqual({
      code: 'model.unauthorized',
      message: 'Wrong key.',
      details: { hasKey: true },
    });
  });

  it('subscribes only to contract events', () => {
    const bridge = exposed.get('helmRank') as Exposed;
    const received: unknown[] = [];
    const off = bridge.on(EVENT_NAMES[0]!, (payload) => received.push(payload));
    listeners.get(`event:${EVENT_NAMES[0]!}`)?.({}, { x: 1 });
    expect(received).toEqual([{ x: 1 }]);
    off();
    expect(listeners.size).toBe(0);
    expect(() => bridge.on('ipc:anything', () => {})).toThrow(/Unknown app event/);
  });
});
