/**
 * API keys encrypted with Electron `safeStorage` (the OS keychain / DPAPI / libsecret) in
 * `<data dir>/secrets.json` — only ciphertext on disk. When the OS offers no encryption (e.g. Linux without a
 * keyring, where safeStorage would fall back to a hard-coded key), keys stay in memory for this session only
 * rather than being written in a recoverable form.
 *
 * Each key is bound to the origin it was saved for, as in every store (src-main/services/secrets/). The origin
 * is encrypted together with the key, so editing the file cannot redirect a key to another server; a copy in
 * clear text only serves the status shown in the Model step. A key saved before origins were recorded (a
 * bare ciphertext string) is bound to nothing, and so is sent nowhere until entered again.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStatus } from '../../src-shared/api/settings';
import { MemorySecretStore, statusOf } from '../services/secrets/secret-store';
import type { BoundKey, SecretStore } from '../services/secrets/secret-store';

/** The part of Electron's `safeStorage` we use (injected so tests need no Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** One entry of secrets.json: `data` is the base64 ciphertext of `{"origin", "value"}`. */
interface StoredEntry {
  readonly origin: string | null;
  readonly data: string;
  /** Written by a version without origins: `data` is the ciphertext of the bare key. */
  readonly legacy: boolean;
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

  async set(id: string, value: string, origin: string): Promise<SecretStatus> {
    if (!this.canEncrypt) return this.memory.set(id, value, origin);
    const all = this.readAll();
    const data = this.safeStorage.encryptString(JSON.stringify({ origin, value })).toString('base64');
    all[id] = { origin, data, legacy: false };
    this.writeAll(all);
    return statusOf(id, { origin, source: 'safe-storage' });
  }

  async read(id: string): Promise<BoundKey | null> {
    const entry = this.readAll()[id];
    if (entry !== undefined && this.safeStorage.isEncryptionAvailable()) {
      try {
        const plain = this.safeStorage.decryptString(Buffer.from(entry.data, 'base64'));
        if (entry.legacy) return { value: plain, origin: null, source: 'safe-storage' };
        const inner = JSON.parse(plain) as { origin?: unknown; value?: unknown };
        if (typeof inner.value === 'string' && inner.value !== '')
          // The encrypted origin decides, whatever the clear-text copy says.
          return {
            value: inner.value,
            origin: typeof inner.origin === 'string' ? inner.origin : null,
            source: 'safe-storage',
          };
      } catch {
        // Encrypted under another OS user or keychain, or damaged: treat as absent, the user enters it again.
      }
    }
    return this.memory.read(id);
  }

  async status(id: string): Promise<SecretStatus> {
    const entry = this.readAll()[id];
    if (entry !== undefined) return statusOf(id, { origin: entry.origin, source: 'safe-storage' });
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

  private readAll(): Record<string, StoredEntry> {
    if (!existsSync(this.path)) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      return {};
    }
    if (typeof parsed !== 'object' || parsed === null) return {};
    const entries: Record<string, StoredEntry> = {};
    for (const [id, raw] of Object.entries(parsed)) {
      if (typeof raw === 'string') entries[id] = { origin: null, data: raw, legacy: true };
      else if (typeof raw === 'object' && raw !== null && typeof (raw as { data?: unknown }).data === 'string') {
        const { origin, data } = raw as { origin?: unknown; data: string };
        entries[id] = { origin: typeof origin === 'string' ? origin : null, data, legacy: false };
      }
    }
    return entries;
  }

  private writeAll(all: Record<string, StoredEntry>): void {
    mkdirSync(this.dataDir, { recursive: true });
    const temp = `${this.path}.tmp`;
    const file = Object.fromEntries(
      Object.entries(all).map(([id, entry]) => [
        id,
        entry.legacy ? entry.data : { origin: entry.origin, data: entry.data },
      ]),
    );
    writeFileSync(temp, JSON.stringify(file, null, 2), { encoding: 'utf8', mode: 0o600 });
    renameSync(temp, this.path);
  }
}
