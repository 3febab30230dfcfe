/**
 * Engine benchmarks (issue #3): (1) engine overhead — the full pipeline (plan, cache lookups, HTTP through the
 * OpenAI client, journal writes with fsync, scoring, run outputs) against a zero-latency scripted server,
 * target ≥ 2,000 requests/s; (2) throughput against a 200 ms server at concurrency 32, target within 5 % of
 * the ideal 160 requests/s. The scripted server runs in a child process (this file, `--scripted-server`), so
 * its CPU is not billed to the engine (it is printed apart). Besides wall-clock rates, the engine's own CPU
 * time per request is printed: on a shared, loaded machine it is the steadier measure of overhead.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineJobSchema } from '../src-shared/engine/job';
import type { EngineMessage } from '../src-shared/engine/protocol';
import { runJob } from '../src-main/engine/process/run-job';
import { createTinyComponents } from '../dev/tiny-engine/tiny-components';
import { startScriptedOpenAiServer } from '../dev/testing/scripted-openai-server';

const SERVER_FLAG = '--scripted-server';

interface ServerHandle {
  readonly baseUrl: string;
  /** The server process's CPU time so far (user + system), seconds. */
  cpuSeconds(): Promise<number>;
  close(): void;
}

/** Starts the scripted server in a child process and returns its base URL. */
function startServerProcess(latencyMs: number): Promise<ServerHandle> {
  const child = fork(fileURLToPath(import.meta.url), [SERVER_FLAG, String(latencyMs)], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const cpuSeconds = () =>
      new Promise<number>((answer) => {
        child.once('message', (message) => answer(Number(message)));
        child.send('cpu');
      });
    child.once('message', (message) => resolve({ baseUrl: String(message), cpuSeconds, close: () => child.kill() }));
    child.once('exit', (code) => reject(new Error(`scripted server exited with ${code}`)));
  });
}

async function measure(
  label: string,
  options: { size: number; latencyMs: number; concurrency: number },
): Promise<number> {
  const server = await startServerProcess(options.latencyMs);
  const dir = await mkdtemp(join(tmpdir(), 'helm-rank-bench-'));
  try {
    const job = engineJobSchema.parse({
      kind: 'run',
      endpoint: { model: 'bench/model', baseUrl: server.baseUrl, concurrency: options.concurrency },
      examplesPerScenario: 'all',
      scenarios: ['tiny_qa'],
      suite: 'bench',
      dataDir: dir,
      runDir: join(dir, 'runs', 'bench'),
    });
    let done: Extract<EngineMessage, { type: 'done' }> | undefined;
    const serverCpu = await server.cpuSeconds();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await runJob(job, createTinyComponents(options.size), {
      emit: (message) => {
        if (message.type === 'done') done = message;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const serverSeconds = (await server.cpuSeconds()) - serverCpu;
    const cpuSeconds = (used.user + used.system) / 1e6;
    const requests = done?.overall?.requestsDone ?? 0;
    const sent = requests - (done?.overall?.cachedHits ?? 0);
    // Requests per second of the execution phase (the engine's own clock: cache, HTTP, journal, scoring, outputs);
    // planning is timed apart.
    const executeSeconds = done?.overall?.elapsedSeconds ?? seconds;
    const rate = requests / executeSeconds;
    console.log(
      `${label}: ${requests} requests (${sent} sent) in ${executeSeconds.toFixed(2)} s = ${rate.toFixed(0)} requests/s wall clock (whole job incl. planning ${seconds.toFixed(2)} s)`,
    );
    console.log(
      `  engine CPU ${cpuSeconds.toFixed(2)} s = ${((cpuSeconds / requests) * 1e6).toFixed(0)} µs per request → ${(requests / cpuSeconds).toFixed(0)} requests/s per core`,
    );
    console.log(
      `  (scripted server, another process: CPU ${serverSeconds.toFixed(2)} s = ${((serverSeconds / Math.max(1, sent)) * 1e6).toFixed(0)} µs per request sent)`,
    );

    const again = performance.now();
    await runJob(job, createTinyComponents(options.size), { emit: () => undefined });
    const cachedSeconds = (performance.now() - again) / 1000;
    console.log(`  re-run answered from the cache: ${(requests / cachedSeconds).toFixed(0)} requests/s`);
    return rate;
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export default async function (): Promise<void> {
  // Wall-clock rates depend on what else the machine runs; the load average puts them in context.
  console.log(
    `load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} on ${availableParallelism()} cores`,
  );
  // Twice: the first job in a fresh process also pays V8's warm-up (about a third of its CPU in profiles); the
  // second, same size on a fresh cache and server, shows the steady state of a long job.
  for (const when of ['cold process', 'warm process'] as const) {
    const overhead = await measure(`engine overhead, zero-latency server, concurrency 64 (${when})`, {
      size: 4000,
      latencyMs: 0,
      concurrency: 64,
    });
    console.log(`  target ≥ 2000 requests/s wall clock: ${overhead >= 2000 ? 'met' : 'NOT met'}`);
  }
  const throughput = await measure('200 ms server, concurrency 32', { size: 960, latencyMs: 200, concurrency: 32 });
  const ideal = 32 / 0.2;
  console.log(
    `  ideal ${ideal} requests/s; achieved ${((throughput / ideal) * 100).toFixed(1)} % (target ≥ 95 %): ${throughput >= ideal * 0.95 ? 'met' : 'NOT met'}`,
  );
}

const flagAt = process.argv.indexOf(SERVER_FLAG);
if (flagAt >= 0) {
  const server = await startScriptedOpenAiServer({ latencyMs: Number(process.argv[flagAt + 1] ?? '0') });
  process.on('message', (message) => {
    if (message !== 'cpu') return;
    const used = process.cpuUsage();
    process.send?.((used.user + used.system) / 1e6);
  });
  process.send?.(server.baseUrl);
}
