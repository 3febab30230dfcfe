/**
 * What the Electron preload puts on `window.helmRank` (see src-main/electron/preload.ts): one function per
 * channel and one subscription function. Declared here as a type only, so the renderer never imports electron.
 */
import type { AppApi, AppEventSource } from '../../src-shared/api/contract';

export interface PreloadBridge {
  readonly api: AppApi;
  readonly on: AppEventSource;
  /** `electron` in the desktop app (lets the UI offer native save dialogs). */
  readonly shell: 'electron';
}

declare global {
  interface Window {
    helmRank?: PreloadBridge;
  }
}
