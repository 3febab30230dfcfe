import { describe, expect, it } from 'vitest';
import type { PolicyRecord } from './conformal';
import {
  conformalFactor,
  conformalScore,
  fitInterval,
  intervalAt,
  policyCoverage,
  policyFactor,
  policyInterval,
  SCALE_FLOOR,
} from './conformal';

const raw = (estimate: number, quantileLo: number, quantileHi: number, certain = false) => ({
  estimate,
  quantileLo,
  quantileHi,
  certain,
});

describe('conformal scores and intervals', () => {
  it('covers exactly the truths scoring at most the factor (half-widths rounded down)', () => {
    // r̂ = 10, q = [8, 11], τ = 1: s_lo = 3, s_hi = 2.
    const r = raw(10, 8, 11);
    expect(conformalScore(r, 14, 1)).toBe(2);
    expect(conformalScore(r, 7, 1)).toBe(1);
    expect(conformalScore(r, 10, 1)).toBe(0);
    for (const truth of [3, 6, 7, 9, 10, 12, 13, 14, 16]) {
      const score = conformalScore(r, truth, 1);
      for (const factor of [score, score + 0.01]) {
        const [lo, hi] = intervalAt(r, factor, 30, 1);
        expect(truth >= lo && truth <= hi).toBe(true);
      }
      const [lo, hi] = intervalAt(r, score - 0.01, 30, 1);
      expect(truth >= lo && truth <= hi).toBe(false);
    }
    expect(intervalAt(r, 2, 30, 1)).toEqual([4, 14]);
    expect(intervalAt(r, 10, 30, 1)).toEqual([1, 30]);
  });

  it('keeps a certain result a point and scores its misses as never covered', () => {
    expect(intervalAt(raw(8, 8, 8, true), 5, 30, 8)).toEqual([8, 8]);
    expect(conformalScore(raw(8, 8, 8, true), 8, 1)).toBe(0);
    expect(conformalScore(raw(8, 8, 8, true), 9, 1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('pools the models: each model weighs 1 whatever its draws, target (1 − α)(K + 1)', () => {
    // 19 models with score 0 (one draw) and one model with draws 1, 2, 3, 4: target 0.95·21 = 19.95.
    const scores = [
      ...Array.from({ length: 19 }, (_, i) => ({ group: `m${i}`, score: 0 })),
      ...[1, 2, 3, 4].map((score) => ({ group: 'x', score })),
    ];
    expect(conformalFactor(scores, 0.05)).toBe(4); // 19 + 3/4 < 19.95 until the last draw
    expect(conformalFactor(scores.slice(0, 10), 0.05)).toBe(Number.POSITIVE_INFINITY); // 10 models are too few
    const many = Array.from({ length: 40 }, (_, i) => ({ group: `m${i}`, score: i }));
    expect(conformalFactor(many, 0.05)).toBe(38); // ⌈0.95·41⌉ = 39th smallest
  });

  it('fits ĉ at τ = 2 so that at least the conformal share of held-out truths is covered', () => {
    // Constant errors of ±3 whatever the bootstrap spread (0 to 8 ranks).
    const records = Array.from({ length: 40 }, (_, i) => ({
      model: `m${i}`,
      truth: 20 + (i % 2 === 0 ? 3 : -3),
      ...raw(20, 20 - (i % 5) * 2, 20 + (i % 5) * 2),
    }));
    const fit = fitInterval(records, 0.05);
    expect(fit.scaleFloor).toBe(SCALE_FLOOR);
    expect(fit.scaleFloor).toBe(2);
    const covered = records.filter((record) => {
      const [lo, hi] = intervalAt(record, fit.factor, 60, fit.scaleFloor);
      return record.truth >= lo && record.truth <= hi;
    });
    expect(covered.length).toBeGreaterThanOrEqual(Math.ceil(0.95 * 41) - 1);
  });
});

describe('paired-or-unpaired policy', () => {
  const record = (truth: number, unpairedInterval: [number, number]): PolicyRecord => ({
    model: 'm',
    truth,
    unpairedInterval,
    ...raw(10, 9, 11),
  });

  it('shows the paired interval only while it is narrower', () => {
    expect(policyInterval(record(10, [6, 14]), 1, 30, 1)).toEqual({ interval: [8, 12], paired: true });
    expect(policyInterval(record(10, [8, 12]), 1, 30, 1)).toEqual({ interval: [8, 12], paired: false });
  });

  it('knows for which paired factors the reported interval covers the truth', () => {
    // Paired scales 2 / 2 (τ = 1); unpaired [6, 14] covers 13: paired covers 13 from c = 1.5, and is no longer
    // narrower from c = 2 — so the report covers from 1.5 on.
    expect(policyCoverage(record(13, [6, 14]), 30, 1)).toEqual({ from: 1.5, to: Infinity });
    for (const c of [1.5, 1.7, 2, 3, 10]) {
      const { interval } = policyInterval(record(13, [6, 14]), c, 30, 1);
      expect(13 >= interval[0] && 13 <= interval[1]).toBe(true);
    }
    // Unpaired [9, 11] misses 12: only the paired interval can cover it, while it is still narrower — never here.
    expect(policyCoverage(record(12, [9, 11]), 30, 1)).toBeNull();
    // Unpaired [1, 16] misses 17; paired covers 17 from c = 3.5 ([3, 17]) and is narrower until c = 4 ([2, 18]).
    expect(policyCoverage(record(17, [1, 16]), 30, 1)).toEqual({ from: 3.5, to: 4 });
  });

  it('picks the smallest paired factor that covers as much as the conformal target, or the unpaired intervals', () => {
    // 20 models, one draw each: 19 truths on the estimate, one far off but inside the unpaired interval.
    const records = [
      ...Array.from({ length: 19 }, (_, i) => ({ ...record(10, [6, 14]), model: `m${i}` })),
      { ...record(14, [6, 14]), model: 'x' },
    ];
    // Target min(0.95·21, 20) = 19.95: the 20th record must be covered too, from c = 2 (paired covers 14).
    expect(policyFactor(records, 30, 1, 0.05)).toBe(2);
    expect(policyFactor(records.slice(0, 10), 30, 1, 0.05)).toBe(Number.POSITIVE_INFINITY);
  });
});
