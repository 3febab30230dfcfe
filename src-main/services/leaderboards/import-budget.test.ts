import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amplificationArchive } from '../../../dev/testing/amplification-archive';
import { fixtureArchiveEntries } from '../../demo/helm-run-fixture';
import { runCliMeasured } from '../../../dev/testing/peak-rss';
import { runCli } from '../../../dev/testing/run-cli';
import { buildZip } from '../../demo/zip-writer';
import { DEFAULT_IMPORT_BUDGET } from './import-budget';
import { readZipRunFiles } from './run-files';
import { classicFixtureRuns } from '../../../dev/testing/leaderboard-fixtures';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-budget-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const good = buildZip(fixtureArchiveEntries(classicFixtureRuns(['openai/davinci', 'ai21/j1-jumbo'])));

describe('import budgets', () => {
  it('refuses a file over the per-file budget and an archive over the total, naming the entry and the limit', async () => {
    const path = join(dir, 'good.zip');
    await writeFile(path, good);
    const read = (budget: Partial<typeof DEFAULT_IMPORT_BUDGET>) =>
      readZipRunFiles(path, () => undefined, undefined, { ...DEFAULT_IMPORT_BUDGET, ...budget });
    await expect(read({ fileBytes: 1000 })).rejects.toMatchObject({
      code: 'import.over-budget',
      message: expect.stringMatching(/run_spec\.json is [\d.]+ KB \(limit 1000 B per file\)/),
    });
    await expect(read({ totalBytes: 100_000 })).rejects.toMatchObject({
      code: 'import.over-budget',
      message: expect.stringMatching(/\.json brings the files read to [\d.]+ KB \(limit 97\.7 KB per import\)/),
    });
    await expect(read({})).resolves.toMatchObject({ entries: expect.any(Number) });
  });

  it('refuses over-long model names and keeps the previous board', async () => {
    const dataDir = join(dir, 'names');
    const goodPath = join(dir, 'board.zip');
    const badPath = join(dir, 'amplified.zip');
    await writeFile(goodPath, good);
    await writeFile(badPath, amplificationArchive(2));
    expect((await runCli(['leaderboard', 'import', goodPath, '--name', 'b', '--data-dir', dataDir], {})).code).toBe(0);
    const index = await readFile(join(dataDir, 'leaderboards', 'b', 'index.json'), 'utf8');
    const refused = await runCli(['leaderboard', 'import', badPath, '--name', 'b', '--data-dir', dataDir], {});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /amplified\.zip was refused: benchmark_output\/runs\/v1\/boolq:run\d\/run_spec\.json has a (run name|model name) of \d+ characters \(limit \d+ characters\)/,
    );
    expect(await readFile(join(dataDir, 'leaderboards', 'b', 'index.json'), 'utf8')).toBe(index);
    expect((await runCli(['leaderboard', 'show', 'b', '--data-dir', dataDir], {})).code).toBe(0);
  });

  it('refuses the 8 MB amplification archive (1 GB of model names) with peak memory under 400 MB', async () => {
    const path = join(dir, 'bomb.zip');
    await writeFile(path, amplificationArchive(500));
    const outcome = await runCliMeasured(['leaderboard', 'import', path, '--data-dir', join(dir, 'bomb')], {
      ...process.env,
    });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('was refused');
    expect(outcome.peakRssBytes).toBeLessThan(400 * 1024 * 1024);
  });
});
