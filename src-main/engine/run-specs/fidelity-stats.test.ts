/**
 * Fidelity audit (issue #3, item 5): for each of the 8 first core scenarios, the efficient run spec's metric
 * specs, scored over scripted model answers, give `stats.json` the stat the Classic leaderboard cell reads
 * (docs/helm-fidelity.md §8; v0.3.0 `static/schema.yaml` `environment` of each leaf): the main metric on the main split,
 * `count` = trials, plus the sub-split stats CivilComments averages over. The expected means are worked out
 * from the scripted answers, not from our own output.
 */
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../src-shared/helm/instance';
import type { GeneratedOutput, RequestState } from '../../../src-shared/helm/request';
import type { Stat } from '../../../src-shared/helm/stat';
import { createAdapterRegistry } from '../adapters';
import { createMetricRegistry } from '../metrics/index';
import { withInstanceIds } from '../sampling/instance-ids';
import { selectEvalInstances } from '../sampling/eval-instances';
import { sampleTrainExamples } from '../sampling/train-examples';
import { scoreRun } from '../stats/score-run';
import { createApproximateTokenCounter } from '../tokens/approximate-token-counter';
import { buildRunSpec } from './build-run-spec';

const tokenCounter = createApproximateTokenCounter(1_000_000);

/** `count` eval items of `split` whose gold is `labels[i % labels.length]`, after 5 train items. */
function generationInstances(
  labels: readonly string[],
  split: string,
  count: number,
  subSplit?: (label: string) => string,
): Instance[] {
  const make = (i: number, s: string): Instance => {
    const label = labels[i % labels.length] as string;
    return {
      input: { text: `item ${s} ${i}` },
      references: [{ output: { text: label }, tags: ['correct'] }],
      split: s,
      ...(subSplit ? { sub_split: subSplit(label) } : {}),
    };
  };
  return [
    ...Array.from({ length: 5 }, (_, i) => make(i, 'train')),
    ...Array.from({ length: count }, (_, i) => make(i, split)),
  ];
}

function choiceInstances(split: string, count: number, train: number): Instance[] {
  const make = (i: number, s: string): Instance => ({
    input: { text: `question ${s} ${i}` },
    references: ['red', 'green', 'blue', 'black'].map((text, k) => ({
      output: { text },
      tags: k === i % 4 ? ['correct'] : [],
    })),
    split: s,
  });
  return [
    ...Array.from({ length: train }, (_, i) => make(i, 'train')),
    ...Array.from({ length: count }, (_, i) => make(i, split)),
  ];
}

const completion = (text: string, logprob = -1, tokens: GeneratedOutput['tokens'] = []): GeneratedOutput => ({
  text,
  logprob,
  tokens,
});

/**
 * Scripted answers: generation answers the gold in lower case with a leading space (quasi-exact but not exact)
 * for even-numbered eval items and `nonsense` otherwise; joint answers the correct letter; separate gives the
 * correct choice the highest per-token logprob.
 */
function answer(state: RequestState, position: number): RequestState {
  const instance = state.instance;
  const correctIndex = instance.references.findIndex((r) => r.tags.includes('correct'));
  let completions: GeneratedOutput[];
  if (state.reference_index !== null && state.reference_index !== undefined) {
    const n = tokenCounter.countTokens(` ${instance.references[state.reference_index]?.output.text ?? ''}`);
    const logprob = state.request_mode === 'calibration' ? -1 : state.reference_index === correctIndex ? -0.1 : -2;
    completions = [
      completion(
        '',
        logprob * n,
        Array.from({ length: n + 3 }, () => ({ text: 'x', logprob })),
      ),
    ];
  } else if (state.output_mapping) {
    completions = [completion(` ${'ABCD'[correctIndex] ?? ''}`)];
  } else {
    const gold = instance.references[correctIndex]?.output.text ?? '';
    completions = [completion(position % 2 === 0 ? ` ${gold.toLowerCase()}` : ' nonsense')];
  }
  return { ...state, result: { success: true, completions, cached: false, request_time: 0.5 } };
}

function score(description: string, instances: readonly Instance[]): Stat[] {
  const runSpec = buildRunSpec(description, { name: 'acme/model' });
  const spec = runSpec.adapter_spec;
  const withIds = withInstanceIds(instances);
  const evalInstances = selectEvalInstances(withIds, spec.max_eval_instances);
  const train = sampleTrainExamples(
    withIds.filter((x) => x.split === 'train'),
    spec.max_train_instances,
    0,
    spec.sample_train,
  );
  const states = createAdapterRegistry()
    .get(spec.method)
    .adapt({ adapterSpec: spec, trainInstances: train, evalInstances, trialIndex: 0, tokenCounter });
  const order = new Map(evalInstances.map((x, i) => [x.id, i]));
  const answered = states.map((state) => answer(state, order.get(state.instance.id) ?? 0));
  return scoreRun({
    adapterSpec: spec,
    metricSpecs: runSpec.metric_specs,
    requestStates: answered,
    metrics: createMetricRegistry(),
    context: { tokenCounter },
  }).stats;
}

function stat(stats: readonly Stat[], name: string, split: string, subSplit?: string): Stat | undefined {
  return stats.find(
    (s) =>
      s.name.name === name &&
      s.name.split === split &&
      s.name.sub_split === subSplit &&
      s.name.perturbation === undefined,
  );
}

describe('stats.json carries the leaderboard main metric on the main split', () => {
  it('BoolQ and IMDB: quasi_exact_match on valid (half right, case-insensitively), exact_match 0', () => {
    for (const [description, labels] of [
      ['boolq:model=text,max_eval_instances=10', ['Yes', 'No']],
      ['imdb:model=text,max_eval_instances=10', ['Positive', 'Negative']],
    ] as const) {
      const stats = score(description, generationInstances(labels, 'valid', 12));
      expect(stat(stats, 'quasi_exact_match', 'valid')).toMatchObject({ count: 1, mean: 0.5 });
      expect(stat(stats, 'exact_match', 'valid')).toMatchObject({ count: 1, mean: 0 });
    }
  });

  it('IMDB and CivilComments and RAFT also get classification F1 (ClassificationMetric)', () => {
    const stats = score(
      'imdb:model=text,max_eval_instances=10',
      generationInstances(['Positive', 'Negative'], 'valid', 12),
    );
    expect(stats.some((s) => s.name.name === 'classification_macro_f1' && s.name.split === 'valid')).toBe(true);
  });

  it('CivilComments: quasi_exact_match on test only per sub-split (toxic / non-toxic), as v0.3.0 metric.py adds the context', () => {
    // 8 test items ≤ N, so all run unpermuted: even positions are the `True` (toxic) items and are answered right.
    const stats = score(
      'civil_comments:model=text,demographic=male,max_eval_instances=8',
      generationInstances(['True', 'False'], 'test', 8, (l) => (l === 'True' ? 'toxic' : 'non-toxic')),
    );
    expect(stat(stats, 'quasi_exact_match', 'test', 'toxic')).toMatchObject({ count: 1, mean: 1 });
    expect(stat(stats, 'quasi_exact_match', 'test', 'non-toxic')).toMatchObject({ count: 1, mean: 0 });
    // HELM's `add_context` always sets the instance's sub_split; the leaderboard merges the two (docs/helm-fidelity.md §7.1).
    expect(stat(stats, 'quasi_exact_match', 'test')).toBeUndefined();
  });

  it('RAFT: quasi_exact_match on test', () => {
    const stats = score(
      'raft:subset=overruling,model=text,max_eval_instances=4',
      generationInstances(['overruling', 'not overruling'], 'test', 40),
    );
    expect(stat(stats, 'quasi_exact_match', 'test')).toMatchObject({ count: 1, mean: 0.5 });
  });

  it('MMLU (test) and TruthfulQA (valid): exact_match of the joint letter answer', () => {
    const mmlu = score('mmlu:model=text,subject=econometrics,max_eval_instances=20', [
      ...choiceInstances('valid', 12, 5),
      ...choiceInstances('test', 114, 0),
    ]);
    expect(stat(mmlu, 'exact_match', 'test')).toMatchObject({ count: 1, mean: 1 });
    expect(stat(mmlu, 'exact_match', 'valid')).toMatchObject({ count: 1, mean: 1 });
    const tqa = score('truthful_qa:model=text,task=mc_single,max_eval_instances=10', choiceInstances('valid', 30, 8));
    expect(stat(tqa, 'exact_match', 'valid')).toMatchObject({ count: 1, mean: 1 });
  });

  it('HellaSwag (valid) and OpenbookQA (test): exact_match of the separate methods', () => {
    const hellaswag = score(
      'commonsense:model=full_functionality_text,dataset=hellaswag,method=multiple_choice_separate_original,max_eval_instances=10',
      choiceInstances('valid', 12, 3),
    );
    expect(stat(hellaswag, 'exact_match', 'valid')).toMatchObject({ count: 1, mean: 1 });
    const openbookqa = score(
      'commonsense:model=full_functionality_text,dataset=openbookqa,method=multiple_choice_separate_calibrated,max_eval_instances=10',
      choiceInstances('test', 12, 3),
    );
    expect(stat(openbookqa, 'exact_match', 'test')).toMatchObject({ count: 1, mean: 1 });
  });
});
