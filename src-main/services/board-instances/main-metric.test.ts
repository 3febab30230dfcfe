import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePythonJson, perInstanceStatsFileSchema, validateOrThrow } from '../../../src-shared/helm/validate';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { extractMainMetric } from './main-metric';
import { perInstanceStatsJson } from '../../../dev/testing/board-instance-fixtures';

const parse = (text: string, what = 'fixture') =>
  validateOrThrow(perInstanceStatsFileSchema, parsePythonJson(text), what);

describe('extractMainMetric', () => {
  it('keeps trial 0, unperturbed, main split, per sub-split, in request order', () => {
    const text = perInstanceStatsJson({
      metric: 'quasi_exact_match',
      split: 'test',
      instances: [
        { id: 'id7', value: 1, subSplit: 'toxic' },
        { id: 'id3', value: 0, subSplit: 'non-toxic' },
        { id: 'id9', value: 0, subSplit: 'toxic' },
      ],
      otherSplit: { split: 'valid', ids: ['id1'] },
    });
    const result = extractMainMetric(parse(text), { metric: 'quasi_exact_match', split: 'test' });
    expect(result.metric).toBe('quasi_exact_match');
    expect(result.subSplits).toEqual({
      toxic: { ids: ['id7', 'id9'], values: [1, 0] },
      'non-toxic': { ids: ['id3'], values: [0] },
    });
    expect(result.otherSplitIds).toEqual(['id1']);
  });

  it('falls back from quasi_exact_match to exact_match', () => {
    const text = perInstanceStatsJson({
      metric: 'quasi_exact_match',
      split: 'valid',
      instances: [{ id: 'id1', value: 1 }],
      onlyExactMatch: true,
    });
    const result = extractMainMetric(parse(text), { metric: 'quasi_exact_match', split: 'valid' });
    expect(result).toMatchObject({ metric: 'exact_match', subSplits: { '': { ids: ['id1'], values: [1] } } });
  });

  it('returns nothing for a metric the run lacks', () => {
    const text = perInstanceStatsJson({ metric: 'f1_score', split: 'valid', instances: [{ id: 'id1', value: 0.5 }] });
    expect(extractMainMetric(parse(text), { metric: 'rouge_2', split: 'valid' }).subSplits).toEqual({});
  });
});

describe.skipIf(!sharedData)('extractMainMetric on real HELM per-instance stats', () => {
  const read = (run: string) => {
    const path = sharedPath('every_eval_ever', 'tests_data_helm', run, 'per_instance_stats.json');
    return parse(readFileSync(path, 'utf8'), path);
  };

  it('MMLU philosophy (N = 10 from the val+test pool): 9 test items in HELM’s sampled order, 1 val item aside', () => {
    const result = extractMainMetric(read('mmlu-subject=philosophy,method=multiple_choice_joint,model=openai_gpt2'), {
      metric: 'exact_match',
      split: 'test',
    });
    const test = result.subSplits[''];
    expect(test?.ids).toHaveLength(9);
    expect(result.otherSplitIds).toHaveLength(1);
    // docs/helm-fidelity.md §5: the selected ids in request order begin id147, id11, id65, id344, id59 (one of the ten is a val item).
    const sampled = ['id147', 'id11', 'id65', 'id344', 'id59', 'id291', 'id131', 'id222', 'id259', 'id105'];
    expect([...(test?.ids ?? []), ...result.otherSplitIds].sort()).toEqual([...sampled].sort());
    expect(test?.ids).toEqual(sampled.filter((id) => !result.otherSplitIds.includes(id)));
    expect(test?.values.every((value) => value === 0 || value === 1)).toBe(true);
  });

  it('NarrativeQA (N = 5): F1 on 4 test items, graded values in [0, 1]', () => {
    const result = extractMainMetric(read('narrative_qa-model=openai_gpt2'), { metric: 'f1_score', split: 'test' });
    const test = result.subSplits[''];
    expect(test?.ids).toEqual(
      ['id1413', 'id1332', 'id1123', 'id1514', 'id1340'].filter((id) => !result.otherSplitIds.includes(id)),
    );
    expect(test?.ids).toHaveLength(4);
    expect(test?.values.every((value) => value >= 0 && value <= 1)).toBe(true);
  });

  it('HellaSwag (valid-scored): all 10 sampled items, with exact_match', () => {
    const result = extractMainMetric(
      read('commonsense-dataset=hellaswag,method=multiple_choice_joint,model=eleutherai_pythia-1b-v0'),
      { metric: 'exact_match', split: 'valid' },
    );
    expect(result.subSplits['']?.ids.slice(0, 3)).toEqual(['id44874', 'id47299', 'id45277']);
    expect(result.subSplits['']?.ids).toHaveLength(10);
    expect(result.otherSplitIds).toEqual([]);
  });
});
