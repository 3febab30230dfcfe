import { describe, expect, it } from 'vitest';
import type { BoardMatrix, ObservedStratum } from './paired';
import { checkPrefix, pairedStrata } from './paired';
import { createRng } from './prng';
import { stratumMean } from './strata';

/** A Rasch response matrix: P(correct) = σ(θ_model − b_item). */
function raschMatrix(models: number, items: number, seed: number): { matrix: BoardMatrix; truth: number[] } {
  const rng = createRng(seed);
  const theta = Array.from({ length: models }, () => 1.2 * rng.normal());
  const difficulty = Array.from({ length: items }, () => 1.5 * rng.normal());
  const values: number[][] = theta.map((t) => difficulty.map((b) => (rng.next() < 1 / (1 + Math.exp(b - t)) ? 1 : 0)));
  return {
    matrix: {
      stratumId: 'run',
      instanceIds: difficulty.map((_, i) => `id${i}`),
      models: theta.map((_, j) => `m${j}`),
      values,
    },
    truth: values.map((row) => row.reduce((a: number, b) => a + b, 0) / items),
  };
}

describe('paired difference estimator', () => {
  it('neighbour predictor never uses the held-out model', () => {
    const { matrix } = raschMatrix(12, 60, 2);
    const row = matrix.values[3] as number[];
    const outcome = pairedStrata(
      [{ id: 'run', column: 'c', instanceIds: matrix.instanceIds.slice(0, 20), values: row.slice(0, 20) }],
      [matrix],
      { excludeModel: 'm3', predictor: 'neighbors', neighbors: 4 },
    );
    if (outcome.method !== 'paired') throw new Error('expected paired');
    expect(outcome.neighbors).not.toContain('m3');
    expect(outcome.neighbors.length).toBeGreaterThanOrEqual(4);
  });

  it('checks the nested prefix by instance id and falls back with a reason', () => {
    const { matrix } = raschMatrix(3, 10, 1);
    const observed: ObservedStratum = { id: 'run', column: 'c', instanceIds: ['id0', 'id1'], values: [1, 0] };
    expect(checkPrefix(observed, matrix)).toEqual({ ok: true, isPrefix: true });
    expect(checkPrefix({ ...observed, instanceIds: ['id3', 'id1'] }, matrix).isPrefix).toBe(false);
    const bad = checkPrefix({ ...observed, instanceIds: ['zz', 'id1'] }, matrix);
    expect(bad.ok).toBe(false);
    expect(bad.reason).toMatch(/not in the leaderboard/);
    const outcome = pairedStrata([{ ...observed, instanceIds: ['zz', 'id1'] }], [matrix]);
    expect(outcome.method).toBe('bootstrap');
  });

  it('is exact at n = N and beats the plain mean on Rasch boards (leave-one-out users, n = 100 of 400)', () => {
    let pairedSquares = 0;
    let plainSquares = 0;
    for (const seed of [5, 6, 7]) {
      const { matrix, truth } = raschMatrix(40, 400, seed);
      const n = 100;
      for (let j = 0; j < 40; j++) {
        const row = matrix.values[j] as number[];
        const observed: ObservedStratum = {
          id: 'run',
          column: 'c',
          instanceIds: matrix.instanceIds.slice(0, n),
          values: row.slice(0, n),
        };
        const outcome = pairedStrata([observed], [matrix], { excludeModel: `m${j}` });
        if (outcome.method !== 'paired') throw new Error('expected paired');
        const estimate = stratumMean(outcome.strata[0] as never);
        pairedSquares += (estimate - (truth[j] as number)) ** 2;
        plainSquares += (row.slice(0, n).reduce((a, b) => a + b, 0) / n - (truth[j] as number)) ** 2;
        if (j === 0) {
          const full = pairedStrata([{ ...observed, instanceIds: matrix.instanceIds, values: row }], [matrix], {
            excludeModel: 'm0',
          });
          if (full.method !== 'paired') throw new Error('expected paired');
          expect(stratumMean(full.strata[0] as never)).toBeCloseTo(truth[0] as number, 12);
        }
      }
    }
    expect(pairedSquares).toBeLessThan(plainSquares);
  });
});
