/**
 * Synthetic HELM run directories in the real file formats, for the demo's leaderboard, import tests and the
 * import benchmark.
 * Modelled on `../shared/data/helm-examples/run/` (Classic-era `run_spec.json` and `stats.json`: pretty-printed,
 * `count` = number of trials, worst-case `robustness` / `fairness` perturbation stats next to the unperturbed ones,
 * `num_instances` per split) — a run's stats.json comes out at about the real size (20–60 KB).
 */
import type { ZipEntryInput } from './zip-writer';

/** One run to synthesize: its main metric on its main split is `value` (a trial mean, the same in every trial). */
export interface FixtureRun {
  /** Run group (leaderboard column), e.g. `boolq`. */
  readonly group: string;
  /** `adapter_spec.model`, e.g. `openai/davinci`. */
  readonly model: string;
  /** Main metric and split of the group (schema_classic.yaml), e.g. `quasi_exact_match` / `valid`. */
  readonly metric: string;
  readonly split: string;
  readonly value: number;
  /** Extra run-name arguments, e.g. `subject=anatomy`, to make several runs per group. */
  readonly variant?: string;
  /** Default 3 (Classic used 3 train trials). */
  readonly trials?: number;
  /** `num_instances` on the main split (default 1000). */
  readonly instances?: number;
  /** The run name's scenario part when it differs from the group (e.g. `math` for `math_chain_of_thought`). */
  readonly scenario?: string;
  /** Omit Classic's `,data_augmentation=canonical` (HELM Lite runs are unperturbed). */
  readonly unperturbed?: boolean;
}

const FILLER_METRICS = [
  'num_references',
  'num_train_trials',
  'num_prompt_tokens',
  'num_completion_tokens',
  'num_output_tokens',
  'inference_runtime',
  'batch_size',
  'finish_reason_length',
  'finish_reason_stop',
  'finish_reason_endoftext',
  'finish_reason_unknown',
  'num_train_instances',
  'prompt_truncated',
  'max_prob',
  'logprob',
  'num_perplexity_tokens',
  'num_bytes',
  'prefix_exact_match',
  'quasi_prefix_exact_match',
];

/** HELM's run name, e.g. `boolq:model=openai_davinci,data_augmentation=canonical`. */
export function fixtureRunName(run: FixtureRun): string {
  const model = run.model.replace(/\//g, '_');
  const suffix = run.unperturbed ? '' : ',data_augmentation=canonical';
  return `${run.scenario ?? run.group}:${run.variant ? `${run.variant},` : ''}model=${model}${suffix}`;
}

export function fixtureRunSpec(run: FixtureRun): string {
  return JSON.stringify(
    {
      name: fixtureRunName(run),
      scenario_spec: { class_name: `helm.benchmark.scenarios.${run.group}_scenario.Scenario`, args: {} },
      adapter_spec: {
        method: 'generation',
        global_prefix: '',
        instructions: '',
        input_prefix: 'Passage: ',
        input_suffix: '\n',
        reference_prefix: 'A. ',
        reference_suffix: '\n',
        output_prefix: 'Answer: ',
        output_suffix: '\n',
        instance_prefix: '\n',
        substitutions: [],
        max_train_instances: 5,
        max_eval_instances: 1000,
        num_outputs: 1,
        num_train_trials: run.trials ?? 3,
        model: run.model,
        temperature: 0.0,
        max_tokens: 5,
        stop_sequences: ['\n'],
      },
      metric_specs: [
        {
          class_name: 'helm.benchmark.basic_metrics.BasicMetric',
          args: { names: ['exact_match', 'quasi_exact_match'] },
        },
      ],
      data_augmenter_spec: { perturbation_specs: [], should_augment_train_instances: false, seeds_per_instance: 1 },
      groups: [run.group],
    },
    null,
    2,
  );
}

function stat(name: Record<string, unknown>, value: number, trials: number): Record<string, unknown> {
  return {
    name,
    count: trials,
    sum: value * trials,
    sum_squared: value * value * trials,
    min: value,
    max: value,
    mean: value,
    variance: 0.0,
    stddev: 0.0,
  };
}

const WORST_ROBUSTNESS = { name: 'robustness', robustness: true, fairness: false, computed_on: 'worst' };
const WORST_FAIRNESS = { name: 'fairness', robustness: false, fairness: true, computed_on: 'worst' };
const TYPOS = { name: 'misspelling_sweep', robustness: true, fairness: false, computed_on: 'perturbed', prob: 0.1 };

/** `stats.json` of a run: main metric = `value`, worst-case robustness 0.9×, fairness 0.95×, `exact_match` 0.98× when the main metric differs. */
export function fixtureStats(run: FixtureRun): string {
  const trials = run.trials ?? 3;
  const stats: Record<string, unknown>[] = [];
  const split = run.split;
  stats.push(stat({ name: 'num_instances', split }, run.instances ?? 1000, trials));
  for (const perturbation of [undefined, WORST_ROBUSTNESS, WORST_FAIRNESS, TYPOS]) {
    const factor =
      perturbation === WORST_ROBUSTNESS
        ? 0.9
        : perturbation === WORST_FAIRNESS
          ? 0.95
          : perturbation === TYPOS
            ? 0.92
            : 1;
    const name = (metric: string) => (perturbation ? { name: metric, split, perturbation } : { name: metric, split });
    stats.push(stat(name(run.metric), run.value * factor, trials));
    if (run.metric !== 'exact_match') stats.push(stat(name('exact_match'), run.value * factor * 0.98, trials));
    for (const [index, metric] of FILLER_METRICS.entries()) stats.push(stat(name(metric), index + 0.5, trials));
  }
  stats.push(stat({ name: 'ece_10_bin', split }, 0.1 + run.value / 10, trials));
  stats.push(stat({ name: 'inference_denoised_runtime', split }, 0.5 + run.value, trials));
  stats.push(stat({ name: 'inference_runtime', split }, 0.6 + run.value, trials));
  for (const [index, metric] of FILLER_METRICS.entries()) stats.push(stat({ name: metric, split: 'train' }, index, 1));
  return JSON.stringify(stats, null, 2);
}

/** Zip entries for runs laid out as HELM writes them: `<prefix><run name>/{run_spec.json,stats.json}`. */
export function fixtureArchiveEntries(
  runs: readonly FixtureRun[],
  prefix = 'benchmark_output/runs/v0.3.0/',
): ZipEntryInput[] {
  return runs.flatMap((run) => {
    const directory = `${prefix}${fixtureRunName(run)}/`;
    return [
      { name: `${directory}run_spec.json`, data: fixtureRunSpec(run) },
      { name: `${directory}stats.json`, data: fixtureStats(run) },
    ];
  });
}
