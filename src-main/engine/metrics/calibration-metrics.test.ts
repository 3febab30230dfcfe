import { describe, expect, it } from 'vitest';
import type { Stat } from '../../../src-shared/helm/stat';
import { calibrationStats } from './calibration-metrics';
import { statOf } from './stat-values';

// Reference values were printed by a transcription of uncertainty-calibration's `calibration/utils.py`
// estimators (`get_equal_bins`, `fast_bin`, `plugin_ce`, `get_selective_stats`) on numpy 2.4.6, for 23
// synthetic (max_prob, correct) pairs drawn with RandomState(3).
const PROBS = [
  0.6631, 0.7811, 0.4682, 0.6331, 0.9197, 0.9222, 0.3442, 0.4054, 0.2886, 0.5806, 0.2724, 0.5926, 0.7369, 0.4589,
  0.7572, 0.6931, 0.268, 0.6691, 0.4444, 0.5613, 0.4626, 0.7699, 0.5803,
];
const CORRECT = [1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0];

function instances(probs: readonly number[], correct: readonly number[], logprob = -1): Stat[][] {
  return probs.map((prob, index) => [
    statOf('max_prob', prob),
    statOf('exact_match', correct[index] as number),
    statOf('logprob', logprob),
  ]);
}

const value = (stats: readonly Stat[], name: string): number | undefined =>
  stats.find((stat) => stat.name.name === name)?.sum;

describe('calibrationStats', () => {
  it('matches the calibration package on ECE (equal-mass 10 bins, 1 bin) and selective accuracy', () => {
    const stats = calibrationStats(instances(PROBS, CORRECT));
    expect(value(stats, 'ece_10_bin')).toBeCloseTo(0.1967, 12);
    expect(value(stats, 'ece_1_bin')).toBeCloseTo(0.03161304347826088, 12);
    expect(value(stats, 'selective_cov_acc_area')).toBeCloseTo(0.864011059260215, 12);
    expect(value(stats, 'selective_acc@10')).toBe(1);
  });

  it('Platt scaling reaches the logistic maximum likelihood: mean calibrated prob = accuracy', () => {
    const stats = calibrationStats(instances(PROBS, CORRECT));
    const coef = value(stats, 'platt_coef') as number;
    const intercept = value(stats, 'platt_intercept') as number;
    const calibrated = PROBS.map((p) => 1 / (1 + Math.exp(-(Math.log(p / (1 - p)) * coef + intercept))));
    const meanCalibrated = calibrated.reduce((a, b) => a + b, 0) / calibrated.length;
    expect(meanCalibrated).toBeCloseTo(CORRECT.reduce((a, b) => a + b, 0) / CORRECT.length, 9);
    expect(value(stats, 'platt_ece_1_bin')).toBeCloseTo(0, 9);
  });

  it('is skipped without real logprobs, and Platt is 0 when all answers agree', () => {
    expect(calibrationStats(instances(PROBS, CORRECT, 0))).toEqual([]);
    const allRight = calibrationStats(instances([0.9, 0.8], [1, 1]));
    expect(value(allRight, 'platt_ece_10_bin')).toBe(0);
    expect(allRight.some((stat) => stat.name.name === 'platt_coef')).toBe(false);
  });
});
