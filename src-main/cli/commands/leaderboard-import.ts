/**
 * `helm-rank leaderboard import <version | url | path>`: download (resumable) and import a leaderboard, with a
 * progress bar on a TTY and plain lines otherwise. Ctrl+C cancels; the partial download is kept for next time.
 */
import type { CliContext, CommandModule } from '../command';
import { parseCliArgs } from '../options';
import type { ParsedCliArgs } from '../options';
import { createProgressReporter } from '../progress';
import { resolveImportSource } from '../../services/leaderboards/catalogue';
import { startImportPool } from '../../services/leaderboards/import-pool';
import type { LeaderboardService } from '../../services/leaderboards/leaderboard-service';
import { hintLine } from '../error-hints';

export const leaderboardImportCommand: CommandModule = {
  async run(args, context, command) {
    const cli = parseCliArgs(args, context, command);
    // The import workers start first, so their start-up overlaps loading the importer (this module loads it only
    // now). A folder or a published table is read without them.
    const source = cli.positionals[0] ?? '';
    const pool = isArchive(source) ? startImportPool() : null;
    try {
      const { LeaderboardService } = await import('../../services/leaderboards/leaderboard-service');
      const service = new LeaderboardService({ dataDir: cli.dataDir, mirror: cli.mirror, importPool: pool });
      return await importWith(service, source, cli, context);
    } finally {
      // Not awaited: the import is written, and the workers no longer hold the process open.
      void pool?.close();
    }
  },
};

/** True when the source is a run archive (the only kind read by the import workers). */
function isArchive(source: string): boolean {
  try {
    return resolveImportSource(source).kind === 'run-archive';
  } catch {
    return false; // the service reports the problem
  }
}

async function importWith(
  service: LeaderboardService,
  source: string,
  cli: ParsedCliArgs,
  context: CliContext,
): Promise<number> {
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
      progress.update({
        label: event.phase === 'import' ? 'reading runs' : 'indexing',
        done: event.runsRead,
        total: event.runsTotal ?? null,
        detail: 'runs read',
      });
  });
  const name = cli.string('name');
  const { jobId } = await service.startImport({ source, ...(name ? { name } : {}) });
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
      const skipped = result.warnings.length > 0 ? ` (${result.warnings.length} runs skipped, see warnings above)` : '';
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
}
