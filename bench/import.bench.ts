/**
 * Issue #12's speed figures, each a ratio against a baseline measured in this same run, on the built CLI
 * (bin/helm-rank.mjs → out/app, rebuilt first):
 *  - `leaderboard import` ÷ `unzip -p ARCHIVE > /dev/null` on two Classic-shaped archives (45 KB per stats.json):
 *    2,352 runs (≈ 111 MB of JSON) and 8,500 runs (≈ 400 MB); target ≤ 2.0×, peak RSS ≤ 400 MB on the larger;
 *  - cold start of `helm-rank --help` and `leaderboard list` ÷ `node -e 0`; target ≤ 4×;
 *  - `leaderboard show` re-opening the 8,500-run board, whole process; target ≤ 300 ms;
 *  - peak RSS of each (the process's high-water mark, worker threads included).
 * Rounds alternate between the measured command and its baseline, so both see the same machine load; medians
 * are reported, with the load average before and after, and CPU times beside wall times: on a busy machine Linux
 * shares the cores between sessions (autogroup), so an import's second core only shortens its wall time when the
 * machine has one to spare, while CPU time is what it costs either way. The imported boards are checked against the digests the
 * importer produced before its rewrite (bench/import-digests.json): same index, cells and mean win rates.
 * Optional: `HELM_RANK_BENCH_RECORD_DIGESTS=1` re-records those digests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARCHIVE_2352, ARCHIVE_8500, classicArchive } from '../dev/testing/classic-archive';
import type { ArchiveShape } from '../dev/testing/classic-archive';
import { digestBoard } from '../dev/testing/import-digest';
import type { ImportDigest } from '../dev/testing/import-digest';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(root, 'bin', 'helm-rank.mjs');
const RUSAGE_PRELOAD = join(root, 'dev', 'testing', 'rusage-preload.mjs');
const DIGESTS = join(root, 'bench', 'import-digests.json');

interface Measured {
  readonly wallMs: number;
  /** CPU time of the child (user + system, all its threads), from this process's reaped-children counters. */
  readonly cpuMs: number;
  /** From the preload (node commands only): peak RSS of the process, worker threads included. */
  readonly maxRssMb?: number;
  readonly code: number;
}

/** CPU time of this process's reaped children so far, in ms (Linux: /proc/self/stat cutime + cstime). */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[13]) + Number(fields[14]);
  return (ticks * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** Runs a command with stdout to /dev/null; `rusage` adds the preload that reports peak RSS and CPU. */
async function measure(command: string, args: readonly string[], rusage = false): Promise<Measured> {
  const report = join(tmpdir(), `helm-rank-bench-rusage-${process.pid}.json`);
  const devNull = openSync('/dev/null', 'w');
  const argv = rusage ? ['--import', RUSAGE_PRELOAD, ...args] : [...args];
  const cpuBefore = childrenCpuMs();
  const started = process.hrtime.bigint();
  const child = spawn(command, argv, {
    stdio: ['ignore', devNull, 'pipe'],
    env: { ...process.env, HELM_RANK_BENCH_RUSAGE: report },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? 1)));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuMs = childrenCpuMs() - cpuBefore;
  closeSync(devNull);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.slice(-2000)}`);
  if (!rusage) return { wallMs, cpuMs, code };
  const usage = JSON.parse(await readFile(report, 'utf8')) as { maxRssKb: number };
  return { wallMs, cpuMs, code, maxRssMb: usage.maxRssKb / 1024 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function load(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

async function importRatio(
  label: string,
  shape: ArchiveShape,
  rounds: number,
  work: string,
  digests: Record<string, ImportDigest>,
): Promise<string> {
  const archive = await classicArchive(shape);
  const zipMb = (await stat(archive.path)).size / 1024 ** 2;
  console.log(
    `\n${label}: ${archive.runs} runs, ${zipMb.toFixed(1)} MB zip${archive.built ? ' (built now)' : ''} — ${archive.path}`,
  );
  const unzip: Measured[] = [];
  const imports: Measured[] = [];
  let dataDir = '';
  for (let round = 0; round < rounds; round += 1) {
    unzip.push(await measure('unzip', ['-p', archive.path]));
    dataDir = join(work, `${label}-${round}`);
    const args = [BIN, 'leaderboard', 'import', archive.path, '--name', 'bench', '--data-dir', dataDir];
    imports.push(await measure(process.execPath, args, true));
    if (round < rounds - 1) await rm(dataDir, { recursive: true, force: true });
  }
  const importMs = median(imports.map((run) => run.wallMs));
  const unzipMs = median(unzip.map((run) => run.wallMs));
  const importCpu = median(imports.map((run) => run.cpuMs));
  const unzipCpu = median(unzip.map((run) => run.cpuMs));
  const peak = Math.max(...imports.map((run) => run.maxRssMb ?? 0));
  const list = (runs: Measured[]) => runs.map((run) => `${ms(run.wallMs)} (CPU ${ms(run.cpuMs)})`).join(', ');
  console.log(`  unzip -p > /dev/null:         ${list(unzip)}`);
  console.log(`  helm-rank leaderboard import: ${list(imports)}`);
  console.log(
    `  ratio import ÷ unzip -p = ${(importMs / unzipMs).toFixed(2)}× wall (target ≤ 2.0×; medians ${ms(importMs)} / ${ms(unzipMs)}), ` +
      `${(importCpu / unzipCpu).toFixed(2)}× CPU; peak RSS ${peak.toFixed(0)} MB (target ≤ 400 MB on 8,500 runs)`,
  );
  const digest = await digestBoard(dataDir, 'bench', { [dirname(archive.path)]: '<archives>' });
  const key = `${shape.models}x${shape.runsPerModel}-${shape.statsBytes}`;
  if (process.env.HELM_RANK_BENCH_RECORD_DIGESTS === '1') digests[key] = digest;
  else {
    const same = JSON.stringify(digest) === JSON.stringify(digests[key]);
    console.log(
      `  result identical to the recorded import (index, cells, mean win rates, stats): ${same ? 'yes' : 'NO'}`,
    );
    if (!same) process.exitCode = 1;
  }
  return dataDir;
}

export default async function (): Promise<void> {
  console.log(`machine: ${cpus().length} cores, Node ${process.version}; load average at start ${load()}`);
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--no-renderer'], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  if (spawnSync('unzip', ['-v']).error) {
    console.log(
      'unzip is not installed: skipping the import ratios (apt-get install -y unzip; scripts/setup-system.sh does).',
    );
    return;
  }
  const work = await mkdtemp(join(tmpdir(), 'helm-rank-bench-import-'));
  const digests = JSON.parse(await readFile(DIGESTS, 'utf8').catch(() => '{}')) as Record<string, ImportDigest>;
  try {
    await importRatio('2,352-run archive', ARCHIVE_2352, 3, work, digests);
    const board = await importRatio('8,500-run archive', ARCHIVE_8500, 3, work, digests);
    if (process.env.HELM_RANK_BENCH_RECORD_DIGESTS === '1')
      await writeFile(DIGESTS, `${JSON.stringify(digests, null, 2)}\n`);
    console.log(`\nload average after the imports: ${load()}`);

    // Cold starts, interleaved; then one run of each with the preload for peak RSS.
    const commands: [string, string[]][] = [
      ['node -e 0', ['-e', '0']],
      ['helm-rank --help', [BIN, '--help']],
      ['helm-rank leaderboard list', [BIN, 'leaderboard', 'list', '--data-dir', board]],
      ['helm-rank leaderboard show (8,500 runs)', [BIN, 'leaderboard', 'show', 'bench', '--data-dir', board]],
    ];
    const times = commands.map(() => [] as number[]);
    for (let round = 0; round < 15; round += 1)
      for (const [index, [, args]] of commands.entries())
        times[index]!.push((await measure(process.execPath, args)).wallMs);
    const node = median(times[0]!);
    console.log(`\ncold start (15 interleaved rounds, medians; load average ${load()}):`);
    for (const [index, [label, args]] of commands.entries()) {
      const wall = median(times[index]!);
      const rss = (await measure(process.execPath, args, true)).maxRssMb ?? 0;
      const ratio = index === 0 ? '' : `  ${(wall / node).toFixed(2)}× node -e 0`;
      const target = index === 1 || index === 2 ? ' (target ≤ 4×)' : index === 3 ? ' (target ≤ 300 ms)' : '';
      console.log(`  ${label.padEnd(40)} ${ms(wall).padStart(7)}${ratio}${target}; peak RSS ${rss.toFixed(0)} MB`);
    }
    console.log(`load average at the end ${load()}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
