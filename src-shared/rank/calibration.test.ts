import { describe, expect, it } from 'vitest';
import type { Board } from './board';
import { applyCalibration, calibratePairedPolicy, calibrate, calibratedProbabilities } from './calibration';
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

const board = smallBoard(30, 6, 8);
const layout = uniformLayout(
  board.columns.map((c) => c.name),
  100,
);
const draws = 3;
// One full-run population per (model, draw); the pseudo-user's truth is its own simulated full run.
const populations = Array.from({ length: draws }, (_, d) => {
  const rng = createRng(3 + d);
  return board.models.map((_, j) => simulateModel(board, j, layout, rng));
});
const truthCells = (j: number, d: number) =>
  Object.fromEntries(
    board.columns.map((c) => [c.name, (populations[d]?.[j]?.get(c.name) ?? []).reduce((a, b) => a + b, 0) / 100]),
  );
const calibrationAt = (n: number) =>
  calibrate(
    board,
    n,
    (j, d) => ({
      strata: prefixStrata(layout, populations[d]?.[j] as Map<string, number[]>, n as 10),
      truthCells: truthCells(j, d),
    }),
    { resamples: 300, seed: 1, draws, basis: 'simulated' },
  );

describe('leave-one-model-out calibration (simulated small board)', () => {
  const at20 = calibrationAt(20);

  it('covers at least 1 − α of held-out draws, with ĉ, τ and the maps fitted without them', () => {
    expect(at20.models).toBe(30);
    expect(at20.records).toHaveLength(90);
    expect(at20.factor).not.toBeNull();
    expect(at20.calibratedCoverage).toBeGreaterThanOrEqual(0.9);
    expect(at20.medianHalfWidth).toBeLessThanOrEqual(2 * at20.q95AbsError);
    // The reported probabilities are distribution functions of k and within [0, 1].
    for (const record of at20.records) {
      const p = ['1', '3', '5', '10'].map((k) => record.probRankAtMost[k] as number);
      expect(p).toEqual([...p].sort((a, b) => a - b));
      expect(Math.min(...p)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...p)).toBeLessThanOrEqual(1);
    }
    for (const r of at20.reliability) expect(Math.abs(r.meanProbability - r.frequency)).toBeLessThan(0.1);
  });

  it('gives exact, zero-width intervals and 0/1 probabilities when every stratum is observed in full (n = N)', () => {
    const full = calibrationAt(1000);
    expect(full.records.every((record) => record.certain)).toBe(true);
    expect(full.calibratedCoverage).toBe(1);
    expect(full.medianHalfWidth).toBe(0);
    expect(full.q95HalfWidth).toBe(0);
    for (const record of full.records) {
      expect(record.calibratedInterval).toEqual([record.estimate, record.estimate]);
      expect(Object.values(record.probRankAtMost).every((p) => p === 0 || p === 1)).toBe(true);
    }
  });

  it('never widens a certain user result, whatever the factor', () => {
    const certain = {
      rank: 8,
      rankQuantiles: { lo: 8, hi: 8 },
      probRankAtMost: { '1': 0, '3': 0, '5': 0, '10': 1 },
      resamples: 2000,
      certain: true,
    };
    const applied = applyCalibration(certain, { ...at20, factor: 4 }, 31);
    expect(applied.interval).toEqual([8, 8]);
    expect(applied.probRankAtMost).toEqual({ '1': 0, '3': 0, '5': 0, '10': 1 });
    // Not certain, same raw quantiles: calibration may widen (the floor τ stands for ranks a zero-width raw misses).
    expect(applyCalibration({ ...certain, certain: false }, { ...at20, factor: 4 }, 31).interval[0]).toBeLessThan(8);
  });

  it('keeps P(rank ≤ k) consistent with the interval', () => {
    const result = { rank: 12, probRankAtMost: { '1': 0, '3': 0, '5': 0.3, '10': 1 }, resamples: 2000, certain: false };
    // Identity maps: the raw shares, clamped by the interval [5, 14].
    const p = calibratedProbabilities(result, [], [5, 14], 0.05);
    expect(p['3']).toBe(0); // below the interval: ≤ α
    expect(p['5']).toBe(0.3);
    expect(p['10']).toBe(0.975); // the interval leaves 11–14 open: never stated as certain
    const beyond = calibratedProbabilities({ ...result, probRankAtMost: { '10': 0.5 } }, [], [3, 9], 0.05);
    expect(beyond['10']).toBe(0.95); // past the interval's upper end: ≥ 1 − α
  });
});

describe('calibratePairedPolicy', () => {
  it('reports a paired interval only where it is narrower, so the paired path is never wider', () => {
    const unpaired = calibrationAt(20);
    // A "paired" estimator that is the same data: the policy shows it only where strictly narrower.
    const paired = calibrationAt(20);
    const policy = calibratePairedPolicy(unpaired, paired);
    const byKey = new Map(unpaired.records.map((record) => [`${record.model}/${record.draw}`, record]));
    for (const record of policy.records) {
      const fallback = byKey.get(`${record.model}/${record.draw}`);
      expect(record.calibratedInterval[1] - record.calibratedInterval[0]).toBeLessThanOrEqual(
        (fallback?.calibratedInterval[1] ?? 0) - (fallback?.calibratedInterval[0] ?? 0),
      );
    }
    expect(policy.calibratedCoverage).toBeGreaterThanOrEqual(0.9);
  });
});
