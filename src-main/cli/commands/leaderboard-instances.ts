/**
 * `helm-rank leaderboard instances <name>`: download the leaderboard's own per-instance main-metric data (only the
 * runs that carry the selected models' cells) into the board's compact cache, for paired rank estimates and
 * calibration on the real prefix. Progress (runs done/total, bytes) on stderr; Ctrl+C cancels and keeps finished
 * runs. `--check DIR` then runs the prefix check of the user's runs under DIR against the cached data.
 */
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import type { CommandModule } from '../command';
import { parseCliArgs } from '../options';
import { createProgressReporter, formatBytes } from '../progress';
import { BoardInstanceService } from '../../services/board-instances/board-instance-service';
import type { FetchInstancesResult } from '../../services/board-instances/board-instance-service';
import type { PrefixVerdict } from '../../services/board-instances/prefix-check';
import { cliHint } from '../error-hints';

function list(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '' || value.trim() === 'all') return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export const leaderboardInstancesCommand: CommandModule = {
  async run(args, context, command) {
    const cli = parseCliArgs(args, context, command);
    const name = cli.positionals[0] ?? '';
    const service = new BoardInstanceService({ dataDir: cli.dataDir, mirror: cli.mirror });
    const progress = createProgressReporter(context.stderr);
    let result: FetchInstancesResult;
    try {
      result = await service.fetch({
        name,
        models: list(cli.string('models')),
        columns: list(cli.string('scenarios')),
        signal: context.signal,
        onProgress: (event) =>
          progress.update({
            label: 'runs',
            done: event.runsDone,
            total: event.runsTotal,
            detail: `${formatBytes(event.bytes)}${event.runsFailed > 0 ? `, ${event.runsFailed} failed` : ''}`,
          }),
      });
    } catch (error) {
      progress.finish();
      if (error instanceof AppError && error.code === 'instances.cancelled') {
        context.stderr.write(`helm-rank: ${error.message} ${cliHint(toAppErrorData(error)) ?? ''}\n`);
        return 130;
      }
      throw error;
    }
    progress.finish();
    for (const failure of result.failures)
      context.stderr.write(`warning: ${failure.run} (${failure.model}): ${failure.message}\n`);
    if (result.runsTotal === 0) {
      context.stderr.write(
        `helm-rank: no run of '${name}' matches the selection (models and scenarios), or the board's models are not mapped to HELM model ids.\n`,
      );
      return 1;
    }
    const opened = await service.open(name);
    let verdicts: PrefixVerdict[] | null = null;
    const checkPath = cli.string('check');
    if (checkPath) verdicts = (await service.checkUserRuns(name, checkPath)).verdicts;

    if (cli.json) {
      const strata = opened.strata.map((stratum) => ({
        key: stratum.key,
        column: stratum.column,
        instances: stratum.populationSize,
        models: stratum.models.length,
      }));
      context.stdout.write(
        `${JSON.stringify({ ...result, strata, damaged: opened.damaged, ...(verdicts ? { prefixCheck: verdicts } : {}) }, null, 2)}\n`,
      );
    } else {
      const columns = new Set(opened.strata.map((stratum) => stratum.column));
      const models = new Set(opened.runs.map((run) => run.model));
      context.stdout.write(
        `Per-instance data of '${name}': ${result.runsTotal} runs (${result.runsFetched} downloaded, ${result.runsCached} already cached, ${result.failures.length} failed, ${formatBytes(result.bytes)}).\n` +
          `Cached: ${opened.strata.length} strata over ${columns.size} columns and ${models.size} models.\n`,
      );
      if (verdicts) {
        const passed = verdicts.filter((verdict) => verdict.ok).length;
        context.stdout.write(
          `Prefix check of ${checkPath}: ${passed} of ${verdicts.length} strata pair with the leaderboard.\n`,
        );
        for (const verdict of verdicts) {
          context.stdout.write(
            `  ${verdict.ok ? 'ok  ' : 'FAIL'} ${verdict.stratum}: ${verdict.userInstances} of ${verdict.boardInstances}${verdict.reason && verdict.ok ? ` (${verdict.code})` : ''}${verdict.ok ? '' : ` - ${verdict.code}`}\n`,
          );
        }
      }
    }
    // Some runs failing leaves usable data; nothing usable at all is an error.
    return result.runsTotal > 0 && result.failures.length === result.runsTotal ? 1 : 0;
  },
};
