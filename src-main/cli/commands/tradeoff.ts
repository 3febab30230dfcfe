/**
 * `helm-rank tradeoff --leaderboard <name> [--scenarios a,b]`: the computed trade-off table (docs/rank-interval.md
 * §11, docs/calibration.md §6) for the efficient confs — the expected calibrated interval of each, with the board's
 * own run layout — beside HELM's published table and its source.
 */
import { DEFAULT_CALIBRATION_SETTINGS } from '../../../src-shared/rank/design-calibration';
import { formatTradeoff } from '../../../src-shared/rank/tradeoff';
import type { CommandModule } from '../command';
import { parseCliArgs, positiveInteger } from '../options';
import { dataPaths } from '../../services/data-dir';
import { tradeoffForBoard } from '../../services/rank/tradeoff-service';
import { cachedBoardMatrices } from '../../services/board-instances/board-instance-service';
import { usageError } from '../error-hints';
import { scenarioList } from '../../../src-shared/scenario-names';

export const tradeoffCommand: CommandModule = {
  async run(args, context, command) {
    const cli = parseCliArgs(args, context, command);
    const leaderboard = cli.string('leaderboard');
    if (!leaderboard) throw usageError(command.usage, 'Missing --leaderboard <name>.');
    const scenariosText = cli.string('scenarios');
    const scenarios = scenariosText === undefined ? undefined : scenarioList(scenariosText);
    const table = await tradeoffForBoard({
      leaderboardsDir: dataPaths(cli.dataDir).leaderboards,
      leaderboard,
      ...(scenarios ? { scenarios } : {}),
      // As `rank` does: the board's per-instance data cached by `helm-rank leaderboard instances`, where present.
      loadBoardMatrices: cachedBoardMatrices(cli.dataDir, leaderboard),
      settings: {
        resamples: positiveInteger(
          cli.string('resamples'),
          'resamples',
          DEFAULT_CALIBRATION_SETTINGS.resamples,
          command.usage,
        ),
        draws: positiveInteger(cli.string('draws'), 'draws', DEFAULT_CALIBRATION_SETTINGS.draws, command.usage),
      },
    });
    context.stdout.write(cli.json ? `${JSON.stringify(table, null, 2)}\n` : formatTradeoff(table));
    return 0;
  },
};
