import { describe, expect, it } from 'vitest';
import { createRng } from './prng';
import { fitProbabilityMap, mapProbability, smoothedShare } from './probability-map';

describe('probability map (Platt scaling of bootstrap shares)', () => {
  it('learns an over-confident bootstrap: shares near 0/1 that come true less often', () => {
    // Truth happens with probability 0.2 + 0.6·p where p is the bootstrap's share: the bootstrap is too sure.
    const rng = createRng(7);
    const data = Array.from({ length: 2000 }, () => {
      const raw = rng.next() < 0.5 ? rng.next() * 0.1 : 0.9 + rng.next() * 0.1;
      return { raw, outcome: rng.next() < 0.2 + 0.6 * raw };
    });
    const map = fitProbabilityMap(3, data, 1000);
    expect(map.slope).toBeLessThan(1);
    expect(mapProbability(map, 0.01, 1000)).toBeGreaterThan(0.1);
    expect(mapProbability(map, 0.99, 1000)).toBeLessThan(0.9);
    // Calibration in the large: the mean mapped probability matches the observed share.
    const mean = data.reduce((sum, d) => sum + mapProbability(map, d.raw, 1000), 0) / data.length;
    const share = data.filter((d) => d.outcome).length / data.length;
    expect(Math.abs(mean - share)).toBeLessThan(0.01);
  });

  it('stays near the identity when the data say nothing (ridge) and keeps 0/1 shares finite', () => {
    const map = fitProbabilityMap(1, [], 500);
    expect(map).toEqual({ k: 1, intercept: 0, slope: 1 });
    expect(mapProbability(map, 0.3, 500)).toBeCloseTo(smoothedShare(0.3, 500), 12);
    expect(smoothedShare(0, 500)).toBeGreaterThan(0);
    expect(smoothedShare(1, 500)).toBeLessThan(1);
    const separated = fitProbabilityMap(
      1,
      Array.from({ length: 50 }, (_, i) => ({ raw: i % 2, outcome: i % 2 === 1 })),
      500,
    );
    expect(Number.isFinite(separated.slope)).toBe(true);
    expect(mapProbability(separated, 1, 500)).toBeLessThan(1);
  });
});
