import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineJobSchema } from '../../../src-shared/engine/job';
import type { EngineJob, EngineJobInput } from '../../../src-shared/engine/job';
import type { PerInstanceStats, ScenarioState } from '../../../src-shared/helm/request';
import type { Stat } from '../../../src-shared/helm/stat';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import { RequestCache } from '../cache/request-cache';
import { OpenAiModelClient } from '../client/openai-model-client';
import { executePlan } from './execute';
import { createTinyComponents } from '../../../dev/tiny-engine/tiny-components';
import { planJob } from './plan';
import { PauseGate } from './pause-gate';
import { Registry } from '../registry';
import type { ScenarioFactory } from '../types';

describe('runner: plan and execute', () => {
  let server: ScriptedServer;
  let dir: string;
  beforeEach(async () => {
    server = await startScriptedOpenAiServer({
      answer: (prompt) => (prompt.endsWith('What is 1003 plus one?\nAnswer:') ? ' 1004\n' : ' 7\n'),
    });
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-runner-'));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const makeJob = (
    overrides: Partial<EngineJobInput> = {},
    endpoint: Partial<EngineJobInput['endpoint']> = {},
  ): EngineJob =>
    engineJobSchema.parse({
      kind: 'run',
      endpoint: {
        model: 'org/model',
        baseUrl: server.baseUrl,
        concurrency: 4,
        pricePerMillionPrompt: 1,
        pricePerMillionCompletion: 2,
        ...endpoint,
      },
      examplesPerScenario: 10,
      suite: 'test',
      dataDir: dir,
      runDir: join(dir, 'runs', 'r1'),
      ...overrides,
    });

  async function runOnce(job: EngineJob) {
    const components = createTinyComponents();
    const plan = await planJob(job, components);
    const cache = await RequestCache.open(join(dir, 'cache'));
    const client = new OpenAiModelClient({
      baseUrl: job.endpoint.baseUrl,
      apiModel: job.endpoint.model,
      mode: job.endpoint.mode,
      concurrency: job.endpoint.concurrency,
      retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 },
    });
    try {
      return { plan, result: await executePlan(plan, job, { components, client, cache }) };
    } finally {
      await cache.close();
    }
  }

  it('plans HELM-numbered eval ids, request counts and a cost estimate', async () => {
    const plan = await planJob(makeJob(), createTinyComponents());
    const [qa, mc] = plan.summary.runs;
    expect(qa?.name).toBe('tiny_qa:model=org_model,max_eval_instances=10');
    // ids count train first (id0–id5), then valid, then test, as HELM's with_instance_ids.
    expect(qa?.evalInstanceIds).toHaveLength(10);
    for (const id of qa?.evalInstanceIds ?? []) expect(Number(id.slice(2))).toBeGreaterThanOrEqual(6);
    expect(qa?.requests).toBe(10);
    expect(mc?.requests).toBe(5 * 4); // one echo request per choice
    expect(plan.summary.totals.requests).toBe(30);
    expect(plan.summary.totals.estimatedPromptTokens).toBe(
      (qa?.estimatedPromptTokens ?? 0) + (mc?.estimatedPromptTokens ?? 0),
    );
    // prompt tokens at $1/M + max completion tokens (10 × 3 for generation, 0 for echo) at $2/M
    expect(plan.summary.totals.estimatedCostUsd).toBeCloseTo(
      (plan.summary.totals.estimatedPromptTokens + 30 * 2) / 1e6,
      12,
    );
  });

  it('skips echo runs in chat mode at plan time', async () => {
    const plan = await planJob(makeJob({}, { mode: 'chat' }), createTinyComponents());
    expect(plan.summary.runs[1]?.skipReason).toMatch(/echo/);
    expect(plan.summary.totals.requests).toBe(10);
  });

  it('writes HELM run directories and resumes from the cache without sending anything again', async () => {
    const job = makeJob();
    const first = await runOnce(job);
    expect(first.result.outcome).toBe('completed');
    expect(first.result.overall).toMatchObject({ requestsDone: 30, requestsTotal: 30, cachedHits: 0 });
    expect(server.servedTotal()).toBe(30);
    const suiteDir = join(job.runDir, 'benchmark_output', 'runs', 'test');
    expect((await readdir(suiteDir)).sort()).toEqual([
      'tiny_mc:method=multiple_choice_separate_original,model=org_model,max_eval_instances=10',
      'tiny_qa:model=org_model,max_eval_instances=10',
    ]);
    const runDir = join(suiteDir, 'tiny_qa:model=org_model,max_eval_instances=10');
    expect((await readdir(runDir)).sort()).toEqual([
      'per_instance_stats.json',
      'run_spec.json',
      'scenario.json',
      'scenario_state.json',
      'stats.json',
    ]);
    const state = JSON.parse(await readFile(join(runDir, 'scenario_state.json'), 'utf8')) as ScenarioState;
    expect(state.request_states).toHaveLength(10);
    expect(state.request_states[0]?.result?.completions[0]?.text).toMatch(/^ \d+$/);
    expect(JSON.stringify(state)).not.toContain('null'); // HELM omits null fields
    const perInstance = JSON.parse(
      await readFile(join(runDir, 'per_instance_stats.json'), 'utf8'),
    ) as PerInstanceStats[];
    const stats1 = await readFile(join(runDir, 'stats.json'), 'utf8');
    const [exact] = JSON.parse(stats1) as Stat[];
    expect(exact?.count).toBe(1); // one trial
    const correct = perInstance.filter((entry) => entry.stats[0]?.sum === 1).map((entry) => entry.instance_id);
    const expected = state.request_states
      .filter((s) => s.instance.input.text === 'What is 1003 plus one?')
      .map((s) => s.instance.id);
    expect(correct).toEqual(expected);

    const second = await runOnce(job);
    expect(second.result.overall).toMatchObject({ requestsDone: 30, cachedHits: 30 });
    expect(second.result.overall.costUsd).toBeCloseTo(first.result.overall.costUsd ?? NaN, 12);
    expect(server.servedTotal()).toBe(30);
    expect(await readFile(join(runDir, 'stats.json'), 'utf8')).toBe(stats1);
  });

  it('skips a run whose echo requests the server refuses and completes the others', async () => {
    server.setOptions({ supportsEcho: false });
    const { result } = await runOnce(makeJob());
    expect(result.outcome).toBe('completed');
    expect(result.runs.map((run) => run.status)).toEqual(['done', 'skipped']);
    expect(result.runs[1]?.message).toMatch(/echo/);
  });

  it('stops with a clear error when the endpoint keeps failing, keeping what was answered', async () => {
    server.setOptions({ fault: ({ index }) => (index >= 5 ? { kind: 'server-error' } : undefined) });
    await expect(runOnce(makeJob({}, { concurrency: 1 }))).rejects.toMatchObject({ code: 'model.server-error' });
    const cache = await RequestCache.open(join(dir, 'cache'));
    expect(cache.count()).toBe(5);
    await cache.close();
  });

  it('skips the runs of a scenario whose data cannot be had, naming it, and plans the rest', async () => {
    const components = createTinyComponents();
    const scenarios = new Registry<ScenarioFactory>('scenario')
      .register('test.TinyQaScenario', components.scenarios.get('test.TinyQaScenario'))
      .register('test.TinyMcScenario', () => ({
        name: 'tiny_mc',
        getInstances: async () => {
          throw new Error('HTTP 404 for https://example.org/tiny_mc.jsonl');
        },
      }));
    const plan = await planJob(makeJob(), { ...components, scenarios });
    expect(plan.summary.runs[0]?.requests).toBe(10);
    expect(plan.summary.runs[1]?.skipReason).toContain('tiny_mc');
    expect(plan.summary.runs[1]?.skipReason).toContain('https://example.org/tiny_mc.jsonl');
    expect(plan.summary.totals.requests).toBe(10);
  });

  it('pauses: no new request is sent until resumed', async () => {
    const job = makeJob({}, { concurrency: 1 });
    const components = createTinyComponents();
    const plan = await planJob(job, components);
    const cache = await RequestCache.open(join(dir, 'cache'));
    const client = new OpenAiModelClient({
      baseUrl: server.baseUrl,
      apiModel: 'm',
      mode: 'completions',
      concurrency: 1,
    });
    const gate = new PauseGate();
    let pausedAt = -1;
    const running = executePlan(
      plan,
      job,
      { components, client, cache },
      {
        gate,
        progressIntervalMs: 0,
        onProgress: (overall) => {
          if (overall.requestsDone === 3 && pausedAt < 0) {
            gate.pause();
            pausedAt = server.received();
          }
        },
      },
    );
    while (pausedAt < 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // At most the requests already taken by workers when the pause came (two workers per slot) go out.
    expect(server.received()).toBeLessThanOrEqual(pausedAt + 2);
    gate.resume();
    const result = await running;
    await cache.close();
    expect(result.overall.requestsDone).toBe(30);
  });

  it('fails only the run whose request the server refuses (HTTP 400) and finishes the others', async () => {
    server.setOptions({
      fault: ({ body }) =>
        body.echo === true
          ? { kind: 'bad-request', message: "This model's maximum context length is 16 tokens" }
          : undefined,
    });
    const { result } = await runOnce(makeJob());
    expect(result.outcome).toBe('completed');
    expect(result.runs.map((run) => run.status)).toEqual(['done', 'failed']);
    // The engine says what happened and gives the code; each face words the advice (the CLI names --context-window).
    expect(result.runs[1]?.code).toBe('model.context-exceeded');
    expect(result.runs[1]?.message).toContain('maximum context length');
    expect(result.runs[1]?.message).not.toContain('--');
  });
});
