import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineJobInput } from '../../../src-shared/engine/job';
import type { EngineMessage } from '../../../src-shared/engine/protocol';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import { builtTestEngine } from '../../../dev/testing/built-app';
import { EngineHost } from './engine-host';
import { engineJobSchema } from '../../../src-shared/engine/job';
import { createTinyComponents } from '../../../dev/tiny-engine/tiny-components';
import { runJob } from './run-job';

const entry = builtTestEngine('tiny-engine-main');

async function readOutputs(runDir: string, file: string): Promise<Record<string, string>> {
  const suiteDir = join(runDir, 'benchmark_output', 'runs', 'kill');
  const out: Record<string, string> = {};
  for (const name of (await readdir(suiteDir)).sort()) out[name] = await readFile(join(suiteDir, name, file), 'utf8');
  return out;
}

describe('engine process', () => {
  let server: ScriptedServer;
  let dir: string;
  beforeEach(async () => {
    server = await startScriptedOpenAiServer();
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-engine-'));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const job = (dataDir: string, baseUrl: string): EngineJobInput => ({
    kind: 'run',
    endpoint: { model: 'org/model', baseUrl, concurrency: 4, maxRetries: 2 },
    examplesPerScenario: 20,
    suite: 'kill',
    dataDir,
    runDir: join(dataDir, 'runs', 'r1'),
  });

  function startHost(input: EngineJobInput, messages: EngineMessage[]): EngineHost {
    const host = new EngineHost({ entry, onMessage: (message) => messages.push(message) });
    host.start(input);
    return host;
  }

  it('survives SIGKILL mid-run: the restart finishes with identical stats and no request answered twice', async () => {
    const total = 20 + 10 * 4; // tiny_qa 20 generation requests + tiny_mc 10 instances × 4 choices
    const dataDir = join(dir, 'killed');
    // After 12 answers the server hangs, so the kill lands with 12 answers journaled and 4 requests in flight.
    server.setOptions({ hangAfterServed: 12 });
    const messages: EngineMessage[] = [];
    const host = startHost(job(dataDir, server.baseUrl), messages);
    await waitFor(() => messages.some((m) => m.type === 'progress' && m.overall.requestsDone === 12));
    host.kill();
    const exit = await host.wait();
    expect(exit).toMatchObject({ kind: 'crashed', signal: 'SIGKILL' });
    expect(server.servedTotal()).toBe(12);

    server.setOptions({ hangAfterServed: undefined });
    const resumed: EngineMessage[] = [];
    const again = await startHost(job(dataDir, server.baseUrl), resumed).wait();
    expect(again.kind).toBe('done');
    const done = resumed.find((m) => m.type === 'done');
    expect(done?.type === 'done' && done.overall).toMatchObject({ requestsDone: total, cachedHits: 12 });
    expect(server.duplicates()).toEqual([]);
    expect(server.servedTotal()).toBe(total);

    // The same job uninterrupted, against a fresh server and data dir.
    const fresh = await startScriptedOpenAiServer();
    try {
      const cleanDir = join(dir, 'clean');
      expect((await startHost(job(cleanDir, fresh.baseUrl), []).wait()).kind).toBe('done');
      const killedStats = await readOutputs(join(dataDir, 'runs', 'r1'), 'stats.json');
      expect(Object.keys(killedStats)).toHaveLength(2);
      expect(killedStats).toEqual(await readOutputs(join(cleanDir, 'runs', 'r1'), 'stats.json'));
      expect(await readOutputs(join(dataDir, 'runs', 'r1'), 'per_instance_stats.json')).toEqual(
        await readOutputs(join(cleanDir, 'runs', 'r1'), 'per_instance_stats.json'),
      );
    } finally {
      await fresh.close();
    }
  });

  it('survives SIGKILL at an arbitrary moment (requests on the wire): the restart gives identical outputs', async () => {
    server.setOptions({ latencyMs: 60 }); // ~1 s of work: the kill lands mid-run
    const dataDir = join(dir, 'random-kill');
    const messages: EngineMessage[] = [];
    const host = startHost(job(dataDir, server.baseUrl), messages);
    await waitFor(() => messages.some((m) => m.type === 'progress' && m.overall.requestsDone >= 1));
    host.kill();
    expect((await host.wait()).kind).toBe('crashed');
    expect((await startHost(job(dataDir, server.baseUrl), []).wait()).kind).toBe('done');
    // Only requests on the wire at the kill can have been answered twice (at most `concurrency` of them).
    expect(server.duplicates().length).toBeLessThanOrEqual(4);

    const fresh = await startScriptedOpenAiServer();
    try {
      const cleanDir = join(dir, 'random-clean');
      await runJob(engineJobSchema.parse(job(cleanDir, fresh.baseUrl)), createTinyComponents(40), {
        emit: () => undefined,
      });
      expect(await readOutputs(join(dataDir, 'runs', 'r1'), 'stats.json')).toEqual(
        await readOutputs(join(cleanDir, 'runs', 'r1'), 'stats.json'),
      );
    } finally {
      await fresh.close();
    }
  });

  it('reports a typed error and exits when the endpoint refuses the key; cancel ends a run cleanly', async () => {
    server.setOptions({ fault: () => ({ kind: 'server-error', status: 401 }) });
    const exit = await startHost(job(join(dir, 'auth'), server.baseUrl), []).wait();
    expect(exit).toMatchObject({ kind: 'error', error: { code: 'model.auth' } });

    server.setOptions({ fault: undefined, latencyMs: 50 });
    const messages: EngineMessage[] = [];
    const host = startHost(job(join(dir, 'cancel'), server.baseUrl), messages);
    await waitFor(() => messages.some((m) => m.type === 'progress' && m.overall.requestsDone >= 4));
    const stopped = await host.stop(5000);
    expect(stopped).toMatchObject({ kind: 'done', message: { outcome: 'cancelled' } });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
