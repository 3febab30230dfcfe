/**
 * Secrets (API keys). Values go in and are read only by the main process to call a model; the app API
 * returns only {@link SecretStatus}. Never written to disk in plain text: the desktop app encrypts with
 * Electron `safeStorage` (src-main/electron/safe-storage-secret-store.ts); the CLI and browser mode keep
 * them in this process's memory or read them from an environment variable.
 *
 * Every key is bound to one origin (scheme, host and port): the endpoint it was saved for. Requests get a key
 * only through ./key-binding.ts, which hands it out for that origin alone.
 */
import type { SecretStatus } from '../../../src-shared/api/settings';
import { MODEL_PRESETS } from '../../../src-shared/api/models';

/** A key and the origin it may be sent to (null: bound to nothing, so sent nowhere). */
export interface BoundKey {
  readonly value: string;
  readonly origin: string | null;
  readonly source: NonNullable<SecretStatus['source']>;
}

export interface SecretStore {
  /** Saves `value` under `id`, bound to `origin` (already checked by the caller: ./key-binding.ts). */
  set(id: string, value: string, origin: string): Promise<SecretStatus>;
  /** For the main process only, through ./key-binding.ts; never exposed through the app API. */
  read(id: string): Promise<BoundKey | null>;
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

/** `scheme://host[:port]` of an http(s) URL, or null for anything else. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * Where each preset's environment-variable key may go: the preset's own service (`api-key:openai` →
 * `https://api.openai.com`). Presets without a fixed URL (custom, other OpenAI-compatible) have none, so their
 * variable is used only once `helm-rank serve --key-origin PRESET=URL` names one.
 */
export function presetKeyOrigins(): Record<string, string> {
  const origins: Record<string, string> = {};
  for (const preset of MODEL_PRESETS) {
    const origin = originOf(preset.baseUrl);
    if (origin) origins[`api-key:${preset.id}`] = origin;
  }
  return origins;
}

/** Keys from the environment (`HELM_RANK_API_KEY_<PRESET>`), each bound to its preset's origin or an override. */
export class EnvKeys {
  private readonly origins: Record<string, string>;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    /** Secret id → origin, replacing the preset's (from `serve --key-origin`). */
    overrides: Readonly<Record<string, string>> = {},
  ) {
    this.origins = { ...presetKeyOrigins(), ...overrides };
  }

  read(id: string): BoundKey | null {
    const value = this.env[envVarFor(id)];
    return value ? { value, origin: this.origins[id] ?? null, source: 'env' } : null;
  }
}

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, { value: string; origin: string }>();
  private readonly envKeys: EnvKeys;

  constructor(env: NodeJS.ProcessEnv = process.env, envOrigins: Readonly<Record<string, string>> = {}) {
    this.envKeys = new EnvKeys(env, envOrigins);
  }

  async set(id: string, value: string, origin: string): Promise<SecretStatus> {
    this.values.set(id, { value, origin });
    return this.status(id);
  }

  async read(id: string): Promise<BoundKey | null> {
    const saved = this.values.get(id);
    return saved ? { ...saved, source: 'memory' } : this.envKeys.read(id);
  }

  async status(id: string): Promise<SecretStatus> {
    return statusOf(id, await this.read(id));
  }

  async delete(id: string): Promise<SecretStatus> {
    this.values.delete(id);
    return this.status(id);
  }
}

/** What the app API may say about a key: where it lives and where it may go, never the key. */
export function statusOf(id: string, key: Pick<BoundKey, 'origin' | 'source'> | null): SecretStatus {
  return key
    ? { id, present: true, source: key.source, origin: key.origin }
    : { id, present: false, source: null, origin: null };
}
