import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../src-shared/helm/instance';
import { selectEvalInstances } from './eval-instances';
import { withInstanceIds } from './instance-ids';

function instances(splits: Readonly<Record<string, number>>): Instance[] {
  return withInstanceIds(
    Object.entries(splits).flatMap(([split, count]) =>
      Array.from({ length: count }, (_, i) => ({ input: { text: `${split} ${i}` }, references: [], split })),
    ),
  );
}

const ids = (selected: readonly Instance[]): string[] => selected.map((instance) => instance.id as string);

// Expected ids are the request order of real HELM runs in ../shared/data/every_eval_ever/tests_data_helm
// (scenario_state.json), with the split sizes of those scenarios (docs/helm-fidelity.md §5).
describe('selectEvalInstances', () => {
  it('reproduces MMLU philosophy (dev 5 → train, val 34, test 311; N = 10)', () => {
    const selected = selectEvalInstances(instances({ train: 5, valid: 34, test: 311 }), 10);
    expect(ids(selected)).toEqual([
      'id147',
      'id11',
      'id65',
      'id344',
      'id59',
      'id291',
      'id131',
      'id222',
      'id259',
      'id105',
    ]);
  });

  it('reproduces NarrativeQA (train 1,102, valid 115, test 355; N = 5)', () => {
    const selected = selectEvalInstances(instances({ train: 1102, valid: 115, test: 355 }), 5);
    expect(ids(selected)).toEqual(['id1413', 'id1332', 'id1123', 'id1514', 'id1340']);
  });

  it('reproduces HellaSwag (train 39,905, val 10,042; N = 10)', () => {
    const selected = selectEvalInstances(instances({ train: 39905, valid: 10042 }), 10);
    expect(ids(selected).slice(0, 3)).toEqual(['id44874', 'id47299', 'id45277']);
    expect(selected).toHaveLength(10);
  });

  it('samples are nested prefixes: N = 5 is the start of N = 10', () => {
    const all = instances({ train: 3, valid: 40, test: 60 });
    expect(ids(selectEvalInstances(all, 10)).slice(0, 5)).toEqual(ids(selectEvalInstances(all, 5)));
  });

  it('keeps the whole pool unpermuted when N ≥ pool or N is unset, and handles N = 0', () => {
    const all = instances({ train: 2, valid: 3, test: 2 });
    const pool = ['id2', 'id3', 'id4', 'id5', 'id6'];
    expect(ids(selectEvalInstances(all, 5))).toEqual(pool);
    expect(ids(selectEvalInstances(all, 100))).toEqual(pool);
    expect(ids(selectEvalInstances(all, null))).toEqual(pool);
    expect(selectEvalInstances(all, 0)).toEqual([]);
    expect(ids(selectEvalInstances(instances({ test: 1 }), 1))).toEqual(['id0']);
  });

  it('honours HEAD eval_splits', () => {
    const all = instances({ train: 2, valid: 3, test: 2 });
    expect(ids(selectEvalInstances(all, null, ['test']))).toEqual(['id5', 'id6']);
  });
});

describe('withInstanceIds', () => {
  it('numbers every instance by position, train included, and keeps complete existing ids', () => {
    const numbered = instances({ train: 2, test: 1 });
    expect(ids(numbered)).toEqual(['id0', 'id1', 'id2']);
    const pinned: Instance[] = [{ input: { text: 'x' }, references: [], id: 'custom' }];
    expect(ids(withInstanceIds(pinned))).toEqual(['custom']);
  });
});
