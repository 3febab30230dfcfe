/**
 * BoardWrite: run-stats.json streamed in run by run is the file `JSON.stringify` would write; a failed or cancelled
 * import leaves the old board alone; folders left by a killed import are removed by the next import of that name.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Stat } from '../../../src-shared/helm/stat';
import { BoardWrite, INDEX_FORMAT_VERSION, loadLeaderboardRuns } from './leaderboard-index';
import type { ImportedRun, LeaderboardIndex } from './leaderboard-index';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-board-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const stat = (name: string, sum: number): Stat => ({ name: { name, split: 'test' }, count: 1, sum, sum_squared: sum });

function board(name: string, runs: ImportedRun[]): LeaderboardIndex {
  return {
    formatVersion: INDEX_FORMAT_VERSION,
    name,
    catalogueId: null,
    title: name,
    project: 'classic',
    release: '',
    kind: 'run-archive',
    winRateRule: 'legacy',
    importedAt: '2026-12-02T00:00:00.000Z',
    models: ['a/m'],
    displayNames: [null],
    runs: runs.map(({ stats: _stats, ...run }) => run),
    tables: {},
    warnings: [],
  };
}

const run = (index: number): ImportedRun => ({
  name: `boolq:model=a_m,seed=${index}`,
  model: 'a/m',
  modelDeployment: '',
  groups: ['boolq'],
  suite: 'v1',
  numInstances: { test: 10 },
  stats: [stat('exact_match', index / 7), stat('num_instances', 10)],
});

const source = { url: 'x.zip', fetchedFrom: null, sha256: null, importedAt: '2026-12-02T00:00:00.000Z' };

describe('BoardWrite', () => {
  it('streams run-stats.json to exactly the bytes of JSON.stringify of the whole file, in chunks', async () => {
    // Enough runs to cross the write chunk several times.
    const runs = Array.from({ length: 3000 }, (_, index) => run(index));
    const write = await BoardWrite.begin(dir, 'b');
    for (const { stats } of runs) write.addRunStats(stats);
    await write.commit(board('b', runs), source);
    const text = await readFile(join(dir, 'b', 'run-stats.json'), 'utf8');
    expect(text).toBe(JSON.stringify({ formatVersion: INDEX_FORMAT_VERSION, stats: runs.map((entry) => entry.stats) }));
    expect(await loadLeaderboardRuns(dir, 'b')).toEqual(runs);
    expect(await readdir(dir)).toEqual(['b']);
  });

  it('leaves the old board as it was when an import is aborted or commits the wrong number of runs', async () => {
    const first = await BoardWrite.begin(dir, 'b');
    first.addRunStats(run(1).stats);
    await first.commit(board('b', [run(1)]), source);
    const before = await readFile(join(dir, 'b', 'run-stats.json'), 'utf8');

    const aborted = await BoardWrite.begin(dir, 'b');
    aborted.addRunStats(run(2).stats);
    await aborted.abort();
    const short = await BoardWrite.begin(dir, 'b');
    await expect(short.commit(board('b', [run(3)]), source)).rejects.toThrow(/one stats list per run/);

    expect(await readdir(dir)).toEqual(['b']);
    expect(await readFile(join(dir, 'b', 'run-stats.json'), 'utf8')).toBe(before);
  });

  it('removes the folders of a killed import of the same name, and keeps a running one’s', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout.trim());
    await mkdir(join(dir, `.b.new-${deadPid}-abc`));
    await mkdir(join(dir, `.b.old-${deadPid}-abc`));
    await mkdir(join(dir, `.b.new-${process.pid}-live`)); // this process: still running
    await mkdir(join(dir, `.c.new-${deadPid}-abc`)); // another board's: left to that board's next import
    const write = await BoardWrite.begin(dir, 'b');
    await write.commit(board('b', []), source);
    expect((await readdir(dir)).sort()).toEqual([`.b.new-${process.pid}-live`, `.c.new-${deadPid}-abc`, 'b']);
  });
});
