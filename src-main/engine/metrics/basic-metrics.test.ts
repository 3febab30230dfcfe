import { describe, expect, it } from 'vitest';
import { testRequest } from '../../../dev/testing/helm-request';
import type { Instance } from '../../../src-shared/helm/instance';
import type { GeneratedOutput, RequestState } from '../../../src-shared/helm/request';
import { DEFAULT_ADAPTER_SPEC, type AdapterSpec } from '../../../src-shared/helm/run-spec';
import type { Stat } from '../../../src-shared/helm/stat';
import { createApproximateTokenCounter } from '../tokens/approximate-token-counter';
import type { CompletedRequestState } from '../types';
import { echoedSuffixTokenCount } from './basic-reference-metric';
import {
  BASIC_GENERATION_METRIC,
  BASIC_METRIC,
  BASIC_REFERENCE_METRIC,
  CLASSIFICATION_METRIC,
  createMetricRegistry,
} from './index';

const tokenCounter = createApproximateTokenCounter(2048);
const context = { tokenCounter };
const registry = createMetricRegistry();

function value(stats: readonly Stat[], name: string): number | undefined {
  const stat = stats.find((candidate) => candidate.name.name === name);
  return stat && stat.count > 0 ? stat.sum / stat.count : undefined;
}

function instance(references: readonly [string, boolean][], split = 'test'): Instance {
  return {
    input: { text: 'Q' },
    references: references.map(([text, correct]) => ({ output: { text }, tags: correct ? ['correct'] : [] })),
    split,
    id: 'id7',
  };
}

function completed(
  partial: Partial<RequestState> & { instance: Instance; completions: GeneratedOutput[] },
): CompletedRequestState {
  const { completions, ...rest } = partial;
  const result = { success: true, completions, cached: false, request_time: 0.25 };
  return {
    train_trial_index: 0,
    num_train_instances: 2,
    prompt_truncated: false,
    request: testRequest({
      model: 'm',
      prompt: 'Question: Q\nAnswer:',
      num_completions: completions.length,
      stop_sequences: [],
    }),
    ...rest,
    result,
  };
}

const token = (text: string, logprob: number) => ({ text, logprob });

describe('BasicGenerationMetric', () => {
  const spec: AdapterSpec = { ...DEFAULT_ADAPTER_SPEC, num_outputs: 2 };

  it('scores the best completion, @k over all, and the general stats', () => {
    const metric = registry.get(BASIC_GENERATION_METRIC)(
      { names: ['exact_match', 'quasi_exact_match', 'f1_score'] },
      context,
    );
    const state = completed({
      instance: instance([
        ['Paris', true],
        ['Lyon', false],
      ]),
      completions: [
        { text: ' paris', logprob: -0.5, tokens: [token(' paris', -0.5)], finish_reason: { reason: 'stop' } },
        { text: ' Paris', logprob: -1, tokens: [token(' Par', -0.25), token('is', -0.75)] },
      ],
    });
    const stats = metric.evaluateInstance(spec, [state]);
    expect(stats.every((stat) => stat.name.split === 'test')).toBe(true);
    expect(value(stats, 'exact_match')).toBe(0); // best (highest logprob) is " paris"
    expect(value(stats, 'exact_match@2')).toBe(1);
    expect(value(stats, 'quasi_exact_match')).toBe(1);
    expect(value(stats, 'max_prob')).toBe(Math.exp(-0.5));
    expect(value(stats, 'num_completion_tokens')).toBe(3);
    expect(value(stats, 'num_output_tokens')).toBe(3);
    expect(value(stats, 'finish_reason_stop')).toBe(1);
    expect(value(stats, 'finish_reason_unknown')).toBe(0);
    expect(value(stats, 'inference_runtime')).toBe(0.25);
    expect(value(stats, 'num_train_instances')).toBe(2);
    expect(value(stats, 'num_references')).toBe(2);
    // language-modeling stats read the first completion as returned, not the best one
    expect(value(stats, 'logprob')).toBe(-0.5);
    expect(value(stats, 'num_bytes')).toBe(6);
    expect(stats.find((stat) => stat.name.name === 'training_co2_cost')?.count).toBe(0);
  });

  it('maps joint answers through output_mapping; unmapped letters score 0', () => {
    const metric = registry.get(BASIC_METRIC)({ names: ['exact_match'] }, context);
    const joint = { ...spec, method: 'multiple_choice_joint', num_outputs: 1 };
    const mapping = { A: 'Lyon', B: 'Paris' };
    const right = completed({
      instance: instance([
        ['Lyon', false],
        ['Paris', true],
      ]),
      output_mapping: mapping,
      completions: [{ text: ' B', logprob: 0, tokens: [token(' B', 0)] }],
    });
    const wrong = completed({
      instance: instance([
        ['Lyon', false],
        ['Paris', true],
      ]),
      output_mapping: mapping,
      completions: [{ text: ' Z', logprob: 0, tokens: [token(' Z', 0)] }],
    });
    expect(value(metric.evaluateInstance(joint, [right]), 'exact_match')).toBe(1);
    expect(value(metric.evaluateInstance(joint, [wrong]), 'exact_match')).toBe(0);
    expect(metric.evaluateInstance(joint, [right]).some((stat) => stat.name.name === 'exact_match@1')).toBe(false);
  });

  it('rejects unknown metric names when built', () => {
    expect(() => registry.get(BASIC_GENERATION_METRIC)({ names: ['no_such_metric'] }, context)).toThrow(
      /no_such_metric/,
    );
  });
});

describe('BasicReferenceMetric', () => {
  // Choices "red apple" (2 approximate tokens: " red", " apple"), "blue", "green" (1 each); echoed tokens end
  // with the choice's tokens.
  const references: [string, boolean][] = [
    ['red apple', false],
    ['blue', true],
    ['green', false],
  ];
  const echo = (referenceIndex: number, mode: string, logprobs: number[]): CompletedRequestState =>
    completed({
      instance: instance(references),
      reference_index: referenceIndex,
      request_mode: mode,
      completions: [{ text: '', logprob: 0, tokens: logprobs.map((logprob, i) => token(`t${i}`, logprob)) }],
    });

  it('original: mean logprob per choice token, fractional exact_match on ties', () => {
    const spec = { ...DEFAULT_ADAPTER_SPEC, method: 'multiple_choice_separate_original' };
    const metric = registry.get(BASIC_REFERENCE_METRIC)({}, context);
    const stats = metric.evaluateInstance(spec, [
      echo(0, 'original', [-5, -1, -2]),
      echo(1, 'original', [-5, -1.5]),
      echo(2, 'original', [-5, -4]),
    ]);
    // scores: (−1 − 2)/2 = −1.5, −1.5, −4 → tie between choices 0 and 1, only 1 is correct
    expect(value(stats, 'exact_match')).toBe(0.5);
    expect(value(stats, 'predicted_index')).toBe(0);
    expect(value(stats, 'max_prob')).toBeCloseTo(1 / (2 + Math.exp(-2.5)), 15);
    const references = stats.find((stat) => stat.name.name === 'num_references');
    expect(references?.count).toBe(3); // general stats merge over the three requests
  });

  it('counts the answer tokens from the echo when its token texts spell " " + choice (no tokenizer needed)', () => {
    const spec = { ...DEFAULT_ADAPTER_SPEC, method: 'multiple_choice_separate_original' };
    const metric = registry.get(BASIC_REFERENCE_METRIC)({}, context);
    // "Qué? red apple": the approximate counter says 2 tokens for " red apple" (mean (−2 −2)/2 = −2, losing to
    // "blue" at −1.5); the echo shows 3 (" red", " app", "le"): (−0.1 −2 −2)/3 ≈ −1.37, which wins.
    const spelled = (referenceIndex: number, pieces: [string, number][]): CompletedRequestState =>
      completed({
        instance: instance(references),
        reference_index: referenceIndex,
        request_mode: 'original',
        completions: [{ text: '', logprob: 0, tokens: pieces.map(([text, logprob]) => token(text, logprob)) }],
      });
    const stats = metric.evaluateInstance(spec, [
      spelled(0, [
        ['Qué', -9],
        ['?', -30],
        [' red', -0.1],
        [' app', -2],
        ['le', -2],
      ]),
      spelled(1, [
        ['Qué', -9],
        ['?', -30],
        [' blue', -1.5],
      ]),
      spelled(2, [
        ['Qué', -9],
        ['?', -30],
        [' gre', -1],
        ['en', -2],
      ]),
    ]);
    expect(value(stats, 'predicted_index')).toBe(0);
    expect(
      echoedSuffixTokenCount([token('x', 0), token(' red', 0), token(' app', 0), token('le', 0)], ' red apple'),
    ).toBe(3);
    // A token straddling the boundary is included; an echo that does not end with the choice gives null.
    expect(echoedSuffixTokenCount([token('x', 0), token('. red', 0)], ' red')).toBe(1);
    expect(echoedSuffixTokenCount([token('t0', 0), token('t1', 0)], ' red')).toBeNull();
    expect(echoedSuffixTokenCount([], ' red')).toBeNull();
  });

  it('calibrated: original logprob minus calibration logprob', () => {
    const spec = { ...DEFAULT_ADAPTER_SPEC, method: 'multiple_choice_separate_calibrated' };
    const metric = registry.get(BASIC_METRIC)({ names: [] }, context);
    const states = [
      echo(0, 'original', [-5, -1, -2]),
      echo(0, 'calibration', [-2, -1, -1]), // −3 − (−2) = −1
      echo(1, 'original', [-5, -3]),
      echo(1, 'calibration', [-2, -0.5]), // −3 − (−0.5) = −2.5
      echo(2, 'original', [-5, -4]),
      echo(2, 'calibration', [-2, -4.5]), // −4 − (−4.5) = 0.5
    ];
    const stats = metric.evaluateInstance(spec, states);
    expect(value(stats, 'predicted_index')).toBe(2);
    expect(value(stats, 'exact_match')).toBe(0);
    // v0.3.0 BasicMetric: general stats from the last request only
    expect(stats.find((stat) => stat.name.name === 'num_train_instances')?.count).toBe(1);
    const head = registry.get(BASIC_REFERENCE_METRIC)({}, context).evaluateInstance(spec, states);
    expect(head.find((stat) => stat.name.name === 'num_train_instances')?.count).toBe(6);
  });
});

describe('ClassificationMetric', () => {
  it('macro and micro F1 over normalized labels, unknown predictions count as no class', () => {
    const metric = registry.get(CLASSIFICATION_METRIC)({}, context);
    const labelled = (gold: string, prediction: string) =>
      completed({ instance: instance([[gold, true]]), completions: [{ text: prediction, logprob: 0, tokens: [] }] });
    const states = [labelled('Yes', ' yes'), labelled('Yes', 'No'), labelled('No', ' No.'), labelled('No', 'maybe')];
    const stats = metric.evaluateInstances?.(DEFAULT_ADAPTER_SPEC, states) ?? [];
    // yes: tp 1, fp 0, fn 1 → F1 2/3; no: tp 1, fp 1, fn 1 → F1 1/2; micro: tp 2, fp 1, fn 2 → 4/7
    expect(value(stats, 'classification_macro_f1')).toBeCloseTo((2 / 3 + 1 / 2) / 2, 15);
    expect(value(stats, 'classification_micro_f1')).toBeCloseTo(4 / 7, 15);
  });
});
