/**
 * The strata of HELM Lite's 28 leaderboard runs at each efficient conf, as data (docs/helm-lite.md §4): the
 * main-split items of a full Lite run (`max_eval_instances` 1,000) and of our efficient entries (N per column,
 * split evenly over sub-runs). Ids are stratum ids (stratum-id.ts): run names without the model and conf arguments,
 * args sorted, so they match the board's per-instance data and a user's runs.
 *
 * Sizes, stated: MATH level-1 test items per subject (Hendrycks et al.'s test split: 437 in all), LegalBench test
 * sizes per subset, GSM8K's 1,319 test items capped at 1,000. Scenarios that pool valid + test and score test lose
 * part of N as Classic's do: NarrativeQA as in Classic; MedQA (1,272 dev + 1,273 test) and WMT14 (≈3,000 + 3,003;
 * hi-en 520 + 2,507) keep their test share of the 1,000 and of N.
 */
import type { StratumLayout } from './classic-layout';
import { EFFICIENT_SIZES } from '../examples-per-scenario';
import type { EfficientSize } from '../examples-per-scenario';
import { stratumId } from './stratum-id';

type Sizes = Record<EfficientSize, number>;

/** Our efficient split of N over k sub-runs: ⌊N/k⌋ each, one more for the last N mod k, at least 1. */
function splitAt(level: number, k: number, i: number): number {
  const base = Math.floor(level / k);
  const extra = level - base * k;
  return Math.max(1, base + (i >= k - extra ? 1 : 0));
}

const sizes = (f: (level: EfficientSize) => number): Sizes =>
  Object.fromEntries(EFFICIENT_SIZES.map((level) => [level, f(level)])) as Sizes; // cast: keys are EFFICIENT_SIZES

/** `run`: the name HELM's run-spec function gives the run (docs/helm-fidelity.md §4). */
function stratum(
  run: string,
  column: string,
  populationSize: number,
  sampleSize: Sizes,
  binary: boolean,
): StratumLayout {
  return { id: stratumId(run), column, populationSize, sampleSize, binary, requestsPerInstance: 1 };
}

/** A column of k sub-runs drawn from test-only pools of the given sizes (each capped at 1,000). */
function testOnly(column: string, binary: boolean, runs: readonly (readonly [string, number])[]): StratumLayout[] {
  return runs.map(([id, pool], i) => {
    const population = Math.min(1000, pool);
    return stratum(
      id,
      column,
      population,
      sizes((level) => Math.min(population, splitAt(level, runs.length, i))),
      binary,
    );
  });
}

/** A column of k sub-runs whose valid + test pool is sampled and only test counts (`testShare` of the draws). */
function pooled(
  column: string,
  binary: boolean,
  runs: readonly (readonly [string, number, number])[],
): StratumLayout[] {
  return runs.map(([id, valid, test], i) => {
    const share = test / (valid + test);
    const population = Math.round(Math.min(1000, valid + test) * share);
    return stratum(
      id,
      column,
      population,
      sizes((level) => Math.max(1, Math.round(splitAt(level, runs.length, i) * share))),
      binary,
    );
  });
}

const MMLU: readonly [string, number, Sizes][] = [
  ['abstract_algebra', 100, { 10: 1, 20: 2, 50: 7, 100: 17, 1000: 100 }],
  ['college_chemistry', 100, { 10: 2, 20: 3, 50: 8, 100: 18, 1000: 100 }],
  ['computer_security', 100, { 10: 1, 20: 2, 50: 7, 100: 17, 1000: 100 }],
  ['econometrics', 114, { 10: 1, 20: 3, 50: 8, 100: 16, 1000: 114 }],
  ['us_foreign_policy', 100, { 10: 1, 20: 2, 50: 7, 100: 17, 1000: 100 }],
];

// MATH level-1 test items per subject, in the Lite conf's order.
const MATH_LEVEL_1: readonly (readonly [string, number])[] = [
  ['number_theory', 30],
  ['intermediate_algebra', 52],
  ['algebra', 135],
  ['prealgebra', 86],
  ['geometry', 38],
  ['counting_and_probability', 39],
  ['precalculus', 57],
];

const LEGALBENCH: readonly (readonly [string, number])[] = [
  ['abercrombie', 95],
  ['corporate_lobbying', 490],
  ['international_citizenship_questions', 9306],
  ['function_of_decision_section', 367],
  ['proa', 95],
];

const WMT: readonly (readonly [string, number, number])[] = [
  ['cs-en', 3000, 3003],
  ['de-en', 3000, 3003],
  ['fr-en', 3000, 3003],
  ['hi-en', 520, 2507],
  ['ru-en', 3000, 3003],
];

export const LITE_LAYOUT: readonly StratumLayout[] = [
  stratum('narrative_qa', 'narrative_qa', 355, { 10: 8, 20: 17, 50: 39, 100: 77, 1000: 355 }, false),
  stratum(
    'natural_qa:mode=openbook_longans',
    'natural_qa_openbook_longans',
    1000,
    sizes((level) => level),
    false,
  ),
  stratum(
    'natural_qa:mode=closedbook',
    'natural_qa_closedbook',
    1000,
    sizes((level) => level),
    false,
  ),
  stratum(
    'commonsense:dataset=openbookqa,method=multiple_choice_joint',
    'openbookqa',
    500,
    sizes((level) => Math.min(500, level)),
    true,
  ),
  ...MMLU.map(([subject, population, sample]) =>
    stratum(`mmlu:subject=${subject},method=multiple_choice_joint`, 'mmlu', population, sample, true),
  ),
  ...testOnly(
    'math_chain_of_thought',
    true,
    MATH_LEVEL_1.map(([subject, n]) => [
      `math:subject=${subject},level=1,use_official_examples=False,use_chain_of_thought=True`,
      n,
    ]),
  ),
  ...testOnly('gsm', true, [['gsm', 1319]]),
  ...testOnly(
    'legalbench',
    true,
    LEGALBENCH.map(([subset, n]) => [`legalbench:subset=${subset}`, n]),
  ),
  ...pooled('med_qa', true, [['med_qa', 1272, 1273]]),
  ...pooled(
    'wmt_14',
    false,
    WMT.map(([pair, valid, test]) => [`wmt_14:language_pair=${pair}`, valid, test]),
  ),
];
