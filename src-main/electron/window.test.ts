import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../services/app-api/content-security-policy';
import { createMainWindow, hardenSession, secureWindowOptions } from './window';

vi.mock('electron', () => ({}));

describe('main window', () => {
  it('turns on every hardening flag', () => {
    const preferences = secureWindowOptions('/app/preload.cjs').webPreferences!;
    expect(preferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
  });

  it('denies new windows (opening web links outside) and navigation away from the app', () => {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    let openHandler: (details: { url: string }) => { action: string } = () => ({ action: 'allow' });
    const loaded: string[] = [];
    class FakeWindow {
      webContents = {
        setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
        on: (name: string, handler: (...args: unknown[]) => void) => handlers.set(name, handler),
      };
      constructor(readonly options: unknown) {}
      once() {}
      loadURL(url: string) {
        loaded.push(url);
        return Promise.resolve();
      }
    }
    const opened: string[] = [];
    createMainWindow(
      { BrowserWindow: FakeWindow as never, openExternal: async (url) => void opened.push(url) },
      '/p.cjs',
      'file:///app/index.html',
    ); // cast: a structural stand-in for BrowserWindow
    expect(loaded).toEqual(['file:///app/index.html']);
    expect(openHandler({ url: 'https://crfm.stanford.edu/helm' }).action).toBe('deny');
    expect(openHandler({ url: 'file:///etc/passwd' }).action).toBe('deny');
    expect(opened).toEqual(['https://crfm.stanford.edu/helm']);
    const preventDefault = vi.fn();
    handlers.get('will-navigate')!({ preventDefault }, 'https://evil.example/');
    expect(preventDefault).toHaveBeenCalledTimes(1);
    handlers.get('will-navigate')!({ preventDefault }, 'file:///app/index.html');
    expect(preventDefault).toHaveBeenCalledTimes(1);
  });

  it('adds the CSP to every response and refuses permission requests', () => {
    let onHeaders: (
      details: { responseHeaders: Record<string, string[]> },
      callback: (response: { responseHeaders: Record<string, string[]> }) => void,
    ) => void = () => {};
    let onPermission: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void = () => {};
    hardenSession({
      webRequest: { onHeadersReceived: (listener: typeof onHeaders) => (onHeaders = listener) },
      setPermissionRequestHandler: (handler: typeof onPermission) => (onPermission = handler),
    } as never); // cast: structural stand-in for Session
    let headers: Record<string, string[]> = {};
    onHeaders({ responseHeaders: { 'X-Test': ['1'] } }, (response) => (headers = response.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['X-Test']).toEqual(['1']);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    let granted: boolean | null = null;
    onPermission({}, 'media', (value) => (granted = value));
    expect(granted).toBe(false);
  });
});
