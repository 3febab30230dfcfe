/**
 * Simulated per-instance data for boards that publish only aggregate cells (docs/rank-interval.md §8 "Where the
 * pseudo-users' data come from", §11 "One function"). Each board model's full-run population for a stratum
 * is N_r values whose mean is its published cell: exactly round(x·N) ones for 0/1 metrics (Bernoulli), and for
 * graded metrics a Beta with the cell's mean and variance ρ·x(1 − x), where ρ (the "spread ratio") is fitted on
 * real per-instance stats (see `fitSpreadRatio`). Results built on this are labelled approximate. Simplification:
 * every stratum of a column shares the cell's mean (no between-stratum heterogeneity).
 */
import type { Board } from './board';
import type { StratumLayout } from './classic-layout';
import type { Rng } from './prng';
import { shuffleInPlace } from './prng';
import type { Stratum } from './strata';
import { clip, mean } from './strata';
import type { EfficientSize } from '../examples-per-scenario';

/**
 * Default spread ratio ρ = Var(y) / (ȳ(1 − ȳ)) for graded metrics. A 0/1 metric has ρ = 1 (the bAbI
 * quasi-exact-match column of `../shared/data/helm-examples/run/display_predictions.json` fits 1.00); graded
 * metrics are less dispersed. The only real graded per-instance stats we have
 * (`every_eval_ever/tests_data_helm/narrative_qa-…/per_instance_stats.json`, 5 items) fit ρ ≈ 0.30 for F1 and
 * 0.06 for ROUGE-L. Five items are too few to trust, so we round up to 0.6: wider simulated intervals, i.e.
 * conservative for graded metrics. `npm run calibrate` prints the fit; a guarded test keeps this ≥ it.
 */
export const DEFAULT_SPREAD_RATIO = 0.6;

/** ρ of a sample of values in [0, 1]: sample variance over the Bernoulli variance at the same mean. */
export function fitSpreadRatio(values: readonly number[]): number {
  const m = mean(values);
  if (!(m > 0 && m < 1) || values.length < 2) return Number.NaN;
  let squares = 0;
  for (const y of values) squares += (y - m) * (y - m);
  return squares / (values.length - 1) / (m * (1 - m));
}

/** A population of N values in [0, 1] with mean ≈ `target` (exact for 0/1), in random order. */
export function simulatePopulation(
  target: number,
  size: number,
  binary: boolean,
  rng: Rng,
  spreadRatio = DEFAULT_SPREAD_RATIO,
): number[] {
  const x = clip(target);
  if (binary || spreadRatio >= 1) {
    const ones = Math.round(x * size);
    return shuffleInPlace(
      Array.from({ length: size }, (_, i) => (i < ones ? 1 : 0)),
      rng,
    );
  }
  const m = Math.min(0.995, Math.max(0.005, x));
  const concentration = 1 / Math.max(spreadRatio, 1e-3) - 1;
  const values = Array.from({ length: size }, () => rng.beta(m * concentration, (1 - m) * concentration));
  // Shift to the cell's mean so the simulated full run reproduces the published cell (up to clipping).
  const shift = x - mean(values);
  return values.map((value) => clip(value + shift));
}

/** Full-run populations of every stratum for one board row; columns the model lacks get none. */
export function simulateModel(
  board: Board,
  modelIndex: number,
  layout: readonly StratumLayout[],
  rng: Rng,
  spreadRatio = DEFAULT_SPREAD_RATIO,
): Map<string, number[]> {
  const populations = new Map<string, number[]>();
  const row = board.values[modelIndex] ?? [];
  const columnIndex = new Map(board.columns.map((column, c) => [column.name, c]));
  for (const stratum of layout) {
    const c = columnIndex.get(stratum.column);
    const value = c === undefined ? null : row[c];
    if (value === null || value === undefined) continue;
    populations.set(stratum.id, simulatePopulation(value, stratum.populationSize, stratum.binary, rng, spreadRatio));
  }
  return populations;
}

/** A pseudo-user's strata at a conf: the first n_r items of each population (the nested prefix). */
export function prefixStrata(
  layout: readonly StratumLayout[],
  populations: ReadonlyMap<string, readonly number[]>,
  level: EfficientSize,
): Stratum[] {
  const strata: Stratum[] = [];
  for (const stratum of layout) {
    const population = populations.get(stratum.id);
    if (!population) continue;
    strata.push({
      id: stratum.id,
      column: stratum.column,
      values: population.slice(0, stratum.sampleSize[level]),
      populationSize: population.length,
      binary: stratum.binary,
    });
  }
  return strata;
}
