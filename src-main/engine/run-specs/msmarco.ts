/**
 * `msmarco:track=…,valid_topk=…` (v0.3.0 `run_specs.py` `get_msmarco_spec`, `get_ranking_binary_adapter_spec`,
 * `get_msmarco_metric_specs`; HEAD the same settings).
 */
import { AppError } from '../../../src-shared/errors';
import type { AdapterSpec, ObjectSpec } from '../../../src-shared/helm/run-spec';
import { adapterSpec, formatInstructions } from './adapter-specs';
import { basicMetricSpecs } from './metric-specs';
import type { RunSpecFunction } from './run-spec-function';
import { DEFAULT_DATA_AUGMENTER_SPEC, stringValue } from './run-spec-function';

const RECALL = [1, 2, 3, 5, 10, 20].map((k) => `recall.${k}`);
const RECIP_RANK = [5, 10, 20].map((k) => `recip_rank.${k}`);
const SUCCESS = [1, 2, 3, 5, 10, 20].map((k) => `success.${k}`);
const NDCG_CUT = [5, 10, 20].map((k) => `ndcg_cut.${k}`);

/** `MSMARCOScenario.MEASURE_NAMES` per track. */
export const MSMARCO_MEASURE_NAMES: Readonly<Record<string, readonly string[]>> = {
  regular: [...SUCCESS, ...RECALL, ...RECIP_RANK],
  trec: [...SUCCESS, ...RECALL, ...RECIP_RANK, ...NDCG_CUT],
};
/** `MSMARCOScenario.GOLD_RELATIONS` per track (relevance values that make a passage correct). */
export const MSMARCO_GOLD_RELATIONS: Readonly<Record<string, readonly number[]>> = { regular: [1], trec: [2, 3] };

/** `get_ranking_binary_adapter_spec` (even `max_train_instances`, halved: each train query gives 2 passages). */
export function rankingBinaryAdapterSpec(maxTrainInstances: number, stopSequences: readonly string[]): AdapterSpec {
  if (maxTrainInstances % 2 !== 0)
    throw new AppError({
      code: 'run-spec.bad-args',
      message: 'ranking_binary needs an even number of in-context examples.',
    });
  return adapterSpec({
    method: 'ranking_binary',
    instructions: formatInstructions(''),
    input_prefix: 'Query: ',
    input_suffix: '\n',
    reference_prefix: 'Passage: ',
    reference_suffix: '\n',
    output_prefix: 'Does the passage answer the query?\nAnswer: ',
    max_train_instances: maxTrainInstances / 2,
    num_outputs: 1,
    num_train_trials: 1,
    temperature: 0,
    max_tokens: 5,
    stop_sequences: [...stopSequences],
  });
}

function msmarcoMetricSpecs(track: string, rank: number | null): ObjectSpec[] {
  const gold = MSMARCO_GOLD_RELATIONS[track] ?? [];
  return [
    {
      class_name: 'helm.benchmark.metrics.ranking_metrics.RankingMetric',
      args: {
        method: 'ranking_binary',
        measure_names: [...(MSMARCO_MEASURE_NAMES[track] ?? [])],
        correct_output: 'Yes',
        wrong_output: 'No',
        rank,
        // `set(GOLD_RELATIONS[track]) != {1}`.
        multiple_relevance_values: !(gold.length === 1 && gold[0] === 1),
      },
    },
    ...basicMetricSpecs([]),
  ];
}

export const msmarcoRunSpec: RunSpecFunction = {
  params: ['track', 'valid_topk'],
  required: ['track'],
  build(args) {
    const track = stringValue(args, 'track');
    if (!(track in MSMARCO_MEASURE_NAMES))
      throw new AppError({
        code: 'run-spec.bad-args',
        message: `msmarco: unknown track '${track}' (regular or trec).`,
      });
    const rawTopk = args['valid_topk'];
    const validTopk = rawTopk === undefined ? null : Math.trunc(Number(rawTopk));
    if (validTopk !== null && !Number.isFinite(validTopk))
      throw new AppError({ code: 'run-spec.bad-args', message: `msmarco: valid_topk must be an integer.` });
    return {
      // Python formats a missing valid_topk as None.
      name: `msmarco:track=${track},valid_topk=${validTopk ?? 'None'}`,
      scenario_spec: {
        class_name: 'helm.benchmark.scenarios.msmarco_scenario.MSMARCOScenario',
        args: { track, valid_topk: validTopk },
      },
      adapter_spec: rankingBinaryAdapterSpec(4, ['\n']),
      metric_specs: msmarcoMetricSpecs(track, validTopk),
      data_augmenter_spec: DEFAULT_DATA_AUGMENTER_SPEC,
      groups: [`msmarco_${track}`],
    };
  },
};
