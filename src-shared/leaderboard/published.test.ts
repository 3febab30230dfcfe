import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { parsePublishedTables } from './published';
import { CLASSIC_SCHEMA, LITE_SCHEMA } from './schema';

/** A small `groups/core_scenarios.json` in table.py's shape (Table.header / Table.rows of Cell dicts). */
const header = (value: string, lowerIsBetter?: boolean) =>
  lowerIsBetter === undefined ? { value } : { value, lower_is_better: lowerIsBetter, description: '…' };
const FIXTURE = [
  {
    title: 'Accuracy',
    header: [
      header('Model/adapter'),
      header('Mean win rate', false),
      header('BoolQ - EM', false),
      header('MMLU - EM', false),
      header('RAFT - EM', false),
    ],
    rows: [
      [
        { value: 'T0pp (11B)', description: '' },
        { value: 0.197 },
        { description: 'min=0, mean=0, max=0, sum=0 (3)', value: 0 },
        { value: 0.407, description: 'min=0.25, mean=0.407, max=0.67, sum=6.098 (15)' },
        { description: 'No matching runs' },
      ],
      [
        { value: 'davinci (175B)', description: '' },
        { value: 0.538 },
        { value: 0.722 },
        { value: 0.422 },
        { value: 0.642 },
      ],
      [{ value: 'Brand-new model', description: '' }, { value: 0.5 }, { value: 0.8 }, { value: 0.5 }, { value: null }],
    ],
    links: [],
    name: 'accuracy',
  },
  {
    title: 'Calibration',
    header: [header('Model/adapter'), header('Mean win rate', false), header('MMLU - ECE (10-bin)', true)],
    rows: [
      [{ value: 'davinci (175B)' }, { value: 0.3 }, { value: 0.12 }],
      [{ value: 'Only in calibration' }, { value: 0.3 }, { value: 0.2 }],
    ],
  },
  {
    title: 'General information',
    header: [header('Model/adapter'), header('MMLU - # eval')],
    rows: [[{ value: 'davinci (175B)' }, { value: 102.8 }]],
  },
];

describe('parsePublishedTables', () => {
  it('aligns published cells to the schema’s columns and maps display names to model names', () => {
    const parsed = parsePublishedTables(FIXTURE, CLASSIC_SCHEMA);
    expect(parsed.displayNames).toEqual(['T0pp (11B)', 'davinci (175B)', 'Brand-new model', 'Only in calibration']);
    expect(parsed.models).toEqual(['together/t0pp', 'openai/davinci', 'Brand-new model', 'Only in calibration']);
    const accuracy = parsed.tables.accuracy!;
    const columns = CLASSIC_SCHEMA.tables.accuracy!.map((column) => column.group);
    expect(accuracy).toHaveLength(4);
    expect(accuracy[0]).toHaveLength(16);
    expect(accuracy[0]![columns.indexOf('boolq')]).toBe(0);
    expect(accuracy[0]![columns.indexOf('mmlu')]).toBe(0.407);
    expect(accuracy[0]![columns.indexOf('raft')]).toBeNull(); // a cell without value
    expect(accuracy[1]![columns.indexOf('raft')]).toBe(0.642);
    expect(accuracy[1]![columns.indexOf('quac')]).toBeNull(); // a column the table lacks
    expect(accuracy[3]!.every((value) => value === null)).toBe(true); // a row only in another table
    expect(parsed.tables.calibration![1]![0]).toBe(0.12);
    expect(parsed.tables.calibration![0]![0]).toBeNull();
    expect(parsed.tables.robustness).toBeUndefined();
  });

  it('ignores tables the schema does not have', () => {
    expect(Object.keys(parsePublishedTables(FIXTURE, LITE_SCHEMA).tables)).toEqual(['accuracy']);
  });

  it('rejects a file that is not a list of tables', () => {
    expect(() => parsePublishedTables({ title: 'Accuracy' }, CLASSIC_SCHEMA)).toThrow(AppError);
    expect(() => parsePublishedTables([{ title: 'Accuracy', rows: [] }], CLASSIC_SCHEMA)).toThrow(/table format/);
  });
});
