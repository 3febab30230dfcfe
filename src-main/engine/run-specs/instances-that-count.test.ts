/**
 * Fidelity audit (issue #3, item 4): how many of each efficient run's sampled instances fall in the split the
 * leaderboard scores (docs/helm-fidelity.md §3.1 "Instances that count", §8 main split). The pools are synthetic instances
 * with the real split sizes; selection is our eval sampler, N comes from our efficient entries.
 */
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../src-shared/helm/instance';
import { selectEvalInstances } from '../sampling/eval-instances';
import { withInstanceIds } from '../sampling/instance-ids';
import { runEntriesFor } from './efficient-entries';
import { EFFICIENT_SIZES } from '../../../src-shared/examples-per-scenario';

function pool(splits: Readonly<Record<string, number>>): Instance[] {
  return withInstanceIds(
    Object.entries(splits).flatMap(([split, count]) =>
      Array.from({ length: count }, (_, i) => ({ input: { text: `${split} ${i}` }, references: [], split })),
    ),
  );
}

/** `max_eval_instances` of the entry whose description starts with `prefix`, for each efficient N. */
function sizesOf(prefix: string): number[] {
  return EFFICIENT_SIZES.map((n) => {
    const entry = runEntriesFor(n).find((e) => e.description.startsWith(prefix));
    const match = /max_eval_instances=(\d+)$/.exec(entry?.description ?? '');
    if (!match) throw new Error(`no entry ${prefix} at N=${n}`);
    return Number(match[1]);
  });
}

function countedAt(splits: Readonly<Record<string, number>>, mainSplit: string, prefix: string): number[] {
  const instances = pool(splits);
  return sizesOf(prefix).map(
    (n) => selectEvalInstances(instances, n).filter((instance) => instance.split === mainSplit).length,
  );
}

describe('instances that count (docs/helm-fidelity.md §3.1)', () => {
  // MMLU: dev → train (5), val (the cais/mmlu card sizes), test; the leaderboard scores `test` (schema.yaml).
  const MMLU: Readonly<Record<string, readonly [valid: number, test: number, counted: readonly number[]]>> = {
    abstract_algebra: [11, 100, [1, 2, 7, 17, 100]],
    college_chemistry: [8, 100, [2, 3, 8, 18, 100]],
    computer_security: [11, 100, [1, 2, 7, 17, 100]],
    econometrics: [12, 114, [1, 3, 8, 16, 114]],
    us_foreign_policy: [11, 100, [1, 2, 7, 17, 100]],
  };

  it.each(Object.entries(MMLU))('MMLU %s: test items at N = 10/20/50/100/1000', (subject, [valid, test, counted]) => {
    expect(sizesOf(`mmlu:model=text,subject=${subject},`)).toEqual([2, 4, 10, 20, 200]);
    expect(countedAt({ train: 5, valid, test }, 'test', `mmlu:model=text,subject=${subject},`)).toEqual(counted);
  });

  it('MMLU totals 6/12/37/85/514 test items over the 5 subjects', () => {
    const totals = EFFICIENT_SIZES.map((_, i) =>
      Object.entries(MMLU).reduce(
        (sum, [subject, [valid, test]]) =>
          sum + (countedAt({ train: 5, valid, test }, 'test', `mmlu:model=text,subject=${subject},`)[i] ?? 0),
        0,
      ),
    );
    expect(totals).toEqual([6, 12, 37, 85, 514]);
  });

  it('RAFT scores every sampled item (40 test rows per subset; the pool caps the _1000 runs at 40)', () => {
    expect(countedAt({ train: 10, test: 40 }, 'test', 'raft:subset=ade_corpus_v2,')).toEqual([1, 2, 4, 9, 40]);
    expect(countedAt({ train: 10, test: 40 }, 'test', 'raft:subset=terms_of_service,')).toEqual([1, 1, 5, 10, 40]);
  });

  it('single-split scenarios score all N: BoolQ/IMDB/HellaSwag/TruthfulQA valid, OpenbookQA test', () => {
    expect(countedAt({ train: 9427, valid: 3270 }, 'valid', 'boolq:')).toEqual([10, 20, 50, 100, 1000]);
    expect(countedAt({ train: 163, valid: 654 }, 'valid', 'truthful_qa:')).toEqual([10, 20, 50, 100, 654]);
    expect(
      countedAt({ train: 4957, test: 500 }, 'test', 'commonsense:model=full_functionality_text,dataset=openbookqa'),
    ).toEqual([10, 20, 50, 100, 500]);
  });
});
