import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/secret-store';
import type { RunRecord } from '../runs/run-store';
import { helmModelName } from '../../../src-shared/api/models';
import { engineEndpoint } from './endpoint';
import { toRunProgress } from './run-progress';
import { shortRunName } from '../../../src-shared/helm/run-name';

const record = (patch: Partial<RunRecord> = {}): RunRecord => ({
  version: 1,
  runId: 'r1',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  status: 'running',
  model: 'user/m',
  apiModel: 'm',
  baseUrl: 'http://127.0.0.1:1/v1',
  mode: 'completions',
  examplesPerScenario: 10,
  scenarios: null,
  suite: 'v1',
  numTrainTrials: 1,
  concurrency: 8,
  rateLimit: null,
  pricePerMillionPrompt: null,
  pricePerMillionCompletion: null,
  apiKeyEnv: null,
  leaderboard: 'lb',
  plan: null,
  overall: null,
  runs: [],
  finishedRuns: [],
  error: null,
  startedAt: null,
  finishedAt: null,
  ...patch,
});

describe('app API adapters', () => {
  it('files org-less model names under user/ and passes the key only in memory', async () => {
    expect(helmModelName('meta/llama-3')).toBe('meta/llama-3');
    expect(helmModelName('llama3 8b')).toBe('user/llama3_8b');
    const secrets = new MemorySecretStore({});
    await secrets.set('api-key:openai', 'sk-1', 'https://api.openai.com');
    const endpoint = await engineEndpoint(
      {
        preset: 'openai',
        baseUrl: ' https://api.openai.com/v1 ',
        model: 'gpt-4o-mini',
        mode: 'chat',
        apiKeyId: 'api-key:openai',
        pricePerMillionPrompt: 0.15,
        pricePerMillionCompletion: null,
      },
      secrets,
    );
    expect(endpoint).toEqual({
      model: 'user/gpt-4o-mini',
      apiModel: 'gpt-4o-mini',
      baseUrl: 'https://api.openai.com/v1',
      mode: 'chat',
      pricePerMillionPrompt: 0.15,
      pricePerMillionCompletion: null,
      apiKey: 'sk-1',
    });
  });

  it('shortens HELM run names for the progress list', () => {
    expect(shortRunName('mmlu:subject=anatomy,method=multiple_choice_joint,model=user_m,max_eval_instances=10')).toBe(
      'mmlu:subject=anatomy,method=multiple_choice_joint',
    );
    expect(shortRunName('boolq:model=user_m,max_eval_instances=10')).toBe('boolq');
  });

  it('derives run progress from the record: planned runs, skips with their reason, overall counters', () => {
    const progress = toRunProgress(
      record({
        plan: {
          runs: [
            {
              name: 'boolq:model=user_m,max_eval_instances=10',
              scenario: 'boolq',
              groups: ['boolq'],
              evalInstanceIds: [],
              requests: 10,
              estimatedPromptTokens: 100,
            },
            {
              name: 'commonsense:dataset=hellaswag,model=user_m,max_eval_instances=10',
              scenario: 'commonsense',
              groups: ['hellaswag'],
              evalInstanceIds: [],
              requests: 40,
              estimatedPromptTokens: 100,
              skipReason: 'needs echo',
            },
          ],
          totals: { requests: 50, estimatedPromptTokens: 200, estimatedCostUsd: null },
        },
        runs: [
          {
            runName: 'boolq:model=user_m,max_eval_instances=10',
            status: 'running',
            requestsDone: 4,
            requestsTotal: 10,
            cachedHits: 0,
            promptTokens: 40,
            completionTokens: 4,
            costUsd: null,
          },
          {
            runName: 'commonsense:dataset=hellaswag,model=user_m,max_eval_instances=10',
            status: 'skipped',
            message:
              'commonsense:dataset=hellaswag,model=user_m,max_eval_instances=10 skipped: The server does not echo prompt logprobs.',
            requestsDone: 0,
            requestsTotal: 0,
            cachedHits: 0,
            promptTokens: 0,
            completionTokens: 0,
            costUsd: null,
          },
        ],
        overall: {
          requestsDone: 4,
          requestsTotal: 10,
          cachedHits: 0,
          promptTokens: 40,
          completionTokens: 4,
          costUsd: null,
          elapsedSeconds: 2,
          etaSeconds: 3,
          requestsPerSecond: 2,
          isPaused: false,
        },
        warnings: [
          {
            item: 'r1',
            code: 'engine.warning',
            message:
              'commonsense:dataset=hellaswag,model=user_m,max_eval_instances=10 skipped: The server does not echo prompt logprobs.',
          },
          { item: 'r1', code: 'engine.warning', message: 'slow server' },
        ],
        warningsDropped: 3,
      }),
    );
    expect(progress.scenarios).toEqual([
      { scenario: 'boolq', done: 4, total: 10, skipped: false },
      { scenario: 'commonsense:dataset=hellaswag', done: 0, total: 0, skipped: true },
    ]);
    expect(progress.requestsDone).toBe(4);
    expect(progress.etaSeconds).toBe(3);
    // Each skip once, under its short name, with its reason.
    expect(progress.warnings).toEqual([
      {
        item: 'commonsense:dataset=hellaswag',
        code: 'run.skipped',
        message: 'skipped: The server does not echo prompt logprobs.',
      },
      { item: 'r1', code: 'engine.warning', message: 'slow server' },
    ]);
    // The record's count of older warnings it did not keep is passed on, so the run card can say so.
    expect(progress.warningsDropped).toBe(3);
  });
});
