/**
 * A small Classic-shaped leaderboard for the offline demo and the e2e engine run: 12 Classic models × the 16
 * core run groups, in HELM's run-archive layout (`benchmark_output/runs/v0.3.0/<run name>/{run_spec.json,
 * stats.json}`, see `helm-run-fixture.ts`). Groups that HELM runs several times per model have that many runs
 * (MMLU 5 subjects, RAFT 11 subsets, CivilComments 9 demographics), whose mean is the cell. Values are
 * plausible, not real: each column spans a realistic range (e.g. MMLU 0.25–0.6, BoolQ 0.6–0.85) and models
 * differ in strength with a per-column wobble, so the mean win rates are spread but not a strict ladder.
 */
import { CLASSIC_SCHEMA } from '../../src-shared/leaderboard/schema';
import type { FixtureRun } from './helm-run-fixture';
import { fixtureArchiveEntries } from './helm-run-fixture';
import { buildZip } from './zip-writer';

/** Real Classic model ids, strongest first in this fixture. */
export const FIXTURE_LEADERBOARD_MODELS: readonly string[] = [
  'openai/text-davinci-002',
  'anthropic/stanford-online-all-v4-s3',
  'cohere/xlarge-20221108',
  'ai21/j1-grande-v2-beta',
  'openai/davinci',
  'meta/opt-175b',
  'microsoft/TNLGv2_530B',
  'bigscience/bloom',
  'eleutherai/pythia-12b',
  'together/gpt-j-6b',
  'openai/ada',
  'together/gpt-neox-20b',
];

/** [low, high] of each core group's main metric across Classic models (rounded from the v0.4.0 table). */
const RANGES: Readonly<Record<string, readonly [number, number]>> = {
  mmlu: [0.24, 0.58],
  boolq: [0.6, 0.86],
  narrative_qa: [0.3, 0.73],
  natural_qa_closedbook: [0.05, 0.38],
  natural_qa_openbook_longans: [0.35, 0.71],
  quac: [0.18, 0.45],
  hellaswag: [0.25, 0.8],
  openbookqa: [0.3, 0.6],
  truthful_qa: [0.18, 0.6],
  msmarco_regular: [0.08, 0.4],
  msmarco_trec: [0.2, 0.65],
  summarization_cnndm: [0.05, 0.16],
  summarization_xsum: [0.02, 0.17],
  imdb: [0.6, 0.96],
  civil_comments: [0.5, 0.68],
  raft: [0.4, 0.75],
};

/** Variants (run-name arguments) of the groups HELM runs more than once per model. */
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  mmlu: ['abstract_algebra', 'college_chemistry', 'computer_security', 'econometrics', 'us_foreign_policy'].map(
    (s) => `subject=${s}`,
  ),
  raft: [
    'ade_corpus_v2',
    'banking_77',
    'neurips_impact_statement_risks',
    'one_stop_english',
    'overruling',
    'semiconductor_org_types',
    'systematic_review_inclusion',
    'tai_safety_research',
    'terms_of_service',
    'tweet_eval_hate',
    'twitter_complaints',
  ].map((s) => `subset=${s}`),
  civil_comments: ['all', 'male', 'female', 'LGBTQ', 'christian', 'muslim', 'other_religions', 'black', 'white'].map(
    (d) => `demographic=${d}`,
  ),
};

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** The cell value of model `m` (index in {@link FIXTURE_LEADERBOARD_MODELS}) in column `c`. */
export function fixtureLeaderboardValue(group: string, modelIndex: number, columnIndex: number): number {
  const [low, high] = RANGES[group] ?? [0.2, 0.8];
  const strength = 1 - modelIndex / (FIXTURE_LEADERBOARD_MODELS.length - 1);
  // A deterministic wobble of ±0.12 in strength, so neighbouring models swap places on some columns.
  const wobble = (((modelIndex * 7 + columnIndex * 13) % 11) - 5) * 0.024;
  return round3(low + (high - low) * Math.min(1, Math.max(0, strength + wobble)));
}

/** The runs of the fixture leaderboard; per group, the variants' values average to the cell value. */
export function fixtureLeaderboardRuns(): FixtureRun[] {
  const columns = CLASSIC_SCHEMA.tables.accuracy ?? [];
  const runs: FixtureRun[] = [];
  FIXTURE_LEADERBOARD_MODELS.forEach((model, modelIndex) => {
    columns.forEach((column, columnIndex) => {
      const value = fixtureLeaderboardValue(column.group, modelIndex, columnIndex);
      const variants = VARIANTS[column.group] ?? [undefined];
      variants.forEach((variant, k) => {
        // Symmetric offsets: the mean over the variants is exactly `value` (equal trial counts).
        const offset = variants.length === 1 ? 0 : (k - (variants.length - 1) / 2) * 0.004;
        runs.push({
          group: column.group,
          model,
          metric: column.metric,
          split: column.split,
          value: value + offset,
          ...(variant ? { variant } : {}),
        });
      });
    });
  });
  return runs;
}

/** The leaderboard as a `run_stats.zip`-style archive, importable with `helm-rank leaderboard import <zip>`. */
export function buildFixtureLeaderboardZip(): Buffer {
  return buildZip(fixtureArchiveEntries(fixtureLeaderboardRuns()));
}
