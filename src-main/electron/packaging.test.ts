/**
 * The packaged app's hardening, read the way `electron-builder` reads it (its own config loader and schema
 * validation over electron-builder.yml), since no Electron binary can be packaged on these machines.
 */
import { fileURLToPath } from 'node:url';
import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const projectDir = fileURLToPath(new URL('../../', import.meta.url));

describe('electron-builder configuration', () => {
  it('flips the Electron fuses that close side doors into the app', async () => {
    const config = await getConfig(projectDir, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // ASAR integrity needs the app packed into app.asar (electron-builder then embeds the header hash).
    expect(config.asar).toBe(true);
  });
});
