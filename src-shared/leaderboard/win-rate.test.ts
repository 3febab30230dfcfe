import { describe, expect, it } from 'vitest';
import type { WinRateRule } from '../api/leaderboards';
import { meanScores, meanWinRates, rankRows } from './win-rate';

type Grid = (number | null)[][];
const columnsToRows = (...columns: (number | null)[][]): Grid =>
  columns[0]!.map((_, row) => columns.map((column) => column[row]!));
const A = [1, 2, 3, 4, 5];

// The vectors of HELM's `presentation/test_summarize.py` (HEAD); without ties both rules give the same answer.
const HELM_CASES: { name: string; values: Grid; lowerIsBetter: (boolean | null)[]; expected: (number | null)[] }[] = [
  { name: 'one scenario', values: columnsToRows(A), lowerIsBetter: [false], expected: [0, 0.25, 0.5, 0.75, 1] },
  {
    name: 'two scenarios',
    values: columnsToRows(A, [3, 1, 2, 5, 4]),
    lowerIsBetter: [false, false],
    expected: [0.25, 0.125, 0.375, 0.875, 0.875],
  },
  {
    name: 'incomplete values',
    values: columnsToRows(A, [3, 1, null, null, null]),
    lowerIsBetter: [false, false],
    expected: [0.5, 0.125, 0.5, 0.75, 1],
  },
  {
    name: 'ignore nones',
    values: columnsToRows(A, [null, null, null, null, null], [null, 1, null, null, null]),
    lowerIsBetter: [false, false, false],
    expected: [0, 0.25, 0.5, 0.75, 1],
  },
  {
    name: 'unset lower_is_better',
    values: columnsToRows(A, [3, 1, 2, 5, 4]),
    lowerIsBetter: [false, null],
    expected: [0, 0.25, 0.5, 0.75, 1],
  },
  {
    name: 'no win rate',
    values: columnsToRows([null, null, null, null, null]),
    lowerIsBetter: [false],
    expected: [null, null, null, null, null],
  },
  { name: 'lower is better', values: columnsToRows(A), lowerIsBetter: [true], expected: [1, 0.75, 0.5, 0.25, 0] },
];

describe('meanWinRates', () => {
  for (const rule of ['current', 'legacy'] as WinRateRule[]) {
    for (const testCase of HELM_CASES) {
      it(`${rule}: ${testCase.name} (test_summarize.py)`, () => {
        const result = meanWinRates(testCase.values, testCase.lowerIsBetter, { rule });
        expect(result).toHaveLength(testCase.expected.length);
        result.forEach((value, i) => {
          const expected = testCase.expected[i];
          if (expected === null) expect(value).toBeNull();
          else expect(value).toBeCloseTo(expected!, 12);
        });
      });
    }
  }

  it('current: ties share the average position (test_compute_win_rates_ties)', () => {
    expect(meanWinRates(columnsToRows([1, 1, 1, 4, 5]), [false], { rule: 'current' })).toEqual([
      0.25, 0.25, 0.25, 0.75, 1,
    ]);
  });

  it('legacy: ties go to the later row when higher is better', () => {
    expect(meanWinRates(columnsToRows([1, 1, 1, 4, 5]), [false], { rule: 'legacy' })).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('legacy: ties go to the earlier row when lower is better', () => {
    // sorted((value, row), reverse=True): (2,2) (1,1) (1,0) → row 2 gets 0, row 1 gets 0.5, row 0 gets 1.
    expect(meanWinRates(columnsToRows([1, 1, 2]), [true], { rule: 'legacy' })).toEqual([1, 0.5, 0]);
    expect(meanWinRates(columnsToRows([1, 1, 2]), [true], { rule: 'current' })).toEqual([0.75, 0.75, 0]);
  });

  it('invalid cells leave the column as if empty, and a column with one valid cell is skipped', () => {
    const values = columnsToRows([1, 2, 3], [9, 1, 2]);
    const invalid = [
      [false, true],
      [false, false],
      [false, false],
    ];
    // Column B without row 0: rows 1, 2 → 0, 1.
    expect(meanWinRates(values, [false, false], { rule: 'legacy', invalid })).toEqual([0, (0.5 + 0) / 2, (1 + 1) / 2]);
    const onlyOne = [
      [false, true],
      [false, true],
      [false, false],
    ];
    expect(meanWinRates(values, [false, false], { rule: 'current', invalid: onlyOne })).toEqual([0, 0.5, 1]);
  });
});

describe('meanScores', () => {
  it('averages the non-null cells of each row', () => {
    expect(
      meanScores([
        [0.414, 0.287, 0.78, 0.734, 0.161],
        [null, 0.5, 1],
        [null, null],
      ]),
    ).toEqual([(0.414 + 0.287 + 0.78 + 0.734 + 0.161) / 5, 0.75, null]);
  });
});

describe('rankRows', () => {
  it('gives 1 + the number of strictly higher rows, ties share a rank, null rows come last', () => {
    expect(rankRows([0.5, 0.9, null, 0.5, 0.1])).toEqual([2, 1, 5, 2, 4]);
    expect(rankRows([null, null])).toEqual([1, 1]);
  });
});
