/**
 * The app's rank executor on the built rank worker (out/app/rank-worker.js, built by vitest's global setup) against
 * the same jobs in-thread: errors arrive as the same AppError, identical requests share one job, and a closed
 * executor leaves no worker behind.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import { builtEntry } from '../../../dev/testing/built-app';
import { writeTinyBoard } from '../../../dev/testing/tiny-board';
import { createRankExecutor } from './rank-executor';
import type { RankJob } from './rank-jobs';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'helm-rank-rank-worker-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh data directory holding the 30-model board `tiny` (nothing calibrated yet). */
async function dataDir(name: string): Promise<string> {
  const dir = join(root, name);
  await writeTinyBoard(join(dir, 'leaderboards'));
  return dir;
}

describe('the rank executor on the rank worker thread', () => {
  it('gives the same AppError as in-thread, and shares one computation between identical requests', async () => {
    const dir = await dataDir('errors');
    const onWorker = createRankExecutor(dir, builtEntry('rank-worker'));
    const inThread = createRankExecutor(dir, null);
    try {
      const failures: RankJob[] = [
        { kind: 'expectedInterval', leaderboard: 'tiny', examplesPerScenario: 20, scenarios: ['nope'] },
        { kind: 'tradeoff', leaderboard: 'absent', scenarios: [] },
      ];
      for (const job of failures) {
        const [fromWorker, fromThread] = await Promise.all(
          [onWorker, inThread].map((executor) =>
            executor.run(job).then(
              () => null,
              (error: unknown) => error,
            ),
          ),
        );
        expect(fromWorker).toBeInstanceOf(AppError);
        expect(fromThread).toBeInstanceOf(AppError);
        expect(toAppErrorData(fromWorker)).toEqual(toAppErrorData(fromThread));
      }
      // Two identical requests at once: one job, one answer (the very same object).
      const job: RankJob = { kind: 'expectedInterval', leaderboard: 'tiny', examplesPerScenario: 'all' };
      const [first, second] = await Promise.all([onWorker.run(job), onWorker.run(job)]);
      expect(first).toBe(second);
      expect(first).toEqual(await inThread.run(job));
    } finally {
      await onWorker.close();
      await inThread.close();
    }
  });

  it('stops its worker on close: a job under way is answered with rank.worker-stopped, later ones are refused', async () => {
    const dir = await dataDir('close');
    const executor = createRankExecutor(dir, builtEntry('rank-worker'));
    const running = executor.run({ kind: 'tradeoff', leaderboard: 'tiny', scenarios: [] });
    await executor.close();
    await expect(running).rejects.toMatchObject({ code: 'rank.worker-stopped' });
    await expect(executor.run({ kind: 'tradeoff', leaderboard: 'tiny', scenarios: [] })).rejects.toMatchObject({
      code: 'rank.worker-stopped',
    });
    // A worker that cannot start answers the same way instead of leaving the caller waiting.
    const broken = createRankExecutor(dir, join(dir, 'missing-worker.js'));
    await expect(broken.run({ kind: 'tradeoff', leaderboard: 'tiny', scenarios: [] })).rejects.toMatchObject({
      code: 'rank.worker-stopped',
    });
    await broken.close();
  });
});
