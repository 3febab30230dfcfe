/**
 * Secrets (API keys). Values go in and are read only by the main process to call a model; the app API
 * returns only {@link SecretStatus}. Never written to disk in plain text: the desktop app encrypts with
 * Electron `safeStorage` (src-main/electron/safe-storage-secret-store.ts); the CLI and browser mode keep
 * them in this process's memory or read them from an environment variable.
 */
import type { SecretStatus } from '../../../src-shared/api/settings';

export interface SecretStore {
  set(id: string, value: string): Promise<SecretStatus>;
  /** For the main process only (model clients); never exposed through the app API. */
  read(id: string): Promise<string | null>;
  status(id: string): Promise<SecretStatus>;
  delete(id: string): Promise<SecretStatus>;
}

/**
 * Environment variable consulted for a secret id: `api-key:openai` → `HELM_RANK_API_KEY_OPENAI`, so a
 * headless server can supply keys without typing them into a browser.
 */
export function envVarFor(id: string): string {
  return `HELM_RANK_${id
    .replace(/^api-key:/, 'API_KEY_')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase()}`;
}

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async set(id: string, value: string): Promise<SecretStatus> {
    this.values.set(id, value);
    return this.status(id);
  }

  async read(id: string): Promise<string | null> {
    return this.values.get(id) ?? this.fromEnv(id);
  }

  async status(id: string): Promise<SecretStatus> {
    if (this.values.has(id)) return { id, present: true, source: 'memory' };
    if (this.fromEnv(id) !== null) return { id, present: true, source: 'env' };
    return { id, present: false, source: null };
  }

  async delete(id: string): Promise<SecretStatus> {
    this.values.delete(id);
    return this.status(id);
  }

  private fromEnv(id: string): string | null {
    const value = this.env[envVarFor(id)];
    return value ? value : null;
  }
}
