/**
 * `helm-rank cache stats | verify | prune`: the request cache (`<data dir>/cache/requests.sqlite`) seen and
 * reclaimed. An old journal (`requests.jsonl`) is migrated first, with progress.
 */
import { AppError } from '../../../src-shared/errors';
import { formatBytes } from '../../../src-shared/text';
import { cacheStats, pruneCache, verifyCache } from '../../engine/cache/cache-admin';
import type { PruneFilter } from '../../engine/cache/cache-admin';
import type { OpenOptions } from '../../engine/cache/request-cache';
import { dataPaths } from '../../services/data-dir';
import type { CommandModule } from '../command';
import { usageError } from '../error-hints';
import { parseCliArgs } from '../options';
import { createProgressReporter } from '../progress';
import type { ProgressReporter } from '../progress';

function migrationProgress(progress: ProgressReporter): OpenOptions {
  return {
    onMigration: ({ bytesRead, totalBytes, entries }) =>
      progress.update({
        label: 'migrating requests.jsonl',
        done: bytesRead,
        total: totalBytes,
        unit: 'bytes',
        detail: `${entries} answers`,
      }),
  };
}

const modelName = (model: string) => model || '(unknown: migrated from the old journal)';
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const cacheStatsCommand: CommandModule = {
  async run(args, context, command) {
    const cli = parseCliArgs(args, context, command);
    const progress = createProgressReporter(context.stderr);
    const stats = await cacheStats(dataPaths(cli.dataDir).cache, migrationProgress(progress)).finally(() =>
      progress.finish(),
    );
    if (cli.json) {
      context.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `Request cache ${stats.path}`,
      `  ${stats.entries} answers, ${formatBytes(stats.answerBytes)} of answers, ${formatBytes(stats.fileBytes)} on disk (${formatBytes(stats.freeBytes)} free inside)`,
    ];
    for (const model of stats.models)
      lines.push(
        `  ${modelName(model.model)}: ${model.entries} answers, ${formatBytes(model.bytes)}, ${day(model.oldest)} … ${day(model.newest)}`,
      );
    if (stats.entries > 0)
      lines.push('Reclaim space with: helm-rank cache prune [--older-than 30d] [--model ORG/NAME]');
    context.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};

export const cacheVerifyCommand: CommandModule = {
  async run(args, context, command) {
    const cli = parseCliArgs(args, context, command);
    const progress = createProgressReporter(context.stderr);
    const report = await verifyCache(dataPaths(cli.dataDir).cache, {
      ...migrationProgress(progress),
      remove: cli.flag('remove-unreadable'),
      onProgress: (checked, total) => progress.update({ label: 'verify', done: checked, total }),
    }).finally(() => progress.finish());
    const healthy = report.integrity.join() === 'ok' && report.unreadable === report.removed;
    if (cli.json) {
      context.stdout.write(`${JSON.stringify({ ...report, healthy }, null, 2)}\n`);
      return healthy ? 0 : 1;
    }
    const lines = [`Request cache ${report.path}: ${report.entries} answers checked.`];
    lines.push(
      report.integrity.join() === 'ok'
        ? '  SQLite integrity: ok'
        : `  SQLite integrity: ${report.integrity.slice(0, 10).join('; ')}`,
    );
    if (report.unreadable === 0) lines.push('  every answer reads.');
    else {
      lines.push(
        `  ${report.unreadable} unreadable answers (they would be requested again): ${report.unreadableKeys.slice(0, 5).join(', ')}…`,
      );
      lines.push(
        report.removed > 0
          ? `  removed ${report.removed} of them.`
          : '  remove them with: helm-rank cache verify --remove-unreadable',
      );
    }
    context.stdout.write(`${lines.join('\n')}\n`);
    return healthy ? 0 : 1;
  },
};

export const cachePruneCommand: CommandModule = {
  async run(args, context, command) {
    const cli = parseCliArgs(args, context, command);
    const olderThan = cli.string('older-than');
    const model = cli.string('model');
    if (olderThan === undefined && model === undefined && !cli.flag('all'))
      throw usageError(command.usage, 'Say what to prune: --older-than, --model, or --all for everything.');
    const filter: PruneFilter = {
      ...(olderThan !== undefined ? { before: parseOlderThan(olderThan, Date.now()) } : {}),
      ...(model !== undefined ? { model } : {}),
    };
    const progress = createProgressReporter(context.stderr);
    const report = await pruneCache(dataPaths(cli.dataDir).cache, filter, migrationProgress(progress)).finally(() =>
      progress.finish(),
    );
    if (cli.json) context.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else
      context.stdout.write(
        `Removed ${report.removed} answers (${formatBytes(report.removedBytes)}); the cache went from ${formatBytes(report.fileBytesBefore)} to ${formatBytes(report.fileBytesAfter)} on disk.\n`,
      );
    return 0;
  },
};

/** `30d`, `12h`, `90m`, `2w` before `now`, or a date (`2026-01-31`, any ISO 8601 time): unix ms. */
export function parseOlderThan(text: string, now: number): number {
  const match = /^(\d+(?:\.\d+)?)([mhdw])$/.exec(text.trim());
  if (match) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[match[2] as 'm' | 'h' | 'd' | 'w'];
    return now - Number(match[1]) * unit;
  }
  const date = Date.parse(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && Number.isFinite(date)) return date;
  throw new AppError({
    code: 'cli.usage',
    message: `--older-than must be a duration (30d, 12h, 90m, 2w) or a date (2026-01-31), not '${text}'.`,
  });
}
