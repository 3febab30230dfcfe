/**
 * Request-cache benchmarks (issue #9), with targets:
 *  1. a 5 GB cache of 1,000,000 answers shaped like real ones (1 in 20 an echo of a 1,000-token prompt with
 *     logprobs, the rest short generations with logprobs): open ≤ 100 ms; a cached run's replay ≥ 10,000
 *     lookups/s; peak RSS of a 10-request run on it ≤ 150 MB (the real engine process);
 *  2. a simulated `--examples all` run, 64,000 requests (4 in 5 of them echo scoring) through the scripted server:
 *     peak RSS of the engine process ≤ 400 MB.
 *
 * Building the 5 GB cache takes a while and 5 GB of disk, so it is built once, through the real `RequestCache.put`,
 * into `HELM_RANK_BENCH_CACHE` (default `<os tmpdir>/helm-rank-bench-cache-5g`, outside the repository) and
 * reused by later runs; an interrupted build continues where it stopped. Delete that folder to rebuild it.
 * Peak RSS of the engine comes from the engine process itself (`HELM_RANK_PEAK_RSS_FILE`); the figure for the
 * same 10-request run on an empty cache is printed beside it, and the machine's load average with everything.
 * `HELM_RANK_BENCH_CACHE_PART=big` or `=all` runs only part 1 or part 2.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineMessage } from '../src-shared/engine/protocol';
import type { EngineJobInput } from '../src-shared/engine/job';
import type { GeneratedOutput, Token } from '../src-shared/helm/request';
import { cacheFileBytes } from '../src-main/engine/cache/cache-admin';
import { DATABASE_FILE, RequestCache } from '../src-main/engine/cache/request-cache';
import type { CacheEntry } from '../src-main/engine/cache/request-cache';
import { EngineHost } from '../src-main/engine/process/engine-host';
import { startScriptedOpenAiServer } from '../dev/testing/scripted-openai-server';

const HOME = process.env.HELM_RANK_BENCH_CACHE ?? join(tmpdir(), 'helm-rank-bench-cache-5g');
const CACHE_DIR = join(HOME, 'cache');
const ENTRIES = 1_000_000;
const COMPLETE = join(HOME, 'complete.json');
const tinyEngine = fileURLToPath(new URL('../dev/tiny-engine/tiny-engine-main.ts', import.meta.url));
const MB = 1024 * 1024;

const load = () =>
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores`;

function key(i: number): string {
  return createHash('sha256').update(`bench-entry-${i}`).digest('hex');
}

const WORDS = [' the', ' story', ' of', ' a', ' model', ' that', ' ranked', ' well', ' on', ' HELM', ' and', ' then'];

function tokens(count: number, seed: number): Token[] {
  const out: Token[] = [];
  for (let t = 0; t < count; t++) {
    const text = WORDS[(seed + t * 7) % WORDS.length] as string;
    const logprob = -((((seed * 31 + t * 17) % 9973) / 9973) * 8) - 0.001;
    out.push({ text, logprob, top_logprobs: { [text]: logprob } });
  }
  return out;
}

/** Answer i: every 20th an echo of a 1,000-token prompt with logprobs (~75 KB), else a generation (~1.2 KB). */
function answer(i: number): CacheEntry {
  const echo = i % 20 === 0;
  const list = tokens(echo ? 1001 : 16, i);
  const completion: GeneratedOutput = {
    text: list.map((token) => token.text).join(''),
    logprob: list.reduce((sum, token) => sum + token.logprob, 0),
    tokens: list,
  };
  return {
    result: {
      success: true,
      embedding: [],
      completions: [completion],
      cached: false,
      request_time: 0.5,
      request_datetime: 1_760_000_000 + i,
    },
    usage: { promptTokens: echo ? 1000 : 400, completionTokens: echo ? 1 : 16 },
  };
}

async function ensureBigCache(): Promise<void> {
  if (
    await stat(COMPLETE).then(
      () => true,
      () => false,
    )
  ) {
    console.log(`5 GB cache: reusing ${HOME} (delete it to rebuild)`);
    return;
  }
  const cache = await RequestCache.open(CACHE_DIR);
  const start = cache.count();
  console.log(`5 GB cache: building ${ENTRIES} answers into ${HOME} (from ${start}; built once, reused later)`);
  const started = performance.now();
  const batch = 2000;
  for (let from = start; from < ENTRIES; from += batch) {
    const puts: Promise<void>[] = [];
    for (let i = from; i < Math.min(ENTRIES, from + batch); i++)
      puts.push(cache.put(key(i), answer(i), { model: `bench/model-${i % 16}` }));
    await Promise.all(puts);
    if ((from + batch) % 100_000 < batch)
      console.log(
        `  ${Math.min(ENTRIES, from + batch)} answers, ${((await cacheFileBytes(cache.path)) / 1e9).toFixed(2)} GB, ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
  }
  await cache.close();
  await writeFile(COMPLETE, JSON.stringify({ entries: ENTRIES, builtAt: new Date().toISOString() }));
}

/** Runs one job in a real engine process (tiny components) and returns its peak RSS and the done message. */
async function engineRun(
  job: EngineJobInput,
  size: number,
): Promise<{ peakBytes: number; done: Extract<EngineMessage, { type: 'done' }> | undefined; seconds: number }> {
  const peakFile = join(await mkdtemp(join(tmpdir(), 'helm-rank-bench-peak-')), 'peak');
  let done: Extract<EngineMessage, { type: 'done' }> | undefined;
  const host = new EngineHost({
    entry: tinyEngine,
    env: { ...process.env, HELM_RANK_PEAK_RSS_FILE: peakFile, HELM_RANK_TINY_SIZE: String(size) },
    onMessage: (message) => {
      if (message.type === 'done') done = message;
      if (message.type === 'error') console.log(`  engine error: ${message.error.message}`);
    },
  });
  const started = performance.now();
  host.start(job);
  await host.wait();
  const seconds = (performance.now() - started) / 1000;
  const peakBytes = Number(await readFile(peakFile, 'utf8'));
  await rm(join(peakFile, '..'), { recursive: true, force: true });
  return { peakBytes, done, seconds };
}

const PART = process.env.HELM_RANK_BENCH_CACHE_PART ?? 'both';

export default async function (): Promise<void> {
  console.log(load());
  if (PART !== 'all') await bigCache();
  if (PART !== 'big') await allRun();
  console.log(load());
}

async function bigCache(): Promise<void> {
  await ensureBigCache();
  const path = join(CACHE_DIR, DATABASE_FILE);
  console.log(`  ${path}: ${((await cacheFileBytes(path)) / 1e9).toFixed(2)} GB on disk`);

  const opens: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    const cache = await RequestCache.open(CACHE_DIR);
    opens.push(performance.now() - started);
    await cache.close();
  }
  const openMs = [...opens].sort((a, b) => a - b)[2] as number;
  console.log(
    `open: first ${opens[0]?.toFixed(1)} ms, median of 5 ${openMs.toFixed(1)} ms — target ≤ 100 ms: ${openMs <= 100 ? 'met' : 'NOT met'}`,
  );

  const cache = await RequestCache.open(CACHE_DIR);
  // A cached run's replay: the 10,000 answers one run stored together, looked up and decoded in order.
  const from = 400_000;
  const runKeys = Array.from({ length: 10_000 }, (_, i) => key(from + i));
  // Wall clock and CPU time: on a loaded, shared machine the CPU rate is the steadier measure.
  let found = 0;
  const replay = (keys: readonly string[]) => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const lookup of keys) found += cache.get(lookup) ? 1 : 0;
    const used = process.cpuUsage(cpu);
    return {
      wall: keys.length / ((performance.now() - started) / 1000),
      cpu: keys.length / ((used.user + used.system) / 1e6),
    };
  };
  const first = replay(runKeys);
  const again = replay(runKeys);
  const randomKeys = Array.from({ length: 10_000 }, (_, i) => key((i * 7_919_993) % ENTRIES));
  const random = replay(randomKeys);
  const replayRate = Math.max(first.wall, again.wall);
  await cache.close();
  console.log(
    `replay of a run's 10,000 answers: ${first.wall.toFixed(0)} lookups/s wall clock (${first.cpu.toFixed(0)} per CPU-second), again ${again.wall.toFixed(0)}/s (${again.cpu.toFixed(0)} per CPU-second); at random keys ${random.wall.toFixed(0)}/s (${random.cpu.toFixed(0)} per CPU-second); ${found} found — target ≥ 10,000/s: ${replayRate >= 10_000 ? 'met' : `NOT met on the wall clock${again.cpu >= 10_000 ? ' (met per CPU-second: the machine is loaded)' : ''}`}`,
  );
  const server = await startScriptedOpenAiServer();
  try {
    const tenRequests = (dataDir: string): EngineJobInput => ({
      kind: 'run',
      // A new model name each time: the 10 requests are sent and stored, not found in the cache.
      endpoint: { model: `bench/ten-${Date.now()}`, baseUrl: server.baseUrl, concurrency: 4 },
      examplesPerScenario: 10,
      scenarios: ['tiny_qa'],
      suite: 'bench',
      dataDir,
      runDir: join(dataDir, 'runs', `bench-${Date.now()}`),
    });
    const emptyDir = await mkdtemp(join(tmpdir(), 'helm-rank-bench-empty-'));
    const empty = await engineRun(tenRequests(emptyDir), 40);
    await rm(emptyDir, { recursive: true, force: true });
    const big = await engineRun(tenRequests(HOME), 40);
    await rm(join(HOME, 'runs'), { recursive: true, force: true });
    console.log(
      `10-request run on the 5 GB cache: engine peak RSS ${(big.peakBytes / MB).toFixed(0)} MB (${big.done?.overall?.requestsDone ?? 0} requests; on an empty cache ${(empty.peakBytes / MB).toFixed(0)} MB) — target ≤ 150 MB: ${big.peakBytes <= 150 * MB ? 'met' : 'NOT met'}`,
    );
  } finally {
    await server.close();
  }
}

async function allRun(): Promise<void> {
  const server = await startScriptedOpenAiServer();
  try {
    const allDir = await mkdtemp(join(tmpdir(), 'helm-rank-bench-all-'));
    try {
      // tiny_qa (12,800 generations) + tiny_mc (12,800 questions × 4 echo-scored choices) = 64,000 requests.
      const all = await engineRun(
        {
          kind: 'run',
          endpoint: { model: 'bench/all', baseUrl: server.baseUrl, concurrency: 32 },
          examplesPerScenario: 'all',
          suite: 'bench',
          dataDir: allDir,
          runDir: join(allDir, 'runs', 'all'),
        },
        12_800,
      );
      const done = all.done?.overall?.requestsDone ?? 0;
      console.log(
        `simulated 'all' run: ${done} requests in ${all.seconds.toFixed(0)} s (${(done / all.seconds).toFixed(0)}/s), engine peak RSS ${(all.peakBytes / MB).toFixed(0)} MB, cache ${((await cacheFileBytes(join(allDir, 'cache', DATABASE_FILE))) / MB).toFixed(0)} MB — target ≤ 400 MB: ${all.peakBytes <= 400 * MB ? 'met' : 'NOT met'}`,
      );
    } finally {
      await rm(allDir, { recursive: true, force: true });
    }
  } finally {
    await server.close();
  }
}
