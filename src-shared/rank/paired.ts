/**
 * Paired difference estimator (docs/rank-interval.md §9). HELM's eval sample is a fixed nested prefix
 * (docs/helm-fidelity.md §5), so a user's n items per run are exactly the first n of the leaderboard's run; with the
 * leaderboard's per-instance matrix we predict the user's score on every one of the N_r items and correct
 * by the observed residuals:  μ̂_r = mean_{N_r} ŷ + mean_{S_r} (y − ŷ)  (GREG / prediction-powered form).
 * Two predictors: `irt` (default), a 1-parameter logistic shift of the board's item means,
 * ŷ_i = σ(logit p̄_i + δ), with p̄_i the (smoothed) mean of the board models on item i and δ the user's ability
 * offset solved on the observed items (a Rasch-style fit with item difficulties −logit p̄_i); or `neighbors`,
 * the mean on item i of the m board models nearest to the user on the observed items (mean absolute
 * difference over all strata, so 1-item strata still pair). The neighbours are cross-fitted: items are
 * split into folds and an item's residual uses neighbours chosen without its fold, which keeps the
 * estimator design-unbiased for any fixed predictor. The result is a residual stratum (values = residuals,
 * offset = mean prediction) that the ordinary bootstrap resamples, with variance (1 − n/N)·S²_{y−ŷ}/n.
 * The prefix check compares instance ids per stratum: a stratum without leaderboard data or with ids not in
 * the leaderboard's run stays unpaired, with the reason; with no stratum paired the estimate is unpaired.
 * A user gets the paired estimate only where its calibrated interval is narrower (`choosePaired`).
 */
import type { Stratum } from './strata';
import { mean } from './strata';
import { formatRankRange } from './rank-range';

/** The leaderboard's per-instance main-metric values for one stratum (models × instances). */
export interface BoardMatrix {
  readonly stratumId: string;
  /** The leaderboard run's main-split instance ids, in run (request) order: the population of N_r items. */
  readonly instanceIds: readonly string[];
  readonly models: readonly string[];
  /** `values[model][instance]`, NaN when a model lacks the item. */
  readonly values: readonly (readonly number[])[];
}

/** The user's observed items of one stratum, with ids for the prefix check. */
export interface ObservedStratum {
  readonly id: string;
  readonly column: string;
  readonly instanceIds: readonly string[];
  readonly values: readonly number[];
  readonly binary?: boolean;
}

export interface PrefixCheck {
  readonly ok: boolean;
  /** The user's ids are exactly the matrix's first n ids (HELM's nested prefix). */
  readonly isPrefix: boolean;
  readonly reason?: string;
}

/** Checks that every observed id is in the leaderboard's run, and whether they form its prefix. */
export function checkPrefix(observed: ObservedStratum, matrix: BoardMatrix | undefined): PrefixCheck {
  if (!matrix) return { ok: false, isPrefix: false, reason: `no leaderboard per-instance data for ${observed.id}` };
  const known = new Set(matrix.instanceIds);
  const missing = observed.instanceIds.filter((id) => !known.has(id));
  if (missing.length > 0) {
    return {
      ok: false,
      isPrefix: false,
      reason: `${observed.id}: ${missing.length} of ${observed.instanceIds.length} instance ids (e.g. ${missing[0]}) are not in the leaderboard's run — another HELM version or changed scenario data`,
    };
  }
  const prefix = new Set(matrix.instanceIds.slice(0, observed.instanceIds.length));
  return { ok: true, isPrefix: observed.instanceIds.every((id) => prefix.has(id)) };
}

export interface PairedOptions {
  /** `irt` (default) or `neighbors` (see above). */
  readonly predictor?: 'irt' | 'neighbors';
  /** Number of nearest board models averaged into ŷ (`neighbors`); default 5. */
  readonly neighbors?: number;
  /** Cross-fitting folds; default 2. */
  readonly folds?: number;
  /** A board model to leave out of the predictors (the pseudo-user in leave-one-out calibration). */
  readonly excludeModel?: string;
}

export type PairedOutcome =
  | {
      readonly method: 'paired';
      /** Residual strata for the paired observed strata (the others are absent: the caller keeps them plain). */
      readonly strata: Stratum[];
      /** Observed strata left unpaired, each with the reason (no data, ids not in the leaderboard's run). */
      readonly unpaired: readonly { readonly id: string; readonly reason: string }[];
      readonly isPrefix: boolean;
      /** Nearest models used (`neighbors` predictor only). */
      readonly neighbors: readonly string[];
    }
  | { readonly method: 'bootstrap'; readonly reason: string };

interface Item {
  readonly stratum: number;
  readonly column: number; // index into the matrix's instances
  readonly y: number;
  readonly fold: number;
}

/** Builds residual strata for the paired estimate, or says why it cannot. */
export function pairedStrata(
  allObserved: readonly ObservedStratum[],
  matrices: readonly BoardMatrix[],
  options: PairedOptions = {},
): PairedOutcome {
  const byId = new Map(matrices.map((matrix) => [matrix.stratumId, matrix]));
  const used: BoardMatrix[] = [];
  const observed: ObservedStratum[] = [];
  const unpaired: { id: string; reason: string }[] = [];
  let isPrefix = true;
  // Strata whose ids do not check out stay unpaired (with the reason); the rest are paired.
  for (const stratum of allObserved) {
    const check = checkPrefix(stratum, byId.get(stratum.id));
    if (!check.ok) {
      unpaired.push({ id: stratum.id, reason: check.reason ?? 'prefix check failed' });
      continue;
    }
    isPrefix &&= check.isPrefix;
    observed.push(stratum);
    used.push(byId.get(stratum.id) as BoardMatrix); // checked just above
  }
  if (observed.length === 0)
    return { method: 'bootstrap', reason: unpaired.map((u) => u.reason).join('; ') || 'no observed strata' };
  // Candidate predictors: models present in every matrix, minus the excluded one.
  const candidates = (used[0]?.models ?? []).filter(
    (model) => model !== options.excludeModel && used.every((matrix) => matrix.models.includes(model)),
  );
  const m = Math.min(options.neighbors ?? 5, candidates.length);
  if (m === 0)
    return { method: 'bootstrap', reason: 'no leaderboard model has per-instance data on every observed run' };
  const rowsOf = used.map((matrix) => candidates.map((model) => matrix.values[matrix.models.indexOf(model)] ?? []));

  const folds = Math.max(2, options.folds ?? 2);
  const items: Item[] = [];
  observed.forEach((stratum, s) => {
    const index = new Map((used[s] as BoardMatrix).instanceIds.map((id, i) => [id, i]));
    stratum.instanceIds.forEach((id, i) => {
      const column = index.get(id) as number; // checkPrefix ensured it exists
      // The fold follows the item's position in the leaderboard run, so the population mean below uses the
      // same item-wise predictor and the estimate is exact at n = N.
      items.push({ stratum: s, column, y: stratum.values[i] as number, fold: column % folds });
    });
  });

  const nearest = (fold: number): number[] => {
    const distance = candidates.map((_, c) => {
      let sum = 0;
      let count = 0;
      for (const item of items) {
        if (item.fold === fold) continue;
        const v = (rowsOf[item.stratum] as number[][])[c]?.[item.column] as number;
        if (Number.isNaN(v)) continue;
        sum += Math.abs(item.y - v);
        count++;
      }
      return count > 0 ? sum / count : Number.POSITIVE_INFINITY;
    });
    return candidates
      .map((_, c) => c)
      .sort((a, b) => (distance[a] as number) - (distance[b] as number) || a - b)
      .slice(0, m);
  };
  const useIrt = (options.predictor ?? 'irt') === 'irt';
  const chosen = Array.from({ length: folds }, (_, fold) => (useIrt ? [] : nearest(fold)));
  // Item logits of the board's smoothed item means (all candidate models), for the `irt` predictor.
  const itemLogits = rowsOf.map((rows) => {
    const length = rows[0]?.length ?? 0;
    return Float64Array.from({ length }, (_, i) => {
      let sum = 0;
      let count = 0;
      for (const row of rows) {
        const v = row[i] as number;
        if (Number.isNaN(v)) continue;
        sum += v;
        count++;
      }
      const p = (sum + 0.5) / (count + 1);
      return Math.log(p / (1 - p));
    });
  });
  const shifts = Array.from({ length: folds }, (_, fold) =>
    useIrt
      ? fitShift(
          items
            .filter((item) => item.fold !== fold)
            .map((item) => ({ y: item.y, logit: (itemLogits[item.stratum] as Float64Array)[item.column] as number })),
        )
      : 0,
  );
  const predict = (s: number, column: number, fold: number): number => {
    if (useIrt) return sigmoid(((itemLogits[s] as Float64Array)[column] as number) + (shifts[fold] as number));
    const rows = rowsOf[s] as number[][];
    const values = (chosen[fold] as number[]).map((c) => rows[c]?.[column] as number).filter((v) => !Number.isNaN(v));
    return values.length > 0 ? mean(values) : Number.NaN;
  };

  const strata: Stratum[] = observed.map((stratum, s) => {
    const matrix = used[s] as BoardMatrix;
    const residuals = items
      .filter((item) => item.stratum === s)
      .map((item) => item.y - predict(s, item.column, item.fold));
    // Offset: the mean over all N_r items of each item's own cross-fitted prediction.
    const predictions = matrix.instanceIds.map((_, i) => predict(s, i, i % folds)).filter((v) => !Number.isNaN(v));
    return {
      id: stratum.id,
      column: stratum.column,
      values: residuals.map((r) => (Number.isNaN(r) ? 0 : r)),
      // The leaderboard run's items are the population: N_r = its main-split count.
      populationSize: matrix.instanceIds.length,
      offset: mean(predictions),
      binary: false,
    };
  });
  const neighborNames = [...new Set(chosen.flat())].map((c) => candidates[c] as string);
  return { method: 'paired', strata, unpaired, isPrefix, neighbors: neighborNames };
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * δ solving Σ y = Σ σ(logit_i + δ) by Newton steps (the Rasch ability MLE with fixed difficulties), with a
 * half-pseudo-count on each side so that all-correct or all-wrong samples keep a finite δ.
 */
export function fitShift(items: readonly { y: number; logit: number }[]): number {
  if (items.length === 0) return 0;
  let target = 0.5;
  for (const item of items) target += item.y;
  const total = items.length + 1;
  let delta = 0;
  for (let step = 0; step < 50; step++) {
    let expected = 0.5;
    let slope = 0.25;
    for (const item of items) {
      const p = sigmoid(item.logit + delta);
      expected += p;
      slope += p * (1 - p);
    }
    const change = (target - expected) / slope;
    delta += Math.max(-2, Math.min(2, change));
    if (Math.abs(change) < 1e-10) break;
  }
  return total > 0 ? delta : 0;
}

/**
 * Policy (docs/calibration.md §3): a user's paired estimate is reported only when its calibrated interval is
 * strictly narrower than the unpaired one computed on the same runs; otherwise the unpaired interval stands, so the
 * paired path is never wider.
 */
export function choosePaired(
  unpaired: readonly [number, number],
  paired: readonly [number, number] | null,
): { usePaired: boolean; reason: string } {
  if (!paired) return { usePaired: false, reason: 'no calibrated paired interval' };
  const width = (interval: readonly [number, number]) => interval[1] - interval[0];
  const text = (interval: readonly [number, number]) => formatRankRange(interval[0], interval[1]);
  if (width(paired) < width(unpaired))
    return {
      usePaired: true,
      reason: `paired: calibrated interval ${text(paired)} is narrower than the unpaired ${text(unpaired)}`,
    };
  return {
    usePaired: false,
    reason: `unpaired: the paired calibrated interval ${text(paired)} is not narrower than ${text(unpaired)}`,
  };
}
