/**
 * `summarization_cnndm` and `summarization_xsum_sampled` (v0.3.0 `run_specs.py`; the two functions share
 * everything but the dataset, sentence count and max_tokens, so they live together). At v0.3.0/v0.4.0 the XSUM
 * run is named `summarization_xsum:…` with group `summarization_xsum` (HEAD renamed both to
 * `summarization_xsum_sampled`, which the Classic schema does not know; docs/helm-fidelity.md §4), so the column lands in
 * the Classic table.
 */
import type { AdapterSpec } from '../../../src-shared/helm/run-spec';
import { adapterSpec } from './adapter-specs';
import { basicMetricSpecs, generativeHarmsMetricSpecs } from './metric-specs';
import type { RunSpecArgs, RunSpecFunction } from './run-spec-function';
import { DEFAULT_DATA_AUGMENTER_SPEC, stringValue } from './run-spec-function';

/** `get_summarization_adapter_spec(num_sents, max_tokens, temperature)`. */
export function summarizationAdapterSpec(
  numSentences: number | null,
  maxTokens: number,
  temperature: number,
): AdapterSpec {
  const outputPrefix =
    numSentences === 1
      ? 'Summarize the above article in 1 sentence.\n'
      : numSentences === null
        ? 'Summarize the above article.\n'
        : `Summarize the above article in ${numSentences} sentences.\n`;
  return adapterSpec({
    method: 'generation',
    instructions: '',
    input_prefix: '###\nArticle: ',
    input_suffix: '\n\n',
    output_prefix: outputPrefix,
    output_suffix: '\n',
    max_train_instances: 5,
    num_outputs: 1,
    // `###` separates the in-context examples.
    stop_sequences: ['###'],
    max_tokens: maxTokens,
    temperature,
  });
}

interface SummarizationSettings {
  readonly runName: string;
  readonly group: string;
  readonly task: string;
  readonly datasetName: string;
  readonly numSentences: number;
  readonly maxTokens: number;
}

function summarizationRunSpec(settings: SummarizationSettings): RunSpecFunction {
  return {
    params: ['temperature', 'device'],
    required: [],
    build(args: RunSpecArgs) {
      const temperature = args['temperature'] === undefined ? 0.3 : Number(args['temperature']);
      const device = stringValue(args, 'device', 'cpu');
      return {
        name: `${settings.runName}:temperature=${temperature},device=${device}`,
        scenario_spec: {
          class_name: 'helm.benchmark.scenarios.summarization_scenario.SummarizationScenario',
          args: {
            dataset_name: settings.datasetName,
            sampling_min_length: 50,
            sampling_max_length: 150,
            doc_max_length: 512,
          },
        },
        // max_tokens from Zhang et al. 2020; temperature 0.3 from HELM's pilots.
        adapter_spec: summarizationAdapterSpec(settings.numSentences, settings.maxTokens, temperature),
        metric_specs: [
          {
            class_name: 'helm.benchmark.metrics.summarization_metrics.SummarizationMetric',
            args: { task: settings.task, device },
          },
          ...basicMetricSpecs([]),
          ...generativeHarmsMetricSpecs(),
        ],
        data_augmenter_spec: DEFAULT_DATA_AUGMENTER_SPEC,
        groups: [settings.group],
      };
    },
  };
}

export const summarizationCnndmRunSpec = summarizationRunSpec({
  runName: 'summarization_cnndm',
  group: 'summarization_cnndm',
  task: 'summarization_cnndm',
  datasetName: 'cnn-dm',
  numSentences: 3,
  maxTokens: 128,
});

export const summarizationXsumSampledRunSpec = summarizationRunSpec({
  runName: 'summarization_xsum',
  group: 'summarization_xsum',
  task: 'summarization_xsum_sampled',
  datasetName: 'xsum-sampled',
  numSentences: 1,
  maxTokens: 64,
});
