import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioState } from '../../../src-shared/helm/request';
import type { RunSpec } from '../../../src-shared/helm/run-spec';
import { buildFixtureLeaderboardZip } from '../../demo/fixture-leaderboard';
import { partialRoot, runOutputDir, writeRunDirectory } from '../../engine/output/run-directory';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import { runCli } from '../../../dev/testing/run-cli';
import { builtTestEngine } from '../../../dev/testing/built-app';

// Runs whose groups are Classic columns (mmlu, openbookqa), so they rank against the fixture board.
const tinyBoardEngine = builtTestEngine('tiny-board-engine-main');

/**
 * A real full disk: the data directory on a small tmpfs (we are root on our machines), filled to a few KB by a
 * filler file. Where mounting is not permitted the tests are skipped, saying why.
 */
let outside = '';
let mountPoint = '';
let skipReason = '';
const fillers: string[] = [];

/** Leaves about `bytes` free on the tmpfs; returns the filler's path (delete it to free the disk). */
async function fill(bytes: number): Promise<string> {
  const filler = join(mountPoint, `filler-${Date.now()}`);
  const info = await statfs(mountPoint);
  fillers.push(filler);
  await writeFile(filler, Buffer.alloc(Math.max(0, info.bavail * info.bsize - bytes)));
  return filler;
}

beforeAll(async () => {
  outside = await mkdtemp(join(tmpdir(), 'helm-rank-diskfull-'));
  mountPoint = join(outside, 'tmpfs');
  execFileSync('mkdir', ['-p', mountPoint]);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint], { stdio: 'pipe' });
  } catch (error) {
    skipReason = `cannot mount a tmpfs here (${String((error as { stderr?: unknown }).stderr ?? error).trim()}); needs root`; // boundary: execFileSync's error carries stderr
  }
});
afterEach(async () => {
  for (const filler of fillers.splice(0)) await rm(filler, { force: true });
});
afterAll(async () => {
  if (!skipReason) execFileSync('umount', ['-l', mountPoint]);
  await rm(outside, { recursive: true, force: true });
});

describe('a full disk', () => {
  it('during an import: a clear error, no leftovers, the previous board intact', async (context) => {
    if (skipReason) return context.skip(skipReason);
    const dataDir = join(mountPoint, 'import');
    const zip = join(outside, 'board.zip');
    await writeFile(zip, buildFixtureLeaderboardZip());
    const importIt = () => runCli(['leaderboard', 'import', zip, '--name', 'fx', '--data-dir', dataDir], {});
    expect((await importIt()).code).toBe(0);
    const index = await readFile(join(dataDir, 'leaderboards', 'fx', 'index.json'), 'utf8');
    const filler = await fill(8 * 1024);
    try {
      const failed = await importIt();
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(`helm-rank: Disk full: cannot write the leaderboard 'fx'`);
      expect(await readdir(join(dataDir, 'leaderboards'))).toEqual(['fx']);
      expect(await readFile(join(dataDir, 'leaderboards', 'fx', 'index.json'), 'utf8')).toBe(index);
    } finally {
      await rm(filler);
    }
    expect((await importIt()).code).toBe(0);
    await rm(dataDir, { recursive: true });
  });

  it('during a run: failed "disk full" in run.json with the resume command, nothing half-written, rank works after resume', async (context) => {
    if (skipReason) return context.skip(skipReason);
    const dataDir = join(mountPoint, 'run');
    const env = { ...process.env, HELM_RANK_ENGINE_ENTRY: tinyBoardEngine, HELM_RANK_MIRROR: '' };
    const zip = join(outside, 'board.zip');
    await writeFile(zip, buildFixtureLeaderboardZip());
    expect((await runCli(['leaderboard', 'import', zip, '--name', 'fx', '--data-dir', dataDir], env)).code).toBe(0);
    const server = await startScriptedOpenAiServer();
    try {
      const filler = await fill(96 * 1024);
      const base = ['run', '--model', 'org/m', '--base-url', server.baseUrl, '--examples', '20', '--suite', 's'];
      const failed = await runCli([...base, '--data-dir', dataDir], env);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/failed: Disk full: cannot write /);
      const [runId = ''] = await readdir(join(dataDir, 'runs'));
      const resume = `helm-rank run --resume ${runId} --data-dir ${dataDir}`;
      expect(failed.stderr).toContain(`resume: ${resume}`);
      const record = JSON.parse(await readFile(join(dataDir, 'runs', runId, 'run.json'), 'utf8')) as {
        status: string;
        error: { code: string; message: string; details: { resume: string } };
      };
      expect(record.status).toBe('failed');
      expect(record.error.code).toBe('disk.full');
      expect(record.error.message).toMatch(/^Disk full: cannot write/);
      expect(record.error.details.resume).toBe(resume);
      // Nothing half-written where HELM's tools or our reader look: every run directory there is complete.
      const suiteDir = join(dataDir, 'runs', runId, 'benchmark_output', 'runs', 's');
      for (const name of await readdir(suiteDir).catch(() => [])) {
        expect(name).not.toMatch(/partial/);
        for (const file of ['run_spec.json', 'stats.json', 'per_instance_stats.json'])
          expect(() => JSON.parse('' + execFileSync('cat', [join(suiteDir, name, file)]))).not.toThrow();
      }
      await rm(filler);
      const resumed = await runCli(resume.split(' ').slice(1), env);
      expect(resumed.code, resumed.stderr).toBe(0);
      const ranked = await runCli(['rank', suiteDir, '--leaderboard', 'fx', '--data-dir', dataDir], env);
      expect(ranked.code, ranked.stderr).toBe(0);
      expect(ranked.stdout).toMatch(/rank/i);
    } finally {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('while writing a HELM run directory: disk.full, the partial removed, nothing in the suite directory', async (context) => {
    if (skipReason) return context.skip(skipReason);
    const runDir = join(mountPoint, 'writer');
    const target = runOutputDir(runDir, 's', 'boolq:model=org_m');
    await fill(64 * 1024);
    const runSpec = { name: 'boolq:model=org_m' } as unknown as RunSpec; // only serialized here
    const outputs = {
      runSpec,
      scenario: { name: 'boolq', description: '', tags: [], definition_path: '' },
      scenarioState: {
        adapter_spec: {},
        request_states: [{ text: 'x'.repeat(512 * 1024) }],
      } as unknown as ScenarioState,
      stats: [],
      perInstanceStats: [],
    };
    await expect(writeRunDirectory(target, outputs, partialRoot(runDir))).rejects.toMatchObject({
      code: 'disk.full',
      message: `Disk full: cannot write a HELM run directory (${target}).`,
    });
    expect(await readdir(partialRoot(runDir))).toEqual([]);
    expect(await readdir(join(runDir, 'benchmark_output', 'runs', 's'))).toEqual([]);
    await rm(runDir, { recursive: true, force: true });
  });
});
