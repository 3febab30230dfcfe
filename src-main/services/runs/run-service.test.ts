import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineJobInput } from '../../../src-shared/engine/job';
import type { EngineMessage } from '../../../src-shared/engine/protocol';
import type { EngineExit, EngineHostFactory } from '../../engine/process/engine-host';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import { writeFixtureMirror } from '../../demo/fixture-sources/index';
import { builtEntry, builtTestEngine } from '../../../dev/testing/built-app';
import { RunService } from './run-service';
import type { RunRequest } from './run-service';
import { MAX_KEPT_WARNINGS } from './run-store';
import type { RunRecord } from './run-store';

const engineEntry = builtTestEngine('tiny-engine-main');

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

  const request = (): RunRequest => ({
    endpoint: { model: 'org/model', baseUrl: server.baseUrl, concurrency: 2, apiKey: 'sk-secret' },
    examplesPerScenario: 10,
    suite: 'svc',
    apiKeyEnv: 'KEY',
  });

  it('uses the injected engine-host factory (Electron passes a utilityProcess host) instead of forking', async () => {
    const jobs: EngineJobInput[] = [];
    const hostFactory: EngineHostFactory = (onMessage) => {
      let exit: Promise<EngineExit> = Promise.resolve({ kind: 'crashed', code: 1, signal: null, stderrTail: '' });
      return {
        start: (job) => {
          jobs.push(job);
          const plan = { runs: [], totals: { requests: 0, estimatedPromptTokens: 0, estimatedCostUsd: null } };
          onMessage({ type: 'plan', plan });
          const done = { type: 'done' as const, outcome: 'planned' as const, runs: [] };
          onMessage(done);
          exit = Promise.resolve({ kind: 'done', message: done });
        },
        pause: () => {},
        resume: () => {},
        cancel: () => {},
        wait: () => exit,
        stop: () => exit,
      };
    };
    const service = new RunService({ dataDir: dir, engineEntry: '/nonexistent/engine.js', hostFactory });
    const plan = await service.plan(request());
    expect(plan.totals.requests).toBe(0);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'plan', examplesPerScenario: 10 });
    expect(server.received()).toBe(0);
  });

  it('records the summarization metrics not computed in run.json, never in stats.json (real engine, XSUM)', async () => {
    await writeFixtureMirror(join(dir, 'mirror'), ['summarization_xsum']);
    const service = new RunService({ dataDir: dir, engineEntry: builtEntry('engine') });
    const started = await service.start({
      ...request(),
      scenarios: ['summarization_xsum'],
      mirror: join(dir, 'mirror'),
    });
    const record = await started.finished;
    expect(record.status, record.error?.message).toBe('done');
    const stored = JSON.parse(await readFile(join(dir, 'runs', started.runId, 'run.json'), 'utf8')) as RunRecord;
    expect(stored.finishedRuns).toHaveLength(1);
    expect(stored.finishedRuns[0]?.notComputed?.map((metric) => metric.name)).toEqual([
      'summac',
      'BERTScore-F',
      'QAFactEval',
      'HumanEval-faithfulness',
      'expected_max_toxicity',
      'max_toxicity_probability',
      'toxic_frac',
    ]);
    const stats = await readFile(join(stored.finishedRuns[0]?.outputDir ?? '', 'stats.json'), 'utf8');
    expect(stats).toContain('"rouge_2"');
    expect(stats).not.toMatch(/summac|BERTScore|QAFactEval|HumanEval/);
  }, 60_000);

  it('cancels a run, then resumes it under the same id from the cache, and lists it', async () => {
    const service = new RunService({ dataDir: dir, engineEntry });
    const messages: EngineMessage[] = [];
    service.onEvent(({ message }) => messages.push(message));
    const first = await service.start(request());
    while (!messages.some((m) => m.type === 'progress' && m.overall.requestsDone >= 6))
      await new Promise((resolve) => setTimeout(resolve, 10));
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
    expect(record.finishedRuns.map((run) => run.runName).sort()).toEqual([
      'tiny_mc:method=multiple_choice_separate_original,model=org_model,max_eval_instances=10',
      'tiny_qa:model=org_model,max_eval_instances=10',
    ]);

    const listed = await service.list();
    expect(listed.map((entry) => entry.runId)).toEqual([first.runId]);
    expect(JSON.stringify(listed)).not.toContain('sk-secret');
    expect(listed[0]).toMatchObject({
      apiKeyEnv: 'KEY',
      model: 'org/model',
      examplesPerScenario: 10,
      mode: 'completions',
    });
  });

  it('starts no engine for a run or dry run asked for while the app closes, and saves every final record first', async () => {
    // Was: a run whose start was still being recorded when the app began to close got its engine afterwards; the
    // engine outlived the closed app and finished the run there ("done" after the restart showed "interrupted").
    const launched: string[] = [];
    let release: (exit: EngineExit) => void = () => {};
    const hostFactory: EngineHostFactory = () => {
      const exit = new Promise<EngineExit>((resolve) => (release = resolve));
      return {
        start: (job) => void launched.push(job.kind),
        pause: () => {},
        resume: () => {},
        cancel: () => {},
        wait: () => exit,
        stop: () => {
          release({ kind: 'crashed', code: null, signal: 'SIGKILL', stderrTail: '' });
          return exit;
        },
      };
    };
    const service = new RunService({ dataDir: dir, hostFactory });
    const running = await service.start(request());
    expect(launched).toEqual(['run']);
    const starting = service.start(request()); // being recorded when the app starts to close
    await service.stopAll();
    // stopAll resolved: the running run's final record is saved.
    expect((await service.get(running.runId)).status).toBe('interrupted');
    expect((await service.get(running.runId)).finishedAt).not.toBeNull();
    const late = await starting;
    expect(launched).toEqual(['run']);
    expect(await late.finished).toMatchObject({ status: 'interrupted' });
    expect((await service.get(late.runId)).status).toBe('interrupted');
    await expect(service.plan(request())).rejects.toMatchObject({ code: 'runs.stopping' });
    expect(launched).toEqual(['run']);
  });

  it("keeps a run's newest 50 warnings in run.json with a count of those dropped, read back after a restart", async () => {
    // Was: warnings lived only in the serving process's memory; after a restart the run card showed none.
    const hostFactory: EngineHostFactory = (onMessage) => {
      let exit: Promise<EngineExit> = Promise.resolve({ kind: 'crashed', code: 1, signal: null, stderrTail: '' });
      return {
        start: () => {
          onMessage({ type: 'log', level: 'info', message: 'not a warning' });
          for (let i = 0; i < 120; i += 1)
            onMessage({ type: 'log', level: 'warning', message: `request ${i} failed`, code: 'model.http' });
          onMessage({ type: 'log', level: 'warning', message: 'no tokenizer endpoint' });
          const done = { type: 'done' as const, outcome: 'completed' as const, runs: [] };
          onMessage(done);
          exit = Promise.resolve({ kind: 'done', message: done });
        },
        pause: () => {},
        resume: () => {},
        cancel: () => {},
        wait: () => exit,
        stop: () => exit,
      };
    };
    const started = await new RunService({ dataDir: dir, hostFactory }).start(request());
    await started.finished;
    const restarted = new RunService({ dataDir: dir, hostFactory });
    const record = await restarted.get(started.runId);
    expect(record.warnings).toHaveLength(MAX_KEPT_WARNINGS);
    expect(record.warningsDropped).toBe(121 - MAX_KEPT_WARNINGS);
    expect(record.warnings?.[0]).toEqual({ item: started.runId, code: 'model.http', message: 'request 71 failed' });
    expect(record.warnings?.at(-1)).toEqual({
      item: started.runId,
      code: 'engine.warning',
      message: 'no tokenizer endpoint',
    });
    // A warning added once the run stopped (its ranking failed) is written to run.json too, under the same bound.
    await Promise.all([
      restarted.addWarning(started.runId, { item: started.runId, code: 'rank.failed', message: 'Ranking failed: x' }),
      restarted.addWarning(started.runId, { item: started.runId, code: 'rank.failed', message: 'Ranking failed: y' }),
    ]);
    const stored = JSON.parse(await readFile(join(dir, 'runs', started.runId, 'run.json'), 'utf8')) as RunRecord;
    expect(stored.warnings).toHaveLength(MAX_KEPT_WARNINGS);
    expect(stored.warningsDropped).toBe(123 - MAX_KEPT_WARNINGS);
    expect(stored.warnings?.slice(-2).map((warning) => warning.message)).toEqual([
      'Ranking failed: x',
      'Ranking failed: y',
    ]);
  });

  it('records an engine crash as a failed, resumable run', async () => {
    const service = new RunService({ dataDir: dir, engineEntry: join(dir, 'missing-engine.mjs') });
    const started = await service.start(request());
    const record = await started.finished;
    expect(record.status).toBe('failed');
    expect(record.error?.code).toBe('engine.crashed');
  });
});
