import { describe, expect, it } from 'vitest';
import { testRequest } from '../../../dev/testing/helm-request';
import type { RequestState } from '../../../src-shared/helm/request';
import { DEFAULT_ADAPTER_SPEC } from '../../../src-shared/helm/run-spec';
import { createRankingMetric, measureToMetricName, trecMeasure } from './ranking';

/** One ranking_binary request state per passage: `[tags, model output, logprob]`. */
function states(passages: [string[], string, number][]): RequestState[] {
  const instance = {
    input: { text: 'q' },
    references: passages.map(([tags], i) => ({ output: { text: `passage ${i}` }, tags })),
    split: 'valid',
    id: 'id3',
  };
  return passages.map(([, output, logprob], i) => ({
    instance,
    reference_index: i,
    request_mode: 'original',
    train_trial_index: 0,
    request: testRequest({ model: 'org/m', prompt: '' }),
    result: { success: true, cached: false, completions: [{ text: output, logprob, tokens: [] }] },
    num_train_instances: 4,
    prompt_truncated: false,
  }));
}

const valueOf = (stats: { name: { name: string }; sum: number }[], name: string): number | undefined =>
  stats.find((s) => s.name.name === name)?.sum;

describe('trec_eval measures', () => {
  const qrels = new Map([
    [1, 1],
    [3, 1],
  ]);
  const run = new Map([
    [0, 4],
    [1, 3],
    [3, 2],
    [2, 1],
  ]);
  it('computes recip_rank, success, recall on binary qrels', () => {
    expect(trecMeasure('recip_rank', null, qrels, run)).toBe(1 / 2);
    expect(trecMeasure('success', 1, qrels, run)).toBe(0);
    expect(trecMeasure('success', 2, qrels, run)).toBe(1);
    expect(trecMeasure('recall', 2, qrels, run)).toBe(1 / 2);
    expect(trecMeasure('recall', 3, qrels, run)).toBe(1);
  });
  it('names measures as HELM', () => {
    expect(['recip_rank.10', 'ndcg_cut.10', 'success.1', 'recall.20'].map(measureToMetricName)).toEqual([
      'RR@10',
      'NDCG@10',
      'Success@1',
      'Recall@20',
    ]);
  });
});

describe('RankingMetric', () => {
  it('ranks by answer then logprob (regular track, binary relevance, topk limit)', () => {
    const metric = createRankingMetric({
      method: 'ranking_binary',
      measure_names: ['recip_rank.10', 'success.1', 'success.2', 'recall.2', 'recall.3'],
      correct_output: 'Yes',
      wrong_output: 'No',
      rank: 2,
      multiple_relevance_values: false,
    });
    // Keys: r0 (yes, −0.2), r1 (yes, −0.5), r2 (no → +0.1), r3 (no → +2.0): order r0, r1, r3, r2.
    const stats = metric.evaluateInstance(
      DEFAULT_ADAPTER_SPEC,
      states([
        [['docid=10', 'rank=1'], 'Yes', -0.2],
        [['docid=11', 'correct', 'relevance=1', 'rank=2'], ' yes ', -0.5],
        [['docid=12', 'rank=3'], 'No', -0.1],
        [['docid=13', 'correct', 'relevance=1'], 'No', -2.0],
      ]),
    );
    expect(valueOf(stats, 'RR@10')).toBe(0.5);
    expect(valueOf(stats, 'Success@1')).toBe(0);
    expect(valueOf(stats, 'Success@2')).toBe(1);
    expect(valueOf(stats, 'Recall@2')).toBe(0.5);
    expect(valueOf(stats, 'Recall@3')).toBe(1);
    // topk=2 keeps the passages ranked ≤ 2 by the retriever: r0, r1.
    expect(valueOf(stats, 'RR@10 (topk=2)')).toBe(0.5);
    expect(valueOf(stats, 'Recall@3 (topk=2)')).toBe(0.5);
    expect([0, 1, 2, 3].map((i) => valueOf(stats, `ref${i}_rank`))).toEqual([0, 1, 3, 2]);
    expect(stats.every((s) => s.name.split === 'valid')).toBe(true);
  });

  it('uses graded gains for NDCG and binarizes relevance 1 away for RR (TREC track)', () => {
    const metric = createRankingMetric({
      method: 'ranking_binary',
      measure_names: ['recip_rank.10', 'ndcg_cut.10'],
      correct_output: 'Yes',
      wrong_output: 'No',
      rank: null,
      multiple_relevance_values: true,
    });
    // Order: r0 (yes −0.1), r1 (yes −0.4), r3 (yes −1.0), r2 (no → +0.3). relevance=0 is not a qrel.
    const stats = metric.evaluateInstance(
      DEFAULT_ADAPTER_SPEC,
      states([
        [['relevance=1', 'rank=1'], 'Yes', -0.1],
        [['correct', 'relevance=3', 'rank=2'], 'Yes', -0.4],
        [['correct', 'relevance=2', 'rank=3'], 'No', -0.3],
        [['relevance=0', 'rank=4'], 'Yes', -1.0],
      ]),
    );
    const dcg = 1 / Math.log2(2) + 3 / Math.log2(3) + 0 / Math.log2(4) + 2 / Math.log2(5);
    const idcg = 3 / Math.log2(2) + 2 / Math.log2(3) + 1 / Math.log2(4);
    expect(valueOf(stats, 'NDCG@10')).toBeCloseTo(dcg / idcg, 14);
    expect(valueOf(stats, 'RR@10')).toBe(0.5);
  });

  it('treats a missing completion as HELM’s "missing" output with logprob 0', () => {
    const metric = createRankingMetric({ measure_names: ['recip_rank.10'], rank: null });
    const input = states([
      [['correct', 'relevance=1'], 'x', 0],
      [[], 'Yes', -3],
    ]);
    const noResult: RequestState[] = [
      { ...input[0]!, result: { success: false, cached: false, completions: [] } },
      input[1]!,
    ];
    expect(valueOf(metric.evaluateInstance(DEFAULT_ADAPTER_SPEC, noResult), 'RR@10')).toBe(0.5);
  });
});
