/**
 * The strata of HELM Classic's 16 core scenarios at each efficient conf, as data (docs/helm-fidelity.md §3.1, §8, §11).
 * Used to simulate pseudo-users (calibration without per-instance data) and to size each level's requests; a real user's
 * strata come from their run directory and the leaderboard index's `num_instances`.
 *
 * Approximations, stated: CNN/DM and XSUM pool valid+test and score test (466 and 518 of 1,000 items in full
 * runs), so n at a conf is scaled by that share; CivilComments (demographic × sub-split) sizes vary 74–683 in
 * full runs, here each demographic is split 30 % toxic / 70 % non-toxic of 1,000 (our assumption).
 */

import { EFFICIENT_SIZES } from '../examples-per-scenario';
import type { EfficientSize } from '../examples-per-scenario';
import { stratumId } from './stratum-id';

/** One stratum of a scenario: its full-run main-split count and the main-split items a user gets per conf. */
export interface StratumLayout {
  readonly id: string;
  /** Board column (leaf run group). */
  readonly column: string;
  /** N_r: main-split items in the leaderboard's full run. */
  readonly populationSize: number;
  /** Main-split items at each conf, keyed by conf level. */
  readonly sampleSize: Readonly<Record<EfficientSize, number>>;
  /** 0/1 main metric (exact match) vs graded (F1, ROUGE-2, RR@10, NDCG@10). */
  readonly binary: boolean;
  /** Model requests per instance (docs/helm-fidelity.md §11 item 8): 1 generation/joint, 4 HellaSwag, 8 OpenbookQA, ~30 / ~215 MS MARCO. */
  readonly requestsPerInstance: number;
}

const sizes = (a: number, b: number, c: number, d: number, e: number): Record<EfficientSize, number> => ({
  10: a,
  20: b,
  50: c,
  100: d,
  1000: e,
});
const capped = (cap: number): Record<EfficientSize, number> =>
  sizes(Math.min(10, cap), Math.min(20, cap), Math.min(50, cap), Math.min(100, cap), Math.min(1000, cap));
const share = (population: number): Record<EfficientSize, number> =>
  sizes(
    ...(EFFICIENT_SIZES.map((level) => Math.max(1, Math.round((level * population) / 1000))) as [
      number,
      number,
      number,
      number,
      number,
    ]),
  );

/** A scenario of one run: `run` is the name HELM's run-spec function gives it (docs/helm-fidelity.md §4). */
function single(
  run: string,
  column: string,
  populationSize: number,
  sampleSize: Record<EfficientSize, number>,
  binary: boolean,
  requestsPerInstance = 1,
): StratumLayout {
  return { id: stratumId(run), column, populationSize, sampleSize, binary, requestsPerInstance };
}

const MMLU: readonly [string, number, Record<EfficientSize, number>][] = [
  ['abstract_algebra', 100, sizes(1, 2, 7, 17, 100)],
  ['college_chemistry', 100, sizes(2, 3, 8, 18, 100)],
  ['computer_security', 100, sizes(1, 2, 7, 17, 100)],
  ['econometrics', 114, sizes(1, 3, 8, 16, 114)],
  ['us_foreign_policy', 100, sizes(1, 2, 7, 17, 100)],
];

const RAFT_SUBSETS = [
  'ade_corpus_v2',
  'banking_77',
  'neurips_impact_statement_risks',
  'one_stop_english',
  'overruling',
  'semiconductor_org_types',
  'tweet_eval_hate',
  'twitter_complaints',
  'systematic_review_inclusion',
  'tai_safety_research',
  'terms_of_service',
];
// Requested per subset (docs/helm-fidelity.md §3.1 rows 19–29), capped at the 40 test items per subset.
const RAFT_REQUESTED: Record<string, Record<EfficientSize, number>> = {
  tai_safety_research: sizes(1, 1, 5, 9, 40),
  terms_of_service: sizes(1, 1, 5, 10, 40),
};

const CIVIL: readonly [string, Record<EfficientSize, number>][] = [
  ['all', sizes(1, 2, 4, 11, 110)],
  ['male', sizes(1, 2, 4, 11, 110)],
  ['female', sizes(1, 2, 4, 11, 110)],
  ['LGBTQ', sizes(1, 2, 4, 11, 110)],
  ['christian', sizes(1, 2, 4, 11, 110)],
  ['muslim', sizes(1, 2, 5, 11, 110)],
  ['other_religions', sizes(1, 2, 5, 11, 110)],
  ['black', sizes(1, 3, 5, 11, 110)],
  ['white', sizes(2, 3, 5, 12, 120)],
];
const TOXIC_SHARE = 0.3;

/**
 * HELM Classic core scenarios: 38 runs, CivilComments split by sub-split. Ids are stratum ids (stratum-id.ts) of the
 * runs' names, so they match the board's per-instance data and a user's runs.
 */
export const CLASSIC_LAYOUT: readonly StratumLayout[] = [
  ...MMLU.map(([subject, N, n]) => ({
    id: stratumId(`mmlu:subject=${subject},method=multiple_choice_joint`),
    column: 'mmlu',
    populationSize: N,
    sampleSize: n,
    binary: true,
    requestsPerInstance: 1,
  })),
  single('boolq', 'boolq', 1000, capped(1000), true),
  single('narrative_qa', 'narrative_qa', 355, sizes(8, 17, 39, 77, 355), false),
  single('natural_qa:mode=closedbook', 'natural_qa_closedbook', 1000, capped(1000), false),
  single('natural_qa:mode=openbook_longans', 'natural_qa_openbook_longans', 1000, capped(1000), false),
  single('quac', 'quac', 1000, capped(1000), false),
  single(
    'commonsense:dataset=hellaswag,method=multiple_choice_separate_original',
    'hellaswag',
    1000,
    capped(1000),
    true,
    4,
  ),
  single(
    'commonsense:dataset=openbookqa,method=multiple_choice_separate_calibrated',
    'openbookqa',
    500,
    capped(500),
    true,
    8,
  ),
  single('truthful_qa:task=mc_single,method=multiple_choice_joint', 'truthful_qa', 654, capped(654), true),
  single('msmarco:track=regular,valid_topk=30', 'msmarco_regular', 1000, capped(1000), false, 30),
  single('msmarco:track=trec,valid_topk=30', 'msmarco_trec', 43, capped(43), false, 215),
  single('summarization_cnndm:temperature=0.3,device=cpu', 'summarization_cnndm', 466, share(466), false),
  single('summarization_xsum:temperature=0.3,device=cpu', 'summarization_xsum', 518, share(518), false),
  single('imdb', 'imdb', 1000, capped(1000), true),
  ...RAFT_SUBSETS.map((subset) => ({
    id: stratumId(`raft:subset=${subset}`),
    column: 'raft',
    populationSize: 40,
    sampleSize: RAFT_REQUESTED[subset] ?? sizes(1, 2, 4, 9, 40),
    binary: true,
    requestsPerInstance: 1,
  })),
  ...CIVIL.flatMap(([demographic, n]) =>
    (['toxic', 'non-toxic'] as const).map((sub) => {
      const fraction = sub === 'toxic' ? TOXIC_SHARE : 1 - TOXIC_SHARE;
      const sampleSize = sizes(
        ...(EFFICIENT_SIZES.map((level) => Math.round(n[level] * fraction)) as [
          number,
          number,
          number,
          number,
          number,
        ]),
      );
      return {
        id: stratumId(`civil_comments:demographic=${demographic}`, sub),
        column: 'civil_comments',
        populationSize: Math.round(1000 * fraction),
        sampleSize,
        binary: true,
        requestsPerInstance: 1,
      };
    }),
  ),
];

/** A generic layout for boards without a known one: one stratum per column (named after it), N = 1,000. */
export function uniformLayout(columns: readonly string[], populationSize = 1000, binary = true): StratumLayout[] {
  return columns.map((column) => ({
    id: column,
    column,
    populationSize,
    sampleSize: capped(populationSize),
    binary,
    requestsPerInstance: 1,
  }));
}

/** Instances and requests a user runs at a conf, per layout. */
export function budgetAt(
  layout: readonly StratumLayout[],
  level: EfficientSize,
): { instances: number; requests: number } {
  let instances = 0;
  let requests = 0;
  for (const stratum of layout) {
    instances += stratum.sampleSize[level];
    requests += stratum.sampleSize[level] * stratum.requestsPerInstance;
  }
  return { instances, requests };
}

/** The full configuration (every main-split item of every stratum). */
export function fullBudget(layout: readonly StratumLayout[]): { instances: number; requests: number } {
  let instances = 0;
  let requests = 0;
  for (const stratum of layout) {
    instances += stratum.populationSize;
    requests += stratum.populationSize * stratum.requestsPerInstance;
  }
  return { instances, requests };
}
