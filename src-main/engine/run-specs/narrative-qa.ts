/** `narrative_qa` (v0.3.0 `run_specs.py` `get_narrativeqa_spec`; HEAD `classic_run_specs.py`, same settings). */
import { generationAdapterSpec } from './adapter-specs';
import { basicMetricSpecs, generativeHarmsMetricSpecs } from './metric-specs';
import type { RunSpecFunction } from './run-spec-function';
import { DEFAULT_DATA_AUGMENTER_SPEC } from './run-spec-function';

/** `get_open_ended_generation_metric_specs`. */
export function openEndedGenerationMetricSpecs(): ReturnType<typeof basicMetricSpecs> {
  return basicMetricSpecs(['exact_match', 'quasi_exact_match', 'f1_score', 'rouge_l', 'bleu_1', 'bleu_4']);
}

export const narrativeQaRunSpec: RunSpecFunction = {
  params: [],
  required: [],
  build() {
    return {
      name: 'narrative_qa',
      scenario_spec: { class_name: 'helm.benchmark.scenarios.narrativeqa_scenario.NarrativeQAScenario', args: {} },
      // max_tokens 100: HELM's comment says answers are at most 30 words.
      adapter_spec: generationAdapterSpec({ inputNoun: 'Passage', outputNoun: 'Answer', maxTokens: 100 }),
      metric_specs: [...openEndedGenerationMetricSpecs(), ...generativeHarmsMetricSpecs()],
      data_augmenter_spec: DEFAULT_DATA_AUGMENTER_SPEC,
      groups: ['narrative_qa'],
    };
  },
};
