/**
 * Import at Classic scale: a synthetic run archive of ≈70 models × ≈100 runs (real run_spec.json / stats.json shapes,
 * stats.json ≈ 30 KB each), imported through the real importer from a local path; prints import time, peak RSS and
 * the time to re-open the board (load index + build the accuracy table). Targets (issue #2): import ≤ 10 s,
 * peak RSS ≤ 400 MB on 2 cores, re-open ≤ 200 ms. Peak RSS is sampled every 20 ms (and process.resourceUsage().maxRSS).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLASSIC_SCHEMA } from '../src-shared/leaderboard/schema';
import { Downloader } from '../src-main/engine/download/downloader';
import { resolveImportSource } from '../src-main/services/leaderboards/catalogue';
import { importLeaderboard } from '../src-main/services/leaderboards/importer';
import { LeaderboardService } from '../src-main/services/leaderboards/leaderboard-service';
import { fixtureArchiveEntries, fixtureStats } from '../src-main/demo/helm-run-fixture';
import type { FixtureRun } from '../src-main/demo/helm-run-fixture';
import { buildZip } from '../src-main/demo/zip-writer';

const MODELS = 70;
const RUNS_PER_MODEL = 100;

/** 16 groups; extra runs go to MMLU subjects, RAFT subsets and CivilComments demographics as in Classic. */
function syntheticRuns(): FixtureRun[] {
  const columns = CLASSIC_SCHEMA.tables.accuracy ?? [];
  const multi = columns.filter((column) => ['mmlu', 'raft', 'civil_comments'].includes(column.group));
  const runs: FixtureRun[] = [];
  for (let m = 0; m < MODELS; m += 1) {
    const model = `bench-org/model-${String(m).padStart(2, '0')}`;
    let count = 0;
    for (const [c, column] of columns.entries()) {
      runs.push({
        group: column.group,
        model,
        metric: column.metric,
        split: column.split,
        value: ((m * 7 + c * 13) % 100) / 100,
      });
      count += 1;
    }
    for (let k = 0; count < RUNS_PER_MODEL; k += 1, count += 1) {
      const column = multi[k % multi.length]!;
      runs.push({
        group: column.group,
        model,
        metric: column.metric,
        split: column.split,
        value: ((m * 3 + k * 11) % 100) / 100,
        variant: `subset=s${k}`,
      });
    }
  }
  return runs;
}

export default async function (): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'helm-rank-bench-'));
  try {
    const runs = syntheticRuns();
    const buildStart = performance.now();
    const archivePath = join(dir, 'run_stats.zip');
    await writeFile(archivePath, buildZip(fixtureArchiveEntries(runs)));
    const statsBytes = Buffer.byteLength(fixtureStats(runs[0]!));
    console.log(
      `archive: ${runs.length} runs, ${(statsBytes / 1024).toFixed(0)} KB stats.json each, ${((await stat(archivePath)).size / 1024 ** 2).toFixed(1)} MB zip (built in ${((performance.now() - buildStart) / 1000).toFixed(1)} s)`,
    );
    // Import and re-open each run in a fresh process, so peak RSS is the importer's own, not the archive builder's.
    await runChild('import', dir);
    await runChild('reopen', dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runChild(mode: 'import' | 'reopen', dir: string): Promise<void> {
  const runner = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
  const child = spawn(process.execPath, [runner, fileURLToPath(import.meta.url), CHILD_FLAG, mode, dir], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`benchmark child '${mode}' exited with ${code}`);
}

async function childImport(dir: string): Promise<void> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const cpuStart = process.cpuUsage();
  const importStart = performance.now();
  const index = await importLeaderboard(resolveImportSource(join(dir, 'run_stats.zip')), {
    leaderboardsDir: join(dir, 'leaderboards'),
    downloadsDir: join(dir, 'downloads'),
    name: 'bench',
    downloader: new Downloader(),
  });
  const importSeconds = (performance.now() - importStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const indexBytes = (await stat(join(dir, 'leaderboards', 'bench', 'index.json'))).size;
  console.log(
    `import: ${importSeconds.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (target ≤ 10 s); ${index.runs.length} runs, ${index.models.length} models, ${index.warnings.length} warnings`,
  );
  console.log(`peak RSS: ${(peak / 1024 ** 2).toFixed(0)} MB (target ≤ 400 MB; whole importer process)`);
  console.log(`index.json: ${(indexBytes / 1024 ** 2).toFixed(1)} MB`);
}

async function childReopen(dir: string): Promise<void> {
  const service = new LeaderboardService({ dataDir: dir });
  const start = performance.now();
  const table = await service.table({ name: 'bench' });
  const ms = performance.now() - start;
  console.log(
    `re-open (cold process: read index.json + build the accuracy table, ${table.rows.length} rows): ${ms.toFixed(0)} ms (target ≤ 200 ms)`,
  );
}

const CHILD_FLAG = '--import-bench-child';
const flagAt = process.argv.indexOf(CHILD_FLAG);
if (flagAt >= 0) {
  const mode = process.argv[flagAt + 1];
  const dir = process.argv[flagAt + 2] ?? '';
  await (mode === 'import' ? childImport(dir) : childReopen(dir));
}
