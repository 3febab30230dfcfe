/** `helm-rank leaderboard list`: the catalogue and the leaderboards already imported. */
import type { CommandModule } from '../command';
import { parseCliArgs } from '../options';
import { LeaderboardService } from '../../services/leaderboards/leaderboard-service';

export const leaderboardListCommand: CommandModule = {
  async run(args, context, command) {
    const cli = parseCliArgs(args, context, command);
    const service = new LeaderboardService({ dataDir: cli.dataDir });
    const catalogue = await service.listCatalogue();
    const imported = await service.list();
    if (cli.json) {
      context.stdout.write(`${JSON.stringify({ catalogue, imported }, null, 2)}\n`);
      return 0;
    }
    const lines = ['Available (helm-rank leaderboard import <id>):'];
    for (const entry of catalogue) {
      lines.push(
        `  ${entry.id.padEnd(18)} ${entry.title}${entry.isDefault ? '  [default]' : ''}  (${entry.kind}, ${entry.winRateRule} win rate)`,
      );
    }
    lines.push('', `Imported (in ${cli.dataDir}):`);
    if (imported.length === 0) lines.push('  none yet');
    for (const board of imported) {
      const warnings =
        board.warnings > 0 ? `, ${board.warnings} runs skipped` : board.warnings < 0 ? ', unreadable' : '';
      lines.push(
        `  ${board.name.padEnd(18)} ${board.models} models, ${board.runs} runs, tables: ${board.tables.join(', ') || 'none'}; imported ${board.importedAt}${warnings}`,
      );
    }
    context.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
