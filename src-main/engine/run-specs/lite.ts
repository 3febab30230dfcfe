/**
 * Run-spec functions of HELM Lite (`run_specs/lite_run_specs.py` at v0.5.4, the code of the Lite v1.x releases;
 * docs/helm-lite.md §2): narrative_qa, natural_qa, commonsense, mmlu, gsm, math, legalbench, med_qa, wmt_14. Adapter
 * settings match Classic's where the scenarios are shared; metric specs are the split classes
 * (`BasicGenerationMetric` + `BasicReferenceMetric` + `InstancesPerSplitMetric`) with harms metrics off.
 */
import { AppError } from '../../../src-shared/errors';
import type { ObjectSpec, RunSpec } from '../../../src-shared/helm/run-spec';
import { LEGALBENCH_SETTINGS, isLegalbenchSubset } from '../scenarios/legalbench-settings';
import { MATH_SUBJECTS } from '../scenarios/math';
import {
  ADAPT_GENERATION,
  ADAPT_MULTIPLE_CHOICE_JOINT,
  adapterSpec,
  generationAdapterSpec,
  multipleChoiceAdapterSpec,
} from './adapter-specs';
import type { RunSpecArgs, RunSpecFunction } from './run-spec-function';
import { DEFAULT_DATA_AUGMENTER_SPEC, stringValue } from './run-spec-function';

const SCENARIOS = 'helm.benchmark.scenarios.';
const BASIC = 'helm.benchmark.metrics.basic_metrics.';

/** `get_basic_metric_specs(names)` (v0.5.4 `common_metric_specs.py`). */
export function splitBasicMetricSpecs(names: readonly string[]): ObjectSpec[] {
  return [
    { class_name: `${BASIC}BasicGenerationMetric`, args: { names: [...names] } },
    { class_name: `${BASIC}BasicReferenceMetric`, args: {} },
    { class_name: `${BASIC}InstancesPerSplitMetric`, args: {} },
  ];
}
const exactMatchSpecs = (): ObjectSpec[] =>
  splitBasicMetricSpecs(['exact_match', 'quasi_exact_match', 'prefix_exact_match', 'quasi_prefix_exact_match']);
const openEndedSpecs = (): ObjectSpec[] =>
  splitBasicMetricSpecs(['exact_match', 'quasi_exact_match', 'f1_score', 'rouge_l', 'bleu_1', 'bleu_4']);

function runSpec(
  name: string,
  scenario: ObjectSpec,
  adapter: RunSpec['adapter_spec'],
  metrics: ObjectSpec[],
  groups: string[],
): RunSpec {
  return {
    name,
    scenario_spec: scenario,
    adapter_spec: adapter,
    metric_specs: metrics,
    data_augmenter_spec: DEFAULT_DATA_AUGMENTER_SPEC,
    groups,
  };
}

export const liteNarrativeQaRunSpec: RunSpecFunction = {
  params: [],
  required: [],
  build: () =>
    runSpec(
      'narrative_qa',
      { class_name: `${SCENARIOS}narrativeqa_scenario.NarrativeQAScenario`, args: {} },
      generationAdapterSpec({ inputNoun: 'Passage', outputNoun: 'Answer', maxTokens: 100 }),
      openEndedSpecs(),
      ['narrative_qa'],
    ),
};

export const liteNaturalQaRunSpec: RunSpecFunction = {
  params: ['mode'],
  required: ['mode'],
  build(args) {
    const mode = stringValue(args, 'mode');
    return runSpec(
      `natural_qa:mode=${mode}`,
      { class_name: `${SCENARIOS}natural_qa_scenario.NaturalQAScenario`, args: { mode } },
      generationAdapterSpec({
        inputNoun: mode === 'closedbook' ? 'Question' : null,
        outputNoun: 'Answer',
        maxTokens: 300,
      }),
      splitBasicMetricSpecs(['exact_match', 'quasi_exact_match', 'f1_score']),
      [`natural_qa_${mode}`],
    );
  },
};

/** HEAD's `commonsense`: one scenario class per dataset, no args (Lite runs OpenbookQA jointly). */
export const liteCommonsenseRunSpec: RunSpecFunction = {
  params: ['dataset', 'method'],
  required: ['dataset', 'method'],
  build(args) {
    const dataset = stringValue(args, 'dataset');
    const method = stringValue(args, 'method');
    const classes: Readonly<Record<string, string>> = { hellaswag: 'HellaSwagScenario', openbookqa: 'OpenBookQA' };
    const scenarioClass = classes[dataset];
    if (!scenarioClass) throw new AppError({ code: 'run-spec.bad-args', message: `Unknown dataset: ${dataset}` });
    return runSpec(
      `commonsense:dataset=${dataset},method=${method}`,
      { class_name: `${SCENARIOS}commonsense_scenario.${scenarioClass}`, args: {} },
      multipleChoiceAdapterSpec({
        method,
        instructions: 'The following are multiple choice questions (with answers) about common sense.',
        inputNoun: 'Question',
        outputNoun: 'Answer',
      }),
      exactMatchSpecs(),
      [dataset],
    );
  },
};

export const liteMmluRunSpec: RunSpecFunction = {
  params: ['subject', 'method'],
  required: ['subject'],
  build(args) {
    const subject = stringValue(args, 'subject');
    const method = stringValue(args, 'method', ADAPT_MULTIPLE_CHOICE_JOINT);
    return runSpec(
      `mmlu:subject=${subject},method=${method}`,
      { class_name: `${SCENARIOS}mmlu_scenario.MMLUScenario`, args: { subject } },
      multipleChoiceAdapterSpec({
        method,
        instructions: `The following are multiple choice questions (with answers) about ${subject.replace(/_/g, ' ')}.`,
        inputNoun: 'Question',
        outputNoun: 'Answer',
      }),
      exactMatchSpecs(),
      ['mmlu'],
    );
  },
};

export const gsmRunSpec: RunSpecFunction = {
  params: [],
  required: [],
  build: () =>
    runSpec(
      'gsm',
      { class_name: `${SCENARIOS}gsm_scenario.GSM8KScenario`, args: {} },
      // As in the GSM8K paper: 400 tokens; two newlines separate examples since answers contain one.
      generationAdapterSpec({
        inputNoun: 'Q',
        outputNoun: 'A',
        maxTrainInstances: 5,
        maxTokens: 400,
        stopSequences: ['\n\n'],
      }),
      splitBasicMetricSpecs(['exact_match_indicator', 'final_number_exact_match']).filter(
        // `get_basic_generation_metric_specs(...) + get_generic_metric_specs()`: no BasicReferenceMetric.
        (spec) => !spec.class_name.endsWith('BasicReferenceMetric'),
      ),
      ['gsm'],
    ),
};

/** Python `use_x == "True"`: only the exact string (or a parsed true) enables it. */
function pythonFlag(args: RunSpecArgs, key: string): boolean {
  const value = args[key];
  return value === 'True';
}

export const mathRunSpec: RunSpecFunction = {
  params: ['subject', 'level', 'use_official_examples', 'use_chain_of_thought'],
  required: ['subject', 'level'],
  build(args) {
    const subject = stringValue(args, 'subject');
    const level = stringValue(args, 'level');
    const official = pythonFlag(args, 'use_official_examples');
    const cot = pythonFlag(args, 'use_chain_of_thought');
    if (cot && official) {
      throw new AppError({
        code: 'run-spec.bad-args',
        message: 'Cannot use official examples when use_chain_of_thought is True.',
      });
    }
    if (!(subject in MATH_SUBJECTS)) {
      throw new AppError({ code: 'run-spec.bad-args', message: `Unknown MATH subject '${subject}'.` });
    }
    const py = (flag: boolean): string => (flag ? 'True' : 'False');
    return runSpec(
      `math:subject=${subject},level=${level},use_official_examples=${py(official)},use_chain_of_thought=${py(cot)}`,
      {
        class_name: `${SCENARIOS}math_scenario.MATHScenario`,
        args: { subject, level, use_official_examples: official, use_chain_of_thought: cot },
      },
      adapterSpec({
        method: ADAPT_GENERATION,
        instructions: 'Given a mathematics problem, determine the answer. Simplify your answer as much as possible.\n',
        max_train_instances: 8,
        num_outputs: 1,
        temperature: 0,
        // Chain of thought: the whole solution is the output, up to the next `###`.
        stop_sequences: cot ? ['###'] : ['$'],
        max_tokens: cot ? 400 : 20,
        input_prefix: 'Problem: ',
        input_suffix: '\n',
        output_prefix: cot ? 'Answer: ' : 'Answer: $',
        output_suffix: cot ? '\n' : '$\n',
        instance_prefix: '###\n',
      }),
      splitBasicMetricSpecs([cot ? 'math_equiv_chain_of_thought' : 'math_equiv']),
      [cot ? 'math_chain_of_thought' : 'math_regular'],
    );
  },
};

export const legalbenchRunSpec: RunSpecFunction = {
  params: ['subset'],
  required: ['subset'],
  build(args) {
    const subset = stringValue(args, 'subset');
    if (!isLegalbenchSubset(subset)) {
      throw new AppError({ code: 'run-spec.bad-args', message: `Unknown subset: ${subset}` });
    }
    const settings = LEGALBENCH_SETTINGS[subset];
    return runSpec(
      `legalbench:subset=${subset}`,
      { class_name: `${SCENARIOS}legalbench_scenario.LegalBenchScenario`, args: { subset } },
      generationAdapterSpec({
        instructions: settings.instructions,
        inputNoun: null,
        outputNoun: settings.outputNoun,
        maxTokens: 30,
        maxTrainInstances: 5,
      }),
      exactMatchSpecs(),
      ['legalbench'],
    );
  },
};

export const medQaRunSpec: RunSpecFunction = {
  params: [],
  required: [],
  build: () =>
    runSpec(
      'med_qa',
      { class_name: `${SCENARIOS}med_qa_scenario.MedQAScenario`, args: {} },
      multipleChoiceAdapterSpec({
        method: ADAPT_MULTIPLE_CHOICE_JOINT,
        instructions: 'The following are multiple choice questions (with answers) about medicine.',
        inputNoun: 'Question',
        outputNoun: 'Answer',
      }),
      exactMatchSpecs(),
      ['med_qa'],
    ),
};

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  cs: 'Czech',
  de: 'German',
  fr: 'French',
  hi: 'Hindi',
  ru: 'Russian',
  en: 'English',
};

export const wmt14RunSpec: RunSpecFunction = {
  params: ['language_pair', 'max_train_instances'],
  required: ['language_pair'],
  build(args) {
    const pair = stringValue(args, 'language_pair');
    const [source = '', target = ''] = pair.split('-');
    const sourceName = LANGUAGE_NAMES[source];
    const targetName = LANGUAGE_NAMES[target];
    if (!sourceName || !targetName) {
      throw new AppError({ code: 'run-spec.bad-args', message: `Unknown language pair '${pair}'.` });
    }
    const maxTrain = Number(args.max_train_instances ?? 1);
    return runSpec(
      `wmt_14:language_pair=${pair}`,
      {
        class_name: `${SCENARIOS}wmt_14_scenario.WMT14Scenario`,
        args: { source_language: source, target_language: target },
      },
      // `get_machine_translation_adapter_spec`: the instructions get no trailing newline.
      adapterSpec({
        method: ADAPT_GENERATION,
        instructions: `Translate the following sentences from ${sourceName} to ${targetName}.`,
        input_prefix: `${sourceName}: `,
        input_suffix: '\n',
        output_prefix: `${targetName}: `,
        output_suffix: '\n',
        max_train_instances: maxTrain,
        num_outputs: 1,
        stop_sequences: ['\n\n'],
        temperature: 0,
      }),
      openEndedSpecs(),
      ['wmt_14'],
    );
  },
};

/** `[run-spec function name, function]` rows of the Lite family. */
export const LITE_RUN_SPEC_FUNCTIONS: readonly (readonly [string, RunSpecFunction])[] = [
  ['narrative_qa', liteNarrativeQaRunSpec],
  ['natural_qa', liteNaturalQaRunSpec],
  ['commonsense', liteCommonsenseRunSpec],
  ['mmlu', liteMmluRunSpec],
  ['math', mathRunSpec],
  ['gsm', gsmRunSpec],
  ['legalbench', legalbenchRunSpec],
  ['med_qa', medQaRunSpec],
  ['wmt_14', wmt14RunSpec],
];
