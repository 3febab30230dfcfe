import { describe, expect, it } from 'vitest';
import { CLASSIC_SCHEMA } from '../../../src-shared/leaderboard/schema';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import type { BoardStratum } from './board-matrix';
import { checkPrefixes, readUserRunInstances, summarizeVerdicts } from './prefix-check';
import type { UserRunInstances } from './prefix-check';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `id${from + i}`);

function stratum(
  key: string,
  column: string,
  split: string,
  ids: string[],
  otherSplitIds: string[] = [],
): BoardStratum {
  return {
    key,
    runKey: key.split('#')[0] as string,
    subSplit: key.split('#')[1] ?? '',
    column,
    metric: 'exact_match',
    split,
    instanceIds: ids,
    models: ['a/b'],
    values: [ids.map(() => 1)],
    populationSize: ids.length,
    otherSplitIds,
    runs: ['r'],
  };
}

function userRun(run: string, ids: string[], otherSplitIds: string[] = []): UserRunInstances {
  return {
    run,
    column: 'boolq',
    values: {
      metric: 'exact_match',
      split: 'valid',
      subSplits: { '': { ids, values: ids.map(() => 0) } },
      otherSplitIds,
    },
  };
}

describe('checkPrefixes', () => {
  it('passes a true prefix and explains each kind of mismatch', () => {
    const board = [stratum('boolq:', 'boolq', 'valid', ['id9', 'id3', 'id7', 'id1'], ['id50'])];
    const verdict = (ids: string[], other: string[] = []) =>
      checkPrefixes([userRun('boolq:model=me_x,max_eval_instances=10', ids, other)], board)[0];
    expect(verdict(['id9', 'id3'])).toMatchObject({
      ok: true,
      isPrefix: true,
      code: 'ok',
      reason: null,
      userInstances: 2,
      boardInstances: 4,
    });
    expect(verdict(['id9', 'id7'])).toMatchObject({ ok: true, isPrefix: false, code: 'not-prefix' });
    expect(verdict(['id9', 'id50'])).toMatchObject({ ok: false, code: 'split-mismatch' });
    expect(verdict(['id9'], ['id3'])).toMatchObject({ ok: false, code: 'split-mismatch' });
    expect(verdict(['id100', 'id101'])).toMatchObject({ ok: false, code: 'unknown-ids' });
    expect(verdict(['id9', 'id101'])).toMatchObject({ ok: false, code: 'pool-mismatch' });
    const none = checkPrefixes([userRun('quac:model=me_x', ['id1'])], board);
    expect(none[0]).toMatchObject({ ok: false, code: 'no-board-data', boardStratum: null });
    expect(summarizeVerdicts(none)).toContain('quac:model=me_x');
    expect(summarizeVerdicts([verdict(['id9']) as NonNullable<ReturnType<typeof verdict>>])).toBeNull();
  });
});

describe.skipIf(!sharedData)('prefix check on a real HELM run', () => {
  it('MMLU philosophy (N = 10) is a subset of the whole-pool leaderboard run: 9 test items, the val item aside', async () => {
    const { runs } = await readUserRunInstances(
      sharedPath('every_eval_ever', 'tests_data_helm'),
      CLASSIC_SCHEMA.tables.accuracy ?? [],
    );
    expect(runs.map((run) => run.column).sort()).toEqual(['hellaswag', 'mmlu', 'narrative_qa']);
    const mmlu = runs.filter((run) => run.column === 'mmlu');
    // docs/helm-fidelity.md §5: MMLU philosophy has dev id0–id4 (train), val id5–id38 (34), test id39–id349 (311). Its pool (345)
    // is below the leaderboard's 1,000, so the leaderboard ran all of it, in scenario order.
    const board = [
      stratum('mmlu:method=multiple_choice_joint,subject=philosophy', 'mmlu', 'test', range(39, 349), range(5, 38)),
    ];
    const [verdict] = checkPrefixes(mmlu, board);
    expect(verdict).toMatchObject({ ok: true, code: 'not-prefix', userInstances: 9, boardInstances: 311 });
    expect(mmlu[0]?.values.otherSplitIds).toEqual(['id11']);
    // The same run against a board whose ids were numbered differently fails with the reason.
    const [moved] = checkPrefixes(mmlu, [
      stratum('mmlu:method=multiple_choice_joint,subject=philosophy', 'mmlu', 'test', range(1039, 1349)),
    ]);
    expect(moved).toMatchObject({ ok: false, code: 'unknown-ids' });
  });
});
