import { describe, expect, it } from 'vitest';
import type { BrowserWindow, OpenDialogOptions } from 'electron';
import { choosePathHandler } from './open-dialog';

describe('the native open dialog behind leaderboards.choosePath', () => {
  it('opens a file or folder dialog on the window and returns the chosen path, or null when cancelled', async () => {
    const asked: OpenDialogOptions[] = [];
    let answer = { canceled: false, filePaths: ['/data/run_stats.zip'] };
    const window = {} as BrowserWindow; // cast: only passed through to the (fake) dialog
    const dialog = {
      showOpenDialog: async (...args: unknown[]) => {
        asked.push(args[args.length - 1] as OpenDialogOptions); // cast: the options are always the last argument
        return answer;
      },
    } as Parameters<typeof choosePathHandler>[0]; // cast: a fake with the one method used
    const choose = choosePathHandler(dialog, () => window);
    expect(await choose({ kind: 'file' })).toEqual({ supported: true, path: '/data/run_stats.zip' });
    expect(asked[0]?.properties).toEqual(['openFile']);
    expect(asked[0]?.filters?.[0]?.extensions).toEqual(['zip', 'json']);
    answer = { canceled: true, filePaths: [] };
    expect(await choose({ kind: 'folder' })).toEqual({ supported: true, path: null });
    expect(asked[1]?.properties).toEqual(['openDirectory']);
  });
});
