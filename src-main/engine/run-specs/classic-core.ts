/**
 * Run-spec functions of the first 8 HELM Classic core scenarios, as in v0.3.0 `run_specs.py` (HEAD moved them
 * to `run_specs/{classic,lite}_run_specs.py`; the adapter settings are unchanged): boolq, mmlu, commonsense
 * (HellaSwag, OpenbookQA), truthful_qa, imdb, civil_comments, raft.
 */
import { AppError } from '../../../src-shared/errors';
import type { RunSpec } from '../../../src-shared/helm/run-spec';
import { RAFT_INSTRUCTIONS, RAFT_SUBSETS } from '../scenarios/raft-prompt-settings';
import type { RaftSubset } from '../scenarios/raft-prompt-settings';
import { ADAPT_MULTIPLE_CHOICE_JOINT, generationAdapterSpec, multipleChoiceAdapterSpec } from './adapter-specs';
import { biasMetricSpecs, classificationMetricSpecs, exactMatchMetricSpecs } from './metric-specs';
import type { RunSpecArgs, RunSpecFunction } from './run-spec-function';
import { DEFAULT_DATA_AUGMENTER_SPEC, stringValue } from './run-spec-function';

const SCENARIOS = 'helm.benchmark.scenarios.';

interface CanonicalFields {
  readonly name: string;
  readonly scenario_spec: RunSpec['scenario_spec'];
  readonly adapter_spec: RunSpec['adapter_spec'];
  readonly metric_specs: RunSpec['metric_specs'];
  readonly groups: readonly string[];
}

/** A RunSpec in HELM's field order, with the default (empty) data augmenter spec. */
function runSpec(fields: CanonicalFields): RunSpec {
  return {
    name: fields.name,
    scenario_spec: fields.scenario_spec,
    adapter_spec: fields.adapter_spec,
    metric_specs: fields.metric_specs,
    data_augmenter_spec: DEFAULT_DATA_AUGMENTER_SPEC,
    groups: fields.groups,
  };
}

/** Python truthiness of `only_contrast` (a bool default, or the string "True"/"False" from a description: both truthy). */
function truthy(args: RunSpecArgs, key: string): boolean {
  const value = args[key];
  return value !== undefined && value !== '' && value !== 0;
}

export const boolqRunSpec: RunSpecFunction = {
  params: ['only_contrast'],
  required: [],
  build(args) {
    const onlyContrast = truthy(args, 'only_contrast');
    return runSpec({
      name: `boolq${onlyContrast ? ':only_contrast=True' : ''}`,
      scenario_spec: {
        class_name: `${SCENARIOS}boolq_scenario.BoolQScenario`,
        args: { only_contrast: args.only_contrast ?? false },
      },
      adapter_spec: generationAdapterSpec({ inputNoun: 'Passage', outputNoun: 'Answer' }),
      metric_specs: [...exactMatchMetricSpecs(), ...biasMetricSpecs()],
      groups: ['boolq'],
    });
  },
};

export const imdbRunSpec: RunSpecFunction = {
  params: ['only_contrast'],
  required: [],
  build(args) {
    const onlyContrast = truthy(args, 'only_contrast');
    return runSpec({
      name: `imdb${onlyContrast ? ':only_contrast=True' : ''}`,
      scenario_spec: {
        class_name: `${SCENARIOS}imdb_scenario.IMDBScenario`,
        args: { only_contrast: args.only_contrast ?? false },
      },
      adapter_spec: generationAdapterSpec({ inputNoun: 'Passage', outputNoun: 'Sentiment' }),
      metric_specs: [...exactMatchMetricSpecs(), ...classificationMetricSpecs()],
      groups: ['imdb'],
    });
  },
};

export const mmluRunSpec: RunSpecFunction = {
  params: ['subject', 'method'],
  required: ['subject'],
  build(args) {
    const subject = stringValue(args, 'subject');
    const method = stringValue(args, 'method', ADAPT_MULTIPLE_CHOICE_JOINT);
    return runSpec({
      name: `mmlu:subject=${subject},method=${method}`,
      scenario_spec: { class_name: `${SCENARIOS}mmlu_scenario.MMLUScenario`, args: { subject } },
      adapter_spec: multipleChoiceAdapterSpec({
        method,
        instructions: `The following are multiple choice questions (with answers) about ${subject.replace(/_/g, ' ')}.`,
        inputNoun: 'Question',
        outputNoun: 'Answer',
      }),
      metric_specs: exactMatchMetricSpecs(),
      groups: ['mmlu'],
    });
  },
};

/**
 * v0.3.0 form `CommonSenseScenario(dataset=…)`, current when the efficient confs were added (d46756ae8, 2023-11-06);
 * from d459e1e51 (2023-12-11, so v0.4.0 and HEAD) it is `HellaSwagScenario` / `OpenBookQA` with no args.
 */
export const commonsenseRunSpec: RunSpecFunction = {
  params: ['dataset', 'method'],
  required: ['dataset', 'method'],
  build(args) {
    const dataset = stringValue(args, 'dataset');
    const method = stringValue(args, 'method');
    return runSpec({
      name: `commonsense:dataset=${dataset},method=${method}`,
      scenario_spec: { class_name: `${SCENARIOS}commonsense_scenario.CommonSenseScenario`, args: { dataset } },
      adapter_spec: multipleChoiceAdapterSpec({
        method,
        instructions: 'The following are multiple choice questions (with answers) about common sense.',
        inputNoun: 'Question',
        outputNoun: 'Answer',
      }),
      metric_specs: exactMatchMetricSpecs(),
      groups: [dataset],
    });
  },
};

export const truthfulQaRunSpec: RunSpecFunction = {
  params: ['task', 'method'],
  required: ['task'],
  build(args) {
    const task = stringValue(args, 'task');
    const method = stringValue(args, 'method', ADAPT_MULTIPLE_CHOICE_JOINT);
    return runSpec({
      name: `truthful_qa:task=${task},method=${method}`,
      scenario_spec: { class_name: `${SCENARIOS}truthful_qa_scenario.TruthfulQAScenario`, args: { task } },
      adapter_spec: multipleChoiceAdapterSpec({
        method,
        instructions: '',
        inputNoun: 'Question',
        outputNoun: 'Answer',
      }),
      metric_specs: exactMatchMetricSpecs(),
      groups: ['truthful_qa'],
    });
  },
};

export const civilCommentsRunSpec: RunSpecFunction = {
  params: ['demographic'],
  required: ['demographic'],
  build(args) {
    const demographic = stringValue(args, 'demographic');
    return runSpec({
      name: `civil_comments:demographic=${demographic}`,
      scenario_spec: { class_name: `${SCENARIOS}civil_comments_scenario.CivilCommentsScenario`, args: { demographic } },
      adapter_spec: generationAdapterSpec({ inputNoun: 'Passage', outputNoun: 'Answer' }),
      metric_specs: [...exactMatchMetricSpecs(), ...biasMetricSpecs(), ...classificationMetricSpecs()],
      groups: ['civil_comments'],
    });
  },
};

export const raftRunSpec: RunSpecFunction = {
  params: ['subset'],
  required: ['subset'],
  build(args) {
    const subset = stringValue(args, 'subset');
    if (!(RAFT_SUBSETS as readonly string[]).includes(subset)) {
      throw new AppError({
        code: 'run-spec.bad-args',
        message: `Unknown RAFT subset '${subset}'.`,
        details: { knownSubsets: RAFT_SUBSETS },
      });
    }
    return runSpec({
      name: `raft:subset=${subset}`,
      scenario_spec: { class_name: `${SCENARIOS}raft_scenario.RAFTScenario`, args: { subset } },
      adapter_spec: generationAdapterSpec({
        // Checked just above against RAFT_SUBSETS.
        instructions: RAFT_INSTRUCTIONS[subset as RaftSubset],
        inputNoun: null,
        outputNoun: 'Label',
        maxTokens: 30, // at most ~50 characters per label (HELM's comment)
      }),
      metric_specs: [...exactMatchMetricSpecs(), ...biasMetricSpecs(), ...classificationMetricSpecs()],
      groups: ['raft'],
    });
  },
};
