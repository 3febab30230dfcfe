/**
 * `helm-rank rank <run dir | suite dir> --leaderboard <name>`: where the model ranks, with a calibrated 95 %
 * interval (docs/rank-interval.md, docs/calibration.md). `--json` prints `{ model, rank, rankInterval, meanWinRate,
 * meanWinRateInterval, method, calibrated, probRankAtMost, tiedWith, cells }` followed by the details
 * (calibration basis, raw interval, `probRankAtMostCalibrated` / `probRankAtMostRaw`, the T2 view
 * `tiedWithIncludingBoardNoise` with `boardNoiseNote`, warnings, seed, B). `--out FILE` also stores the report (rank.json).
 */
import type { CommandModule } from '../command';
import { parseCliArgs, positiveInteger } from '../options';
import { dataPaths } from '../../services/data-dir';
import type { RankReport } from '../../services/rank/rank-service';
import { rankRuns, saveRankReport } from '../../services/rank/rank-service';
import { cachedBoardMatrices } from '../../services/board-instances/board-instance-service';
import { usageError } from '../error-hints';

export const rankCommand: CommandModule = {
  async run(args, context, command) {
    const cli = parseCliArgs(args, context, command);
    const leaderboard = cli.string('leaderboard');
    if (!leaderboard) throw usageError(command.usage, 'Missing --leaderboard <name>.');
    const resamples = positiveInteger(cli.string('resamples'), 'resamples', 2000, command.usage);
    const seed = positiveInteger(cli.string('seed'), 'seed', 1, command.usage);
    const report = await rankRuns({
      path: cli.positionals[0] ?? '',
      leaderboardsDir: dataPaths(cli.dataDir).leaderboards,
      leaderboard,
      resamples,
      seed,
      paired: cli.choice('paired', ['auto', 'off'] as const) ?? 'auto',
      // Paired estimates use the board's per-instance data cached by `helm-rank leaderboard instances`.
      loadBoardMatrices: cachedBoardMatrices(cli.dataDir, leaderboard),
    });
    const out = cli.string('out');
    if (out) await saveRankReport(out, report);
    context.stdout.write(cli.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return 0;
  },
};

/** What the interval rests on, in words: exact, calibrated on real or simulated per-instance data, or not calibrated. */
function calibrationLabel(report: RankReport): string {
  if (report.certain) return 'exact: every item observed';
  if (!report.calibrated) return 'not calibrated';
  return report.calibrationBasis === 'simulated'
    ? 'calibrated on simulated per-instance data'
    : 'calibrated on per-instance data';
}

/** Plain-text report. */
export function formatReport(report: RankReport): string {
  const mwr = report.meanWinRate === null ? '-' : report.meanWinRate.toFixed(3);
  const probabilities = Object.entries(report.probRankAtMost)
    .map(([k, p]) => `P(rank ≤ ${k}) = ${p.toFixed(2)}`)
    .join(', ');
  const lines = [
    `${report.model} on ${report.leaderboard.name} (${report.leaderboard.release.trim() !== '' ? `release ${report.leaderboard.release}, ` : ''}${report.leaderboard.models} models)`,
    `rank ${report.rank}   95 % interval ${report.rankInterval[0]}–${report.rankInterval[1]}   (${report.method}, ${calibrationLabel(report)})`,
    `mean win rate ${mwr}   95 % interval ${report.meanWinRateInterval[0].toFixed(3)}–${report.meanWinRateInterval[1].toFixed(3)}`,
    `${probabilities}   (${report.certain ? 'exact' : report.probRankAtMostCalibrated ? `calibrated on the board's models${report.calibrationBasis === 'simulated' ? ', simulated data' : ''}` : 'uncalibrated bootstrap shares'})`,
    report.calibration ? report.calibration.description : '',
    report.tiedWith.length > 0
      ? `statistically tied with: ${report.tiedWith.join(', ')}`
      : 'statistically tied with: none',
    `tied with, counting the leaderboard's own noise too: ${report.tiedWithIncludingBoardNoise.length > 0 ? report.tiedWithIncludingBoardNoise.join(', ') : 'none'}`,
    `cells: ${Object.entries(report.cells)
      .map(([group, value]) => `${group} ${value.toFixed(3)}`)
      .join(', ')}`,
    report.missingColumns.length > 0
      ? `missing columns (averaged over the model's own columns, as HELM does): ${report.missingColumns.join(', ')}`
      : '',
    report.pairedReason ? `paired estimate: ${report.pairedReason}` : '',
    ...report.warnings.map((warning) => `warning: ${warning}`),
    `B = ${report.resamples}, seed = ${report.seed}`,
  ];
  return `${lines.filter((line) => line !== '').join('\n')}\n`;
}
