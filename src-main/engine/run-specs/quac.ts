/** `quac` (v0.3.0 `run_specs.py` `get_quac_spec`; HEAD the same settings). */
import { generationAdapterSpec } from './adapter-specs';
import { f1MetricSpecs, generativeHarmsMetricSpecs } from './metric-specs';
import type { RunSpecFunction } from './run-spec-function';
import { DEFAULT_DATA_AUGMENTER_SPEC } from './run-spec-function';

export const quacRunSpec: RunSpecFunction = {
  params: [],
  required: [],
  build() {
    return {
      name: 'quac',
      scenario_spec: { class_name: 'helm.benchmark.scenarios.quac_scenario.QuACScenario', args: {} },
      // No input noun: the instance text carries its own Title/Background/Section/Passage/Question lines.
      adapter_spec: generationAdapterSpec({ inputNoun: null, outputNoun: 'Answer', maxTokens: 100 }),
      metric_specs: [...f1MetricSpecs(), ...generativeHarmsMetricSpecs()],
      data_augmenter_spec: DEFAULT_DATA_AUGMENTER_SPEC,
      groups: ['quac'],
    };
  },
};
