/**
 * A small HELM Lite-shaped leaderboard for the offline demo and the e2e run: 12 real Lite model ids × Lite's 28
 * leaderboard runs (LITE_LAYOUT: 5 MMLU subjects, 7 MATH subjects, 5 LegalBench subsets, 5 WMT14 pairs, …), one
 * train trial, HELM's run names without perturbations, each run's `num_instances` its full-run main-split count.
 * Values are plausible, not real: each column spans the range of the published Lite table (e.g. MATH 0.05–0.9).
 * Import it as a runs archive named `lite-…zip` (the project is read from the path, so the Lite schema applies).
 */
import { LITE_SCHEMA } from '../../src-shared/leaderboard/schema';
import { LITE_LAYOUT } from '../../src-shared/rank/lite-layout';
import type { FixtureRun } from './helm-run-fixture';
import { fixtureArchiveEntries } from './helm-run-fixture';
import { buildZip } from './zip-writer';

/** Real HELM Lite model ids, strongest first in this fixture. */
export const FIXTURE_LITE_MODELS: readonly string[] = [
  'openai/gpt-4o-2024-05-13',
  'anthropic/claude-3-5-sonnet-20240620',
  'meta/llama-3.1-405b-instruct-turbo',
  'qwen/qwen2.5-72b-instruct-turbo',
  'mistralai/mistral-large-2407',
  'google/gemini-1.5-flash-001',
  'openai/gpt-4o-mini-2024-07-18',
  'meta/llama-3-8b',
  'google/gemma-2-9b-it',
  'mistralai/mistral-7b-instruct-v0.3',
  'microsoft/phi-2',
  'tiiuae/falcon-7b',
];

/** [low, high] of each Lite column's main metric (rounded from the published Lite table, Aug 2024). */
const RANGES: Readonly<Record<string, readonly [number, number]>> = {
  narrative_qa: [0.2, 0.79],
  natural_qa_openbook_longans: [0.3, 0.81],
  natural_qa_closedbook: [0.1, 0.5],
  openbookqa: [0.26, 0.96],
  mmlu: [0.26, 0.8],
  math_chain_of_thought: [0.04, 0.9],
  gsm: [0.03, 0.95],
  legalbench: [0.33, 0.76],
  med_qa: [0.25, 0.86],
  wmt_14: [0.05, 0.26],
};

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** The cell value of model `m` in Lite column `c`. */
export function fixtureLiteValue(group: string, modelIndex: number, columnIndex: number): number {
  const [low, high] = RANGES[group] ?? [0.2, 0.8];
  const strength = 1 - modelIndex / (FIXTURE_LITE_MODELS.length - 1);
  const wobble = (((modelIndex * 5 + columnIndex * 11) % 9) - 4) * 0.03;
  return round3(low + (high - low) * Math.min(1, Math.max(0, strength + wobble)));
}

/** The runs: per column, the sub-runs' values average to the cell value. */
export function fixtureLiteRuns(): FixtureRun[] {
  const columns = LITE_SCHEMA.tables.accuracy ?? [];
  const runs: FixtureRun[] = [];
  FIXTURE_LITE_MODELS.forEach((model, modelIndex) => {
    columns.forEach((column, columnIndex) => {
      const value = fixtureLiteValue(column.group, modelIndex, columnIndex);
      const strata = LITE_LAYOUT.filter((stratum) => stratum.column === column.group);
      strata.forEach((stratum, k) => {
        const [scenario = stratum.id, variant] = stratum.id.split(/:(.*)/s);
        const offset = strata.length === 1 ? 0 : (k - (strata.length - 1) / 2) * 0.004;
        runs.push({
          group: column.group,
          scenario,
          model,
          metric: column.metric,
          split: column.split,
          value: value + offset,
          trials: 1,
          instances: stratum.populationSize,
          unperturbed: true,
          ...(variant ? { variant } : {}),
        });
      });
    });
  });
  return runs;
}

/** The board as a runs archive (`benchmark_output/runs/v1.13.0/<run>/{run_spec.json,stats.json}`). */
export function buildFixtureLiteLeaderboardZip(): Buffer {
  return buildZip(fixtureArchiveEntries(fixtureLiteRuns(), 'benchmark_output/runs/v1.13.0/'));
}
