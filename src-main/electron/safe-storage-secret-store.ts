/**
 * API keys encrypted with Electron `safeStorage` (the OS keychain / DPAPI / libsecret) in
 * `<data dir>/secrets.json` — only ciphertext on disk. When the OS offers no encryption (e.g. Linux without a
 * keyring, where safeStorage would fall back to a hard-coded key), keys stay in memory for this session only
 * rather than being written in a recoverable form.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStatus } from '../../src-shared/api/settings';
import { MemorySecretStore } from '../services/secrets/secret-store';
import type { SecretStore } from '../services/secrets/secret-store';

/** The part of Electron's `safeStorage` we use (injected so tests need no Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export class SafeStorageSecretStore implements SecretStore {
  private readonly path: string;
  private readonly memory: MemorySecretStore;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly dataDir: string,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.path = join(dataDir, 'secrets.json');
    this.memory = new MemorySecretStore(env);
  }

  /** True when keys can be stored encrypted; Linux's `basic_text` backend is a fixed key, so it does not count. */
  get canEncrypt(): boolean {
    return this.safeStorage.isEncryptionAvailable() && this.safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  }

  async set(id: string, value: string): Promise<SecretStatus> {
    if (!this.canEncrypt) return this.memory.set(id, value);
    const all = this.readAll();
    all[id] = this.safeStorage.encryptString(value).toString('base64');
    this.writeAll(all);
    return { id, present: true, source: 'safe-storage' };
  }

  async read(id: string): Promise<string | null> {
    const encrypted = this.readAll()[id];
    if (encrypted !== undefined && this.safeStorage.isEncryptionAvailable()) {
      try {
        return this.safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
      } catch {
        // Encrypted under another OS user or keychain: treat as absent, the user enters it again.
      }
    }
    return this.memory.read(id);
  }

  async status(id: string): Promise<SecretStatus> {
    if (this.readAll()[id] !== undefined) return { id, present: true, source: 'safe-storage' };
    return this.memory.status(id);
  }

  async delete(id: string): Promise<SecretStatus> {
    const all = this.readAll();
    if (id in all) {
      delete all[id];
      this.writeAll(all);
    }
    return this.memory.delete(id);
  }

  private readAll(): Record<string, string> {
    if (!existsSync(this.path)) return {};
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
      return typeof parsed === 'object' && parsed !== null
        ? Object.fromEntries(
            Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
          )
        : {};
    } catch {
      return {};
    }
  }

  private writeAll(all: Record<string, string>): void {
    mkdirSync(this.dataDir, { recursive: true });
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, JSON.stringify(all, null, 2), { encoding: 'utf8', mode: 0o600 });
    renameSync(temp, this.path);
  }
}
