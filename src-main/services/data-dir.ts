/**
 * The one data directory that holds all state (README.md "Where data is kept"): `--data-dir DIR`, else `HELM_RANK_HOME`,
 * else the OS's app-data folder — the same folder Electron's `app.getPath('userData')` gives for the app
 * name `helm-rank`, so the CLI, the browser mode and the desktop app share leaderboards, cache and history.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_FOLDER_NAME = 'helm-rank';

export interface DataDirOptions {
  readonly flag?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
}

export function resolveDataDir(options: DataDirOptions = {}): string {
  const env = options.env ?? process.env;
  if (options.flag) return resolve(options.flag);
  if (env.HELM_RANK_HOME) return resolve(env.HELM_RANK_HOME);
  return defaultAppDataDir(options.platform ?? process.platform, env, options.home ?? homedir());
}

export function defaultAppDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_FOLDER_NAME);
}

/** Well-known sub-paths of the data directory (README.md "Where data is kept"). */
export function dataPaths(root: string) {
  return {
    root,
    leaderboards: join(root, 'leaderboards'),
    downloads: join(root, 'downloads'),
    datasets: join(root, 'datasets'),
    cache: join(root, 'cache'),
    runs: join(root, 'runs'),
    settings: join(root, 'settings.json'),
  } as const;
}
export type DataPaths = ReturnType<typeof dataPaths>;
