/**
 * HELM Lite's run entries (`presentation/run_entries_lite_20240424.conf`): the 28 entries with priority ≤ 2, the
 * ones the Lite leaderboard shows (MMLU's 5 subjects, MATH level 1 of 7 subjects, 5 LegalBench subsets, 5 WMT14
 * pairs, and one run each of NarrativeQA, NaturalQuestions open/closed-book, OpenbookQA, GSM8K and MedQA).
 *
 * HELM publishes no efficient Lite confs; ours (docs/helm-lite.md §3) append `,max_eval_instances=<n>` to each entry
 * as Classic's `run_entries_core_scenarios_N.conf` do, N per leaderboard column, split evenly over a column's
 * sub-runs: each gets ⌊N/k⌋, the last N mod k get one more, and none gets fewer than 1.
 */
import { AppError } from '../../../src-shared/errors';
import type { RunEntry } from '../run-specs/run-entries';
import { EFFICIENT_SIZES, isEfficientSize } from '../../../src-shared/examples-per-scenario';
import type { ExamplesPerScenario } from '../../../src-shared/examples-per-scenario';

const MMLU_SUBJECTS = [
  'abstract_algebra',
  'college_chemistry',
  'computer_security',
  'econometrics',
  'us_foreign_policy',
];
const MATH_SUBJECTS = [
  'number_theory',
  'intermediate_algebra',
  'algebra',
  'prealgebra',
  'geometry',
  'counting_and_probability',
  'precalculus',
];
const LEGALBENCH_SUBSETS = [
  'abercrombie',
  'corporate_lobbying',
  'international_citizenship_questions',
  'function_of_decision_section',
  'proa',
];
const WMT_PAIRS = ['cs-en', 'de-en', 'fr-en', 'hi-en', 'ru-en'];

/** A leaderboard column's entries (conf order) with their conf priority. */
interface ColumnEntries {
  readonly column: string;
  readonly entries: readonly (readonly [string, number])[];
}

/** The priority ≤ 2 entries of run_entries_lite_20240424.conf, in file order, grouped by leaderboard column. */
export const LITE_COLUMNS: readonly ColumnEntries[] = [
  { column: 'narrative_qa', entries: [['narrative_qa:model=text,follow_format_instructions=instruct', 1]] },
  {
    column: 'natural_qa_openbook_longans',
    entries: [['natural_qa:model=text,mode=openbook_longans,follow_format_instructions=instruct', 1]],
  },
  {
    column: 'natural_qa_closedbook',
    entries: [['natural_qa:model=text,mode=closedbook,follow_format_instructions=instruct', 1]],
  },
  {
    column: 'openbookqa',
    entries: [['commonsense:model=text_code,dataset=openbookqa,method=multiple_choice_joint', 1]],
  },
  { column: 'mmlu', entries: MMLU_SUBJECTS.map((subject) => [`mmlu:model=text,subject=${subject}`, 2] as const) },
  {
    column: 'math_chain_of_thought',
    entries: MATH_SUBJECTS.map(
      (subject) =>
        [
          `math:model=text_code,subject=${subject},level=1,use_chain_of_thought=True,follow_format_instructions=instruct`,
          2,
        ] as const,
    ),
  },
  { column: 'gsm', entries: [['gsm:model=text_code,follow_format_instructions=instruct', 2]] },
  {
    column: 'legalbench',
    entries: LEGALBENCH_SUBSETS.map(
      (subset) => [`legalbench:model=text_code,subset=${subset},follow_format_instructions=instruct`, 2] as const,
    ),
  },
  { column: 'med_qa', entries: [['med_qa:model=text_code', 2]] },
  {
    column: 'wmt_14',
    entries: WMT_PAIRS.map(
      (pair) => [`wmt_14:language_pair=${pair},model=text,follow_format_instructions=instruct`, 2] as const,
    ),
  },
];

/** Our split of N over k sub-runs: ⌊N/k⌋ each, one more for the last N mod k, at least 1. */
export function splitExamples(n: number, k: number): number[] {
  const base = Math.floor(n / k);
  const extra = n - base * k;
  return Array.from({ length: k }, (_, i) => Math.max(1, base + (i >= k - extra ? 1 : 0)));
}

/** The Lite entries at N examples per column (`all`: no `max_eval_instances`; the caller caps at 1,000). */
export function liteRunEntries(examples: ExamplesPerScenario): RunEntry[] {
  if (examples !== 'all' && !isEfficientSize(examples)) {
    throw new AppError({
      code: 'run-spec.bad-size',
      message: `There is no efficient HELM Lite conf for ${examples} examples.`,
      details: { sizes: EFFICIENT_SIZES },
    });
  }
  return LITE_COLUMNS.flatMap(({ entries }) => {
    const sizes = examples === 'all' ? [] : splitExamples(examples, entries.length);
    return entries.map(([description, priority], i) => ({
      description: examples === 'all' ? description : `${description},max_eval_instances=${sizes[i] ?? 1}`,
      priority,
    }));
  });
}
