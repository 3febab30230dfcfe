import { describe, expect, it } from 'vitest';
import type { Board } from './board';
import {
  calibrate,
  calibratedInterval,
  calibratedProbRankAtMost,
  conformalFactor,
  studentizedError,
} from './calibration';
import { uniformLayout } from './classic-layout';
import { createRng } from './prng';
import { prefixStrata, simulateModel } from './simulate';

function smallBoard(K: number, S: number, seed: number): Board {
  const rng = createRng(seed);
  const skill = Array.from({ length: K }, () => rng.next());
  return {
    models: skill.map((_, i) => `m${i}`),
    columns: Array.from({ length: S }, (_, c) => ({ name: `c${c}`, lowerIsBetter: false })),
    values: skill.map((s) =>
      Array.from({ length: S }, () => Math.round(Math.min(1, Math.max(0, s + 0.2 * rng.normal())) * 100) / 100),
    ),
    rule: 'current',
    aggregation: 'win_rate',
  };
}

describe('calibratedProbRankAtMost', () => {
  // Replicate ranks 4, 5, 5, 6, 6, 6, 7, 8 around the estimate 6 (histogram index 0 = rank 1).
  const histogram = [0, 0, 0, 1, 2, 3, 1, 1, 0, 0];
  const ks = [1, 3, 5, 10];

  it('is the raw bootstrap share at ĉ = 1 and a point mass at ĉ = 0 (n = N)', () => {
    expect(calibratedProbRankAtMost(histogram, 6, 1, 10, ks)).toEqual({ '1': 0, '3': 0, '5': 3 / 8, '10': 1 });
    expect(calibratedProbRankAtMost(histogram, 6, 0, 10, ks)).toEqual({ '1': 0, '3': 0, '5': 0, '10': 1 });
  });

  it('spreads the mass like the interval when ĉ > 1, clipped to [1, rows]', () => {
    // ĉ = 2: ranks move to 2, 4, 4, 6, 6, 6, 8, 10 → P(≤3) = 1/8, P(≤5) = 3/8.
    expect(calibratedProbRankAtMost(histogram, 6, 2, 10, ks)).toEqual({ '1': 0, '3': 1 / 8, '5': 3 / 8, '10': 1 });
    // ĉ = 4: rank 4 → −2, clipped to 1.
    expect(calibratedProbRankAtMost(histogram, 6, 4, 10, ks)['1']).toBe(1 / 8);
  });
});

describe('conformal pieces', () => {
  it('picks the ⌈(1−α)(K+1)⌉-th smallest error, infinite when K is too small', () => {
    const errors = Array.from({ length: 39 }, (_, i) => i / 10);
    expect(conformalFactor(errors, 0.05)).toBe(errors[37]); // ⌈0.95·40⌉ = 38
    expect(conformalFactor(errors.slice(0, 10), 0.05)).toBe(Number.POSITIVE_INFINITY);
  });
  it('studentizes by the side the truth is on', () => {
    expect(studentizedError(12, 10, 8, 11)).toBe(2); // above: (12 − 10)/1
    expect(studentizedError(6, 10, 8, 11)).toBe(2); // below: (10 − 6)/2
    expect(calibratedInterval(10, 8, 11, 1.5, 30)).toEqual([7, 12]);
    expect(calibratedInterval(1, 1, 3, 2, 30)[0]).toBe(1);
  });
});

describe('leave-one-out calibration (simulated small board)', () => {
  const board = smallBoard(30, 6, 8);
  const layout = uniformLayout(
    board.columns.map((c) => c.name),
    100,
  );
  const rng = createRng(3);
  const populations = board.models.map((_, j) => simulateModel(board, j, layout, rng));
  // The pseudo-user's truth is its own simulated full run (the populations' exact means).
  const truthCells = (j: number) =>
    Object.fromEntries(
      board.columns.map((c) => [c.name, (populations[j]?.get(c.name) ?? []).reduce((a, b) => a + b, 0) / 100]),
    );

  it('reaches a loose coverage bound at n = 20 after calibration', () => {
    const result = calibrate(
      board,
      20,
      (j) => ({ strata: prefixStrata(layout, populations[j] as Map<string, number[]>, 20), truthCells: truthCells(j) }),
      { resamples: 300, seed: 1, basis: 'simulated' },
    );
    expect(result.models).toBe(30);
    expect(result.factor).not.toBeNull();
    expect(result.calibratedCoverage).toBeGreaterThanOrEqual(0.85);
    expect(result.calibratedCoverage).toBeGreaterThanOrEqual(result.rawCoverage - 0.1);
  });

  it('gives zero-width, covering intervals at n = N', () => {
    const result = calibrate(
      board,
      1000,
      (j) => ({
        strata: prefixStrata(layout, populations[j] as Map<string, number[]>, 1000),
        truthCells: truthCells(j),
      }),
      { resamples: 100, seed: 1 },
    );
    expect(result.factor).toBe(0);
    expect(result.calibratedCoverage).toBe(1);
    expect(result.medianHalfWidth).toBe(0);
  });
});
