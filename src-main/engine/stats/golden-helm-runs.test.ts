/**
 * Golden fidelity: re-score HELM's recorded model outputs (`result` in scenario_state.json) of three real
 * runs (../shared/data/every_eval_ever/tests_data_helm) and compare with per_instance_stats.json and
 * stats.json, stat by stat (count, sum, sum_squared, min, max, mean; tolerance 1e-9), in HELM's order.
 *
 * - `num_prompt_tokens` comes from the model's own tokenizer in HELM (GPT-2, GPT-NeoX); we do not ship those
 *   tokenizers, so the test's counter answers with the count HELM recorded for each prompt. Everything else
 *   is computed from the recorded outputs.
 * - NarrativeQA's `rouge_l`, `bleu_1` and `bleu_4` come from the ROUGE/BLEU files, wired in by the registry.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PerInstanceStats, ScenarioState } from '../../../src-shared/helm/request';
import type { RunSpec } from '../../../src-shared/helm/run-spec';
import { metricNameKey, type Stat } from '../../../src-shared/helm/stat';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { createMetricRegistry } from '../metrics/index';
import { createCountingTokenCounter } from '../tokens/exact-token-counter';
import { aggregateRunStats } from './aggregate';
import { scoreRun } from './score-run';

const RUNS = 'every_eval_ever/tests_data_helm';

function load<T>(run: string, file: string): T {
  // Boundary: HELM's own JSON files, shaped as our records.
  return JSON.parse(readFileSync(sharedPath(RUNS, run, file), 'utf8')) as T;
}

function expectSameStats(actual: readonly Stat[], expected: readonly Stat[]): void {
  expect(actual.map((stat) => metricNameKey(stat.name))).toEqual(expected.map((stat) => metricNameKey(stat.name)));
  actual.forEach((stat, index) => {
    const want = expected[index] as Stat;
    expect(stat.count, metricNameKey(stat.name)).toBe(want.count);
    for (const field of ['sum', 'sum_squared', 'min', 'max', 'mean'] as const) {
      if (want[field] === undefined) expect(stat[field], field).toBeUndefined();
      else expect(stat[field], `${stat.name.name} ${field}`).toBeCloseTo(want[field] as number, 9);
    }
  });
}

describe.skipIf(!sharedData)('golden HELM stats', () => {
  for (const run of [
    'mmlu-subject=philosophy,method=multiple_choice_joint,model=openai_gpt2',
    'commonsense-dataset=hellaswag,method=multiple_choice_joint,model=eleutherai_pythia-1b-v0',
    'narrative_qa-model=openai_gpt2',
  ]) {
    it(`re-scores ${run.split(',')[0] as string}`, () => {
      const runSpec = load<RunSpec>(run, 'run_spec.json');
      const state = load<ScenarioState>(run, 'scenario_state.json');
      const expectedPerInstance = load<PerInstanceStats[]>(run, 'per_instance_stats.json');
      const expectedStats = load<Stat[]>(run, 'stats.json');

      const recordedPromptTokens = new Map<string, number>();
      state.request_states.forEach((requestState, index) => {
        const stat = expectedPerInstance[index]?.stats.find((candidate) => candidate.name.name === 'num_prompt_tokens');
        recordedPromptTokens.set(requestState.request.prompt, stat?.sum ?? Number.NaN);
      });
      const tokenCounter = createCountingTokenCounter((text) => recordedPromptTokens.get(text) ?? Number.NaN, 1025);

      const scores = scoreRun({
        adapterSpec: runSpec.adapter_spec,
        metricSpecs: runSpec.metric_specs,
        requestStates: state.request_states,
        metrics: createMetricRegistry(),
        context: { tokenCounter },
      });

      expect(scores.perInstanceStats.map((entry) => entry.instance_id)).toEqual(
        expectedPerInstance.map((entry) => entry.instance_id),
      );
      scores.perInstanceStats.forEach((entry, index) => {
        const expected = expectedPerInstance[index] as PerInstanceStats;
        expect(entry.train_trial_index).toBe(expected.train_trial_index);
        expectSameStats(entry.stats, expected.stats);
      });
      expectSameStats(scores.stats, expectedStats);
      // The same run stats from the per-instance stats alone.
      expectSameStats(aggregateRunStats(scores.perInstanceStats), expectedStats);
    });
  }
});
