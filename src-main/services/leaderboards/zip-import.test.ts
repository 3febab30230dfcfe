/**
 * The multi-threaded archive import (issue #12) fails as the in-thread one does, and never hangs: a corrupt entry, a
 * name over the budget, a cancel, a worker that cannot start. Results themselves are compared with the recorded
 * ones in import-equivalence.test.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASSIC_SCHEMA } from '../../../src-shared/leaderboard/schema';
import { builtEntry } from '../../../dev/testing/built-app';
import { classicArchiveEntries } from '../../../dev/testing/classic-archive';
import { buildZip } from '../../demo/zip-writer';
import type { ZipEntryInput } from '../../demo/zip-writer';
import { DEFAULT_IMPORT_BUDGET } from './import-budget';
import { RunCollector } from './run-collector';
import { importZipRuns } from './zip-import';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-zip-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SHAPE = { models: 4, runsPerModel: 30, statsBytes: 20_000 };

async function archive(name: string, change?: (entries: ZipEntryInput[]) => ZipEntryInput[]): Promise<string> {
  const entries = [...classicArchiveEntries(SHAPE)];
  const path = join(dir, name);
  await writeFile(path, buildZip(change ? change(entries) : entries));
  return path;
}

function run(path: string, count: number, signal?: AbortSignal, onProgress?: (runs: number) => void) {
  const collector = new RunCollector(CLASSIC_SCHEMA, DEFAULT_IMPORT_BUDGET, path);
  const done = importZipRuns(path, collector, {
    project: 'classic',
    budget: DEFAULT_IMPORT_BUDGET,
    source: path,
    signal,
    workers: { count, entry: count > 0 ? builtEntry('import-worker') : '' },
    ...(onProgress ? { onProgress } : {}),
  });
  return { collector, done };
}

describe('importZipRuns on worker threads', () => {
  it('reads every run, in archive order, like the in-thread import', async () => {
    const path = await archive('good.zip');
    const threaded = run(path, 2);
    const inThread = run(path, 0);
    await Promise.all([threaded.done, inThread.done]);
    expect(threaded.collector.runs).toHaveLength(SHAPE.models * SHAPE.runsPerModel);
    expect(threaded.collector.runs).toEqual(inThread.collector.runs);
    expect(threaded.collector.warnings).toEqual([]);
  });

  it('fails on a corrupt entry (CRC-32), naming it', async () => {
    const entries = [...classicArchiveEntries(SHAPE)].map((entry, index) =>
      index === 101 ? { ...entry, method: 'store' as const } : entry,
    );
    const zip = buildZip(entries);
    zip.write('X', zip.indexOf(String(entries[101]!.data).slice(0, 100)) + 5);
    const path = join(dir, 'corrupt.zip');
    await writeFile(path, zip);
    const { done } = run(path, 2);
    await expect(done).rejects.toMatchObject({
      code: 'import.corrupt-archive',
      message: expect.stringContaining(`(entry ${entries[101]!.name}): CRC-32 mismatch`),
    });
  });

  it('refuses a name over the import budget, read by a worker', async () => {
    const path = await archive('long-name.zip', (entries) =>
      entries.map((entry, index) =>
        index === 60
          ? { ...entry, data: String(entry.data).replace('"model": "', `"model": "${'m'.repeat(300)}`) }
          : entry,
      ),
    );
    const { done } = run(path, 2);
    await expect(done).rejects.toMatchObject({ code: 'import.over-budget' });
  });

  it('stops when cancelled, and ends its workers', async () => {
    const path = await archive('cancel.zip');
    const controller = new AbortController();
    const { done } = run(path, 2, controller.signal, () => controller.abort());
    await expect(done).rejects.toMatchObject({ code: 'import.cancelled' });
  });

  it('fails clearly when a worker cannot start', async () => {
    const path = await archive('no-worker.zip');
    const collector = new RunCollector(CLASSIC_SCHEMA);
    await expect(
      importZipRuns(path, collector, {
        project: 'classic',
        budget: DEFAULT_IMPORT_BUDGET,
        source: path,
        workers: { count: 1, entry: join(dir, 'missing-worker.js') },
      }),
    ).rejects.toThrow(/missing-worker\.js|Cannot find module/);
  });
});
