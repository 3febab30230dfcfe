/**
 * Board schemas as data: which run groups are columns of which table, with HELM's headers, main metric, split and
 * direction. Transcribed from HELM's `static/schema_classic.yaml` (v0.4.0 = HEAD for the core scenarios; v0.3.0
 * `static/schema.yaml` is identical there) and `static/schema_lite.yaml` (HEAD); see docs/helm-fidelity.md §8.
 * Headers follow `Summarizer.create_group_table` (`presentation/summarize.py`): `<group short name> - <metric short
 * name>`, with ` (<perturbation>)` appended to the metric for robustness / fairness.
 */
import type { TableName } from '../api/leaderboards';
import { AppError } from '../errors';
import { CLASSIC_MODELS } from './classic-models';

/** One column of a leaderboard table: the `MetricNameMatcher` HELM builds for a (run group, metric group) pair. */
export interface ColumnSpec {
  /** Leaf run group, e.g. `boolq`. */
  group: string;
  /** Header as HELM prints it, e.g. `BoolQ - EM`, `MMLU - EM (Robustness)`. */
  header: string;
  /** Metric name the matcher looks for, e.g. `quasi_exact_match` (falls back to `exact_match` when missing). */
  metric: string;
  /** Split the matcher requires, e.g. `valid`. */
  split: string;
  /** Perturbation name; a perturbed stat must also be `computed_on: worst`. */
  perturbation: 'robustness' | 'fairness' | null;
  /** The metric's `lower_is_better`; null means the column is skipped by the win rate. */
  lowerIsBetter: boolean | null;
}

/** A leaderboard's columns, aggregation and the facts legacy win rates depend on. */
export interface BoardSchema {
  /** `classic`, `lite`. */
  id: string;
  /** Leaf run groups of `core_scenarios`, in HELM's column order. */
  leaves: readonly string[];
  /** Columns per table, in column order; a table is absent when the board has none of its metrics. */
  tables: Partial<Record<TableName, readonly ColumnSpec[]>>;
  /** Aggregate column: mean win rate (Classic, Lite) or mean score (`aggregation_strategies: [mean]`, Capabilities). */
  aggregation: 'win_rate' | 'mean';
  /** (model, group) pairs with `level: strong` in `static/contamination.yaml`; excluded by the legacy win rate. */
  strongContamination: readonly { model: string; group: string }[];
  /** The schema's `models:` order (legacy ties depend on it); unlisted models sort first, alphabetically. */
  rowOrder: readonly string[];
  /** Model name → display name, from the schema's `models:`; used to read published tables, which show display names. */
  displayNames?: Readonly<Record<string, string>>;
  /** Run groups with `visibility: this_group_only` (ablations): runs in them are not part of the core tables. */
  thisGroupOnly?: readonly string[];
}

/** A leaf run group as the schema declares it. */
interface LeafSpec {
  group: string;
  /** `short_display_name`, else `display_name`. */
  name: string;
  /** `environment.main_name` and its short display name. */
  metric: string;
  metricHeader: string;
  /** `environment.main_split`. */
  split: string;
  /** Metric groups the leaf declares, among the five tables. */
  tables: readonly TableName[];
}

const EM = 'EM';
const ALL: readonly TableName[] = ['accuracy', 'calibration', 'robustness', 'fairness', 'efficiency'];
const NO_CALIBRATION: readonly TableName[] = ['accuracy', 'robustness', 'fairness', 'efficiency'];
const ACCURACY_EFFICIENCY: readonly TableName[] = ['accuracy', 'efficiency'];

// `run_groups` leaves of `core_scenarios` (schema_classic.yaml), expanded depth-first through question_answering,
// information_retrieval, summarization, sentiment_analysis, toxicity_detection, miscellaneous_text_classification.
const CLASSIC_LEAVES: readonly LeafSpec[] = [
  { group: 'mmlu', name: 'MMLU', metric: 'exact_match', metricHeader: EM, split: 'test', tables: ALL },
  { group: 'boolq', name: 'BoolQ', metric: 'quasi_exact_match', metricHeader: EM, split: 'valid', tables: ALL },
  { group: 'narrative_qa', name: 'NarrativeQA', metric: 'f1_score', metricHeader: 'F1', split: 'test', tables: ALL },
  {
    group: 'natural_qa_closedbook',
    name: 'NaturalQuestions (closed-book)',
    metric: 'f1_score',
    metricHeader: 'F1',
    split: 'valid',
    tables: ALL,
  },
  {
    group: 'natural_qa_openbook_longans',
    name: 'NaturalQuestions (open-book)',
    metric: 'f1_score',
    metricHeader: 'F1',
    split: 'valid',
    tables: ALL,
  },
  { group: 'quac', name: 'QuAC', metric: 'f1_score', metricHeader: 'F1', split: 'valid', tables: ALL },
  { group: 'hellaswag', name: 'HellaSwag', metric: 'exact_match', metricHeader: EM, split: 'valid', tables: ALL },
  { group: 'openbookqa', name: 'OpenbookQA', metric: 'exact_match', metricHeader: EM, split: 'test', tables: ALL },
  { group: 'truthful_qa', name: 'TruthfulQA', metric: 'exact_match', metricHeader: EM, split: 'valid', tables: ALL },
  {
    group: 'msmarco_regular',
    name: 'MS MARCO (regular)',
    metric: 'RR@10',
    metricHeader: 'RR@10',
    split: 'valid',
    tables: NO_CALIBRATION,
  },
  {
    group: 'msmarco_trec',
    name: 'MS MARCO (TREC)',
    metric: 'NDCG@10',
    metricHeader: 'NDCG@10',
    split: 'valid',
    tables: NO_CALIBRATION,
  },
  {
    group: 'summarization_cnndm',
    name: 'CNN/DailyMail',
    metric: 'rouge_2',
    metricHeader: 'ROUGE-2',
    split: 'test',
    tables: ACCURACY_EFFICIENCY,
  },
  {
    group: 'summarization_xsum',
    name: 'XSUM',
    metric: 'rouge_2',
    metricHeader: 'ROUGE-2',
    split: 'test',
    tables: ACCURACY_EFFICIENCY,
  },
  { group: 'imdb', name: 'IMDB', metric: 'quasi_exact_match', metricHeader: EM, split: 'valid', tables: ALL },
  {
    group: 'civil_comments',
    name: 'CivilComments',
    metric: 'quasi_exact_match',
    metricHeader: EM,
    split: 'test',
    tables: ALL,
  },
  { group: 'raft', name: 'RAFT', metric: 'quasi_exact_match', metricHeader: EM, split: 'test', tables: ALL },
];

// schema_lite.yaml (HEAD): every leaf declares accuracy, efficiency and general_information only.
const LITE_LEAVES: readonly LeafSpec[] = [
  {
    group: 'narrative_qa',
    name: 'NarrativeQA',
    metric: 'f1_score',
    metricHeader: 'F1',
    split: 'test',
    tables: ACCURACY_EFFICIENCY,
  },
  {
    group: 'natural_qa_openbook_longans',
    name: 'NaturalQuestions (open-book)',
    metric: 'f1_score',
    metricHeader: 'F1',
    split: 'valid',
    tables: ACCURACY_EFFICIENCY,
  },
  {
    group: 'natural_qa_closedbook',
    name: 'NaturalQuestions (closed-book)',
    metric: 'f1_score',
    metricHeader: 'F1',
    split: 'valid',
    tables: ACCURACY_EFFICIENCY,
  },
  {
    group: 'openbookqa',
    name: 'OpenbookQA',
    metric: 'exact_match',
    metricHeader: EM,
    split: 'test',
    tables: ACCURACY_EFFICIENCY,
  },
  { group: 'mmlu', name: 'MMLU', metric: 'exact_match', metricHeader: EM, split: 'test', tables: ACCURACY_EFFICIENCY },
  {
    group: 'math_chain_of_thought',
    name: 'MATH',
    metric: 'math_equiv_chain_of_thought',
    metricHeader: 'Equivalent (CoT)',
    split: 'test',
    tables: ACCURACY_EFFICIENCY,
  },
  {
    group: 'gsm',
    name: 'GSM8K',
    metric: 'final_number_exact_match',
    metricHeader: EM,
    split: 'test',
    tables: ACCURACY_EFFICIENCY,
  },
  {
    group: 'legalbench',
    name: 'LegalBench',
    metric: 'quasi_exact_match',
    metricHeader: EM,
    split: 'test',
    tables: ACCURACY_EFFICIENCY,
  },
  {
    group: 'med_qa',
    name: 'MedQA',
    metric: 'quasi_exact_match',
    metricHeader: EM,
    split: 'test',
    tables: ACCURACY_EFFICIENCY,
  },
  {
    group: 'wmt_14',
    name: 'WMT 2014',
    metric: 'bleu_4',
    metricHeader: 'BLEU-4',
    split: 'test',
    tables: ACCURACY_EFFICIENCY,
  },
];

// schema_capabilities.yaml (HEAD, Capabilities v1.x): accuracy and efficiency aggregate with `[mean]`.
const CAPABILITIES_LEAVES: readonly LeafSpec[] = [
  {
    group: 'mmlu_pro',
    name: 'MMLU-Pro',
    metric: 'chain_of_thought_correctness',
    metricHeader: 'COT correct',
    split: 'test',
    tables: ACCURACY_EFFICIENCY,
  },
  {
    group: 'gpqa',
    name: 'GPQA',
    metric: 'chain_of_thought_correctness',
    metricHeader: 'COT correct',
    split: 'test',
    tables: ACCURACY_EFFICIENCY,
  },
  {
    group: 'ifeval',
    name: 'IFEval',
    metric: 'ifeval_strict_accuracy',
    metricHeader: 'IFEval Strict Acc',
    split: 'test',
    tables: ACCURACY_EFFICIENCY,
  },
  {
    group: 'wildbench',
    name: 'WildBench',
    metric: 'wildbench_score_rescaled',
    metricHeader: 'WB Score',
    split: 'test',
    tables: ACCURACY_EFFICIENCY,
  },
  {
    group: 'omni_math',
    name: 'Omni-MATH',
    metric: 'omni_math_accuracy',
    metricHeader: 'Acc',
    split: 'test',
    tables: ACCURACY_EFFICIENCY,
  },
];

/** The fixed metric of a metric group, or null when the group uses the leaf's main metric (`${main_name}`). */
interface MetricGroupSpec {
  metric: { name: string; header: string; lowerIsBetter: boolean } | null;
  perturbation: 'robustness' | 'fairness' | null;
}

function buildTables(
  leaves: readonly LeafSpec[],
  groups: Record<TableName, MetricGroupSpec>,
): Partial<Record<TableName, readonly ColumnSpec[]>> {
  const tables: Partial<Record<TableName, ColumnSpec[]>> = {};
  for (const table of ALL) {
    const spec = groups[table];
    const columns: ColumnSpec[] = [];
    for (const leaf of leaves) {
      if (!leaf.tables.includes(table)) continue;
      const metricHeader = spec.metric?.header ?? leaf.metricHeader;
      // summarize.py appends the perturbation's short display name to the metric, then prefixes the group.
      const perturbationHeader =
        spec.perturbation === 'robustness' ? ' (Robustness)' : spec.perturbation === 'fairness' ? ' (Fairness)' : '';
      columns.push({
        group: leaf.group,
        header: `${leaf.name} - ${metricHeader}${perturbationHeader}`,
        metric: spec.metric?.name ?? leaf.metric,
        split: leaf.split,
        perturbation: spec.perturbation,
        // Every core main metric has `lower_is_better: false` in both schemas.
        lowerIsBetter: spec.metric?.lowerIsBetter ?? false,
      });
    }
    if (columns.length > 0) tables[table] = columns;
  }
  return tables;
}

const MAIN: MetricGroupSpec = { metric: null, perturbation: null };
// `metric_groups` of schema_classic.yaml: calibration = ece_10_bin, efficiency = inference_denoised_runtime.
const CLASSIC_METRIC_GROUPS: Record<TableName, MetricGroupSpec> = {
  accuracy: MAIN,
  calibration: { metric: { name: 'ece_10_bin', header: 'ECE (10-bin)', lowerIsBetter: true }, perturbation: null },
  robustness: { metric: null, perturbation: 'robustness' },
  fairness: { metric: null, perturbation: 'fairness' },
  efficiency: {
    metric: { name: 'inference_denoised_runtime', header: 'Denoised inference time (s)', lowerIsBetter: true },
    perturbation: null,
  },
};
// schema_lite.yaml measures efficiency with the observed `inference_runtime`.
const LITE_METRIC_GROUPS: Record<TableName, MetricGroupSpec> = {
  ...CLASSIC_METRIC_GROUPS,
  efficiency: {
    metric: { name: 'inference_runtime', header: 'Observed inference time (s)', lowerIsBetter: true },
    perturbation: null,
  },
};

/** `visibility: this_group_only` run groups of schema_classic.yaml (v0.3.0 … HEAD); schema_lite.yaml has none. */
export const CLASSIC_THIS_GROUP_ONLY: readonly string[] = [
  'ablation_in_context',
  'ablation_multiple_choice',
  'ablation_prompts',
  'robustness_contrast_sets',
  'robustness_individual',
];

// `level: strong` points of static/contamination.yaml (v0.3.0 = v0.4.0) on core groups. The other strong points
// concern `the_pile`, which is not a core scenario; the OpenAI points are `weak` and never excluded.
const T0PP_STRONG_GROUPS = ['hellaswag', 'openbookqa', 'boolq', 'summarization_xsum', 'summarization_cnndm', 'imdb'];

function displayNameMap(models: readonly (readonly [string, string])[]): Record<string, string> {
  return Object.fromEntries(models);
}

/** HELM Classic (v0.3.0 / v0.4.0 releases). */
export const CLASSIC_SCHEMA: BoardSchema = {
  id: 'classic',
  leaves: CLASSIC_LEAVES.map((leaf) => leaf.group),
  tables: buildTables(CLASSIC_LEAVES, CLASSIC_METRIC_GROUPS),
  aggregation: 'win_rate',
  strongContamination: T0PP_STRONG_GROUPS.map((group) => ({ model: 'together/t0pp', group })),
  rowOrder: CLASSIC_MODELS.map(([name]) => name),
  displayNames: displayNameMap(CLASSIC_MODELS),
  thisGroupOnly: CLASSIC_THIS_GROUP_ONLY,
};

/**
 * HELM Lite. HEAD orders rows by `get_all_models()` (model_metadata.yaml), which we do not carry: rows are alphabetical.
 * That only matters for legacy ties, and Lite releases use the current rule, where row order does not matter.
 */
export const LITE_SCHEMA: BoardSchema = {
  id: 'lite',
  leaves: LITE_LEAVES.map((leaf) => leaf.group),
  tables: buildTables(LITE_LEAVES, LITE_METRIC_GROUPS),
  aggregation: 'win_rate',
  strongContamination: [],
  rowOrder: [],
  thisGroupOnly: [],
};

/** HELM Capabilities: the aggregate column is the "Mean score" (`compute_aggregate_row_means`), not a win rate. */
export const CAPABILITIES_SCHEMA: BoardSchema = {
  id: 'capabilities',
  leaves: CAPABILITIES_LEAVES.map((leaf) => leaf.group),
  tables: buildTables(CAPABILITIES_LEAVES, LITE_METRIC_GROUPS),
  aggregation: 'mean',
  strongContamination: [],
  rowOrder: [],
  thisGroupOnly: [],
};

const SCHEMAS: Readonly<Record<string, BoardSchema>> = {
  classic: CLASSIC_SCHEMA,
  lite: LITE_SCHEMA,
  capabilities: CAPABILITIES_SCHEMA,
};

/** The schema of a HELM project (`classic`, `lite`, `capabilities`); throws `leaderboard.unknown-project` otherwise. */
export function schemaFor(project: string): BoardSchema {
  const schema = SCHEMAS[project];
  if (!schema) {
    throw new AppError({
      code: 'leaderboard.unknown-project',
      message: `No leaderboard schema for HELM project "${project}".`,
      details: { knownProjects: Object.keys(SCHEMAS) },
    });
  }
  return schema;
}

/** Columns of one table of a schema (empty when the board has no such table). */
export function columnsFor(schema: BoardSchema, table: TableName): readonly ColumnSpec[] {
  return schema.tables[table] ?? [];
}
