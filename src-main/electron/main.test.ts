import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../src-shared/api/contract';
import type * as AppServicesModule from '../services/app-services';
import type { AppServicesOptions } from '../services/app-services';

// The whole main entry against a mocked Electron: what it registers, creates and tears down.
const state = vi.hoisted(() => ({
  handled: [] as string[],
  windows: [] as { options: { webPreferences: Record<string, unknown> }; url: string }[],
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  lockGranted: true,
  quit: 0,
  menuBuilt: false,
  forked: [] as { modulePath: string; options: { serviceName: string }; posted: unknown[] }[],
  servicesOptions: [] as Record<string, unknown>[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      setWindowOpenHandler: () => {},
      on: () => {},
      once: () => {},
      send: () => {},
      isDestroyed: () => false,
    };
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
    ipcMain: {
      handle: (name: string) => state.handled.push(name),
      removeHandler: (name: string) => (state.handled = state.handled.filter((n) => n !== name)),
    },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => (state.menuBuilt = true) },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
    session: { defaultSession: { webRequest: { onHeadersReceived: () => {} }, setPermissionRequestHandler: () => {} } },
    shell: { openExternal: async () => {}, openPath: async () => '' },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    utilityProcess: {
      fork: (modulePath: string, _args: string[], options: { serviceName: string }) => {
        const record = { modulePath, options, posted: [] as unknown[] };
        state.forked.push(record);
        return {
          pid: 1,
          stderr: null,
          on: () => {},
          postMessage: (message: unknown) => record.posted.push(message),
          kill: () => true,
        };
      },
    },
  };
});

// Records what main hands the composition root, so the test can check which engine host it wires.
vi.mock('../services/app-services', async (importOriginal) => {
  const original = await importOriginal<typeof AppServicesModule>();
  return {
    ...original,
    createAppServices: (options: AppServicesOptions) => {
      state.servicesOptions.push(options as unknown as Record<string, unknown>); // cast: recorded for inspection only
      return original.createAppServices(options);
    },
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
    expect(state.windows[0]!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(String(state.windows[0]!.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(state.windows[0]!.url).toMatch(/^file:.*\/renderer\/index\.html$/);
  });

  it('runs the engine as an Electron utilityProcess of the bundled engine entry', async () => {
    const { UtilityEngineHost } = await import('./utility-engine-host');
    const options = state.servicesOptions[0] as {
      engineHostFactory?: (onMessage: () => void) => unknown;
      engineEntry?: string;
    };
    expect(options.engineEntry).toBeUndefined();
    const host = options.engineHostFactory?.(() => {});
    expect(host).toBeInstanceOf(UtilityEngineHost);
    (host as InstanceType<typeof UtilityEngineHost>).start({
      kind: 'plan',
      endpoint: { model: 'org/m', baseUrl: 'http://127.0.0.1:1/v1', mode: 'completions' },
      examplesPerScenario: 10,
      dataDir: dir,
      runDir: join(dir, 'r'),
    });
    expect(state.forked).toHaveLength(1);
    expect(state.forked[0]!.modulePath).toMatch(/engine\.js$/);
    expect(state.forked[0]!.options.serviceName).toBe('HELM Rank engine');
    expect(state.forked[0]!.posted[0]).toMatchObject({ type: 'start', job: { kind: 'plan', examplesPerScenario: 10 } });
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
