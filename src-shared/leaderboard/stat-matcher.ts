/**
 * HELM's `MetricNameMatcher.matches` (`presentation/schema.py`) and `get_unique_stat_by_matcher`
 * (`presentation/summarize.py`): find the one stat of a run that a column shows.
 */
import type { MetricName, Stat } from '../helm/stat';
import { createAccumulator, mergeInto, toStat } from '../helm/stat';
import type { ColumnSpec } from './schema';

/** The part of a column the matcher reads. */
export type StatMatcher = Pick<ColumnSpec, 'metric' | 'split' | 'perturbation'>;

/**
 * Equal name and split; the same perturbation name (none ⇔ none); a perturbed stat must be the worst case
 * (`computed_on: worst`). No sub-split is required, so CivilComments' toxic / non-toxic stats all match.
 */
export function matchesStatName(name: MetricName, matcher: StatMatcher, metric: string = matcher.metric): boolean {
  if (name.name !== metric || name.split !== matcher.split) return false;
  const perturbation = name.perturbation?.name ?? null;
  if (perturbation !== matcher.perturbation) return false;
  return !name.perturbation || name.perturbation.computed_on === 'worst';
}

/**
 * The stat a column shows for one run, or null when the run has none. A missing `quasi_exact_match` falls back to
 * `exact_match` (HELM's hack for prompting ablations); matching sub-splits are merged into one stat.
 */
export function findColumnStat(stats: readonly Stat[], matcher: StatMatcher): Stat | null {
  let matching = matchingStats(stats, matcher, matcher.metric);
  if (matching.length === 0 && matcher.metric === 'quasi_exact_match') {
    matching = matchingStats(stats, matcher, 'exact_match');
  }
  if (matching.length === 0) return null;
  // HELM merges per name-without-sub-split and then asserts a singleton. Several distinct names can only differ in
  // perturbation details HELM does not match on; we merge them too rather than fail the whole table.
  const { sub_split: _subSplit, ...name } = matching[0]!.name;
  const merged = createAccumulator(name);
  for (const stat of matching) mergeInto(merged, stat);
  return toStat(merged);
}

const NONE: readonly Stat[] = [];

/** The stats matching (most runs have none for a column: no list is made for them; the importer asks often). */
function matchingStats(stats: readonly Stat[], matcher: StatMatcher, metric: string): readonly Stat[] {
  let matching: Stat[] | null = null;
  for (const stat of stats) {
    if (!matchesStatName(stat.name, matcher, metric)) continue;
    if (matching) matching.push(stat);
    else matching = [stat];
  }
  return matching ?? NONE;
}
