/**
 * `per_instance_stats.json` fixtures in HELM's real shape, modelled on
 * `../shared/data/every_eval_ever/tests_data_helm/<run>/per_instance_stats.json` and docs/helm-fidelity.md §2: one entry per
 * (instance, perturbation, trial) per metric class that emits stats (here a basic-metric entry and a calibration
 * entry), worst-case `robustness` stats beside the unperturbed ones, perturbed entries (`misspelling_sweep`) and
 * several train trials. Only trial 0's unperturbed main metric carries the instance's `value`; every other copy
 * carries a different value, so a reader that takes the wrong one fails the tests.
 */

/** One evaluated instance. */
export interface FixtureInstance {
  readonly id: string;
  readonly value: number;
  /** CivilComments' `toxic` / `non-toxic`. */
  readonly subSplit?: string;
}

export interface PerInstanceFixture {
  /** Main metric, e.g. `quasi_exact_match`; `exact_match` is written next to it unless `onlyExactMatch`. */
  readonly metric: string;
  readonly split: string;
  readonly instances: readonly FixtureInstance[];
  /** Pooled items of another split (e.g. MMLU's `valid` items in a test-scored run). */
  readonly otherSplit?: { readonly split: string; readonly ids: readonly string[] };
  /** Train trials (default 3). */
  readonly trials?: number;
  /** Write only `exact_match` (the leaderboard's fallback for a missing `quasi_exact_match`). */
  readonly onlyExactMatch?: boolean;
}

const TYPOS = { name: 'misspelling_sweep', robustness: true, fairness: false, computed_on: 'perturbed', prob: 0.1 };
const WORST = { name: 'robustness', robustness: true, fairness: false, computed_on: 'worst' };

function stat(name: Record<string, unknown>, value: number): Record<string, unknown> {
  return {
    name,
    count: 1,
    sum: value,
    sum_squared: value * value,
    min: value,
    max: value,
    mean: value,
    variance: 0.0,
    stddev: 0.0,
  };
}

function entryStats(
  metric: string,
  split: string,
  subSplit: string | undefined,
  value: number,
  perturbation: Record<string, unknown> | undefined,
  onlyExactMatch: boolean,
): Record<string, unknown>[] {
  const name = (metricName: string, extra: Record<string, unknown> = {}) => ({
    name: metricName,
    split,
    ...(subSplit ? { sub_split: subSplit } : {}),
    ...(perturbation ? { perturbation } : {}),
    ...extra,
  });
  const stats = [
    stat(name('num_references'), 4),
    stat(name('num_train_trials'), 1),
    stat(name('num_prompt_tokens'), 333),
  ];
  stats.push({ name: name('training_co2_cost'), count: 0, sum: 0, sum_squared: 0 });
  if (!onlyExactMatch) stats.push(stat(name(metric), value));
  if (metric !== 'exact_match') stats.push(stat(name('exact_match'), onlyExactMatch ? value : value * 0.5));
  if (!perturbation) stats.push(stat({ ...name(metric), perturbation: WORST }, 0.123));
  stats.push(stat(name('inference_runtime'), 0.68));
  return stats;
}

/** The file's text (pretty-printed with indent 2, as HELM writes it). */
export function perInstanceStatsJson(fixture: PerInstanceFixture): string {
  const trials = fixture.trials ?? 3;
  const onlyExact = fixture.onlyExactMatch ?? false;
  const entries: Record<string, unknown>[] = [];
  const items = [
    ...fixture.instances.map((instance) => ({ ...instance, split: fixture.split })),
    ...(fixture.otherSplit?.ids ?? []).map((id) => ({
      id,
      value: 0.5,
      split: fixture.otherSplit?.split ?? 'valid',
      subSplit: undefined,
    })),
  ];
  for (let trial = 0; trial < trials; trial++) {
    for (const item of items) {
      // Other trials score differently: only trial 0 pairs with a 1-trial user run.
      const value = trial === 0 ? item.value : 1 - item.value;
      entries.push({
        instance_id: item.id,
        train_trial_index: trial,
        stats: entryStats(fixture.metric, item.split, item.subSplit, value, undefined, onlyExact),
      });
      // A second metric class's entry for the same instance, with a conflicting main-metric copy after the first.
      entries.push({
        instance_id: item.id,
        train_trial_index: trial,
        stats: [
          stat({ name: 'ece_10_bin', split: item.split }, 0.2),
          stat(
            {
              name: onlyExact ? 'exact_match' : fixture.metric,
              split: item.split,
              ...(item.subSplit ? { sub_split: item.subSplit } : {}),
            },
            0.777,
          ),
        ],
      });
      entries.push({
        instance_id: item.id,
        perturbation: TYPOS,
        train_trial_index: trial,
        stats: entryStats(fixture.metric, item.split, item.subSplit, 1 - value, TYPOS, onlyExact),
      });
    }
  }
  return JSON.stringify(entries, null, 2);
}

/** A deterministic 0/1 value for model `m` on item `i` (stronger models, lower `m`, score more often). */
export function fixtureItemValue(modelIndex: number, item: number): number {
  return (item * 7 + modelIndex * 3) % 10 < 7 - modelIndex ? 1 : 0;
}
