import { describe, expect, it } from 'vitest';
import { createFakePort, failWith, fakeProgress } from '../api/fake-api';
import { DEFAULT_SETTINGS } from '../../src-shared/api/settings';
import { startBlockers } from '../steps/ModelStep';
import { planCostUsd } from './plan-cost';
import { createAppStore } from './store';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('app store', () => {
  it('preselects the default catalogue entry and opens the board when its import finishes', async () => {
    const port = createFakePort();
    const store = createAppStore(port);
    await store.getState().loadLeaderboards();
    expect(store.getState().selectedCatalogueId).toBe('classic-v0.3.0');
    await store.getState().startImport();
    expect(port.calls.find((call) => call.name === 'leaderboards.import')?.request).toEqual({
      source: 'classic-v0.3.0',
    });
    port.emit('leaderboards.progress', {
      jobId: 'job-1',
      phase: 'done',
      bytes: 10,
      totalBytes: 10,
      rate: 0,
      runsRead: 48,
      warnings: [],
      error: null,
      leaderboard: 'classic-v0.3.0',
    });
    await flush();
    expect(store.getState().leaderboardName).toBe('classic-v0.3.0');
    expect(store.getState().table?.rows).toHaveLength(12);
  });

  it('keeps a progress event that overtakes the import response', async () => {
    const port = createFakePort({
      'leaderboards.import': async () => {
        port.emit('leaderboards.progress', {
          jobId: 'early',
          phase: 'import',
          bytes: 5,
          totalBytes: 5,
          rate: 1,
          runsRead: 3,
          warnings: [],
          error: null,
          leaderboard: null,
        });
        return { jobId: 'early' };
      },
    });
    const store = createAppStore(port);
    await store.getState().loadLeaderboards();
    await store.getState().startImport();
    expect(store.getState().importProgress?.phase).toBe('import');
    expect(store.getState().importProgress?.runsRead).toBe(3);
  });

  it('ignores progress of other jobs and shows a failed import as an error', async () => {
    const port = createFakePort();
    const store = createAppStore(port);
    await store.getState().loadLeaderboards();
    await store.getState().startImport();
    port.emit('leaderboards.progress', {
      jobId: 'job-1',
      phase: 'failed',
      bytes: 0,
      totalBytes: null,
      rate: 0,
      runsRead: 0,
      warnings: [],
      error: { code: 'download.http', message: 'HTTP 404 from https://x/run_stats.zip' },
      leaderboard: null,
    });
    expect(store.getState().error?.code).toBe('download.http');
  });

  it('hands the key to the API once and keeps only its status', async () => {
    const port = createFakePort();
    const store = createAppStore(port);
    store.getState().choosePreset('openai');
    await store.getState().saveKey('sk-secret');
    const state = store.getState();
    expect(state.endpoint.apiKeyId).toBe('api-key:openai');
    expect(state.keyStatus?.present).toBe(true);
    expect(JSON.stringify({ ...state, table: null })).not.toContain('sk-secret');
  });

  it('reports a wrong key from Test connection as an error', async () => {
    const port = createFakePort({
      'models.testConnection': failWith('model.unauthorized', 'The server refused the API key (HTTP 401).', {
        hasKey: true,
      }),
    });
    const store = createAppStore(port);
    store.getState().editEndpoint({ baseUrl: 'http://127.0.0.1:1/v1', model: 'm' });
    await store.getState().testConnection();
    expect(store.getState().error).toEqual({
      code: 'model.unauthorized',
      message: 'The server refused the API key (HTTP 401).',
      details: { hasKey: true },
    });
    expect(store.getState().isTestingConnection).toBe(false);
  });

  it('dry-runs every choice of examples per scenario and keeps those that succeed', async () => {
    const port = createFakePort({
      'runs.plan': async (request) => {
        if (request.config.examplesPerScenario === 'all') throw new Error('too big');
        return {
          examplesPerScenario: request.config.examplesPerScenario,
          runs: [],
          totals: {
            requests: 1,
            estimatedPromptTokens: 1,
            estimatedCompletionTokens: null,
            estimatedCostUsd: null,
            estimatedSeconds: null,
          },
          fullRunRequests: null,
        };
      },
    });
    const store = createAppStore(port);
    store.setState({ leaderboardName: 'lb' });
    await store.getState().loadPlans();
    expect(port.calls.filter((call) => call.name === 'runs.plan')).toHaveLength(0);
    store.getState().editEndpoint({ baseUrl: 'http://127.0.0.1:1/v1', model: 'm' });
    await store.getState().loadPlans();
    expect(Object.keys(store.getState().plans).sort()).toEqual(['10', '100', '1000', '20', '50']);
  });

  it('follows a run to its result and keeps a killed engine resumable', async () => {
    const port = createFakePort();
    const store = createAppStore(port);
    store.setState({ leaderboardName: 'classic-v0.3.0' });
    await store.getState().startRun();
    expect(store.getState().step).toBe('run');
    port.emit(
      'runs.progress',
      fakeProgress('run-1', {
        status: 'failed',
        error: { code: 'engine.crashed', message: 'The engine stopped unexpectedly.' },
      }),
    );
    expect(store.getState().error?.code).toBe('engine.crashed');
    await store.getState().resumeRun();
    expect(port.calls.some((call) => call.name === 'runs.resume')).toBe(true);
    port.emit('runs.progress', fakeProgress('run-1', { status: 'done', requestsDone: 30 }));
    await flush();
    await flush();
    expect(store.getState().result?.rank).toBe(3);
    expect(store.getState().rivals.length).toBeGreaterThan(0);
  });

  it('restores the typed fields at startup and saves every edit, never a key', async () => {
    const port = createFakePort({
      'settings.get': async () => ({
        ...DEFAULT_SETTINGS,
        draft: {
          endpoint: {
            preset: 'vllm',
            baseUrl: 'http://127.0.0.1:8000/v1',
            model: 'acme/x',
            mode: 'chat',
            pricePerMillionPrompt: 1.5,
            pricePerMillionCompletion: 2,
          },
          examplesPerScenario: 50,
          scenarios: ['boolq', 'imdb'],
        },
      }),
    });
    const store = createAppStore(port);
    expect(port.calls.some((call) => call.name === 'settings.update')).toBe(false);
    await store.getState().initialize();
    const state = store.getState();
    expect(state.endpoint).toMatchObject({ model: 'acme/x', mode: 'chat', pricePerMillionCompletion: 2 });
    expect([state.examplesPerScenario, state.scenarioChoice]).toEqual([50, ['boolq', 'imdb']]);
    // Startup saved nothing; the first edit saves the whole draft.
    expect(port.calls.some((call) => call.name === 'settings.update')).toBe(false);
    await store.getState().saveKey('sk-never-saved');
    store.getState().editEndpoint({ model: 'acme/y' });
    await flush();
    const saved = port.calls.filter((call) => call.name === 'settings.update').map((call) => call.request);
    expect(saved.at(-1)).toEqual({
      draft: {
        endpoint: {
          preset: 'vllm',
          baseUrl: 'http://127.0.0.1:8000/v1',
          model: 'acme/y',
          mode: 'chat',
          pricePerMillionPrompt: 1.5,
          pricePerMillionCompletion: 2,
        },
        examplesPerScenario: 50,
        scenarios: ['boolq', 'imdb'],
      },
    });
    expect(JSON.stringify(saved)).not.toContain('sk-never-saved');
    expect(store.getState().draftState).toBe('saved');
  });

  it('keeps the connection test and the dry run when only a price changes, and re-costs the plan', async () => {
    const port = createFakePort();
    const store = createAppStore(port);
    store.setState({ leaderboardName: 'lb' });
    store.getState().editEndpoint({ baseUrl: 'http://127.0.0.1:1/v1', model: 'm' });
    await store.getState().testConnection();
    await flush();
    const plan = store.getState().plans['10'];
    expect(store.getState().connection?.ok).toBe(true);
    expect(plan).toBeDefined();
    expect(startBlockers(store.getState())).toEqual([]);
    store.getState().editEndpoint({ pricePerMillionPrompt: 2, pricePerMillionCompletion: 10 });
    expect(store.getState().connection?.ok).toBe(true);
    expect(store.getState().plans['10']).toBe(plan);
    // 15,000 prompt tokens at $2/M + 150 completion tokens at $10/M.
    expect(planCostUsd(plan!, store.getState().endpoint)).toBeCloseTo(0.0315, 10);
    store.getState().editEndpoint({ model: 'other' });
    expect(store.getState().connection).toBeNull();
    expect(startBlockers(store.getState())).toEqual(['Test the connection first.']);
  });

  it('says why a run cannot start, in the order to fix it', () => {
    const store = createAppStore(createFakePort());
    expect(startBlockers(store.getState())).toEqual([
      'Choose a leaderboard (step 1).',
      'Enter the base URL and the model name.',
    ]);
    store.setState({ leaderboardName: 'lb', scenarioChoice: [] });
    expect(startBlockers(store.getState())).toEqual([
      'Tick at least one scenario (step 2).',
      'Enter the base URL and the model name.',
    ]);
  });
});
