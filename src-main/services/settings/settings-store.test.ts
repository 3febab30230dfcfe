import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-shared/api/settings';
import { FileSettingsStore, normalizeSettings } from './settings-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileSettingsStore', () => {
  it('starts from the defaults and keeps every update, also under concurrent writes', async () => {
    const store = new FileSettingsStore(join(dir, 'settings.json'));
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    await Promise.all([
      store.update({ theme: 'dark' }),
      store.update({ mirror: 'http://127.0.0.1:9' }),
      store.update({ lastLeaderboard: 'classic-v0.3.0' }),
    ]);
    const reopened = new FileSettingsStore(join(dir, 'settings.json'));
    expect(await reopened.get()).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      mirror: 'http://127.0.0.1:9',
      lastLeaderboard: 'classic-v0.3.0',
    });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'dark' });
  });

  it('never writes a user name or password typed into the base URL to disk', async () => {
    const store = new FileSettingsStore(join(dir, 'settings.json'));
    const endpoint = {
      preset: 'custom' as const,
      baseUrl: 'https://alice:s3cret-pw@models.example/v1',
      model: 'm',
      mode: 'completions' as const,
      apiKeyId: null,
      pricePerMillionPrompt: null,
      pricePerMillionCompletion: null,
    };
    const saved = await store.update({ lastEndpoint: endpoint });
    expect(saved.lastEndpoint?.baseUrl).toBe('https://models.example/v1');
    const onDisk = await readFile(join(dir, 'settings.json'), 'utf8');
    expect(onDisk).not.toContain('s3cret-pw');
    expect(onDisk).not.toContain('alice');
    // A draft that is not a URL yet is kept as typed.
    expect((await store.update({ lastEndpoint: { ...endpoint, baseUrl: 'models.exa' } })).lastEndpoint?.baseUrl).toBe(
      'models.exa',
    );
  });

  it('never writes a user name or password typed into the Model step (the draft saved as it is typed) to disk', async () => {
    const store = new FileSettingsStore(join(dir, 'settings.json'));
    const draft = {
      endpoint: {
        preset: 'custom' as const,
        baseUrl: 'https://alice:hunter2@llm.example.org/v1',
        model: 'm',
        mode: 'completions' as const,
        pricePerMillionPrompt: null,
        pricePerMillionCompletion: null,
      },
      examplesPerScenario: 10 as const,
      scenarios: [],
    };
    const saved = await store.update({ draft });
    expect(saved.draft?.endpoint.baseUrl).toBe('https://llm.example.org/v1');
    const onDisk = await readFile(join(dir, 'settings.json'), 'utf8');
    expect(onDisk).not.toContain('hunter2');
    expect(onDisk).not.toContain('alice');
    expect((await store.get()).draft?.endpoint.baseUrl).toBe('https://llm.example.org/v1');
  });

  it('survives a hand-edited file: invalid or unknown fields fall back, valid ones stay', async () => {
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ theme: 'neon', mirror: 'http://m', apiKey: 'sk-should-not-load' }),
    );
    const settings = await new FileSettingsStore(join(dir, 'settings.json')).get();
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, mirror: 'http://m' });
    await writeFile(join(dir, 'settings.json'), '{ not json');
    expect(await new FileSettingsStore(join(dir, 'settings.json')).get()).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  it("reads a wizard draft saved with the former field name 'budget' as examplesPerScenario", () => {
    const endpoint = {
      preset: 'custom',
      baseUrl: 'http://127.0.0.1:1/v1',
      model: 'org/m',
      mode: 'completions',
      pricePerMillionPrompt: null,
      pricePerMillionCompletion: null,
    };
    const draft = { endpoint, budget: 50, scenarios: ['boolq'] };
    expect(normalizeSettings({ draft }).draft).toEqual({ endpoint, examplesPerScenario: 50, scenarios: ['boolq'] });
  });
});
