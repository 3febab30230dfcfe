/**
 * Leave-one-out calibration for exactly the user's design (docs/rank-interval.md §8): every board model in turn
 * becomes a pseudo-user with the user's strata and n_r. Where the leaderboard's per-instance matrix covers a
 * stratum, the pseudo-user's data are its real first n_r items (HELM's nested prefix) and its truth is its
 * full run; elsewhere both are simulated from its published cell (simulate.ts; the result is then labelled
 * approximate). `plain` calibrates the unpaired bootstrap; `paired` the difference estimator on the strata
 * with matrices, the others plain — so the two can be compared on the same data (`choosePaired`).
 */
import type { Board } from '../../../src-shared/rank/board';
import type { Calibration } from '../../../src-shared/rank/calibration';
import { calibrate } from '../../../src-shared/rank/calibration';
import type { BoardMatrix, ObservedStratum } from '../../../src-shared/rank/paired';
import { pairedStrata } from '../../../src-shared/rank/paired';
import { createRng } from '../../../src-shared/rank/prng';
import { DEFAULT_SPREAD_RATIO, simulatePopulation } from '../../../src-shared/rank/simulate';
import type { Stratum } from '../../../src-shared/rank/strata';
import { estimateCells } from '../../../src-shared/rank/strata';

interface PseudoStratum {
  readonly stratum: Stratum;
  /** Set when the data are the model's real prefix (pairable). */
  readonly observed: ObservedStratum | null;
  readonly full: Stratum;
}

/** The user's design as data for board model j, or null when j has none of the user's columns. */
function pseudoStrata(
  board: Board,
  j: number,
  design: readonly Stratum[],
  matrices: ReadonlyMap<string, BoardMatrix>,
  seed: number,
): PseudoStratum[] | null {
  const model = board.models[j] as string;
  const columnIndex = new Map(board.columns.map((column, c) => [column.name, c]));
  const rng = createRng(seed * 7919 + j);
  const result: PseudoStratum[] = [];
  for (const stratum of design) {
    const n = stratum.values.length;
    const matrix = matrices.get(stratum.id);
    const row = matrix ? matrix.values[matrix.models.indexOf(model)] : undefined;
    if (matrix && row && row.slice(0, n).every((v) => !Number.isNaN(v))) {
      const real = row.filter((v) => !Number.isNaN(v));
      const base = { id: stratum.id, column: stratum.column, binary: stratum.binary ?? false };
      result.push({
        stratum: { ...base, values: row.slice(0, n), populationSize: matrix.instanceIds.length },
        observed: { ...base, instanceIds: matrix.instanceIds.slice(0, n), values: row.slice(0, n) },
        full: { ...base, values: real, populationSize: real.length },
      });
      continue;
    }
    const c = columnIndex.get(stratum.column);
    const cell = c === undefined ? null : board.values[j]?.[c];
    if (cell === null || cell === undefined) continue;
    const population = simulatePopulation(
      cell,
      stratum.populationSize,
      stratum.binary ?? false,
      rng,
      DEFAULT_SPREAD_RATIO,
    );
    const base = {
      id: stratum.id,
      column: stratum.column,
      binary: stratum.binary ?? false,
      populationSize: stratum.populationSize,
    };
    result.push({
      stratum: { ...base, values: population.slice(0, n) },
      observed: null,
      full: { ...base, values: population },
    });
  }
  return result.length > 0 ? result : null;
}

/** Calibrates the user's design on the board; `matrices` may be empty (then fully simulated). */
export function calibrateDesign(
  board: Board,
  design: readonly Stratum[],
  matrices: readonly BoardMatrix[],
  mode: 'plain' | 'paired',
  resamples: number,
  seed: number,
): Calibration {
  const byId = new Map(matrices.map((matrix) => [matrix.stratumId, matrix]));
  const simulatedAny = design.some((stratum) => !byId.has(stratum.id));
  return calibrate(
    board,
    0,
    (j) => {
      const data = pseudoStrata(board, j, design, byId, seed);
      if (!data) return null;
      const truthCells = estimateCells(data.map((d) => d.full)).cells;
      const plain = data.map((d) => d.stratum);
      if (mode === 'plain') return { strata: plain, truthCells };
      const observed = data.flatMap((d) => (d.observed ? [d.observed] : []));
      const outcome = pairedStrata(observed, matrices, { excludeModel: board.models[j] as string });
      if (outcome.method !== 'paired') return { strata: plain, truthCells };
      const paired = new Map(outcome.strata.map((s) => [s.id, s]));
      return { strata: plain.map((s) => paired.get(s.id) ?? s), truthCells };
    },
    { resamples, seed, basis: simulatedAny ? 'simulated' : 'per-instance' },
  );
}
