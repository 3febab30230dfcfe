/**
 * HELM's calibration stats (`metrics/basic_metrics.py` `compute_calibration_metrics`, v0.3.0 = HEAD), derived
 * per context from the instances' `max_prob` and `exact_match`, with the estimators of the `calibration`
 * package HELM calls (uncertainty-calibration `calibration/utils.py`: `get_ece_em`, `get_ece`,
 * `get_selective_stats`, `get_platt_scaler`). Skipped, as in HELM, when no instance has a negative logprob
 * (the model returned no real logprobs). `ece_10_bin` is the Classic leaderboard's Calibration column.
 *
 * Deviations: ties in `max_prob` are ordered stably for the selective stats (numpy's `argsort` does not
 * promise an order); Platt scaling is the exact maximum-likelihood logistic fit by Newton's method with
 * sklearn's L2 term (C = 1e10), where sklearn's lbfgs stops at a gradient tolerance of 1e-4, so `platt_*`
 * may differ from HELM's in the 4th–5th decimal.
 */
import type { Stat } from '../../../src-shared/helm/stat';
import { statOf } from './stat-values';

/** One instance's stats within one context. */
export type InstanceStatList = readonly Stat[];

const EPS = 1e-12;
const PLATT_C = 1e10;

function unique(stats: InstanceStatList, name: string): Stat | undefined {
  return stats.find((stat) => stat.name.name === name);
}

/** `np.array_split(sorted, parts)` boundaries → `get_equal_bins`: midpoints between parts, then 1.0. */
function equalMassBins(probs: readonly number[], requested: number): number[] {
  const sorted = [...probs].sort((a, b) => a - b);
  const parts = Math.min(requested, sorted.length);
  const base = Math.floor(sorted.length / parts);
  const extra = sorted.length % parts;
  const splits: number[][] = [];
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const size = base + (i < extra ? 1 : 0);
    splits.push(sorted.slice(start, start + size));
    start += size;
  }
  const bins: number[] = [];
  for (let i = 0; i < splits.length - 1; i++) {
    bins.push((((splits[i] as number[]).at(-1) as number) + ((splits[i + 1] as number[])[0] as number)) / 2);
  }
  bins.push(1.0);
  return [...new Set(bins)].sort((a, b) => a - b);
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** `plugin_ce(bin(data, bins), power=1)`: Σ bin weight × |mean prob − mean label|; `searchsorted` left. */
function pluginCalibrationError(probs: readonly number[], labels: readonly number[], bins: readonly number[]): number {
  const grouped = bins.map(() => ({ probs: [] as number[], labels: [] as number[] }));
  probs.forEach((prob, index) => {
    let bin = bins.findIndex((edge) => prob <= edge);
    if (bin < 0) bin = bins.length - 1;
    grouped[bin]?.probs.push(prob);
    grouped[bin]?.labels.push(labels[index] as number);
  });
  let error = 0;
  for (const group of grouped) {
    if (group.probs.length === 0) continue;
    error += (group.probs.length / probs.length) * Math.abs(mean(group.probs) - mean(group.labels));
  }
  return error;
}

/** `get_selective_stats`: area under the coverage–accuracy curve and accuracy of the top 10 %. */
function selectiveStats(probs: readonly number[], correct: readonly number[]): [number, number] {
  const order = probs.map((_, index) => index).sort((a, b) => (probs[b] as number) - (probs[a] as number));
  let hits = 0;
  const accuracies = order.map((index, rank) => {
    hits += correct[index] as number;
    return hits / (rank + 1);
  });
  return [mean(accuracies), accuracies[Math.floor(0.1 * order.length)] as number];
}

const logit = (p: number): number => {
  const clipped = Math.min(Math.max(p, EPS), 1 - EPS);
  return Math.log(clipped / (1 - clipped));
};

/** Logistic regression of labels on logit(prob), L2 on the coefficient only (sklearn's penalty). */
function plattFit(probs: readonly number[], labels: readonly number[]): { coef: number; intercept: number } {
  const xs = probs.map(logit);
  let coef = 0;
  let intercept = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let gradCoef = coef / PLATT_C;
    let gradIntercept = 0;
    let hCoef = 1 / PLATT_C;
    let hCross = 0;
    let hIntercept = 0;
    xs.forEach((x, index) => {
      const p = 1 / (1 + Math.exp(-(coef * x + intercept)));
      const residual = p - (labels[index] as number);
      const weight = p * (1 - p);
      gradCoef += residual * x;
      gradIntercept += residual;
      hCoef += weight * x * x;
      hCross += weight * x;
      hIntercept += weight;
    });
    const determinant = hCoef * hIntercept - hCross * hCross;
    if (!(determinant > 0)) break;
    const stepCoef = (hIntercept * gradCoef - hCross * gradIntercept) / determinant;
    const stepIntercept = (hCoef * gradIntercept - hCross * gradCoef) / determinant;
    coef -= stepCoef;
    intercept -= stepIntercept;
    if (Math.abs(stepCoef) < 1e-12 && Math.abs(stepIntercept) < 1e-12) break;
  }
  return { coef, intercept };
}

/** `compute_calibration_metrics` for the instances of one context. */
export function calibrationStats(instances: readonly InstanceStatList[]): Stat[] {
  if (!instances.some((stats) => stats.some((stat) => stat.name.name === 'logprob' && stat.sum < 0))) return [];
  const probs: number[] = [];
  const correct: number[] = [];
  for (const stats of instances) {
    const maxProb = unique(stats, 'max_prob');
    const exact = unique(stats, 'exact_match');
    if (!maxProb || !exact || maxProb.count === 0 || exact.count === 0) continue;
    probs.push(maxProb.sum / maxProb.count);
    correct.push(Math.trunc(exact.sum / exact.count)); // HELM: int(mean), so a 0.5 tie counts as wrong
  }
  if (probs.length === 0) return [];
  const [area, top10] = selectiveStats(probs, correct);
  const stats = [
    statOf('ece_10_bin', pluginCalibrationError(probs, correct, equalMassBins(probs, 10))),
    statOf('ece_1_bin', pluginCalibrationError(probs, correct, [1.0])),
    statOf('selective_cov_acc_area', area),
    statOf('selective_acc@10', top10),
  ];
  const numCorrect = correct.reduce((sum, value) => sum + value, 0);
  if (numCorrect === 0 || numCorrect === correct.length) {
    stats.push(statOf('platt_ece_10_bin', 0), statOf('platt_ece_1_bin', 0));
    return stats;
  }
  const { coef, intercept } = plattFit(probs, correct);
  const calibrated = probs.map((prob) => 1 / (1 + Math.exp(-(logit(prob) * coef + intercept))));
  stats.push(
    statOf('platt_coef', coef),
    statOf('platt_intercept', intercept),
    statOf('platt_ece_10_bin', pluginCalibrationError(calibrated, correct, equalMassBins(calibrated, 10))),
    statOf('platt_ece_1_bin', pluginCalibrationError(calibrated, correct, [1.0])),
  );
  return stats;
}
