import { describe, expect, it } from 'vitest';
import { designKey } from './design-calibration';
import type { DesignStratum } from './design-calibration';
import { matrixDigest } from './matrix-digest';
import type { BoardMatrix } from './paired';

const matrix = (models: string[], values: number[][]): BoardMatrix => ({
  stratumId: 'boolq:',
  instanceIds: values[0]!.map((_, index) => `id${index}`),
  models,
  values,
});

const design: DesignStratum[] = [
  { id: 'boolq:', column: 'boolq', populationSize: 4, sampleSize: 2, binary: true },
  { id: 'raft:subset=ade', column: 'raft', populationSize: 40, sampleSize: 10, binary: false },
];

describe('the calibration key of a design with per-instance data', () => {
  const two = matrix(
    ['a', 'b'],
    [
      [1, 0, 1, 1],
      [0, 0, 1, Number.NaN],
    ],
  );

  it('is the same for the same data in another object, so a stored calibration is reused', () => {
    const copy = matrix(
      ['a', 'b'],
      [
        [1, 0, 1, 1],
        [0, 0, 1, Number.NaN],
      ],
    );
    expect(matrixDigest(copy)).toBe(matrixDigest(two));
    expect(designKey(design, { matrices: [copy] })).toBe(designKey(design, { matrices: [two] }));
  });

  it('changes when the data do: a model added, an item answered, an item id, another order', () => {
    const key = designKey(design, { matrices: [two] });
    const changed: BoardMatrix[] = [
      matrix(
        ['a', 'b', 'c'],
        [
          [1, 0, 1, 1],
          [0, 0, 1, Number.NaN],
          [1, 1, 1, 1],
        ],
      ),
      matrix(
        ['a', 'b'],
        [
          [1, 0, 1, 1],
          [0, 0, 1, 0],
        ],
      ),
      { ...two, instanceIds: ['id0', 'id1', 'id2', 'id9'] },
      matrix(
        ['b', 'a'],
        [
          [0, 0, 1, Number.NaN],
          [1, 0, 1, 1],
        ],
      ),
    ];
    const keys = changed.map((other) => designKey(design, { matrices: [other] }));
    expect(new Set([key, ...keys]).size).toBe(changed.length + 1);
    // Without data the stratum is simulated: a key of its own too.
    expect(designKey(design, {})).not.toBe(key);
  });

  it('names the matrix size in the digest', () => {
    expect(matrixDigest(two)).toMatch(/^2x4-[0-9a-f]{16}$/);
  });
});
