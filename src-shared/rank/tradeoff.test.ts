import { describe, expect, it } from 'vitest';
import type { Calibration, CalibrationRecord } from './calibration';
import { budgetAt, CLASSIC_LAYOUT, fullBudget } from './classic-layout';
import { designAt, summarizeExpected } from './expected-interval';
import { computeTradeoff, formatTradeoff } from './tradeoff';
import type { EfficientSize } from '../examples-per-scenario';

function expected(level: EfficientSize, errors: number[], factor: number | null = 1) {
  const records: CalibrationRecord[] = errors.map((error, j) => ({
    model: `m${j}`,
    draw: 0,
    truth: j + 1,
    estimate: j + 1 + error,
    quantileLo: j,
    quantileHi: j + 2,
    rawProbRankAtMost: {},
    certain: false,
    score: 0,
    rawCovered: true,
    calibratedInterval: [j, j + 2],
    calibratedCovered: true,
    probRankAtMost: {},
  }));
  const calibration: Calibration = {
    level,
    factor,
    scaleFloor: 1,
    models: records.length,
    draws: 1,
    rows: records.length,
    resamples: 100,
    alpha: 0.05,
    rawCoverage: 1,
    calibratedCoverage: 1,
    medianAbsError: 0,
    q95AbsError: 0,
    medianHalfWidth: 1,
    q95HalfWidth: 1,
    reliability: [],
    probability: [],
    records,
    basis: 'simulated',
  };
  return summarizeExpected(calibration, designAt(CLASSIC_LAYOUT, level), level);
}

describe('Classic layout (docs/helm-fidelity.md §3.1)', () => {
  it('counts main-split items per conf: MMLU 6/12/37/85/514, NarrativeQA 8/17/39/77/355', () => {
    const mmlu = CLASSIC_LAYOUT.filter((s) => s.column === 'mmlu');
    expect([10, 20, 50, 100, 1000].map((level) => mmlu.reduce((sum, s) => sum + s.sampleSize[level as 10], 0))).toEqual(
      [6, 12, 37, 85, 514],
    );
    expect(CLASSIC_LAYOUT.find((s) => s.column === 'narrative_qa')?.populationSize).toBe(355);
    expect(CLASSIC_LAYOUT.filter((s) => s.column === 'raft').every((s) => s.populationSize === 40)).toBe(true);
    expect(new Set(CLASSIC_LAYOUT.map((s) => s.column)).size).toBe(16);
    expect(budgetAt(CLASSIC_LAYOUT, 10).instances).toBeLessThan(budgetAt(CLASSIC_LAYOUT, 20).instances);
    expect(budgetAt(CLASSIC_LAYOUT, 1000).requests).toBeLessThanOrEqual(fullBudget(CLASSIC_LAYOUT).requests);
  });
});

describe('computeTradeoff', () => {
  it("summarises errors by tier, cost saved and HELM's published value", () => {
    const table = computeTradeoff(
      [expected(10, [0, -3, 1, 2, 8, 0, 1, 1]), expected(1000, [0, 0, 0, 0, 0, 0, 0, 0])],
      CLASSIC_LAYOUT,
      'release v0.4.0',
    );
    const [small, large] = table.rows;
    expect(small?.helmPublishedCi).toBe('±5');
    expect(large?.helmPublishedCi).toBe('±1');
    expect(small?.probWithin2).toBeCloseTo(6 / 8, 12);
    expect(small?.q95AbsErrorByTier['1-5']).toBeGreaterThan(small?.q95AbsErrorByTier['6-15'] as number);
    expect(small?.q95AbsErrorByTier['36+']).toBeNull();
    expect(small?.computeSaved).toBeGreaterThan(large?.computeSaved as number);
    expect(table.basis).toMatch(
      /calibrated on 8 models of release v0.4.0, 1 draws each, leave-one-model-out \(simulated/,
    );
    expect(table.calibratedOn).toEqual({ models: 8, release: 'release v0.4.0', draws: 1 });
    expect(small?.calibrationBasis).toBe('simulated');
    expect(table.scenarios).toHaveLength(16);
    expect(formatTradeoff(table)).toContain('HELM');
    // Without board token stats: stated defaults, labelled, and tokens scale with the conf.
    expect(table.tokensBasis).toMatch(/stated defaults for every scenario/);
    expect(small?.tokens).toBeLessThan(large?.tokens as number);
    expect(large?.tokens).toBeLessThan(table.fullRunTokens);
    expect(table.fullRunRequests).toBe(fullBudget(CLASSIC_LAYOUT).requests);
    expect(formatTradeoff(table)).toMatch(/Full run: [\d.]+M tokens\. Tokens: stated defaults/);
  });

  it('on a board too small to calibrate, shows the raw interval a run reports and says not calibrated, with why', () => {
    // Was: "med ± 5.5, cal cov 1.00" at every N, under "calibrated on 12 models".
    const table = computeTradeoff([expected(10, [0, -3, 1, 2, 8, 0, 1, 1], null)], CLASSIC_LAYOUT, 'release v0.4.0');
    const [row] = table.rows;
    expect(row?.calibrated).toBe(false);
    expect(row?.calibratedCoverage).toBeNull();
    expect(row?.medianHalfWidth).toBe(1); // each record's raw interval [j, j + 2]
    expect(table.notCalibrated).toBe('8 models are too few for a 95 % conformal factor');
    expect(table.basis).toMatch(
      /^not calibrated: 8 models are too few for a 95 % conformal factor; ± and coverage are of the raw bootstrap interval/,
    );
    const text = formatTradeoff(table);
    expect(text).toContain('* raw bootstrap interval, not calibrated');
    expect(text).not.toMatch(/Basis: calibrated/);
  });
});
