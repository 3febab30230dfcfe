import { describe, expect, it } from 'vitest';
import { leaderboardTableSchema } from '../api/leaderboards';
import type { BoardSchema } from './schema';
import { CLASSIC_SCHEMA } from './schema';
import { buildLeaderboardTable, contaminationMask } from './table';

const columns = CLASSIC_SCHEMA.tables.accuracy!;
const row = (cells: Partial<Record<string, number>>) => columns.map((column) => cells[column.group] ?? null);

describe('buildLeaderboardTable', () => {
  const models = ['together/t0pp', 'openai/davinci', 'new/model'];
  const values = [row({ boolq: 0.9, mmlu: 0.1 }), row({ boolq: 0.5, mmlu: 0.4 }), row({ boolq: 0.6, mmlu: 0.3 })];

  it('computes mean win rates and ranks and sorts rows best first, in the API shape', () => {
    const table = buildLeaderboardTable({
      name: 'classic-v0.4.0',
      table: 'accuracy',
      rule: 'current',
      schema: CLASSIC_SCHEMA,
      models,
      values,
    });
    expect(leaderboardTableSchema.parse(table)).toEqual(table);
    expect(table.columns).toEqual(columns.map((column) => column.group));
    expect(table.headers[1]).toBe('BoolQ - EM');
    // boolq: t0pp 1, new .5, davinci 0; mmlu: davinci 1, new .5, t0pp 0.
    expect(table.rows.map((r) => [r.model, r.meanWinRate, r.rank])).toEqual([
      ['together/t0pp', 0.5, 1],
      ['openai/davinci', 0.5, 1],
      ['new/model', 0.5, 1],
    ]);
    expect(table.rows[0]!.displayName).toBe('T0pp (11B)');
    expect(table.rows[2]!.displayName).toBeNull();
    expect(table.rows[0]!.cells.boolq).toBe(0.9);
    expect(table.rows[0]!.cells.raft).toBeNull();
  });

  it('legacy: leaves out T0pp’s strongly contaminated cells', () => {
    const table = buildLeaderboardTable({
      name: 'x',
      table: 'accuracy',
      rule: 'legacy',
      schema: CLASSIC_SCHEMA,
      models,
      values,
      displayNames: [null, 'Davinci', null],
    });
    // boolq without T0pp: new 1, davinci 0; mmlu as before.
    expect(table.rows.map((r) => [r.model, r.meanWinRate, r.rank])).toEqual([
      ['new/model', 0.75, 1],
      ['openai/davinci', 0.5, 2],
      ['together/t0pp', 0, 3],
    ]);
    expect(table.rows[1]!.displayName).toBe('Davinci');
    expect(table.rows[2]!.cells.boolq).toBe(0.9); // still shown
    expect(contaminationMask(models, columns, CLASSIC_SCHEMA)[0]!.filter(Boolean)).toHaveLength(6);
  });

  it('mean-score boards average the cells; rows without any value come last', () => {
    const meanSchema: BoardSchema = { ...CLASSIC_SCHEMA, aggregation: 'mean' };
    const table = buildLeaderboardTable({
      name: 'x',
      table: 'accuracy',
      rule: 'current',
      schema: meanSchema,
      models: ['a', 'b', 'c'],
      values: [row({ mmlu: 0.2, boolq: 0.4 }), row({}), row({ mmlu: 0.5 })],
    });
    expect(table.rows.map((r) => [r.model, r.meanWinRate, r.rank])).toEqual([
      ['c', 0.5, 1],
      ['a', expect.closeTo(0.3, 12), 2],
      ['b', null, 3],
    ]);
  });

  it('rejects values that do not fit the table', () => {
    expect(() =>
      buildLeaderboardTable({
        name: 'x',
        table: 'accuracy',
        rule: 'current',
        schema: CLASSIC_SCHEMA,
        models: ['a'],
        values: [[1, 2]],
      }),
    ).toThrow(RangeError);
  });
});
