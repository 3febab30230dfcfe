import { describe, expect, it } from 'vitest';
import { readPickle, streamPickleSplits } from '../../engine/formats/pickle';
import { pickleDumps } from './pickle-writer';

describe('pickleDumps', () => {
  it('writes the bytes CPython writes, minus the memo opcodes', () => {
    // CPython 3 pickle.dumps({"a": [1, "é"]}, protocol=2).hex() =
    // 80027d 7100 5801000000 61 7101 5d 7102 28 4b01 5802000000c3a9 7103 65 73 2e; without the BINPUTs (71 xx):
    expect(pickleDumps({ a: [1, 'é'] }).toString('hex')).toBe(
      '80027d' + '580100000061' + '5d284b015802000000c3a965' + '732e',
    );
    // pickle.dumps({"a": [1], "b": []}, protocol=2): MARK … SETITEMS for two items, APPEND for a single element.
    expect(pickleDumps({ a: [1], b: [] }).toString('latin1')).toBe(
      '\x80\x02}(X\x01\x00\x00\x00a]K\x01aX\x01\x00\x00\x00b]u.',
    );
  });

  it('round-trips plain data through the engine reader, batches of 1000 included', () => {
    const data = {
      train: Array.from({ length: 2500 }, (_, i) => ({ article: `doc ${i} é`, highlights: 's', id: i })),
      validation: [],
      test: [{ n: null, t: true, f: false, big: 70000, neg: -5, float: 1.5, huge: 2 ** 40 }],
    };
    expect(readPickle(pickleDumps(data))).toEqual(data);
    const seen: string[] = [];
    streamPickleSplits(pickleDumps(data), (key) => seen.push(key));
    expect(seen.filter((key) => key === 'train')).toHaveLength(2500);
  });
});
