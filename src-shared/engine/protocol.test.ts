import { describe, expect, it } from 'vitest';
import { engineJobSchema } from './job';
import { engineMessageSchema, hostMessageSchema } from './protocol';

const job = {
  kind: 'run',
  endpoint: { model: 'org/model', baseUrl: 'http://127.0.0.1:8080/v1' },
  examplesPerScenario: 10,
  dataDir: '/d',
  runDir: '/d/runs/x',
};

describe('engine protocol', () => {
  it('fills endpoint defaults and rejects bad budgets and model names', () => {
    const parsed = engineJobSchema.parse(job);
    expect(parsed.endpoint).toMatchObject({
      mode: 'completions',
      concurrency: 8,
      rateLimit: null,
      pricePerMillionPrompt: null,
    });
    expect(parsed).toMatchObject({ suite: 'v1', numTrainTrials: 1 });
    expect(engineJobSchema.safeParse({ ...job, examplesPerScenario: 200 }).success).toBe(false);
    expect(engineJobSchema.safeParse({ ...job, endpoint: { ...job.endpoint, model: 'no-org' } }).success).toBe(false);
  });

  it('validates host and engine messages by type', () => {
    expect(hostMessageSchema.parse({ type: 'start', job }).type).toBe('start');
    expect(hostMessageSchema.safeParse({ type: 'start' }).success).toBe(false);
    expect(hostMessageSchema.safeParse({ type: 'reboot' }).success).toBe(false);
    const progress = {
      type: 'progress',
      overall: {
        requestsDone: 1,
        requestsTotal: 2,
        cachedHits: 0,
        promptTokens: 5,
        completionTokens: 1,
        costUsd: null,
        elapsedSeconds: 1,
        etaSeconds: null,
        requestsPerSecond: 1,
        isPaused: false,
      },
      runs: [
        {
          runName: 'boolq:model=org_model,max_eval_instances=10',
          status: 'running',
          requestsDone: 1,
          requestsTotal: 2,
          cachedHits: 0,
          promptTokens: 5,
          completionTokens: 1,
          costUsd: null,
        },
      ],
    };
    expect(engineMessageSchema.parse(progress)).toEqual(progress);
    expect(
      engineMessageSchema.safeParse({ ...progress, overall: { ...progress.overall, requestsDone: -1 } }).success,
    ).toBe(false);
    expect(engineMessageSchema.parse({ type: 'error', error: { code: 'model.auth', message: 'refused' } }).type).toBe(
      'error',
    );
  });
});
