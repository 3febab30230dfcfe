import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

// [input, csv.reader(...) rows, csv.reader(..., skipinitialspace=True) rows], printed by CPython 3.11's `csv`
// module over io.StringIO(input) (blank-line records, `[]`, removed as parseCsv drops them).
const CPYTHON: readonly (readonly [string, string[][], string[][]])[] = [
  ['a,"b""c",d\n', [['a', 'b"c', 'd']], [['a', 'b"c', 'd']]],
  ['"abc"def,x\n', [['abcdef', 'x']], [['abcdef', 'x']]],
  ['a"b"c,d\n', [['a"b"c', 'd']], [['a"b"c', 'd']]],
  ['x, "q, r",\ty\n', [['x', ' "q', ' r"', '\ty']], [['x', 'q, r', '\ty']]],
  ['x,\u00a0y\n', [['x', '\u00a0y']], [['x', '\u00a0y']]],
  ['"multi\nline",z\n', [['multi\nline', 'z']], [['multi\nline', 'z']]],
  [
    'a,b\n\nc,d\n',
    [
      ['a', 'b'],
      ['c', 'd'],
    ],
    [
      ['a', 'b'],
      ['c', 'd'],
    ],
  ],
  ['a,  "b"  ,c\n', [['a', '  "b"  ', 'c']], [['a', 'b  ', 'c']]],
  ['"a" ,b\n', [['a ', 'b']], [['a ', 'b']]],
  ['a,"b\n', [['a', 'b\n']], [['a', 'b\n']]],
  ['a,b', [['a', 'b']], [['a', 'b']]],
  [',\n', [['', '']], [['', '']]],
  ['""\n', [['']], [['']]],
  ['"",""\n', [['', '']], [['', '']]],
  ['a,"",\n', [['a', '', '']], [['a', '', '']]],
  ['"x"""\n', [['x"']], [['x"']]],
  ['""""\n', [['"']], [['"']]],
  ['"a\n\nb"\n', [['a\n\nb']], [['a\n\nb']]],
];

describe('parseCsv', () => {
  it.each(CPYTHON)('reads %j as CPython csv.reader does', (input, plain, skipping) => {
    expect(parseCsv(input)).toEqual(plain);
    expect(parseCsv(input, { skipInitialSpace: true })).toEqual(skipping);
  });

  it('rejects a carriage return inside an unquoted field and NUL, as CPython does', () => {
    expect(() => parseCsv('a\rb,c\n')).toThrow(/new-line/);
    expect(() => parseCsv('a\0b\n')).toThrow(/NUL/);
  });
});
