/**
 * Electron main entry: one instance, one locked-down window, the app services from the shared composition
 * root (settings in electron-store, keys in safeStorage), the app API over IPC, and a clean shutdown that
 * stops the engine so an unfinished run stays resumable. `--data-dir DIR` or HELM_RANK_HOME isolate state.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell, utilityProcess } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAppServices } from '../services/app-services';
import type { AppBackend } from '../services/app-services';
import { resolveDataDir } from '../services/data-dir';
import { ElectronSettingsStore } from './electron-settings-store';
import { registerIpcHandlers, trustedSender } from './ipc';
import type { IpcRegistration } from './ipc';
import { menuTemplate } from './menu';
import { choosePathHandler } from './open-dialog';
import { SafeStorageSecretStore } from './safe-storage-secret-store';
import { UtilityEngineHost } from './utility-engine-host';
import { createMainWindow, hardenSession } from './window';

const here = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(here, 'preload.cjs');
const engineEntry = join(here, 'engine.js');
const rendererUrl = pathToFileURL(join(here, '..', 'renderer', 'index.html')).href;

function dataDirFlag(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--data-dir');
  return index >= 0 ? argv[index + 1] : undefined;
}

let backend: AppBackend | null = null;
let ipc: IpcRegistration | null = null;
let mainWindow: BrowserWindow | null = null;
let isShuttingDown = false;

function openWindow(): void {
  mainWindow = createMainWindow(
    { BrowserWindow, openExternal: (url) => shell.openExternal(url) },
    preloadPath,
    rendererUrl,
  );
  ipc?.attachWindow(mainWindow.webContents);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return openWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Defence in depth: whatever web contents appear, they may not open windows or navigate away.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (navigation, url) => {
      if (url !== rendererUrl) navigation.preventDefault();
    });
  });

  void app.whenReady().then(() => {
    const dataDir = resolveDataDir({ flag: dataDirFlag(process.argv) });
    backend = createAppServices({
      dataDir,
      settings: new ElectronSettingsStore(dataDir),
      secrets: new SafeStorageSecretStore(safeStorage, dataDir),
      // The bundled engine as a utilityProcess: Chromium manages it, and a busy or crashed engine never
      // blocks the window (issue #5).
      engineHostFactory: (onMessage) =>
        new UtilityEngineHost(
          (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
          engineEntry,
          onMessage,
        ),
      overrides: { 'leaderboards.choosePath': choosePathHandler(dialog, () => mainWindow) },
    });
    hardenSession(session.defaultSession);
    ipc = registerIpcHandlers(ipcMain, backend, trustedSender(rendererUrl));
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(process.platform, {
          openDataFolder: () => void shell.openPath(dataDir),
          openHelp: () => void shell.openExternal('https://github.com/stanford-crfm/helm'),
        }),
      ),
    );
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  // Closing the window does not lose a run: on quit the engine is cancelled cleanly (finished requests are
  // cached, the run is marked resumable), then the app exits.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (isShuttingDown || !backend) return;
    event.preventDefault();
    isShuttingDown = true;
    ipc?.dispose();
    void backend.close().finally(() => app.quit());
  });
}
