/**
 * The app API over Electron IPC: exactly one `ipcMain.handle` per contract channel (Electron security
 * checklist: one method per message), each checking that the sender is our own window's top frame and
 * validating the request with the contract's schema (through the web bridge's `dispatch`). Results and
 * errors both travel as data — Electron flattens thrown errors to a string. Events go to every app window.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../src-shared/api/contract';
import type { AppPort } from '../../src-shared/api/contract';
import { dispatch } from '../services/app-api/dispatch';
import type { DispatchResult } from '../services/app-api/dispatch';

import { EVENT_CHANNEL_PREFIX } from './ipc-names';

/** Decides whether an IPC message comes from our own UI. */
export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>) => boolean;

/** Only the app's own renderer files (a `file:` URL inside `rendererDir`), or the dev server origin when given. */
export function trustedSender(rendererUrl: string): SenderCheck {
  const trusted = new URL(rendererUrl);
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    let url: URL;
    try {
      url = new URL(frame.url);
    } catch {
      return false;
    }
    if (trusted.protocol === 'file:') return url.protocol === 'file:' && url.pathname === trusted.pathname;
    return url.origin === trusted.origin;
  };
}

export interface IpcRegistration {
  /** Starts forwarding app events to this window. */
  attachWindow(contents: WebContents): void;
  dispose(): void;
}

export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  port: AppPort,
  isTrusted: SenderCheck,
): IpcRegistration {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(name, async (event, request: unknown): Promise<DispatchResult> => {
      if (!isTrusted(event))
        return {
          ok: false,
          error: { code: 'ipc.untrusted-sender', message: `Refused ${name} from an untrusted frame.` },
        };
      return dispatch(port, name, request);
    });
  }
  const windows = new Set<WebContents>();
  const unsubscribers = EVENT_NAMES.map((name) =>
    port.on(name, (payload) => {
      for (const contents of windows) {
        if (!contents.isDestroyed()) contents.send(`${EVENT_CHANNEL_PREFIX}${name}`, payload);
      }
    }),
  );
  return {
    attachWindow: (contents) => {
      windows.add(contents);
      contents.once('destroyed', () => windows.delete(contents));
    },
    dispose: () => {
      unsubscribers.forEach((unsubscribe) => unsubscribe());
      for (const name of CHANNEL_NAMES) ipcMain.removeHandler(name);
      windows.clear();
    },
  };
}
