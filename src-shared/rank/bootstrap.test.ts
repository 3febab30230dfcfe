import { describe, expect, it } from 'vitest';
import type { Board } from './board';
import { rowCells, withoutModel } from './board';
import { binomialCdf, bootstrapRank, drawStratum, planStrata, pooledVariance } from './bootstrap';
import { placeModel } from './placement';
import { createRng } from './prng';
import type { Stratum } from './strata';
import { estimateCells } from './strata';
import { simulatePopulation } from './simulate';

/** A board of K models × S columns with cells on a 1/40 grid so 0/1 populations of 40 hit them exactly. */
function randomBoard(K: number, S: number, seed: number): Board {
  const rng = createRng(seed);
  const skill = Array.from({ length: K }, () => rng.next());
  return {
    models: skill.map((_, i) => `m${i}`),
    columns: Array.from({ length: S }, (_, c) => ({ name: `c${c}`, lowerIsBetter: false })),
    values: skill.map((s) =>
      Array.from({ length: S }, () => Math.round(Math.min(1, Math.max(0, s + 0.15 * rng.normal())) * 40) / 40),
    ),
    rule: 'current',
    aggregation: 'win_rate',
  };
}

function strataFor(cells: Record<string, number>, N: number, n: number, seed: number): Stratum[] {
  const rng = createRng(seed);
  return Object.entries(cells).map(([column, value]) => ({
    id: column,
    column,
    values: simulatePopulation(value, N, true, rng).slice(0, n),
    populationSize: N,
    binary: true,
  }));
}

describe('bootstrapRank', () => {
  const board = randomBoard(30, 6, 3);

  it("placing a model's own full data back gives its published rank and MWR with a zero-width interval at n = N", () => {
    for (const j of [0, 7, 19]) {
      const rest = withoutModel(board, j);
      const truth = placeModel(rest, rowCells(board, j), { userRowIndex: j });
      const result = bootstrapRank(rest, strataFor(rowCells(board, j), 40, 40, j), {
        resamples: 500,
        seed: 5,
        userRowIndex: j,
      });
      expect(result.rank).toBe(truth.rank);
      expect(result.meanWinRate).toBeCloseTo(truth.score as number, 12);
      expect(result.rankInterval).toEqual([truth.rank, truth.rank]);
      expect(result.meanWinRateInterval[0]).toBeCloseTo(result.meanWinRateInterval[1], 12);
      expect(result.certain).toBe(true);
    }
  });

  it('keeps sampling variance in a run that got every observed item right (add-half estimate), not in a full one', () => {
    const allRight = (n: number, N: number): Stratum[] => [
      { id: 'r', column: 'c0', values: Array.from({ length: n }, () => 1), populationSize: N, binary: true },
    ];
    const { plans } = planStrata(board, allRight(10, 1000), 3);
    const rng = createRng(2);
    const draws = Array.from({ length: 2000 }, () => drawStratum(plans[0] as never, rng));
    expect(Math.min(...draws)).toBeLessThan(1);
    // Centred on the sample mean: the add-half estimate only sets the spread.
    expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeCloseTo(1, 2);
    expect(bootstrapRank(board, allRight(10, 1000), { resamples: 200, seed: 1 }).certain).toBe(false);
    const full = bootstrapRank(board, allRight(40, 40), { resamples: 200, seed: 1 });
    expect(full.certain).toBe(true);
    expect(full.rankQuantiles.lo).toBe(full.rankQuantiles.hi);
  });

  it('intervals shrink as n grows', () => {
    const j = 12;
    const rest = withoutModel(board, j);
    const widths = [5, 15, 30, 38].map((n) => {
      const result = bootstrapRank(rest, strataFor(rowCells(board, j), 40, n, 99), { resamples: 1000, seed: 2 });
      return result.rankQuantiles.hi - result.rankQuantiles.lo;
    });
    expect(widths[0]).toBeGreaterThan(widths[3] as number);
    expect(widths[1]).toBeGreaterThan(widths[3] as number);
    expect(widths[3]).toBeLessThan(widths[0] as number);
  });

  it('is reproducible for a seed and changes with it', () => {
    const strata = strataFor(rowCells(board, 3), 40, 10, 1);
    const a = bootstrapRank(board, strata, { resamples: 300, seed: 11 });
    const b = bootstrapRank(board, strata, { resamples: 300, seed: 11 });
    const c = bootstrapRank(board, strata, { resamples: 300, seed: 12 });
    expect(a.histogram).toEqual(b.histogram);
    expect(a.histogram).not.toEqual(c.histogram);
  });

  it('never gives a zero-width run below N: one-item strata draw from the pooled variance', () => {
    const strata: Stratum[] = [
      { id: 'raft:a', column: 'c0', values: [1], populationSize: 40, binary: true },
      { id: 'raft:b', column: 'c0', values: [1], populationSize: 40, binary: true },
      { id: 'raft:c', column: 'c0', values: [], populationSize: 40, binary: true },
    ];
    expect(pooledVariance(strata)).toBeGreaterThan(0);
    const result = bootstrapRank(board, strata, { resamples: 500, seed: 4 });
    expect(result.meanWinRateInterval[1]).toBeGreaterThan(result.meanWinRateInterval[0]);
    expect(result.imputedStrata).toEqual(['raft:c']);
    expect(estimateCells(strata).cells.c0).toBe(1); // HELM's displayed cell ignores the empty stratum
    expect(result.missingColumns).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('reports P(rank ≤ k), tied models and a top model at rank 1', () => {
    const top = Object.fromEntries(board.columns.map((column) => [column.name, 1]));
    const result = bootstrapRank(board, strataFor(top, 40, 20, 3), { resamples: 400, seed: 1 });
    expect(result.rank).toBe(1);
    expect(result.probRankAtMost['1']).toBeGreaterThan(0.5);
    expect(result.probRankAtMost['10']).toBeGreaterThanOrEqual(result.probRankAtMost['1'] as number);
    const middle = bootstrapRank(board, strataFor(rowCells(board, 15), 40, 10, 3), { resamples: 400, seed: 1 });
    expect(middle.tiedWith.length).toBeGreaterThan(0);
    expect(middle.histogram.reduce((a, b) => a + b, 0)).toBe(400);
  });

  it('Rao–Wu rescaling matches the without-replacement variance (1 − n/N)·S²/n (docs/rank-interval.md §6 check)', () => {
    // 0/1 population, N = 1000, p = 0.6: S² = N/(N−1)·p(1−p); a sample of n = 10 with 6 ones.
    const N = 1000;
    const S2 = (N / (N - 1)) * 0.6 * 0.4;
    for (const binary of [true, false]) {
      const strata: Stratum[] = [
        { id: 'r', column: 'c0', values: [1, 1, 1, 1, 1, 1, 0, 0, 0, 0], populationSize: N, binary },
      ];
      const { plans } = planStrata(board, strata, 3);
      const rng = createRng(9);
      const draws = Array.from({ length: 40000 }, () => drawStratum(plans[0] as never, rng));
      const m = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - m) ** 2, 0) / (draws.length - 1);
      // The sample's own s² = 10/9·0.24 stands in for S², so compare with (1 − n/N)·s²/n.
      const expected = ((1 - 10 / N) * ((10 / 9) * 0.24)) / 10;
      expect(variance).toBeCloseTo(expected, 3);
      expect(Math.abs(variance - ((1 - 10 / N) * S2) / 10)).toBeLessThan(0.003);
    }
    expect(Array.from(binomialCdf(2, 0.5))).toEqual([0.25, 0.75, 1]);
  });
});
