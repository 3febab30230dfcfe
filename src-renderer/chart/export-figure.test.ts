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
    // A one-rank interval reads as on the results page (before: "#13–#13").
    expect(figureTitle({ ...result, rank: 13, rankInterval: [13, 13] }, 68, { chosen: 16, of: 16 })).toContain(
      ', 95 % #13, ',
    );
  });
});

describe('expectedIntervals (the Budget step adapter)', () => {
  it('shows exactly what rank.tradeoff returns for the chosen scenarios, row by row', () => {
    for (const table of [fakeTradeoff('lb'), fakeTradeoff('lb', ['boolq'])]) {
      const rows = expectedIntervals(table);
      expect(rows).toHaveLength(table.rows.length);
      rows.forEach((row, i) => {
        const channel = table.rows[i]!;
        expect(row).toEqual({
          examplesPerScenario: channel.examplesPerScenario,
          medianHalfWidth: channel.medianHalfWidth,
          q95HalfWidth: channel.q95HalfWidth,
          coverage: channel.coverage,
          calibrated: channel.calibrated,
          scenarios: table.scenarios,
          basis: table.calibrationBasis,
        });
      });
    }
    expect(expectedIntervals(fakeTradeoff('lb', ['boolq']))[0]?.scenarios).toEqual(['boolq']);
  });
});
