import { describe, expect, it } from 'vitest';
import { fakeRankedTable, fakeRankResult, fakeTable } from '../api/fake-api';
import { toRankChartModel } from './rank-chart-data';

const at = (rank: number, interval: [number, number], models = 100) => {
  const result = { ...fakeRankResult('r', 'lb'), rank, rankInterval: interval };
  return { result, table: fakeRankedTable(result, fakeTable('lb', models)) };
};

describe('toRankChartModel', () => {
  it('shows 6 rows on each side of yours, with the band clipped to what is visible', () => {
    const { result, table } = at(50, [40, 70]);
    const model = toRankChartModel(table, result, 'around');
    expect(model.rows.map((row) => row.position)).toEqual([44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56]);
    expect(model.you?.position).toBe(50);
    expect(model.band).toEqual({ first: 0, last: 12 });
    expect([model.clippedAbove, model.clippedBelow]).toEqual([true, true]);
    expect(model.rows.every((row) => row.isInInterval)).toBe(true);
  });

  it('slides the window inwards at the end of the board and marks the band exactly', () => {
    const { result, table } = at(101, [95, 101]);
    const model = toRankChartModel(table, result, 'around');
    expect(model.rows).toHaveLength(13);
    expect(model.rows[model.rows.length - 1]?.isYou).toBe(true);
    expect(model.rows[model.band?.first ?? -1]?.position).toBe(95);
    expect(model.rows[model.band?.last ?? -1]?.position).toBe(101);
    expect([model.clippedAbove, model.clippedBelow]).toEqual([false, false]);
  });

  it('shows every row in the whole-board view, best first, yours labelled', () => {
    const { result, table } = at(3, [2, 5], 12);
    const model = toRankChartModel(table, result, 'all');
    expect(model.rows).toHaveLength(13);
    expect(model.total).toBe(13);
    expect(model.rows[2]).toMatchObject({ isYou: true, label: 'me/my-model (yours)', rank: 3 });
    expect(model.rows.filter((row) => row.isTied).map((row) => row.label)).toEqual(['Model 2', 'Model 3']);
  });
});
