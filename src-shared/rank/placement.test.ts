import { describe, expect, it } from 'vitest';
import type { Board } from './board';
import { rowCells, withoutModel } from './board';
import { createPlacer, denseCells, placeModel } from './placement';
import { createRng } from './prng';
import type { WinRateRule } from '../api/leaderboards';
import { meanWinRates } from '../leaderboard/win-rate';

/** The foundation's full recomputation (src-shared/leaderboard) is the reference for the fast update. */
function referenceMeanWinRates(
  values: readonly (readonly (number | null)[])[],
  lowerIsBetter: readonly boolean[],
  rule: WinRateRule,
): (number | null)[] {
  return meanWinRates(values, lowerIsBetter, { rule });
}

function board(
  values: (number | null)[][],
  lower: boolean[],
  rule: Board['rule'] = 'current',
  aggregation: Board['aggregation'] = 'win_rate',
): Board {
  return {
    models: values.map((_, i) => `m${i}`),
    columns: lower.map((lowerIsBetter, c) => ({ name: `c${c}`, lowerIsBetter })),
    values,
    rule,
    aggregation,
  };
}

/** Full recomputation: MWRs of board + user row inserted at `userRow`, then the user's rank. */
function slowRank(
  b: Board,
  user: (number | null)[],
  userRow: number,
): { rank: number; mwr: number | null; all: (number | null)[] } {
  const rows = [...b.values.slice(0, userRow), user, ...b.values.slice(userRow)];
  const mwrs = referenceMeanWinRates(
    rows,
    b.columns.map((c) => c.lowerIsBetter),
    b.rule,
  );
  const mine = mwrs[userRow] ?? null;
  const others = mwrs.filter((_, i) => i !== userRow);
  const rank = mine === null ? b.models.length + 1 : 1 + others.filter((m) => m !== null && m > mine + 1e-9).length;
  return { rank, mwr: mine, all: others };
}

describe('reference mean win rate (HELM test_summarize vectors)', () => {
  const col = (xs: (number | null)[]) => xs.map((x) => [x]);
  it('matches the published unit vectors', () => {
    expect(referenceMeanWinRates(col([1, 2, 3, 4, 5]), [false], 'current')).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const two = [1, 2, 3, 4, 5].map((a, i) => [a, [3, 1, 2, 5, 4][i] as number]);
    expect(referenceMeanWinRates(two, [false, false], 'current')).toEqual([0.25, 0.125, 0.375, 0.875, 0.875]);
    expect(referenceMeanWinRates(col([1, 1, 1, 4, 5]), [false], 'current')).toEqual([0.25, 0.25, 0.25, 0.75, 1]);
    expect(referenceMeanWinRates(col([1, 1, 1, 4, 5]), [false], 'legacy')).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(referenceMeanWinRates(col([1, 2, 3, 4, 5]), [true], 'current')).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });
});

describe('placement', () => {
  it('a model above every other gets rank 1', () => {
    const b = board(
      [
        [0.2, 0.5],
        [0.4, 0.1],
        [0.3, 0.3],
      ],
      [false, false],
    );
    const placement = placeModel(b, { c0: 0.9, c1: 0.9 });
    expect(placement.rank).toBe(1);
    expect(placement.score).toBe(1);
  });

  it("reports exact ties and missing columns; averages over the user's own columns", () => {
    const b = board(
      [
        [0.2, 0.5],
        [0.4, 0.1],
      ],
      [false, false],
    );
    const placement = placeModel(b, { c0: 0.4 });
    expect(placement.missingColumns).toEqual(['c1']);
    const slow = slowRank(b, [0.4, null], 0);
    expect(placement.score).toBeCloseTo(slow.mwr as number, 12);
    expect(placement.rank).toBe(slow.rank);
    // m1 (0.4 in c0 and last in c1) vs user (0.4 only in c0): tie credit ½ each in c0.
    expect(placement.score).toBeCloseTo(0.75, 12);
  });

  it('treats a cell equal to a board cell up to float noise as a tie', () => {
    const b = board([[0.3], [0.1]], [false]);
    const noisy = placeModel(b, { c0: 0.1 + 0.2 }); // 0.30000000000000004
    expect(noisy.score).toBe(placeModel(b, { c0: 0.3 }).score);
    expect(noisy.tiedExactly).toEqual(['m0']);
  });

  it('ranks mean-score boards by the row mean', () => {
    const b = board(
      [
        [0.5, 0.9],
        [0.6, 0.6],
        [0.1, null],
      ],
      [false, false],
      'current',
      'mean',
    );
    const placement = placeModel(b, { c0: 0.8, c1: 0.55 });
    // Means: m0 0.7, m1 0.6, m2 0.1, user 0.675 → rank 2.
    expect(placement.rank).toBe(2);
    expect(placement.score).toBeCloseTo(0.675, 12);
    expect(placeModel(b, { c0: 0.05 }).rank).toBe(4);
  });

  it("placing a model's own cells back reproduces its rank and MWR (both rules)", () => {
    for (const rule of ['current', 'legacy'] as const) {
      const rng = createRng(7);
      const values = Array.from({ length: 12 }, () =>
        Array.from({ length: 5 }, () => (rng.next() < 0.1 ? null : Math.round(rng.next() * 20) / 20)),
      );
      const b = board(values, [false, false, true, false, false], rule);
      const full = referenceMeanWinRates(
        values,
        b.columns.map((c) => c.lowerIsBetter),
        rule,
      );
      for (let j = 0; j < values.length; j++) {
        const rest = withoutModel(b, j);
        const placement = placeModel(rest, rowCells(b, j), { userRowIndex: j });
        const mine = full[j] as number;
        expect(placement.score).toBeCloseTo(mine, 12);
        expect(placement.rank).toBe(1 + full.filter((m, i) => i !== j && m !== null && m > mine + 1e-9).length);
      }
    }
  });

  it('fast update equals full recomputation on random boards (both rules, ties, gaps, any user row)', () => {
    const rng = createRng(42);
    for (let trial = 0; trial < 60; trial++) {
      const rule = trial % 2 === 0 ? 'current' : 'legacy';
      const K = 2 + rng.int(25);
      const S = 1 + rng.int(6);
      const grid = trial % 3 === 0 ? 5 : 1000; // coarse grids force ties
      const values = Array.from({ length: K }, () =>
        Array.from({ length: S }, () => (rng.next() < 0.15 ? null : Math.round(rng.next() * grid) / grid)),
      );
      const lower = Array.from({ length: S }, () => rng.next() < 0.3);
      const b = board(values, lower, rule);
      const user = Array.from({ length: S }, () => (rng.next() < 0.2 ? null : Math.round(rng.next() * grid) / grid));
      const userRow = rng.int(K + 1);
      const cells = Object.fromEntries(user.map((v, c) => [`c${c}`, v]));
      const { values: dense, mask } = denseCells(b, cells);
      const placer = createPlacer(b, mask, { userRowIndex: userRow });
      const fast = placer.place(dense);
      const slow = slowRank(b, user, userRow);
      expect(fast.rank).toBe(slow.rank);
      if (slow.mwr === null) expect(fast.score).toBeNull();
      else expect(fast.score).toBeCloseTo(slow.mwr, 12);
      slow.all.forEach((m, j) => {
        if (m === null) expect(Number.isNaN(fast.boardScores[j])).toBe(true);
        else expect(fast.boardScores[j]).toBeCloseTo(m, 12);
      });
    }
  });
});
