/**
 * HELM's `compute_worst_case_metrics` (`metrics/metric.py`, v0.3.0 = HEAD): per (stat name, instance), the
 * worst value over the original and its robustness (resp. fairness) perturbations, recorded under the
 * perturbation `{name: robustness|fairness, computed_on: worst}`. For unperturbed runs (the efficient confs)
 * these copies equal the original stats; HELM writes them anyway and the leaderboard's Robustness and
 * Fairness columns read them, so we emit them too (both versions do).
 */
import {
  addValue,
  createAccumulator,
  mergeInto,
  metricNameKey,
  toStat,
  type MetricName,
  type PerturbationDescription,
  type Stat,
  type StatAccumulator,
} from '../../../src-shared/helm/stat';

/** One instance's stats in a trial. */
export interface InstanceStats {
  readonly instanceId: string;
  readonly stats: readonly Stat[];
  /** The instance's split, sub-split and perturbation; taken from its first stat when absent. */
  readonly context?: Omit<MetricName, 'name'>;
}

const ROBUSTNESS: PerturbationDescription = { name: 'robustness', robustness: true, fairness: false };
const FAIRNESS: PerturbationDescription = { name: 'fairness', robustness: false, fairness: true };
const ROBUSTNESS_WORST: PerturbationDescription = { ...ROBUSTNESS, computed_on: 'worst' };
const FAIRNESS_WORST: PerturbationDescription = { ...FAIRNESS, computed_on: 'worst' };

function withoutPerturbation(name: MetricName): MetricName {
  const { perturbation: _ignored, ...rest } = name;
  return rest;
}

export function worstCaseStats(instances: readonly InstanceStats[]): Stat[] {
  // Group by (name without perturbation, instance id), in first-seen order.
  const groups = new Map<string, { name: MetricName; stats: Stat[] }>();
  for (const { instanceId, stats } of instances) {
    for (const stat of stats) {
      const name = stat.name.perturbation ? withoutPerturbation(stat.name) : stat.name;
      const key = `${metricNameKey(name)}\u0001${instanceId}`;
      const group = groups.get(key);
      if (group) group.stats.push(stat);
      else groups.set(key, { name, stats: [stat] });
    }
  }
  const derived = new Map<string, StatAccumulator>();
  const addDerived = (name: MetricName, value: number | Stat): void => {
    const key = metricNameKey(name);
    let accumulator = derived.get(key);
    if (!accumulator) derived.set(key, (accumulator = createAccumulator(name)));
    if (typeof value === 'number') addValue(accumulator, value);
    else mergeInto(accumulator, value);
  };
  for (const { name, stats } of groups.values()) {
    const only = stats[0] as Stat;
    if (stats.length === 1 && !only.name.perturbation) {
      // Unperturbed instance (every efficient run): both worst cases are the original value.
      if (only.count > 0) {
        addDerived({ ...name, perturbation: ROBUSTNESS_WORST }, only.min as number);
        addDerived({ ...name, perturbation: FAIRNESS_WORST }, only.min as number);
      }
      continue;
    }
    let original: Stat | undefined;
    const robustness = createAccumulator({ ...name, perturbation: ROBUSTNESS });
    const fairness = createAccumulator({ ...name, perturbation: FAIRNESS });
    const individual = new Map<string, StatAccumulator>();
    for (const stat of stats) {
      const perturbation = stat.name.perturbation;
      if (!perturbation) {
        original = stat;
        continue;
      }
      if (perturbation.robustness) mergeInto(robustness, stat);
      if (perturbation.fairness) mergeInto(fairness, stat);
      individual.set(metricNameKey(stat.name), mergeInto(createAccumulator(stat.name), stat));
    }
    for (const accumulator of [robustness, fairness, ...individual.values()]) {
      const perturbation = accumulator.name.perturbation as PerturbationDescription;
      if (original) {
        mergeInto(accumulator, original);
        if (perturbation.name !== 'robustness' && perturbation.name !== 'fairness') {
          addDerived({ ...accumulator.name, perturbation: { ...perturbation, computed_on: 'original' } }, original);
        }
      }
      if (accumulator.count > 0) {
        addDerived(
          { ...accumulator.name, perturbation: { ...perturbation, computed_on: 'worst' } },
          accumulator.min as number,
        );
      }
    }
  }
  return [...derived.values()].map(toStat);
}
