/**
 * Peak memory of a piece of work, measured in a child process of its own (RSS is a process high-water mark, so the
 * test runner's own memory must not count). `runCliMeasured` runs the built `helm-rank <argv>` (bin/helm-rank.mjs →
 * out/app, what users run) in a fresh Node process and returns its exit code, output and peak RSS
 * (`process.resourceUsage().maxRSS`, worker threads included, written by ./rusage-preload.mjs as the child exits).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtEntry } from './built-app';

const PRELOAD = fileURLToPath(new URL('./rusage-preload.mjs', import.meta.url));

export interface MeasuredOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly peakRssBytes: number;
}

export async function runCliMeasured(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<MeasuredOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'helm-rank-peak-rss-'));
  const report = join(dir, 'rusage.json');
  try {
    const child = spawn(process.execPath, ['--import', PRELOAD, builtEntry('cli'), ...argv], {
      env: { ...env, HELM_RANK_BENCH_RUSAGE: report },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const code = await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (exit) => resolve(exit ?? 1));
    });
    const usage = JSON.parse(await readFile(report, 'utf8').catch(() => '{}')) as { maxRssKb?: number };
    return { code, stdout, stderr, peakRssBytes: usage.maxRssKb === undefined ? Number.NaN : usage.maxRssKb * 1024 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
