/**
 * The leaderboard's per-instance data in the shape the paired estimator takes (docs/rank-interval.md §9): per stratum
 * (run group, run, sub-split) the leaderboard run's instance ids, a models × instances value matrix (null where a
 * model lacks an instance) and N_r, the number of main-split items of the leaderboard run.
 *
 * A stratum is keyed by its stratum id (src-shared/rank/stratum-id.ts: the run name without the model and conf
 * arguments), the id the board's run layout and a user's runs map to as well, so one stratum holds every model's run
 * of the same scenario configuration; `toBoardMatrices` renames strata to the stratum ids asked for
 * (`<user run name>[#<sub-split>]`, as `readUserRuns` makes them) and converts null to NaN, which is what
 * `src-shared/rank/paired.ts`'s `BoardMatrix` uses.
 */
import type { BoardMatrix, ObservedStratum } from '../../../src-shared/rank/paired';
import type { CachedRun } from './instance-store';
import { stratumId, stratumIdOf } from '../../../src-shared/rank/stratum-id';

/** One stratum of the leaderboard's per-instance data. */
export interface BoardStratum {
  /** The stratum id (`stratumId`), e.g. `boolq:`, `civil_comments:demographic=all#toxic`. */
  readonly key: string;
  readonly runKey: string;
  /** `''` when the run has no sub-splits. */
  readonly subSplit: string;
  /** Column (leaf run group). */
  readonly column: string;
  readonly metric: string;
  readonly split: string;
  /** The leaderboard run's main-split instance ids in request order (first model's order, then ids only others have). */
  readonly instanceIds: readonly string[];
  /** Board models with this stratum, in board row order. */
  readonly models: readonly string[];
  /** `values[model][instance]`, null where the model lacks the instance. */
  readonly values: readonly (readonly (number | null)[])[];
  /** N_r: the leaderboard run's main-split item count (= `instanceIds.length`). */
  readonly populationSize: number;
  /** Ids the leaderboard runs evaluated on other splits (for the prefix check's split diagnosis). */
  readonly otherSplitIds: readonly string[];
  /** Source run names, one per model (aligned with `models`). */
  readonly runs: readonly string[];
}

/** Builds strata from cached runs; `modelOrder` is the board's row order. */
export function buildBoardStrata(runs: readonly CachedRun[], modelOrder: readonly string[]): BoardStratum[] {
  const rank = new Map(modelOrder.map((model, i) => [model, i]));
  const ordered = [...runs].sort(
    (a, b) =>
      (rank.get(a.model) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b.model) ?? Number.MAX_SAFE_INTEGER) ||
      a.run.localeCompare(b.run),
  );
  interface Draft {
    key: string;
    runKey: string;
    subSplit: string;
    column: string;
    metric: string;
    split: string;
    ids: string[];
    idSet: Set<string>;
    other: Set<string>;
    rows: { model: string; run: string; byId: Map<string, number> }[];
  }
  const drafts = new Map<string, Draft>();
  for (const run of ordered) {
    for (const [subSplit, { ids, values }] of Object.entries(run.subSplits)) {
      const key = stratumId(run.run, subSplit);
      let draft = drafts.get(key);
      if (!draft) {
        draft = {
          key,
          runKey: stratumId(run.run),
          subSplit,
          column: run.column,
          metric: run.metric,
          split: run.split,
          ids: [],
          idSet: new Set(),
          other: new Set(),
          rows: [],
        };
        drafts.set(key, draft);
      }
      // One run per model and stratum: a second one (the same run in two suites) would count the model twice.
      if (draft.rows.some((row) => row.model === run.model)) continue;
      const byId = new Map<string, number>();
      ids.forEach((id, i) => {
        byId.set(id, values[i] as number);
        if (!draft.idSet.has(id)) {
          draft.idSet.add(id);
          draft.ids.push(id);
        }
      });
      for (const id of run.otherSplitIds) draft.other.add(id);
      draft.rows.push({ model: run.model, run: run.run, byId });
    }
  }
  return [...drafts.values()]
    .sort((a, b) => a.column.localeCompare(b.column) || a.key.localeCompare(b.key))
    .map((draft) => ({
      key: draft.key,
      runKey: draft.runKey,
      subSplit: draft.subSplit,
      column: draft.column,
      metric: draft.metric,
      split: draft.split,
      instanceIds: draft.ids,
      models: draft.rows.map((row) => row.model),
      values: draft.rows.map((row) => draft.ids.map((id) => row.byId.get(id) ?? null)),
      populationSize: draft.ids.length,
      otherSplitIds: [...draft.other].filter((id) => !draft.idSet.has(id)),
      runs: draft.rows.map((row) => row.run),
    }));
}

/**
 * The stratum a user's stratum (`<run name>` or `<run name>#<sub-split>`) or a layout's stratum id corresponds to,
 * if any.
 */
export function findBoardStratum(strata: readonly BoardStratum[], id: string): BoardStratum | undefined {
  const key = stratumIdOf(id);
  return strata.find((stratum) => stratum.key === key);
}

/**
 * The rank module's matrices for a user's strata: each matched board stratum, renamed to the user's stratum id,
 * with NaN for missing values. Unmatched user strata are left out (the paired estimator then reports why).
 */
export function toBoardMatrices(
  strata: readonly BoardStratum[],
  observed: readonly Pick<ObservedStratum, 'id'>[],
): BoardMatrix[] {
  const matrices: BoardMatrix[] = [];
  for (const stratum of observed) {
    const board = findBoardStratum(strata, stratum.id);
    if (!board) continue;
    matrices.push({
      stratumId: stratum.id,
      instanceIds: board.instanceIds,
      models: board.models,
      values: board.values.map((row) => row.map((value) => value ?? Number.NaN)),
    });
  }
  return matrices;
}
