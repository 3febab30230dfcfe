import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SafeStorageSecretStore } from './safe-storage-secret-store';
import type { SafeStorageLike } from './safe-storage-secret-store';

vi.mock('electron', () => ({}));

/** A reversible stand-in for the OS keychain cipher. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.from([...Buffer.from(text, 'utf8')].map((byte) => byte ^ 0x5a)),
    decryptString: (data) => Buffer.from([...data].map((byte) => byte ^ 0x5a)).toString('utf8'),
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SafeStorageSecretStore', () => {
  it('keeps only ciphertext on disk and decrypts for the main process', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(), dir, {});
    expect(await store.set('api-key:openai', 'sk-plain-text')).toEqual({
      id: 'api-key:openai',
      present: true,
      source: 'safe-storage',
    });
    const file = await readFile(join(dir, 'secrets.json'), 'utf8');
    expect(file).not.toContain('sk-plain-text');
    expect(await store.read('api-key:openai')).toBe('sk-plain-text');
    const reopened = new SafeStorageSecretStore(fakeSafeStorage(), dir, {});
    expect(await reopened.status('api-key:openai')).toEqual({
      id: 'api-key:openai',
      present: true,
      source: 'safe-storage',
    });
    expect(await reopened.delete('api-key:openai')).toEqual({ id: 'api-key:openai', present: false, source: null });
    expect(await reopened.read('api-key:openai')).toBeNull();
  });

  it('never writes a key when the OS offers no real encryption (basic_text)', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage('basic_text'), dir, {});
    expect((await store.set('api-key:x', 'sk-1')).source).toBe('memory');
    expect(existsSync(join(dir, 'secrets.json'))).toBe(false);
    expect(await store.read('api-key:x')).toBe('sk-1');
  });

  it('falls back to the environment variable named after the key id', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(), dir, { HELM_RANK_API_KEY_TOGETHER: 'tk-env' });
    expect(await store.status('api-key:together')).toEqual({ id: 'api-key:together', present: true, source: 'env' });
    expect(await store.read('api-key:together')).toBe('tk-env');
  });
});
