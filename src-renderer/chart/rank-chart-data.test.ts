import { describe, expect, it } from 'vitest';
import type { LeaderboardRow } from '../../src-shared/api/leaderboards';
import { fakeRankResult } from '../api/fake-api';
import { toRankChartData } from './rank-chart-data';

const row = (model: string, meanWinRate: number | null, rank: number): LeaderboardRow => ({
  model,
  displayName: null,
  meanWinRate,
  rank,
  cells: {},
});

describe('toRankChartData', () => {
  const rows = [row('b', 0.5, 2), row('a', 0.9, 1), row('c', 0.1, 3), row('x', null, 4)];

  it('orders leaderboard models best first and leaves out models without a mean win rate', () => {
    expect(toRankChartData(rows, null).map((bar) => bar.model)).toEqual(['a', 'b', 'c']);
  });

  it('inserts the new model by its mean win rate with its interval as offsets below and above', () => {
    const result = {
      ...fakeRankResult('r', 'lb'),
      model: 'me',
      meanWinRate: 0.6,
      meanWinRateInterval: [0.45, 0.7] as [number, number],
      tiedWith: ['b'],
    };
    const bars = toRankChartData(rows, result);
    expect(bars.map((bar) => bar.model)).toEqual(['a', 'me', 'b', 'c']);
    const mine = bars[1]!;
    expect(mine.isNew).toBe(true);
    expect(mine.interval?.[0]).toBeCloseTo(0.15);
    expect(mine.interval?.[1]).toBeCloseTo(0.1);
    expect(bars.find((bar) => bar.model === 'b')?.isTied).toBe(true);
    expect(bars.filter((bar) => bar.isNew)).toHaveLength(1);
  });

  it('puts the new model after a leaderboard model with the same value', () => {
    const result = {
      ...fakeRankResult('r', 'lb'),
      model: 'me',
      meanWinRate: 0.5,
      meanWinRateInterval: [0.5, 0.5] as [number, number],
    };
    expect(toRankChartData(rows, result).map((bar) => bar.model)).toEqual(['a', 'b', 'me', 'c']);
  });

  it('scales to a 100-model board plus the new model', () => {
    const big = Array.from({ length: 100 }, (_, index) => row(`m${index}`, (100 - index) / 100, index + 1));
    const bars = toRankChartData(big, fakeRankResult('r', 'lb'));
    expect(bars).toHaveLength(101);
    for (let index = 1; index < bars.length; index += 1)
      expect(bars[index - 1]!.meanWinRate).toBeGreaterThanOrEqual(bars[index]!.meanWinRate);
  });
});
