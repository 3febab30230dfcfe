/**
 * `helm-rank tradeoff --leaderboard <name>`: the computed trade-off table (docs/rank-interval.md §11) for the
 * efficient confs, beside HELM's published table and its source.
 */
import { AppError } from '../../../src-shared/errors';
import { formatTradeoff } from '../../../src-shared/rank/tradeoff';
import type { CliCommand } from '../command';
import { parseCliArgs } from '../options';
import { dataPaths } from '../../services/data-dir';
import { tradeoffForBoard } from '../../services/rank/tradeoff-service';
import { usageError } from '../error-hints';

export const tradeoffCommand: CliCommand = {
  path: ['tradeoff'],
  usage: 'tradeoff --leaderboard <name> [--json] [--resamples N] [--data-dir DIR]',
  summary: 'Examples per scenario vs calibrated rank precision and cost on an imported leaderboard.',
  async run(args, context) {
    const cli = parseCliArgs(args, context, {
      usage: this.usage,
      options: { leaderboard: { type: 'string' }, resamples: { type: 'string' } },
    });
    const leaderboard = cli.string('leaderboard');
    if (!leaderboard) throw usageError(this.usage, 'Missing --leaderboard <name>.');
    const resamplesText = cli.string('resamples');
    const resamples = resamplesText === undefined ? 1000 : Number(resamplesText);
    if (!Number.isInteger(resamples) || resamples < 1)
      throw new AppError({
        code: 'cli.usage',
        message: `--resamples must be a positive integer, not '${resamplesText}'.`,
      });
    const table = await tradeoffForBoard({
      leaderboardsDir: dataPaths(cli.dataDir).leaderboards,
      leaderboard,
      resamples,
    });
    context.stdout.write(cli.json ? `${JSON.stringify(table, null, 2)}\n` : formatTradeoff(table));
    return 0;
  },
};
