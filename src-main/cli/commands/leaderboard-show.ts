/**
 * `helm-rank leaderboard show <name>`: one table of an imported leaderboard, sorted by mean win rate, with ranks.
 * `--json` prints the LeaderboardTable: `{ name, table, columns, rows: [{ model, meanWinRate, rank, cells }] }` plus
 * `winRateRule`, `headers`, `lowerIsBetter` and each row's `displayName`.
 */
import { tableNameSchema, winRateRuleSchema } from '../../../src-shared/api/leaderboards';
import type { LeaderboardTable } from '../../../src-shared/api/leaderboards';
import type { CommandModule } from '../command';
import { parseCliArgs } from '../options';
import { LeaderboardService } from '../../services/leaderboards/leaderboard-service';

export const leaderboardShowCommand: CommandModule = {
  async run(args, context, command) {
    const cli = parseCliArgs(args, context, command);
    const table = cli.choice('table', tableNameSchema.options);
    const winRate = cli.choice('win-rate', winRateRuleSchema.options);
    const service = new LeaderboardService({ dataDir: cli.dataDir });
    const result = await service.table({ name: cli.positionals[0] ?? '', table, winRate });
    context.stdout.write(cli.json ? `${JSON.stringify(result, null, 2)}\n` : formatTable(result));
    return 0;
  },
};

/** Plain-text rendering: rank, model, mean win rate, then one column per run group (3 decimals, `-` for empty). */
export function formatTable(table: LeaderboardTable): string {
  const header = ['#', 'model', 'MWR', ...table.columns];
  const rows = table.rows.map((row) => [
    String(row.rank),
    row.model,
    format(row.meanWinRate),
    ...table.columns.map((column) => format(row.cells[column] ?? null)),
  ]);
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => row[index]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => (index === 1 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0)))
      .join('  ');
  const title = `${table.name} — ${table.table} (${table.winRateRule} mean win rate, ${table.rows.length} models)`;
  return `${title}\n${line(header)}\n${rows.map(line).join('\n')}\n`;
}

function format(value: number | null): string {
  return value === null ? '-' : value.toFixed(3);
}
