/**
 * Non-secret settings. The interface is what the app API's `settings.*` channels call; the CLI and the web
 * bridge use {@link FileSettingsStore} (`<data dir>/settings.json`), the desktop app an electron-store adapter
 * (src-main/electron/electron-settings-store.ts) over the same file name and shape.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Settings } from '../../../src-shared/api/settings';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../src-shared/api/settings';

export interface SettingsStore {
  get(): Promise<Settings>;
  update(patch: Partial<Settings>): Promise<Settings>;
}

/** Merges stored JSON over the defaults, dropping fields that no longer validate (a hand-edited file never blocks startup). */
export function normalizeSettings(raw: unknown): Settings {
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  if (typeof raw === 'object' && raw !== null) {
    for (const [key, stored] of Object.entries(raw)) {
      if (!(key in DEFAULT_SETTINGS)) continue;
      const value = key === 'draft' ? currentDraftShape(stored) : stored;
      const candidate = { ...merged, [key]: value };
      if (settingsSchema.safeParse(candidate).success) merged[key] = value;
    }
  }
  const settings = settingsSchema.parse(merged);
  // Both endpoints settings hold: the one last used and the one being typed (saved as it is typed).
  const { lastEndpoint, draft } = settings;
  return {
    ...settings,
    lastEndpoint: lastEndpoint && { ...lastEndpoint, baseUrl: withoutCredentials(lastEndpoint.baseUrl) },
    draft: draft && { ...draft, endpoint: { ...draft.endpoint, baseUrl: withoutCredentials(draft.endpoint.baseUrl) } },
  };
}

/** A draft saved before the vocabulary was one (#14) named examples per scenario `budget`: read as today's name. */
function currentDraftShape(draft: unknown): unknown {
  if (typeof draft !== 'object' || draft === null || !('budget' in draft) || 'examplesPerScenario' in draft)
    return draft;
  const { budget, ...rest } = draft as Record<string, unknown>;
  return { ...rest, examplesPerScenario: budget };
}

/**
 * A base URL with any `user:password@` removed: settings are plain JSON on disk, and a password typed into the
 * base URL field must not land there (Test connection and runs refuse such URLs with their own message).
 */
export function withoutCredentials(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    return baseUrl; // A half-typed draft that is no URL yet holds no credentials a URL parser would find.
  }
  if (parsed.username === '' && parsed.password === '') return baseUrl;
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}

export class FileSettingsStore implements SettingsStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly path: string) {}

  async get(): Promise<Settings> {
    try {
      return normalizeSettings(JSON.parse(await readFile(this.path, 'utf8')));
    } catch {
      return { ...DEFAULT_SETTINGS };
    }
  }

  /** Serialized so two quick updates never lose one; written to a temp file then renamed (never half a file). */
  update(patch: Partial<Settings>): Promise<Settings> {
    const next = this.queue.then(async () => {
      const settings = normalizeSettings({ ...(await this.get()), ...patch });
      await mkdir(dirname(this.path), { recursive: true });
      const temp = `${this.path}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
      await rename(temp, this.path);
      return settings;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
