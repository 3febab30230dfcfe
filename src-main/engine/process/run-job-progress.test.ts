import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineJobSchema } from '../../../src-shared/engine/job';
import type { OverallProgress } from '../../../src-shared/engine/progress';
import type { EngineMessage } from '../../../src-shared/engine/protocol';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import { createTinyComponents } from '../../../dev/tiny-engine/tiny-components';
import { PauseGate } from '../runner/pause-gate';
import { runJob } from './run-job';

// Issue #13 finding 7: retries are one line while they happen (not a log line each), and a silent server is
// said as it is, with no ETA.
describe('run progress', () => {
  let server: ScriptedServer;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-run-progress-'));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const job = (overrides: Record<string, unknown> = {}) =>
    engineJobSchema.parse({
      kind: 'run',
      endpoint: { model: 'org/model', baseUrl: server.baseUrl, concurrency: 4, ...overrides },
      examplesPerScenario: 10,
      dataDir: dir,
      runDir: join(dir, 'runs', 'r1'),
    });

  it('reports requests waiting to be retried as one state, gone once they are answered, with no log line each', async () => {
    server = await startScriptedOpenAiServer({
      fault: ({ attempt, index }) => (attempt === 1 && index < 6 ? { kind: 'server-error', status: 503 } : undefined),
    });
    const messages: EngineMessage[] = [];
    await runJob(job(), createTinyComponents(), { emit: (message) => messages.push(message), progressIntervalMs: 0 });
    const overall = messages.flatMap((message) => (message.type === 'progress' ? [message.overall] : []));
    const retrying = overall.flatMap((progress) => (progress.retrying ? [progress.retrying] : []));
    expect(retrying.length).toBeGreaterThan(0);
    expect(retrying[0]).toMatchObject({ reason: 'HTTP 503 (service unavailable)', attempt: 2, maxAttempts: 7 });
    expect(Math.max(...retrying.map((state) => state.requests))).toBeGreaterThan(1);
    expect(overall.at(-1)?.retrying).toBeNull();
    const logs = messages.flatMap((message) => (message.type === 'log' ? [message.message] : []));
    expect(logs.filter((text) => /retry/i.test(text))).toEqual([]);
    expect(messages.at(-1)).toMatchObject({ type: 'done', outcome: 'completed' });
  });

  it('says the server is silent (no ETA) while it answers nothing, and reports so without any answer', async () => {
    server = await startScriptedOpenAiServer({ hangAfterServed: 4 });
    const seen: OverallProgress[] = [];
    const controller = new AbortController();
    const gate = new PauseGate();
    const running = runJob(job({ timeoutMs: 600_000 }), createTinyComponents(), {
      signal: controller.signal,
      gate,
      emit: (message) => {
        if (message.type === 'progress') seen.push(message.overall);
      },
    });
    // The heartbeat keeps reporting while nothing answers, until the silence is unusual (10 s).
    await expect
      .poll(() => seen.at(-1)?.stalledSeconds ?? null, { timeout: 30_000, interval: 200 })
      .toBeGreaterThanOrEqual(10);
    const last = seen.at(-1);
    expect(last?.etaSeconds).toBeNull();
    expect(last?.requestsDone).toBe(4);
    // A pause is not silence.
    gate.pause();
    await expect.poll(() => seen.at(-1)?.isPaused, { timeout: 5_000, interval: 100 }).toBe(true);
    expect(seen.at(-1)?.stalledSeconds).toBeNull();
    controller.abort();
    gate.resume();
    server.setOptions({ hangAfterServed: Number.MAX_SAFE_INTEGER });
    await server.close();
    await running.catch(() => undefined);
  }, 60_000);

  it('cancels against a server that answers nothing: requests on the wire are aborted after the grace', async () => {
    // Before: Cancel waited for every hanging request's timeout (here 10 minutes); the run stayed "running".
    server = await startScriptedOpenAiServer({ hangAfterServed: 4 });
    const messages: EngineMessage[] = [];
    const controller = new AbortController();
    const running = runJob(job({ timeoutMs: 600_000 }), createTinyComponents(), {
      signal: controller.signal,
      cancelGraceMs: 200,
      emit: (message) => messages.push(message),
    });
    await expect.poll(() => server.servedTotal(), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    controller.abort();
    await running;
    expect(messages.at(-1)).toMatchObject({ type: 'done', outcome: 'cancelled', overall: { requestsDone: 4 } });
    server.setOptions({ hangAfterServed: Number.MAX_SAFE_INTEGER });
  }, 60_000);
});
