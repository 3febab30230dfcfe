/**
 * `helm-rank tradeoff --leaderboard <name>`: the computed trade-off table (docs/rank-interval.md §11) for the
 * efficient confs, beside HELM's published table and its source.
 */
import { AppError } from '../../../src-shared/errors';
import { DEFAULT_CALIBRATION_SETTINGS } from '../../../src-shared/rank/design-calibration';
import { formatTradeoff } from '../../../src-shared/rank/tradeoff';
import type { CliCommand } from '../command';
import { parseCliArgs } from '../options';
import { dataPaths } from '../../services/data-dir';
import { tradeoffForBoard } from '../../services/rank/tradeoff-service';

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new AppError({ code: 'cli.usage', message: `--${name} must be a positive integer, not '${value}'.` });
  return parsed;
}

export const tradeoffCommand: CliCommand = {
  path: ['tradeoff'],
  usage: 'tradeoff --leaderboard <name> [--scenarios a,b,…] [--json] [--resamples N] [--draws R] [--data-dir DIR]',
  summary: 'Examples per scenario vs calibrated rank precision and cost on an imported leaderboard.',
  async run(args, context) {
    const cli = parseCliArgs(args, context, {
      usage: this.usage,
      options: {
        leaderboard: { type: 'string' },
        resamples: { type: 'string' },
        draws: { type: 'string' },
        scenarios: { type: 'string' },
      },
    });
    const leaderboard = cli.string('leaderboard');
    if (!leaderboard)
      throw new AppError({
        code: 'cli.usage',
        message: 'Missing --leaderboard <name>.',
        hint: `usage: helm-rank ${this.usage}`,
      });
    const scenarios = cli
      .string('scenarios')
      ?.split(',')
      .map((scenario) => scenario.trim())
      .filter((scenario) => scenario !== '');
    const table = await tradeoffForBoard({
      leaderboardsDir: dataPaths(cli.dataDir).leaderboards,
      leaderboard,
      ...(scenarios ? { scenarios } : {}),
      settings: {
        resamples: positiveInteger(cli.string('resamples'), 'resamples', DEFAULT_CALIBRATION_SETTINGS.resamples),
        draws: positiveInteger(cli.string('draws'), 'draws', DEFAULT_CALIBRATION_SETTINGS.draws),
      },
    });
    context.stdout.write(cli.json ? `${JSON.stringify(table, null, 2)}\n` : formatTradeoff(table));
    return 0;
  },
};
