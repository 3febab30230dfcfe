/** Small helpers to build HELM Stats (`metrics/statistic.py`) and attach an instance's context. */
import type { Instance } from '../../../src-shared/helm/instance';
import {
  addValue,
  createAccumulator,
  mergeInto,
  metricNameKey,
  toStat,
  type MetricName,
  type PerturbationDescription,
  type Stat,
} from '../../../src-shared/helm/stat';

/** `Stat(MetricName(name)).add(value)`; a null value gives an empty stat, as HELM's `add(None)`. */
export function statOf(name: string, value: number | boolean | null): Stat {
  const accumulator = createAccumulator({ name });
  if (value !== null) addValue(accumulator, Number(value));
  return toStat(accumulator);
}

/** `MetricContext.from_instance`: split, sub-split and perturbation of the instance. */
export function instanceContext(instance: Instance): Omit<MetricName, 'name'> {
  return {
    ...(instance.split !== undefined ? { split: instance.split } : {}),
    ...(instance.sub_split !== undefined ? { sub_split: instance.sub_split } : {}),
    ...(instance.perturbation ? { perturbation: instance.perturbation as PerturbationDescription } : {}),
  };
}

/** `add_context`: the stat renamed into a context (split, sub-split, perturbation replaced). */
export function withContext(stat: Stat, context: Omit<MetricName, 'name'>): Stat {
  return { ...stat, name: { name: stat.name.name, ...context } };
}

/** `merge_stat`: merges stats with equal names, keeping first-seen order. */
export function mergeStats(stats: Iterable<Stat>): Stat[] {
  const merged = new Map<string, ReturnType<typeof createAccumulator>>();
  for (const stat of stats) {
    const key = metricNameKey(stat.name);
    const accumulator = merged.get(key);
    if (accumulator) mergeInto(accumulator, stat);
    else merged.set(key, mergeInto(createAccumulator(stat.name), stat));
  }
  return [...merged.values()].map(toStat);
}
