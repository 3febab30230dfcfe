/** `natural_qa:mode=…` (v0.3.0 `run_specs.py` `get_natural_qa_spec`; HEAD the same settings). */
import { generationAdapterSpec } from './adapter-specs';
import { f1MetricSpecs, generativeHarmsMetricSpecs } from './metric-specs';
import type { RunSpecFunction } from './run-spec-function';
import { DEFAULT_DATA_AUGMENTER_SPEC, stringValue } from './run-spec-function';

export const naturalQaRunSpec: RunSpecFunction = {
  params: ['mode'],
  required: ['mode'],
  build(args) {
    const mode = stringValue(args, 'mode');
    return {
      name: `natural_qa:mode=${mode}`,
      scenario_spec: { class_name: 'helm.benchmark.scenarios.natural_qa_scenario.NaturalQAScenario', args: { mode } },
      // Closed book has a `Question: ` prefix; open book carries its own `Passage: …\n\nQuestion: ` text. Answers
      // are at most 65 words, hence 300 tokens.
      adapter_spec: generationAdapterSpec({
        inputNoun: mode === 'closedbook' ? 'Question' : null,
        outputNoun: 'Answer',
        maxTokens: 300,
      }),
      metric_specs: [...f1MetricSpecs(), ...generativeHarmsMetricSpecs()],
      data_augmenter_spec: DEFAULT_DATA_AUGMENTER_SPEC,
      groups: [`natural_qa_${mode}`],
    };
  },
};
