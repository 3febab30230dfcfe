/**
 * `helm-rank tradeoff --leaderboard <name>`: the computed trade-off table (docs/rank-interval.md §11) for the
 * efficient confs, beside HELM's published table and its source.
 */
import { AppError } from '../../../src-shared/errors';
import { formatTradeoff } from '../../../src-shared/rank/tradeoff';
import type { CommandModule } from '../command';
import { parseCliArgs } from '../options';
import { dataPaths } from '../../services/data-dir';
import { tradeoffForBoard } from '../../services/rank/tradeoff-service';
import { usageError } from '../error-hints';

export const tradeoffCommand: CommandModule = {
  async run(args, context, command) {
    const cli = parseCliArgs(args, context, {
      usage: command.usage,
      options: { leaderboard: { type: 'string' }, resamples: { type: 'string' } },
    });
    const leaderboard = cli.string('leaderboard');
    if (!leaderboard) throw usageError(command.usage, 'Missing --leaderboard <name>.');
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
