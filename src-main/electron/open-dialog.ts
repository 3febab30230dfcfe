/**
 * `leaderboards.choosePath` in the desktop app: the native open dialog for a leaderboard archive (zip, or a release's
 * `core_scenarios.json`) or a folder of HELM runs. The only thing this layer adds; importing stays in the services.
 */
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';

export function choosePathHandler(dialog: Pick<Dialog, 'showOpenDialog'>, window: () => BrowserWindow | null) {
  return async ({ kind }: { kind: 'file' | 'folder' }): Promise<{ supported: boolean; path: string | null }> => {
    const options: OpenDialogOptions =
      kind === 'file'
        ? {
            title: 'Import a leaderboard archive',
            properties: ['openFile'],
            filters: [{ name: 'HELM leaderboard (run_stats zip or core_scenarios.json)', extensions: ['zip', 'json'] }],
          }
        : { title: 'Import a folder of HELM runs', properties: ['openDirectory'] };
    const owner = window();
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return { supported: true, path: result.canceled ? null : (result.filePaths[0] ?? null) };
  };
}
