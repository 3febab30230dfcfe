/**
 * The main window, locked down per Electron's security checklist: contextIsolation + sandbox, no Node in the
 * renderer, a strict CSP on every response, navigation and new windows denied (http(s) links open in the
 * system browser), permission requests refused.
 */
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions, Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../services/app-api/content-security-policy';

/** The window's webPreferences; exported so a test can assert every hardening flag. */
export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'HELM Rank',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

export interface WindowDeps {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowType;
  readonly openExternal: (url: string) => Promise<void>;
}

/** Adds the CSP header and refuses every permission request (camera, notifications, …) for a session. */
export function hardenSession(session: Pick<Session, 'webRequest' | 'setPermissionRequestHandler'>): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}

export function createMainWindow(deps: WindowDeps, preloadPath: string, rendererUrl: string): BrowserWindowType {
  const window = new deps.BrowserWindow(secureWindowOptions(preloadPath));
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void deps.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (url !== rendererUrl) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}
