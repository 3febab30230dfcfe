import { describe, expect, it } from 'vitest';
import { fakeRankResult, fakeTradeoff } from '../api/fake-api';
import { expectedIntervals } from '../store/expected-interval';
import { figureTitle } from './export-figure';

describe('figureTitle', () => {
  it('states the result as the issue asks: rank of total, board, interval, examples and scenarios', () => {
    const result = {
      ...fakeRankResult('r', 'classic-v0.3.0'),
      model: 'acme/x',
      rank: 59,
      rankInterval: [5, 68] as [number, number],
    };
    expect(figureTitle(result, 68, { chosen: 2, of: 16 })).toBe(
      'acme/x ranks #59 of 68 on classic-v0.3.0, 95 % #5–#68, 10 examples per scenario, 2 of 16 scenarios',
    );
    expect(figureTitle({ ...result, examplesPerScenario: 'all' }, 68, { chosen: 16, of: 16 })).toBe(
      'acme/x ranks #59 of 68 on classic-v0.3.0, 95 % #5–#68, all examples, all 16 scenarios',
    );
  });
});

describe('expectedIntervals (the Budget step adapter)', () => {
  it('reads the expected half-widths and coverage, and says when they are not for the chosen scenarios', () => {
    const all = expectedIntervals(fakeTradeoff('lb'));
    expect(all[0]).toEqual({
      examplesPerScenario: 10,
      medianHalfWidth: 4,
      q95HalfWidth: 12,
      coverage: 0.95,
      scenarios: 3,
      isForChosen: true,
    });
    expect(expectedIntervals(fakeTradeoff('lb', ['boolq']))[0]?.isForChosen).toBe(false);
  });
});
