import { describe, expect, it } from 'vitest';
import type { Board } from './board';
import type { StratumLayout } from './classic-layout';
import { CLASSIC_LAYOUT } from './classic-layout';
import { designAt, expectedInterval } from './expected-interval';
import { createRng } from './prng';
import { applyCalibration } from './calibration';
import { quantile } from './quantile';

function board(K: number, columns: readonly string[], seed: number): Board {
  const rng = createRng(seed);
  const skill = Array.from({ length: K }, () => rng.next());
  return {
    models: skill.map((_, i) => `m${i}`),
    columns: columns.map((name) => ({ name, lowerIsBetter: false })),
    values: skill.map((s) => columns.map(() => Math.min(1, Math.max(0, s + 0.1 * rng.normal())))),
    rule: 'current',
    aggregation: 'win_rate',
  };
}

describe('designAt', () => {
  it("takes the layout's items at a conf, for a scenario subset", () => {
    const design = designAt(CLASSIC_LAYOUT, 10, ['mmlu', 'raft']);
    expect(new Set(design.map((stratum) => stratum.column))).toEqual(new Set(['mmlu', 'raft']));
    expect(design.filter((s) => s.column === 'mmlu').reduce((sum, s) => sum + s.sampleSize, 0)).toBe(6);
    expect(designAt(CLASSIC_LAYOUT, 10)).toHaveLength(CLASSIC_LAYOUT.length);
  });

  it("takes N_r from the board's per-instance data where it is cached, as a run of the design does", () => {
    const trec = CLASSIC_LAYOUT.find((stratum) => stratum.column === 'msmarco_trec') as StratumLayout;
    const cached = { stratumId: trec.id, instanceIds: Array.from({ length: 12 }, (_, i) => `id${i}`) };
    expect(designAt(CLASSIC_LAYOUT, 20, ['msmarco_trec', 'boolq'], [cached])).toEqual([
      { id: 'boolq:', column: 'boolq', populationSize: 1000, sampleSize: 20, binary: true },
      { id: trec.id, column: 'msmarco_trec', populationSize: 12, sampleSize: 12, binary: false },
    ]);
  });
});

describe('expectedInterval', () => {
  const columns = ['a', 'b', 'c', 'd'];
  const b = board(24, columns, 5);
  // One stratum per column, N = 200, and a small-n layout.
  const layout: StratumLayout[] = columns.map((column) => ({
    id: column,
    column,
    populationSize: 200,
    sampleSize: { 10: 10, 20: 20, 50: 50, 100: 100, 1000: 200 },
    binary: true,
    requestsPerInstance: 1,
  }));
  const settings = { draws: 2, resamples: 200, seed: 3 };

  it('gets narrower with more examples and is exact for the full configuration', () => {
    const small = expectedInterval({ board: b, layout, level: 10, settings });
    const large = expectedInterval({ board: b, layout, level: 100, settings });
    expect(small.halfWidth).toBeGreaterThan(large.halfWidth);
    expect(small.coverage).toBeGreaterThan(0.8);
    expect(small.models).toBe(24);
    expect(small.basis).toBe('simulated');
    expect(small.mainSplitItems).toBe(40);
    const full = expectedInterval({ board: b, layout, level: 1000, settings });
    expect(full.halfWidth).toBe(0);
    expect(expectedInterval({ board: b, layout, level: 'all' })).toMatchObject({ halfWidth: 0, coverage: 1 });
  });

  it('on a board too small to calibrate, plans the raw interval a run reports, labelled not calibrated', () => {
    const small = board(12, columns, 7);
    const expected = expectedInterval({ board: small, layout, level: 10, settings });
    const calibration = expected.calibration as NonNullable<typeof expected.calibration>;
    expect(calibration.factor).toBeNull();
    expect(expected.calibrated).toBe(false);
    expect(expected.notCalibratedReason).toBe('12 models are too few for a 95 % conformal factor');
    // Not the whole board ([1, 12], ±5.5) at 100 % as if calibrated: the raw bootstrap interval of each pseudo-user.
    const raw = calibration.records.map((r) =>
      r.certain ? 0 : (Math.ceil(r.quantileHi) - Math.floor(r.quantileLo)) / 2,
    );
    expect(expected.halfWidth).toBe(quantile(raw, 0.5));
    expect(expected.halfWidth).toBeLessThan(5.5);
    expect(expected.coverage).toBe(calibration.rawCoverage);
    // The result of such a run reports that raw interval too (applyCalibration, the rank service's path).
    const record = calibration.records[0] as (typeof calibration.records)[number];
    const reported = applyCalibration(
      {
        rank: record.estimate,
        rankQuantiles: { lo: record.quantileLo, hi: record.quantileHi },
        probRankAtMost: record.rawProbRankAtMost,
        resamples: 200,
        certain: record.certain,
      },
      calibration,
      13,
    );
    expect(reported.interval).toEqual([Math.floor(record.quantileLo), Math.ceil(record.quantileHi)]);
    const calibrated = expectedInterval({ board: b, layout, level: 10, settings });
    expect(calibrated).toMatchObject({ calibrated: true, notCalibratedReason: null });
  });

  it('on a board too small to calibrate, a level that observes nearly everything plans about what "all" does', () => {
    // Was: ±5.5 ranks at N = 1000 beside ±0 for "all" on the 12-model demo board — the missing factor made every
    // pseudo-user's interval the whole board, however little was left unobserved.
    const small = board(12, columns, 7);
    const nearlyFull = layout.map((stratum) => ({ ...stratum, sampleSize: { ...stratum.sampleSize, 1000: 199 } }));
    const expected = expectedInterval({ board: small, layout: nearlyFull, level: 1000, settings });
    expect(expected.calibrated).toBe(false);
    expect(expected.halfWidth).toBeLessThanOrEqual(0.5);
    expect(expectedInterval({ board: small, layout, level: 1000, settings })).toMatchObject({
      halfWidth: 0,
      q95HalfWidth: 0,
      coverage: 1,
    });
  });

  it('plans a scenario subset on its own strata and reuses a cached calibration', () => {
    const stored = new Map<string, never>();
    let computed = 0;
    const cache = {
      get(key: string, compute: () => never) {
        if (!stored.has(key)) {
          computed++;
          stored.set(key, compute());
        }
        return stored.get(key) as never;
      },
    };
    const subset = expectedInterval({ board: b, layout, level: 20, scenarios: ['a', 'b'], settings, cache });
    expect(subset.scenarios).toEqual(['a', 'b']);
    expect(subset.mainSplitItems).toBe(40);
    expectedInterval({ board: b, layout, level: 20, scenarios: ['a', 'b'], settings, cache });
    expect(computed).toBe(1);
    expect(() => expectedInterval({ board: b, layout, level: 20, scenarios: ['zzz'] })).toThrow(/zzz/);
  });
});
