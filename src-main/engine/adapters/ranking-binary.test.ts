import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../src-shared/helm/instance';
import { rankingBinaryAdapterSpec } from '../run-specs/msmarco';
import type { TokenCounter } from '../types';
import { createRankingBinaryAdapter } from './ranking-binary';

const counter = (contextWindow: number): TokenCounter => ({
  contextWindow,
  countTokens: (text) => text.split(/\s+/).filter(Boolean).length,
  truncateToTokens: (text, max) => text.split(' ').slice(0, max).join(' '),
});

const train: Instance = {
  input: { text: 'train query' },
  references: [
    { output: { text: 'good passage' }, tags: ['docid=1', 'correct', 'relevance=1', 'rank=3'] },
    { output: { text: 'bad passage' }, tags: ['docid=2', 'rank=12'] },
  ],
  split: 'train',
  id: 'id0',
};
const evalInstance: Instance = {
  input: { text: 'eval query' },
  references: [
    { output: { text: 'first' }, tags: ['docid=5', 'rank=1'] },
    { output: { text: 'second' }, tags: ['docid=6', 'correct', 'relevance=1'] },
  ],
  split: 'valid',
  id: 'id9',
};

describe('ranking_binary adapter', () => {
  // HELM v0.3.0 get_msmarco_spec: get_ranking_binary_adapter_spec(max_train_instances=4, stop_sequences=["\n"]).
  const spec = { ...rankingBinaryAdapterSpec(4, ['\n']), model: 'org/model' };

  it('uses HELM’s adapter spec fields', () => {
    expect(spec.max_train_instances).toBe(2);
    expect([spec.input_prefix, spec.reference_prefix, spec.output_prefix, spec.output_suffix]).toEqual([
      'Query: ',
      'Passage: ',
      'Does the passage answer the query?\nAnswer: ',
      '\n',
    ]);
    expect([spec.max_tokens, spec.temperature, spec.num_outputs, spec.stop_sequences]).toEqual([5, 0, 1, ['\n']]);
  });

  it('makes one request per passage; train blocks show every passage with Yes/No', () => {
    const states = createRankingBinaryAdapter().adapt({
      adapterSpec: spec,
      trainInstances: [train],
      evalInstances: [evalInstance],
      trialIndex: 0,
      tokenCounter: counter(10_000),
    });
    expect(states.map((s) => [s.reference_index, s.request_mode, s.num_train_instances])).toEqual([
      [0, 'original', 1],
      [1, 'original', 1],
    ]);
    const trainBlock =
      'Passage: good passage\nQuery: train query\nDoes the passage answer the query?\nAnswer: Yes\n' +
      '\nPassage: bad passage\nQuery: train query\nDoes the passage answer the query?\nAnswer: No\n';
    expect(states[1]?.request.prompt).toBe(
      `${trainBlock}\nPassage: second\nQuery: eval query\nDoes the passage answer the query?\nAnswer:`,
    );
    expect(states[0]?.request).toMatchObject({
      model: 'org/model',
      max_tokens: 5,
      temperature: 0,
      num_completions: 1,
      stop_sequences: ['\n'],
      echo_prompt: false,
    });
  });

  it('drops the train block when the prompt does not fit', () => {
    const states = createRankingBinaryAdapter().adapt({
      adapterSpec: spec,
      trainInstances: [train],
      evalInstances: [evalInstance],
      trialIndex: 0,
      tokenCounter: counter(25),
    });
    expect(states[0]?.num_train_instances).toBe(0);
    expect(states[0]?.request.prompt).toBe(
      'Passage: first\nQuery: eval query\nDoes the passage answer the query?\nAnswer:',
    );
  });
});
