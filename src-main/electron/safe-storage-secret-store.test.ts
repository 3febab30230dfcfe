import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keyForEndpoint } from '../services/secrets/key-binding';
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

const OPENAI = 'https://api.openai.com';

describe('SafeStorageSecretStore', () => {
  it('keeps only ciphertext on disk and decrypts for the main process, with the origin it was saved for', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(), dir, {});
    expect(await store.set('api-key:openai', 'sk-plain-text', OPENAI)).toEqual({
      id: 'api-key:openai',
      present: true,
      source: 'safe-storage',
      origin: OPENAI,
    });
    const file = await readFile(join(dir, 'secrets.json'), 'utf8');
    expect(file).not.toContain('sk-plain-text');
    expect(await store.read('api-key:openai')).toEqual({
      value: 'sk-plain-text',
      origin: OPENAI,
      source: 'safe-storage',
    });
    const reopened = new SafeStorageSecretStore(fakeSafeStorage(), dir, {});
    expect(await reopened.status('api-key:openai')).toEqual({
      id: 'api-key:openai',
      present: true,
      source: 'safe-storage',
      origin: OPENAI,
    });
    expect(await reopened.delete('api-key:openai')).toEqual({
      id: 'api-key:openai',
      present: false,
      source: null,
      origin: null,
    });
    expect(await reopened.read('api-key:openai')).toBeNull();
  });

  it('takes the origin from the ciphertext: editing the file cannot send a key elsewhere', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(), dir, {});
    await store.set('api-key:openai', 'sk-1', OPENAI);
    const path = join(dir, 'secrets.json');
    const file = JSON.parse(await readFile(path, 'utf8')) as Record<string, { origin: string; data: string }>;
    file['api-key:openai']!.origin = 'http://127.0.0.1:6666';
    await writeFile(path, JSON.stringify(file));
    expect(await store.read('api-key:openai')).toMatchObject({ value: 'sk-1', origin: OPENAI });
    expect(await keyForEndpoint(store, 'api-key:openai', 'https://api.openai.com/v1')).toBe('sk-1');
    await expect(keyForEndpoint(store, 'api-key:openai', 'http://127.0.0.1:6666/v1')).rejects.toMatchObject({
      code: 'secrets.other-origin',
    });
  });

  it('sends a key saved by a version without origins nowhere, and asks for it again', async () => {
    const cipher = fakeSafeStorage();
    await writeFile(
      join(dir, 'secrets.json'),
      JSON.stringify({ 'api-key:openai': cipher.encryptString('sk-old').toString('base64') }),
    );
    const store = new SafeStorageSecretStore(cipher, dir, {});
    expect(await store.status('api-key:openai')).toMatchObject({ present: true, origin: null });
    const refused = await keyForEndpoint(store, 'api-key:openai', 'https://api.openai.com/v1').catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: 'secrets.other-origin' });
    expect((refused as Error).message).toContain('earlier version');
    // Saving it again binds it, and leaves no legacy entry behind.
    await store.set('api-key:openai', 'sk-new', OPENAI);
    expect(await keyForEndpoint(store, 'api-key:openai', 'https://api.openai.com/v1')).toBe('sk-new');
  });

  it('never writes a key when the OS offers no real encryption (basic_text)', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage('basic_text'), dir, {});
    expect((await store.set('api-key:x', 'sk-1', OPENAI)).source).toBe('memory');
    expect(existsSync(join(dir, 'secrets.json'))).toBe(false);
    expect(await store.read('api-key:x')).toEqual({ value: 'sk-1', origin: OPENAI, source: 'memory' });
  });

  it('falls back to the environment variable named after the key id, bound to the preset’s service', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(), dir, { HELM_RANK_API_KEY_TOGETHER: 'tk-env' });
    expect(await store.status('api-key:together')).toEqual({
      id: 'api-key:together',
      present: true,
      source: 'env',
      origin: 'https://api.together.xyz',
    });
    expect(await keyForEndpoint(store, 'api-key:together', 'https://api.together.xyz/v1')).toBe('tk-env');
    await expect(keyForEndpoint(store, 'api-key:together', 'http://127.0.0.1:1/v1')).rejects.toMatchObject({
      code: 'secrets.other-origin',
    });
  });
});
