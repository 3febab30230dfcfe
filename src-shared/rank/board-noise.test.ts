import { describe, expect, it } from 'vitest';
import type { Board } from './board';
import { boardNoiseTies, cellStandardError, perturbCells } from './board-noise';
import { bootstrapRank } from './bootstrap';
import { createRng } from './prng';
import { simulatePopulation } from './simulate';
import type { Stratum } from './strata';

/** K models spread evenly in skill, S columns, cells on a fine grid. */
function spreadBoard(K: number, S: number, seed: number, spread = 0.05): Board {
  const rng = createRng(seed);
  return {
    models: Array.from({ length: K }, (_, i) => `m${i}`),
    columns: Array.from({ length: S }, (_, c) => ({ name: `c${c}`, lowerIsBetter: false })),
    values: Array.from({ length: K }, (_, i) =>
      Array.from(
        { length: S },
        () => Math.round(Math.min(0.99, Math.max(0.01, 0.1 + (0.8 * i) / K + spread * rng.normal())) * 1000) / 1000,
      ),
    ),
    rule: 'current',
    aggregation: 'win_rate',
  };
}

function userStrata(board: Board, level: number, n: number, N: number, seed: number): Stratum[] {
  const rng = createRng(seed);
  return board.columns.map((column) => ({
    id: column.name,
    column: column.name,
    values: simulatePopulation(level, N, true, rng).slice(0, n),
    populationSize: N,
    binary: true,
  }));
}

describe('cell noise (docs/rank-interval.md §10)', () => {
  it('is the Bernoulli standard error on [0, 1] and the Bhatia–Davis bound on other ranges', () => {
    expect(cellStandardError(0.3, 100)).toBeCloseTo(Math.sqrt((0.3 * 0.7) / 100), 15);
    expect(cellStandardError(0, 100)).toBe(0);
    expect(cellStandardError(2, 25, [0, 4])).toBeCloseTo(Math.sqrt(4 / 25), 15);
  });

  it('keeps empty cells empty, stays in range and is centred on the published cell', () => {
    const cells = Float64Array.from([0.5, Number.NaN]); // one row, two columns
    const rng = createRng(5);
    const out = new Float64Array(2);
    const values: number[] = [];
    for (let i = 0; i < 4000; i++) {
      perturbCells(
        cells,
        Float64Array.from([0.2, 0.2]),
        [
          [0, 1],
          [0, 1],
        ],
        rng,
        out,
      );
      expect(out[1]).toBeNaN();
      values.push(out[0] as number);
    }
    expect(values.every((value) => value >= 0 && value <= 1)).toBe(true);
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(0.5, 1);
  });
});

describe('boardNoiseTies (T2)', () => {
  const board = spreadBoard(40, 8, 11);
  const strata = userStrata(board, 0.5, 50, 1000, 3);

  it('finds more ties than the fixed-board view, and more when board cells rest on fewer items', () => {
    const fixed = bootstrapRank(board, strata, { resamples: 800, seed: 2 });
    const large = boardNoiseTies(board, strata, {
      resamples: 800,
      seed: 2,
      columnItems: Object.fromEntries(board.columns.map((column) => [column.name, 1000])),
    });
    const small = boardNoiseTies(board, strata, { resamples: 800, seed: 2, columnItems: {}, defaultItems: 40 });
    expect(large.tiedWith.length).toBeGreaterThanOrEqual(fixed.tiedWith.length);
    expect(small.tiedWith.length).toBeGreaterThan(large.tiedWith.length);
    expect(large.tiedWith).toEqual(expect.arrayContaining([...fixed.tiedWith]));
    expect(large.probUserAbove).toHaveLength(40);
    expect(large.rankInterval[0]).toBeLessThanOrEqual(fixed.rank);
    expect(large.rankInterval[1]).toBeGreaterThanOrEqual(fixed.rank);
  });

  it('never calls a model far above or below the user tied, and is reproducible by seed', () => {
    const result = boardNoiseTies(board, strata, { resamples: 500, seed: 4, columnItems: {} });
    expect(result.tiedWith).not.toContain('m0');
    expect(result.tiedWith).not.toContain('m39');
    expect(result.probUserAbove[0]).toBeGreaterThan(0.99);
    expect(result.probUserAbove[39]).toBeLessThan(0.01);
    expect(boardNoiseTies(board, strata, { resamples: 500, seed: 4, columnItems: {} })).toEqual(result);
  });

  it('with negligible board noise and a full-size user sample, agrees with the fixed board on who is clearly above or below', () => {
    const full = userStrata(board, 0.5, 5000, 5000, 9);
    const fixed = bootstrapRank(board, full, { resamples: 200, seed: 1 });
    const t2 = boardNoiseTies(board, full, { resamples: 400, seed: 1, columnItems: {}, defaultItems: 1e12 });
    expect(t2.rankInterval[0]).toBeGreaterThanOrEqual(fixed.rank - 3);
    expect(t2.rankInterval[1]).toBeLessThanOrEqual(fixed.rank + 3);
  });

  it('ranks by row mean on mean-score boards', () => {
    const meanBoard: Board = { ...board, aggregation: 'mean' };
    const result = boardNoiseTies(meanBoard, strata, { resamples: 300, seed: 1, columnItems: {} });
    expect(result.probUserAbove[0]).toBeGreaterThan(0.99);
    expect(result.probUserAbove[39]).toBeLessThan(0.01);
  });

  it("keeps the user's noise even at n = N (T2 has no finite-population factor), unlike the T1 bootstrap", () => {
    const full = userStrata(board, 0.5, 200, 200, 8);
    expect(bootstrapRank(board, full, { resamples: 300, seed: 1 }).rankInterval[0]).toBe(
      bootstrapRank(board, full, { resamples: 300, seed: 1 }).rankInterval[1],
    );
    const t2 = boardNoiseTies(board, full, { resamples: 300, seed: 1, columnItems: {}, defaultItems: 1e9 });
    expect(t2.rankInterval[1]).toBeGreaterThan(t2.rankInterval[0]);
  });
});
