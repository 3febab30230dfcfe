/**
 * `helm-rank leaderboard import <version | url | path>`: download (resumable) and import a leaderboard, with a
 * progress bar on a TTY and plain lines otherwise. Ctrl+C cancels; the partial download is kept for next time.
 */
import type { CommandModule } from '../command';
import { parseCliArgs } from '../options';
import { createProgressReporter } from '../progress';
import { LeaderboardService } from '../../services/leaderboards/leaderboard-service';
import { hintLine } from '../error-hints';

export const leaderboardImportCommand: CommandModule = {
  async run(args, context, command) {
    const cli = parseCliArgs(args, context, {
      usage: command.usage,
      options: { name: { type: 'string' } },
      positionals: [1, 1],
    });
    const service = new LeaderboardService({ dataDir: cli.dataDir, mirror: cli.mirror });
    const progress = createProgressReporter(context.stderr);
    let shownWarnings = 0;
    const stop = service.onProgress((event) => {
      for (const warning of event.warnings.slice(shownWarnings)) progress.log(`warning: ${warning.message}`);
      shownWarnings = Math.max(shownWarnings, event.warnings.length);
      if (event.phase === 'download')
        progress.update({
          label: 'download',
          done: event.bytes,
          total: event.totalBytes,
          unit: 'bytes',
          rate: event.rate,
        });
      else if (event.phase === 'import' || event.phase === 'index')
        progress.update({ label: event.phase, done: event.runsRead, total: null, detail: 'runs read' });
    });
    const name = cli.string('name');
    const { jobId } = await service.startImport({ source: cli.positionals[0] ?? '', ...(name ? { name } : {}) });
    const onAbort = () => void service.cancelImport({ jobId });
    context.signal.addEventListener('abort', onAbort, { once: true });
    const result = await service.waitForJob(jobId).finally(() => {
      context.signal.removeEventListener('abort', onAbort);
      stop();
      progress.finish();
    });
    if (cli.json) context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (result.phase === 'done') {
      if (!cli.json) {
        const skipped =
          result.warnings.length > 0 ? ` (${result.warnings.length} runs skipped, see warnings above)` : '';
        context.stdout.write(
          `Imported leaderboard '${result.leaderboard ?? ''}': ${result.runsRead} runs${skipped}.\nShow it with: helm-rank leaderboard show ${result.leaderboard ?? ''}\n`,
        );
      }
      return 0;
    }
    if (result.phase === 'cancelled') {
      context.stderr.write('helm-rank: import cancelled; run the same command again to resume the download.\n');
      return 130;
    }
    const error = result.error;
    context.stderr.write(`helm-rank: ${error?.message ?? 'import failed'}\n${hintLine(error)}`);
    return 1;
  },
};
