/**
 * The prefix check (docs/rank-interval.md §9, docs/helm-fidelity.md §5): HELM draws a run's eval instances as the first N of one
 * seeded permutation of the pool, so a user's run with n items per run evaluates a subset — in fact the prefix — of
 * the leaderboard's `-m 1000` run, on the same splits. Per user run (and sub-split) this checks that by instance id
 * and says why when it fails, so the rank service can fall back to the unpaired method with a reason:
 * - `no-board-data`: no leaderboard per-instance data for that run (not downloaded, or no such run on the board);
 * - `split-mismatch`: ids the leaderboard scored on another split (different `eval_splits`);
 * - `unknown-ids`: none of the ids is in the leaderboard run (another HELM version or changed scenario data, which
 *   number instances differently);
 * - `pool-mismatch`: some ids are missing (the pool differs);
 * - `not-prefix`: a subset but not the first n — still usable for pairing. This is the normal case when the pool is
 *   no larger than the leaderboard's 1,000 (MMLU subjects, RAFT, TREC): HELM then runs the whole pool unshuffled.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { parsePythonJson, runSpecSchema, validateOrThrow } from '../../../src-shared/helm/validate';
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import { isFile } from '../../engine/download/downloader';
import { findRunDirectories } from '../rank/run-reader';
import { stratumId } from '../../../src-shared/rank/stratum-id';
import type { BoardStratum } from './board-matrix';
import type { MainMetricValues } from './main-metric';
import { readMainMetricFile } from './per-instance-reader';

/** The instance ids of one of the user's runs. */
export interface UserRunInstances {
  /** The user's run name. */
  readonly run: string;
  readonly column: string;
  readonly values: MainMetricValues;
}

export type PrefixVerdictCode =
  'ok' | 'not-prefix' | 'no-board-data' | 'split-mismatch' | 'unknown-ids' | 'pool-mismatch';

/** The verdict for one user stratum. */
export interface PrefixVerdict {
  /** The user's stratum id: `<run name>` or `<run name>#<sub-split>` (as the rank service names strata). */
  readonly stratum: string;
  readonly run: string;
  readonly column: string;
  /** The board stratum compared against, or null. */
  readonly boardStratum: string | null;
  /** Paired estimates may use this stratum (`ok` or `not-prefix`). */
  readonly ok: boolean;
  /** The user's ids are exactly the leaderboard run's first n. */
  readonly isPrefix: boolean;
  readonly code: PrefixVerdictCode;
  readonly userInstances: number;
  /** N_r of the board stratum (0 when none). */
  readonly boardInstances: number;
  /** Why it failed (or the not-prefix note); null when `ok`. */
  readonly reason: string | null;
}

/** Checks every user stratum against the board's strata. */
export function checkPrefixes(user: readonly UserRunInstances[], strata: readonly BoardStratum[]): PrefixVerdict[] {
  const byKey = new Map(strata.map((stratum) => [stratum.key, stratum]));
  const verdicts: PrefixVerdict[] = [];
  for (const run of user) {
    const subSplits = Object.keys(run.values.subSplits);
    for (const subSplit of subSplits) {
      const ids = run.values.subSplits[subSplit]?.ids ?? [];
      const id = subSplit ? `${run.run}#${subSplit}` : run.run;
      const board = byKey.get(stratumId(run.run, subSplit));
      verdicts.push(verdictFor(id, run, ids, board));
    }
  }
  return verdicts;
}

function verdictFor(
  id: string,
  run: UserRunInstances,
  ids: readonly string[],
  board: BoardStratum | undefined,
): PrefixVerdict {
  const base = { stratum: id, run: run.run, column: run.column, userInstances: ids.length };
  if (!board) {
    return {
      ...base,
      boardStratum: null,
      ok: false,
      isPrefix: false,
      code: 'no-board-data',
      boardInstances: 0,
      reason: `${id}: no leaderboard per-instance data for this run (not downloaded, or the board has no run with these scenario arguments)`,
    };
  }
  const fail = (code: PrefixVerdictCode, reason: string): PrefixVerdict => ({
    ...base,
    boardStratum: board.key,
    ok: false,
    isPrefix: false,
    code,
    boardInstances: board.populationSize,
    reason: `${id}: ${reason}`,
  });
  const known = new Set(board.instanceIds);
  const otherSplit = new Set(board.otherSplitIds);
  const missing = ids.filter((instance) => !known.has(instance));
  // Items the user scored on another split, but the leaderboard on the main split, also mean different splits.
  const movedIn = run.values.otherSplitIds.filter((instance) => known.has(instance));
  const movedOut = missing.filter((instance) => otherSplit.has(instance));
  if (movedOut.length > 0 || movedIn.length > 0) {
    const example = movedOut[0] ?? movedIn[0] ?? '';
    return fail(
      'split-mismatch',
      `instance ${example} is on another split in the leaderboard run than in yours (main split ${board.split}): the eval splits differ`,
    );
  }
  if (missing.length > 0 && missing.length === ids.length) {
    return fail(
      'unknown-ids',
      `none of your ${ids.length} instance ids (e.g. ${missing[0] ?? ''}) is in the leaderboard run: another HELM version or changed scenario data`,
    );
  }
  if (missing.length > 0) {
    return fail(
      'pool-mismatch',
      `${missing.length} of ${ids.length} instance ids (e.g. ${missing[0] ?? ''}) are not in the leaderboard run: the instance pool differs`,
    );
  }
  const prefix = new Set(board.instanceIds.slice(0, ids.length));
  const isPrefix = ids.every((instance) => prefix.has(instance));
  return {
    ...base,
    boardStratum: board.key,
    ok: true,
    isPrefix,
    code: isPrefix ? 'ok' : 'not-prefix',
    boardInstances: board.populationSize,
    // Normal when the pool is ≤ the leaderboard's 1,000: HELM then runs the whole pool in scenario order, unshuffled
    // (docs/helm-fidelity.md §5), while the user's smaller sample is a shuffled subset of it.
    reason: isPrefix
      ? null
      : `${id}: the ids are a subset of the leaderboard run, not its first ${ids.length} (the leaderboard ran the whole pool unshuffled, or another order)`,
  };
}

/** Reads the instance ids (and main-metric values) of the user's runs under `path` that belong to a board column. */
export async function readUserRunInstances(
  path: string,
  columns: readonly ColumnSpec[],
): Promise<{ runs: UserRunInstances[]; warnings: string[] }> {
  const directories = await findRunDirectories(path);
  if (directories.length === 0) {
    throw new AppError({
      code: 'instances.no-runs',
      message: `No HELM run directory (with run_spec.json) under ${path}.`,
    });
  }
  const byGroup = new Map(columns.map((column) => [column.group, column]));
  const runs: UserRunInstances[] = [];
  const warnings: string[] = [];
  for (const directory of directories) {
    const specPath = join(directory, 'run_spec.json');
    const spec = validateOrThrow(runSpecSchema, parsePythonJson(await readFile(specPath, 'utf8')), specPath);
    const column = spec.groups.map((group) => byGroup.get(group)).find((candidate) => candidate !== undefined);
    if (!column) {
      warnings.push(`${spec.name}: not in any leaderboard column`);
      continue;
    }
    const statsPath = join(directory, 'per_instance_stats.json');
    if (!(await isFile(statsPath))) {
      warnings.push(`${spec.name}: no per_instance_stats.json, skipped`);
      continue;
    }
    runs.push({ run: spec.name, column: column.group, values: await readMainMetricFile(statsPath, column) });
  }
  return { runs, warnings };
}

/** One line per failing stratum, for a report's "why unpaired" note; null when every stratum passed. */
export function summarizeVerdicts(verdicts: readonly PrefixVerdict[]): string | null {
  const failed = verdicts.filter((verdict) => !verdict.ok);
  if (failed.length === 0) return null;
  const shown = failed
    .slice(0, 3)
    .map((verdict) => verdict.reason)
    .join('; ');
  return failed.length > 3 ? `${shown}; and ${failed.length - 3} more` : shown;
}
