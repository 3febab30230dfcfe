import { describe, expect, it } from 'vitest';
import { defaultAppDataDir, resolveDataDir, dataPaths } from './data-dir';

describe('resolveDataDir', () => {
  it('prefers the flag, then HELM_RANK_HOME, then the OS app-data folder', () => {
    expect(resolveDataDir({ flag: '/tmp/a', env: { HELM_RANK_HOME: '/tmp/b' } })).toBe('/tmp/a');
    expect(resolveDataDir({ env: { HELM_RANK_HOME: '/tmp/b' } })).toBe('/tmp/b');
    expect(resolveDataDir({ env: {}, platform: 'linux', home: '/home/u' })).toBe('/home/u/.config/helm-rank');
  });

  it('matches Electron userData locations per platform', () => {
    expect(defaultAppDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/helm-rank');
    expect(defaultAppDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toContain(
      'helm-rank',
    );
    expect(defaultAppDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe('/x/helm-rank');
    expect(dataPaths('/d').cache).toBe('/d/cache');
  });
});
