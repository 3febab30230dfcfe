import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../src-shared/api/contract';

// The whole main entry against a mocked Electron: what it registers, creates and tears down.
const state = vi.hoisted(() => ({
  handled: [] as string[],
  windows: [] as { options: { webPreferences: Record<string, unknown> }; url: string }[],
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  lockGranted: true,
  quit: 0,
  menuBuilt: false,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { setWindowOpenHandler: () => {}, on: () => {}, once: () => {}, send: () => {}, isDestroyed: () => false };
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      state.windows.push({ options, url: '' });
    }
    static getAllWindows = () => state.windows;
    once() {}
    on() {}
    loadURL(url: string) {
      state.windows[state.windows.length - 1]!.url = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => state.lockGranted,
      on: (name: string, listener: (...args: unknown[]) => void) => state.appListeners.set(name, listener),
      whenReady: () => Promise.resolve(),
      quit: () => (state.quit += 1),
    },
    BrowserWindow,
    ipcMain: { handle: (name: string) => state.handled.push(name), removeHandler: (name: string) => (state.handled = state.handled.filter((n) => n !== name)) },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => (state.menuBuilt = true) },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
    session: { defaultSession: { webRequest: { onHeadersReceived: () => {} }, setPermissionRequestHandler: () => {} } },
    shell: { openExternal: async () => {}, openPath: async () => '' },
  };
});

vi.mock('electron-store', () => ({
  default: class {
    store: Record<string, unknown> = {};
  },
}));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-main-'));
  vi.stubEnv('HELM_RANK_HOME', dir);
  await import('./main');
  await new Promise((resolve) => setTimeout(resolve, 0));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe('Electron main entry', () => {
  it('registers every channel once, builds the menu and opens one sandboxed window on the built renderer', () => {
    expect([...state.handled].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(state.menuBuilt).toBe(true);
    expect(state.windows).toHaveLength(1);
    expect(state.windows[0]!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(state.windows[0]!.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(state.windows[0]!.url).toMatch(/^file:.*\/renderer\/index\.html$/);
  });

  it('shuts the services down before quitting, once', async () => {
    const beforeQuit = state.appListeners.get('before-quit')!;
    const event = { preventDefault: vi.fn() };
    beforeQuit(event);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(state.quit).toBe(1));
    expect(state.handled).toEqual([]);
    const again = { preventDefault: vi.fn() };
    beforeQuit(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});
