import { describe, expect, it } from 'vitest';
import type { LeaderboardRow } from '../../src-shared/api/leaderboards';
import { sortRows } from './leaderboard-table';

const row = (model: string, meanWinRate: number | null, boolq: number | null): LeaderboardRow => ({
  model,
  displayName: model.toUpperCase(),
  meanWinRate,
  rank: 0,
  cells: { boolq },
});
const rows = [row('b', 0.5, null), row('a', 0.9, 0.2), row('c', null, 0.8)];

describe('sortRows', () => {
  it('sorts by mean win rate either way, models without a value last', () => {
    expect(sortRows(rows, { column: 'meanWinRate', descending: true }).map((r) => r.model)).toEqual(['a', 'b', 'c']);
    expect(sortRows(rows, { column: 'meanWinRate', descending: false }).map((r) => r.model)).toEqual(['b', 'a', 'c']);
  });

  it('sorts by a scenario column, missing cells last', () => {
    expect(sortRows(rows, { column: 'boolq', descending: true }).map((r) => r.model)).toEqual(['c', 'a', 'b']);
    expect(sortRows(rows, { column: 'boolq', descending: false }).map((r) => r.model)).toEqual(['a', 'c', 'b']);
  });

  it('sorts by display name and does not mutate its input', () => {
    expect(sortRows(rows, { column: 'model', descending: false }).map((r) => r.model)).toEqual(['a', 'b', 'c']);
    expect(rows.map((r) => r.model)).toEqual(['b', 'a', 'c']);
  });
});
