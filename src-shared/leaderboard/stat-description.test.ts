import { describe, expect, it } from 'vitest';
import { describeStat, formatPython } from './stat-description';

describe('formatPython (bare_str’s process: str(int(x)) or str(round(x, 3)))', () => {
  // Expected strings are what CPython 3 prints for the same doubles.
  const cases: [number, string][] = [
    [3, '3'],
    [0, '0'],
    [-0, '0'],
    [0.0004, '0.0'],
    [2.9996, '3.0'],
    [-0.0004, '-0.0'],
    [0.0625, '0.062'], // exact tie, half to even
    [0.1875, '0.188'], // exact tie, half to even
    [1 / 3, '0.333'],
    [0.0005, '0.001'], // the double is just above 0.0005
    [1.0005, '1.0'], // the double is just below 1.0005
    [2.675, '2.675'],
    [12.634 / 54, '0.234'],
    [0.1 + 0.2, '0.3'],
    [123456.78951, '123456.79'],
  ];
  for (const [x, expected] of cases) {
    it(`${x} → ${expected}`, () => expect(formatPython(x)).toBe(expected));
  }
  it('prints None and NaN like Python', () => {
    expect(formatPython(undefined)).toBe('None');
    expect(formatPython(Number.NaN)).toBe('NaN');
  });
});

describe('describeStat', () => {
  it('writes min, mean, max, sum and the count', () => {
    // T0pp's published RAFT cell: min=0, mean=0.118, max=0.775, sum=3.9 (33).
    expect(describeStat({ count: 33, sum: 3.9, min: 0, max: 0.775 })).toBe(
      'min=0, mean=0.118, max=0.775, sum=3.9 (33)',
    );
    expect(describeStat({ count: 3, sum: 0, min: 0, max: 0 })).toBe('min=0, mean=0, max=0, sum=0 (3)');
  });
  it('writes (0) for an empty stat', () => {
    expect(describeStat({ count: 0, sum: 0 })).toBe('(0)');
  });
});
