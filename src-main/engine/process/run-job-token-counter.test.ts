import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineJobSchema } from '../../../src-shared/engine/job';
import type { Endpoint } from '../../../src-shared/engine/job';
import type { EngineMessage } from '../../../src-shared/engine/protocol';
import { scriptedTokenize, startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import type { EngineComponents } from '../runner/components';
import { chooseTokenCounter } from '../runner/endpoint-token-counter';
import { createTinyComponents } from '../../../dev/tiny-engine/tiny-components';
import { planJob } from '../runner/plan';
import type { TokenCounter } from '../types';
import { runJob } from './run-job';

/** Tiny scenarios with the real choice of token counter (as the default components make it). */
function componentsWithEndpointCounter(): EngineComponents {
  const tiny = createTinyComponents();
  let chosen: TokenCounter | undefined;
  return {
    ...tiny,
    tokenCounter: (runSpec, endpoint) => chosen ?? tiny.tokenCounter(runSpec, endpoint),
    async prepareTokenCounter(endpoint: Endpoint) {
      const { counter, info } = await chooseTokenCounter(endpoint);
      chosen = counter;
      return info;
    },
  };
}

describe('which token counter a job used', () => {
  let server: ScriptedServer;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-counter-'));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });
  const job = () =>
    engineJobSchema.parse({
      kind: 'plan',
      endpoint: { model: 'org/model', baseUrl: server.baseUrl },
      examplesPerScenario: 10,
      suite: 'test',
      dataDir: dir,
      runDir: join(dir, 'runs', 'r1'),
    });

  it('plans with the server tokenizer: exact estimated tokens, recorded in the plan, said in the log', async () => {
    server = await startScriptedOpenAiServer({ tokenizer: { contextWindow: 2048 } });
    const plan = await planJob(job(), componentsWithEndpointCounter());
    expect(plan.summary.tokenCounter).toMatchObject({
      kind: 'exact',
      contextWindow: 2048,
      contextWindowFrom: 'server',
    });
    for (const run of plan.runs) {
      const exact = run.requestStates.reduce(
        (total, state) => total + scriptedTokenize(state.request.prompt).length,
        0,
      );
      expect(run.estimatedPromptTokens).toBe(exact);
    }
    const messages: EngineMessage[] = [];
    await runJob(job(), componentsWithEndpointCounter(), { emit: (message) => messages.push(message) });
    const planned = messages.find((message) => message.type === 'plan');
    expect(planned?.type === 'plan' && planned.plan.tokenCounter?.kind).toBe('exact');
    expect(messages).toContainEqual(
      expect.objectContaining({
        type: 'log',
        level: 'info',
        message: expect.stringContaining('Token counts are exact'),
      }),
    );
  });

  it('falls back to the approximate counter with a warning when the server has no tokenizer', async () => {
    server = await startScriptedOpenAiServer();
    const messages: EngineMessage[] = [];
    await runJob(job(), componentsWithEndpointCounter(), { emit: (message) => messages.push(message) });
    const planned = messages.find((message) => message.type === 'plan');
    expect(planned?.type === 'plan' && planned.plan.tokenCounter).toMatchObject({
      kind: 'approximate',
      contextWindowFrom: 'default',
    });
    expect(messages).toContainEqual(
      expect.objectContaining({
        type: 'log',
        level: 'warning',
        message: expect.stringContaining('Token counts are approximate'),
      }),
    );
  });
});
