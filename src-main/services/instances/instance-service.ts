/**
 * `instances.runs` and `instances.page`: a finished (or partly finished) run's HELM run directories, instance by
 * instance, for the per-instance viewer. Each directory is indexed once (instance-index.ts) and the few most
 * recently viewed indexes are kept; pages read only their own request states from disk.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InstancePage, InstanceRun } from '../../../src-shared/api/instances';
import { AppError } from '../../../src-shared/errors';
import { parsePythonJson } from '../../../src-shared/helm/validate';
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import { schemaFor } from '../../../src-shared/leaderboard/schema';
import { buildInstanceIndex, fileStamp, isWrong, readInstanceViews } from './instance-index';
import type { InstanceIndex } from './instance-index';

/** Indexes kept in memory (a few runs being looked at); each is small, but runs are many. */
const CACHED_INDEXES = 4;

export interface InstancePageRequest {
  readonly runId: string;
  readonly runName: string;
  readonly offset: number;
  readonly limit: number;
  readonly wrongOnly: boolean;
}

export class InstanceService {
  private readonly indexes = new Map<string, Promise<InstanceIndex>>();

  constructor(private readonly runsDir: string) {}

  /** `instances.runs`: every HELM run directory of the run, with the metric its instances are scored by. */
  async runs(runId: string): Promise<InstanceRun[]> {
    const found = await this.directories(runId);
    return Promise.all(
      [...found].map(async ([runName, directory]) => {
        const group = await runGroup(directory);
        const column = group ? columnFor(group) : null;
        return {
          runName,
          group,
          label: column?.header ?? runName,
          metric: column?.metric ?? '',
          split: column?.split ?? '',
        };
      }),
    );
  }

  /** `instances.page`: one page of one HELM run's instances, optionally only those below full marks. */
  async page(request: InstancePageRequest): Promise<InstancePage> {
    const directory = (await this.directories(request.runId)).get(request.runName);
    if (!directory)
      throw new AppError({
        code: 'instances.no-run',
        message: `Run ${request.runId} has no HELM run '${request.runName}'.`,
      });
    const index = await this.index(directory);
    const matching = request.wrongOnly ? index.instances.filter((entry) => isWrong(entry.score)) : index.instances;
    const slice = matching.slice(request.offset, request.offset + request.limit);
    return {
      runName: request.runName,
      metric: index.metric,
      total: matching.length,
      totalAll: index.instances.length,
      offset: request.offset,
      items: await readInstanceViews(index, slice),
    };
  }

  private async index(directory: string): Promise<InstanceIndex> {
    const key = await fileStamp(directory);
    const cached = this.indexes.get(key);
    if (cached) {
      // Most recently used last.
      this.indexes.delete(key);
      this.indexes.set(key, cached);
      return cached;
    }
    const group = await runGroup(directory);
    const column = group ? columnFor(group) : null;
    const built = buildInstanceIndex(directory, column);
    this.indexes.set(key, built);
    built.catch(() => this.indexes.delete(key));
    while (this.indexes.size > CACHED_INDEXES) this.indexes.delete(this.indexes.keys().next().value as string);
    return built;
  }

  /** HELM run name → its directory, over every suite of the run (a resumed run keeps one suite). */
  private async directories(runId: string): Promise<Map<string, string>> {
    if (!/^[\w.-]+$/.test(runId)) throw new AppError({ code: 'runs.bad-id', message: `'${runId}' is not a run id.` });
    const root = join(this.runsDir, runId, 'benchmark_output', 'runs');
    const found = new Map<string, string>();
    if (!existsSync(root)) return found;
    for (const suite of await readdir(root, { withFileTypes: true })) {
      if (!suite.isDirectory()) continue;
      for (const run of await readdir(join(root, suite.name), { withFileTypes: true })) {
        const directory = join(root, suite.name, run.name);
        // `<name>.partial-<pid>` is a directory still being written (run-directory.ts).
        if (
          (run.isDirectory() || run.isSymbolicLink()) &&
          !run.name.includes('.partial-') &&
          existsSync(join(directory, 'scenario_state.json'))
        )
          found.set(run.name, directory);
      }
    }
    return found;
  }
}

/** The run's first group (its leaderboard column) from `run_spec.json`. */
async function runGroup(directory: string): Promise<string | null> {
  try {
    const spec = parsePythonJson(await readFile(join(directory, 'run_spec.json'), 'utf8')) as { groups?: unknown }; // boundary: only `groups` is read, and checked
    const groups = Array.isArray(spec.groups) ? spec.groups.filter((group) => typeof group === 'string') : [];
    return (groups.find((group) => columnFor(group) !== null) ?? groups[0] ?? null) as string | null;
  } catch {
    return null;
  }
}

/** The Accuracy column of a run group on the Classic schema (its main metric and split), or null. */
function columnFor(group: string): ColumnSpec | null {
  return (schemaFor('classic').tables.accuracy ?? []).find((column) => column.group === group) ?? null;
}
