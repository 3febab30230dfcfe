import { describe, expect, it } from 'vitest';
import { msmarcoRunSpec } from './msmarco';
import { narrativeQaRunSpec } from './narrative-qa';
import { naturalQaRunSpec } from './natural-qa';
import { quacRunSpec } from './quac';
import { summarizationCnndmRunSpec, summarizationXsumSampledRunSpec } from './summarization';

// Expected values are HELM v0.3.0 `run_specs.py` (get_narrativeqa_spec, get_natural_qa_spec, get_quac_spec,
// get_msmarco_spec, get_cnndm_summarization_spec, get_xsum_sampled_summarization_spec).
describe('run-spec functions of issue #4', () => {
  it('narrative_qa: Passage/Answer, 100 tokens, open-ended generation metrics', () => {
    const spec = narrativeQaRunSpec.build({});
    expect([
      spec.name,
      spec.groups,
      spec.adapter_spec.input_prefix,
      spec.adapter_spec.output_prefix,
      spec.adapter_spec.max_tokens,
    ]).toEqual(['narrative_qa', ['narrative_qa'], 'Passage: ', 'Answer: ', 100]);
    expect(spec.metric_specs[0]?.args).toEqual({
      names: ['exact_match', 'quasi_exact_match', 'f1_score', 'rouge_l', 'bleu_1', 'bleu_4'],
    });
  });

  it('natural_qa: a Question prefix only in closed book; 300 tokens; group per mode', () => {
    const closed = naturalQaRunSpec.build({ mode: 'closedbook' });
    const open = naturalQaRunSpec.build({ mode: 'openbook_longans' });
    expect([closed.name, closed.groups, closed.adapter_spec.input_prefix]).toEqual([
      'natural_qa:mode=closedbook',
      ['natural_qa_closedbook'],
      'Question: ',
    ]);
    expect([open.name, open.groups, open.adapter_spec.input_prefix, open.adapter_spec.max_tokens]).toEqual([
      'natural_qa:mode=openbook_longans',
      ['natural_qa_openbook_longans'],
      '',
      300,
    ]);
    expect(closed.metric_specs[0]?.args).toEqual({ names: ['exact_match', 'quasi_exact_match', 'f1_score'] });
  });

  it('quac: no input prefix, Answer output, 100 tokens', () => {
    const spec = quacRunSpec.build({});
    expect([
      spec.name,
      spec.adapter_spec.input_prefix,
      spec.adapter_spec.input_suffix,
      spec.adapter_spec.output_prefix,
      spec.adapter_spec.max_tokens,
    ]).toEqual(['quac', '', '\n', 'Answer: ', 100]);
  });

  it('msmarco: ranking_binary with 2 train queries, RankingMetric with the track’s measures and topk', () => {
    const trec = msmarcoRunSpec.build({ track: 'trec', valid_topk: 30 });
    expect([trec.name, trec.groups, trec.adapter_spec.method, trec.adapter_spec.max_train_instances]).toEqual([
      'msmarco:track=trec,valid_topk=30',
      ['msmarco_trec'],
      'ranking_binary',
      2,
    ]);
    expect(trec.metric_specs[0]?.args).toMatchObject({
      rank: 30,
      multiple_relevance_values: true,
      correct_output: 'Yes',
      wrong_output: 'No',
    });
    expect(trec.metric_specs[0]?.args['measure_names']).toContain('ndcg_cut.10');
    const regular = msmarcoRunSpec.build({ track: 'regular' });
    expect(regular.name).toBe('msmarco:track=regular,valid_topk=None');
    expect(regular.metric_specs[0]?.args).toMatchObject({ rank: null, multiple_relevance_values: false });
    expect(regular.metric_specs[0]?.args['measure_names']).not.toContain('ndcg_cut.10');
    expect(() => msmarcoRunSpec.build({ track: 'other' })).toThrow(/track/);
  });

  it('summarization: ### stop, 5 shots, temperature in the name; XSUM named and grouped summarization_xsum', () => {
    const cnndm = summarizationCnndmRunSpec.build({ temperature: 0.3, device: 'cpu' });
    expect([
      cnndm.name,
      cnndm.groups,
      cnndm.adapter_spec.max_tokens,
      cnndm.adapter_spec.temperature,
      cnndm.adapter_spec.stop_sequences,
    ]).toEqual(['summarization_cnndm:temperature=0.3,device=cpu', ['summarization_cnndm'], 128, 0.3, ['###']]);
    expect([
      cnndm.adapter_spec.input_prefix,
      cnndm.adapter_spec.input_suffix,
      cnndm.adapter_spec.output_prefix,
    ]).toEqual(['###\nArticle: ', '\n\n', 'Summarize the above article in 3 sentences.\n']);
    expect(cnndm.scenario_spec.args).toEqual({
      dataset_name: 'cnn-dm',
      sampling_min_length: 50,
      sampling_max_length: 150,
      doc_max_length: 512,
    });
    const xsum = summarizationXsumSampledRunSpec.build({});
    expect([xsum.name, xsum.groups, xsum.adapter_spec.max_tokens, xsum.adapter_spec.output_prefix]).toEqual([
      'summarization_xsum:temperature=0.3,device=cpu',
      ['summarization_xsum'],
      64,
      'Summarize the above article in 1 sentence.\n',
    ]);
    expect(xsum.metric_specs[0]).toEqual({
      class_name: 'helm.benchmark.metrics.summarization_metrics.SummarizationMetric',
      args: { task: 'summarization_xsum_sampled', device: 'cpu' },
    });
  });
});
