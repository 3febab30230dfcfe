import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureLeaderboardZip } from '../../demo/fixture-leaderboard';
import { BOARD_SUMMARY_FILE } from './board-summary';
import { LeaderboardService } from './leaderboard-service';

// Issue #12: listing a board and showing its tables read only the compact index (board.json), never the
// megabytes of index.json and run-stats.json.
describe('the compact index (board.json)', () => {
  let dataDir = '';
  let board = '';
  let service: LeaderboardService;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'helm-rank-board-summary-'));
    await writeFile(join(dataDir, 'board.zip'), buildFixtureLeaderboardZip());
    service = new LeaderboardService({ dataDir, catalogue: [] });
    const { jobId } = await service.startImport({ source: join(dataDir, 'board.zip'), name: 'fixture' });
    expect((await service.waitForJob(jobId)).phase).toBe('done');
    board = join(dataDir, 'leaderboards', 'fixture');
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is written at import, a small fraction of index.json', async () => {
    const [summary, index] = await Promise.all([
      stat(join(board, BOARD_SUMMARY_FILE)),
      stat(join(board, 'index.json')),
    ]);
    expect(summary.size).toBeLessThan(index.size / 4);
  });

  it('alone serves `leaderboard show` and `leaderboard list`, identically', async () => {
    const before = { tables: await allTables(service), list: await service.list() };
    const index = await readFile(join(board, 'index.json'), 'utf8');
    try {
      // With index.json and run-stats.json unreadable, only board.json can answer.
      await writeFile(join(board, 'index.json'), 'not json');
      await writeFile(join(board, 'run-stats.json'), 'not json');
      expect(await allTables(service)).toEqual(before.tables);
      expect(await service.list()).toEqual(before.list);
    } finally {
      await writeFile(join(board, 'index.json'), index);
    }
  });

  it('is derived from index.json for a board imported before it existed', async () => {
    const before = await allTables(service);
    const summary = await readFile(join(board, BOARD_SUMMARY_FILE), 'utf8');
    await rm(join(board, BOARD_SUMMARY_FILE));
    try {
      expect(await allTables(service)).toEqual(before);
      expect((await service.list())[0]).toMatchObject({ name: 'fixture', runs: 456, models: 12, warnings: 0 });
    } finally {
      await writeFile(join(board, BOARD_SUMMARY_FILE), summary);
    }
  });

  it('reports a damaged board.json as damaged, with the re-import hint', async () => {
    const summary = await readFile(join(board, BOARD_SUMMARY_FILE), 'utf8');
    await writeFile(join(board, BOARD_SUMMARY_FILE), JSON.stringify({ ...JSON.parse(summary), runCount: -1 }));
    try {
      await expect(service.table({ name: 'fixture' })).rejects.toMatchObject({ code: 'leaderboard.damaged' });
    } finally {
      await writeFile(join(board, BOARD_SUMMARY_FILE), summary);
    }
  });
});

async function allTables(service: LeaderboardService) {
  const tables = [];
  for (const table of ['accuracy', 'calibration', 'robustness', 'fairness', 'efficiency'] as const)
    for (const winRate of ['legacy', 'current'] as const)
      tables.push(await service.table({ name: 'fixture', table, winRate }));
  return tables;
}
