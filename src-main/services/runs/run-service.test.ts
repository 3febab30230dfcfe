import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineMessage } from '../../../src-shared/engine/protocol';
import { startScriptedOpenAiServer } from '../../testing/scripted-openai-server';
import type { ScriptedServer } from '../../testing/scripted-openai-server';
import { RunService } from './run-service';
import type { RunRequest } from './run-service';

const engineEntry = fileURLToPath(new URL('../../engine/process/fixtures/tiny-engine-main.ts', import.meta.url));

describe('RunService', () => {
  let server: ScriptedServer;
  let dir: string;
  beforeEach(async () => {
    server = await startScriptedOpenAiServer({ latencyMs: 20 });
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-runs-'));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const request = (): RunRequest => ({ endpoint: { model: 'org/model', baseUrl: server.baseUrl, concurrency: 2, apiKey: 'sk-secret' }, examples: 10, suite: 'svc', apiKeyEnv: 'KEY' });

  it('cancels a run, then resumes it under the same id from the cache, and lists it', async () => {
    const service = new RunService({ dataDir: dir, engineEntry });
    const messages: EngineMessage[] = [];
    service.onEvent(({ message }) => messages.push(message));
    const first = await service.start(request());
    while (!messages.some((m) => m.type === 'progress' && m.overall.requestsDone >= 6)) await new Promise((resolve) => setTimeout(resolve, 10));
    service.pause(first.runId);
    service.cancel(first.runId);
    const cancelled = await first.finished;
    expect(cancelled.status).toBe('cancelled');
    const answered = server.servedTotal();
    expect(answered).toBeGreaterThanOrEqual(6);
    expect(answered).toBeLessThan(30);

    const resumed = await service.start(request(), first.runId);
    expect(resumed.runId).toBe(first.runId);
    const record = await resumed.finished;
    expect(record.status).toBe('done');
    expect(record.overall?.requestsDone).toBe(30);
    expect(record.overall?.cachedHits).toBeGreaterThanOrEqual(6);
    expect(server.duplicates()).toEqual([]);
    expect(record.finishedRuns.map((run) => run.runName).sort()).toEqual(['tiny_mc:method=multiple_choice_separate_original,model=org_model,max_eval_instances=10', 'tiny_qa:model=org_model,max_eval_instances=10']);

    const listed = await service.list();
    expect(listed.map((entry) => entry.runId)).toEqual([first.runId]);
    expect(JSON.stringify(listed)).not.toContain('sk-secret');
    expect(listed[0]).toMatchObject({ apiKeyEnv: 'KEY', model: 'org/model', examples: 10, mode: 'completions' });
  });

  it('records an engine crash as a failed, resumable run', async () => {
    const service = new RunService({ dataDir: dir, engineEntry: join(dir, 'missing-engine.mjs') });
    const started = await service.start(request());
    const record = await started.finished;
    expect(record.status).toBe('failed');
    expect(record.error?.code).toBe('engine.crashed');
  });
});
