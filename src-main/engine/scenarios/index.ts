/**
 * The scenario registry, keyed by HELM's `scenario_spec.class_name` — both the v0.3.0 and the HEAD names where
 * they differ — so a `run_spec.json` from either era finds its scenario. To add a scenario, add its rows to
 * {@link SCENARIO_FACTORIES}.
 */
import { Registry } from '../registry';
import type { ScenarioFactory } from '../types';
import { createBoolqScenario } from './boolq';
import { createCivilCommentsScenario } from './civil-comments';
import { createCommonsenseScenario, createHellaswagScenario, createOpenbookqaScenario } from './commonsense';
import { createImdbScenario } from './imdb';
import { createMmluScenario } from './mmlu';
import { createMsmarcoScenario } from './msmarco';
import { createNarrativeQaScenario } from './narrative-qa';
import { createNaturalQaScenario } from './natural-qa';
import { createQuacScenario } from './quac';
import { createSummarizationScenario } from './summarization';
import { createRaftScenario } from './raft';
import { createTruthfulQaScenario } from './truthful-qa';
import { createGsmScenario } from './gsm';
import { createLegalbenchScenario } from './legalbench';
import { createMathScenario } from './math';
import { createMedQaScenario } from './med-qa';
import { createWmt14Scenario } from './wmt14';

const PREFIX = 'helm.benchmark.scenarios.';

/** `[class_name, factory]` rows, one per HELM class name. */
export const SCENARIO_FACTORIES: readonly (readonly [string, ScenarioFactory])[] = [
  [`${PREFIX}mmlu_scenario.MMLUScenario`, createMmluScenario],
  [`${PREFIX}boolq_scenario.BoolQScenario`, createBoolqScenario],
  // v0.3.0: one class with `dataset`; HEAD: one class per dataset, no args.
  [`${PREFIX}commonsense_scenario.CommonSenseScenario`, createCommonsenseScenario],
  [`${PREFIX}commonsense_scenario.HellaSwagScenario`, createHellaswagScenario],
  [`${PREFIX}commonsense_scenario.OpenBookQA`, createOpenbookqaScenario],
  [`${PREFIX}truthful_qa_scenario.TruthfulQAScenario`, createTruthfulQaScenario],
  [`${PREFIX}imdb_scenario.IMDBScenario`, createImdbScenario],
  [`${PREFIX}civil_comments_scenario.CivilCommentsScenario`, createCivilCommentsScenario],
  [`${PREFIX}raft_scenario.RAFTScenario`, createRaftScenario],
  [`${PREFIX}narrativeqa_scenario.NarrativeQAScenario`, createNarrativeQaScenario],
  [`${PREFIX}natural_qa_scenario.NaturalQAScenario`, createNaturalQaScenario],
  [`${PREFIX}quac_scenario.QuACScenario`, createQuacScenario],
  [`${PREFIX}msmarco_scenario.MSMARCOScenario`, createMsmarcoScenario],
  [`${PREFIX}summarization_scenario.SummarizationScenario`, createSummarizationScenario],
  // HELM Lite (v0.5.4 class names).
  [`${PREFIX}math_scenario.MATHScenario`, createMathScenario],
  [`${PREFIX}gsm_scenario.GSM8KScenario`, createGsmScenario],
  [`${PREFIX}legalbench_scenario.LegalBenchScenario`, createLegalbenchScenario],
  [`${PREFIX}med_qa_scenario.MedQAScenario`, createMedQaScenario],
  [`${PREFIX}wmt_14_scenario.WMT14Scenario`, createWmt14Scenario],
];

export function createScenarioRegistry(): Registry<ScenarioFactory> {
  const registry = new Registry<ScenarioFactory>('scenario');
  for (const [className, factory] of SCENARIO_FACTORIES) registry.register(className, factory);
  return registry;
}
