/**
 * Reads a user's HELM output — one run directory or a suite directory holding many — into strata
 * (docs/rank-interval.md §5): per run (and per CivilComments sub-split) the per-instance main-metric values on
 * the column's main split, from `per_instance_stats.json` (unperturbed entries; trials averaged per instance,
 * as HELM averages per trial first). `stats.json` is never used for spread: its variance is across trials
 * (docs/helm-fidelity.md §2).
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import type { PerInstanceStats } from '../../../src-shared/helm/request';
import type { RunSpec } from '../../../src-shared/helm/run-spec';
import {
  parsePythonJson,
  perInstanceStatsFileSchema,
  runSpecSchema,
  validateOrThrow,
} from '../../../src-shared/helm/validate';
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import type { ObservedStratum } from '../../../src-shared/rank/paired';
import { isFile } from '../../engine/download/downloader';

/** One of the user's runs. */
export interface UserRun {
  readonly name: string;
  readonly model: string;
  /** `adapter_spec.model_deployment`, `""` when the run has none (runs made before HELM v0.4.0). */
  readonly deployment: string;
  readonly column: string;
  readonly maxEvalInstances: number | null;
  readonly path: string;
}

/** Everything ranking needs from the user's outputs. */
export interface UserRunData {
  readonly model: string;
  /** The runs' `model_deployment` (`""` when absent), which places the row under the legacy tie rule. */
  readonly deployment: string;
  readonly runs: readonly UserRun[];
  readonly strata: readonly ObservedStratum[];
  /** Runs skipped, by name, with the reason. */
  readonly warnings: readonly string[];
}

/**
 * Directories under `root` (itself included, depth ≤ 4) that hold a `run_spec.json`. Hidden directories (our
 * `.partial/`) and partial outputs of older versions (`<run>.partial-<pid>`) are never runs.
 */
export async function findRunDirectories(root: string, depth = 4): Promise<string[]> {
  if (await isFile(join(root, 'run_spec.json'))) return [root];
  if (depth === 0) return [];
  let entries: string[];
  try {
    entries = (await readdir(root, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !/\.partial-\d+$/.test(entry.name))
      .map((entry) => entry.name);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries.sort()) found.push(...(await findRunDirectories(join(root, entry), depth - 1)));
  return found;
}

/**
 * Per-instance values of one metric on one split, averaged over trials, keyed by instance id and sub-split
 * (`''` when none). A missing `quasi_exact_match` falls back to `exact_match`, as the leaderboard does.
 */
export function perInstanceValues(
  entries: readonly PerInstanceStats[],
  column: Pick<ColumnSpec, 'metric' | 'split'>,
): Map<string, Map<string, number>> {
  const collect = (metric: string) => {
    const sums = new Map<string, Map<string, { sum: number; count: number }>>();
    for (const entry of entries) {
      if (entry.perturbation) continue;
      for (const s of entry.stats) {
        if (s.name.name !== metric || s.name.split !== column.split || s.name.perturbation || s.count <= 0) continue;
        const subSplit = s.name.sub_split ?? '';
        const bySub = sums.get(subSplit) ?? new Map<string, { sum: number; count: number }>();
        // Each (instance, trial) is one observation; entries repeat per metric class, so key by trial too.
        const key = `${entry.instance_id}\u0000${entry.train_trial_index}`;
        if (!bySub.has(key)) bySub.set(key, { sum: s.sum / s.count, count: 1 });
        sums.set(subSplit, bySub);
      }
    }
    return sums;
  };
  let sums = collect(column.metric);
  if (sums.size === 0 && column.metric === 'quasi_exact_match') sums = collect('exact_match');
  const result = new Map<string, Map<string, number>>();
  for (const [subSplit, byKey] of sums) {
    const perInstance = new Map<string, { sum: number; count: number }>();
    for (const [key, value] of byKey) {
      const id = key.slice(0, key.indexOf('\u0000'));
      const acc = perInstance.get(id) ?? { sum: 0, count: 0 };
      acc.sum += value.sum;
      acc.count += 1;
      perInstance.set(id, acc);
    }
    result.set(subSplit, new Map([...perInstance].map(([id, acc]) => [id, acc.sum / acc.count])));
  }
  return result;
}

/** Reads the runs under `path` whose groups include one of `columns` (the board's Accuracy columns). */
export async function readUserRuns(path: string, columns: readonly ColumnSpec[]): Promise<UserRunData> {
  const directories = await findRunDirectories(path);
  if (directories.length === 0) {
    throw new AppError({
      code: 'rank.no-runs',
      message: `No HELM run directory (with run_spec.json) under ${path}.`,
    });
  }
  const byGroup = new Map(columns.map((column) => [column.group, column]));
  const runs: UserRun[] = [];
  const strata: ObservedStratum[] = [];
  const warnings: string[] = [];
  const models = new Set<string>();
  for (const directory of directories) {
    const specPath = join(directory, 'run_spec.json');
    // An unreadable file (torn by a crash, empty after a full disk, hand-edited) skips its run, named, never the rest.
    const readOrWarn = async <T>(path: string, read: (text: string) => T): Promise<T | null> => {
      try {
        return read(await readFile(path, 'utf8'));
      } catch (error) {
        warnings.push(`${path}: unreadable (${toAppErrorData(error).message}), run skipped`);
        return null;
      }
    };
    const spec: RunSpec | null = await readOrWarn(specPath, (text) =>
      validateOrThrow(runSpecSchema, parsePythonJson(text), specPath),
    );
    if (!spec) continue;
    const column = spec.groups.map((group) => byGroup.get(group)).find((c) => c !== undefined);
    if (!column) {
      warnings.push(`${spec.name}: not in any leaderboard column (groups ${spec.groups.join(', ') || 'none'})`);
      continue;
    }
    const statsPath = join(directory, 'per_instance_stats.json');
    if (!(await isFile(statsPath))) {
      warnings.push(`${spec.name}: no per_instance_stats.json, skipped`);
      continue;
    }
    const entries = await readOrWarn(statsPath, (text) =>
      validateOrThrow(perInstanceStatsFileSchema, parsePythonJson(text), statsPath),
    );
    if (!entries) continue;
    const values = perInstanceValues(entries, column);
    if (values.size === 0) warnings.push(`${spec.name}: no ${column.metric} on split ${column.split}`);
    models.add(spec.adapter_spec.model);
    runs.push({
      name: spec.name,
      model: spec.adapter_spec.model,
      deployment: spec.adapter_spec.model_deployment ?? '',
      column: column.group,
      maxEvalInstances: spec.adapter_spec.max_eval_instances ?? null,
      path: directory,
    });
    for (const [subSplit, byInstance] of values) {
      const ids = [...byInstance.keys()];
      const observed = ids.map((id) => byInstance.get(id) as number);
      strata.push({
        id: subSplit ? `${spec.name}#${subSplit}` : spec.name,
        column: column.group,
        instanceIds: ids,
        values: observed,
        binary: observed.every((y) => y === 0 || y === 1),
      });
    }
  }
  if (models.size > 1) {
    throw new AppError({
      code: 'rank.several-models',
      message: `The runs under ${basename(path)} are from ${models.size} models (${[...models].join(', ')}).`,
    });
  }
  const model = [...models][0];
  if (!model)
    throw new AppError({
      code: 'rank.no-runs',
      message: `No run under ${path} belongs to a leaderboard column.`,
      cause: warnings.slice(0, 3).join('; '),
    });
  const deployment = runs.find((run) => run.deployment !== '')?.deployment ?? '';
  return { model, deployment, runs, strata, warnings };
}
