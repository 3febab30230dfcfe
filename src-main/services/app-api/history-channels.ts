/**
 * The history domain's channels: the list of past runs (with their saved ranks, readable offline), export as JSON
 * or as the ranked table in CSV, and deletion of a run that is not running.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportFormat, HistoryEntry } from '../../../src-shared/api/history';
import { AppError } from '../../../src-shared/errors';
import { runDirectory } from '../runs/run-store';
import type { RunChannels } from './run-channels';
import type { RankChannels } from './rank-channels';
import { readSavedRank } from './rank-channels';
import { rankedTable, rankedTableCsv } from './ranked-table';

export class HistoryChannels {
  constructor(
    private readonly runs: RunChannels,
    private readonly rank: RankChannels,
    private readonly paths: { readonly runs: string; readonly leaderboards: string },
  ) {}

  /** `history.list`: every run, newest first, with its rank when one was saved. */
  async list(): Promise<HistoryEntry[]> {
    const records = await this.runs.service.list();
    return Promise.all(
      records.map(async (record): Promise<HistoryEntry> => {
        const rank = await readSavedRank(this.runDir(record.runId), record);
        return {
          runId: record.runId,
          createdAt: record.createdAt,
          leaderboard: record.leaderboard ?? '',
          examplesPerScenario: record.examplesPerScenario,
          scenarios: record.scenarios && record.scenarios.length > 0 ? record.scenarios : null,
          model: record.model,
          baseUrl: record.baseUrl,
          status: this.runs.shown(record).status,
          rank: rank?.rank ?? null,
          rankInterval: rank ? rank.rankInterval : null,
          runDirectory: join(this.runDir(record.runId), 'benchmark_output', 'runs', record.suite),
        };
      }),
    );
  }

  /** `history.export`: the run record and its rank as JSON, or the ranked table as CSV. */
  async export(runId: string, format: ExportFormat): Promise<{ fileName: string; mimeType: string; content: string }> {
    const record = await this.runs.service.get(runId);
    const rank = await readSavedRank(this.runDir(runId), record);
    const base = `helm-rank-${record.model.replace(/[^\w.-]+/g, '_')}-${runId}`;
    if (format === 'json') {
      return {
        fileName: `${base}.json`,
        mimeType: 'application/json',
        content: `${JSON.stringify({ run: record, rank }, null, 2)}\n`,
      };
    }
    if (!rank)
      throw new AppError({
        code: 'export.no-result',
        message: `Run ${runId} has no rank yet, so there is no ranked table to export.`,
      });
    return {
      fileName: `${base}.csv`,
      mimeType: 'text/csv',
      content: rankedTableCsv(await rankedTable(this.paths.leaderboards, rank)),
    };
  }

  /** `history.delete`: removes a run that is not running, with its HELM directories; the request cache keeps its answers. */
  async delete(runId: string): Promise<{ deleted: boolean }> {
    const dir = this.runDir(runId);
    if (this.runs.isActive(runId))
      throw new AppError({
        code: 'history.run-active',
        message: `Run ${runId} is still running.`,
      });
    if (!existsSync(join(dir, 'run.json'))) return { deleted: false };
    await rm(dir, { recursive: true, force: true });
    this.rank.forget(runId);
    return { deleted: true };
  }

  private runDir(runId: string): string {
    return runDirectory(this.paths.runs, runId);
  }
}
