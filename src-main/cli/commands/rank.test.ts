import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../dev/testing/run-cli';
import { tinyBoardIndex } from '../../../dev/testing/tiny-board';
import { writeUserRun } from '../../../dev/testing/user-run';
import type { RankReport } from '../../services/rank/rank-service';

describe('helm-rank rank on a board without a release name and too few models to calibrate', () => {
  let dir = '';
  let suite = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-cli-rank-'));
    // 5 models: too few for a 95 % conformal factor; an ad-hoc import has no release name.
    await mkdir(join(dir, 'leaderboards', 'tiny'), { recursive: true });
    await writeFile(
      join(dir, 'leaderboards', 'tiny', 'index.json'),
      JSON.stringify({ ...tinyBoardIndex(5), release: '' }),
    );
    suite = join(dir, 'out', 'runs', 'suite');
    const values = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? 0 : 1));
    await writeUserRun(suite, 'boolq:model=me_my-model', 'boolq', 'quasi_exact_match', 'valid', values);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const rank = (...extra: string[]) =>
    runCli(['rank', suite, '--leaderboard', 'tiny', '--resamples', '200', '--data-dir', dir, ...extra], process.env);

  it('leaves the empty release out of the header', async () => {
    const { code, stdout, stderr } = await rank();
    expect(code, stderr).toBe(0);
    expect(stdout.split('\n')[0]).toBe('me/my-model on tiny (5 models)');
  });

  it('gives one calibration basis in JSON: null at the top and in calibration when not calibrated', async () => {
    const { code, stdout, stderr } = await rank('--json');
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as RankReport;
    expect(report.calibrated).toBe(false);
    expect(report.calibrationBasis).toBeNull();
    expect(report.calibration?.basis).toBe(report.calibrationBasis);
  });
});
