import { EFFICIENT_SIZES } from '../examples-per-scenario';
import type { EfficientSize } from '../examples-per-scenario';
/**
 * Adaptive refinement policy (docs/rank-interval.md §12; Flash-HELM done statistically). Samples nest per run,
 * so raising a scenario's conf level only runs the new items and reuses every cached request. After each
 * stage the caller recomputes the calibrated interval and asks `nextStep` what to do:
 *  - stop when the width is at or below the target, when even the interval's best end cannot reach the tier
 *    the user asked about, or when the next step would overspend the budget;
 *  - otherwise raise the level of every scenario (`all`) or of the scenarios that contribute most to the
 *    rank uncertainty (`most-uncertain`), ranked by the Neyman-like priority d_s·σ_s/√c_s (d_s: board cells
 *    near the user's value, σ_s: per-instance spread, c_s: cost per item).
 * Pure logic; the engine wires `helm-rank run --target-width W --budget-usd X` to it. Several looks inflate
 * the error rate: calibrate the whole policy by replaying it on the board (docs/rank-interval.md §12), which
 * this module allows because it is deterministic.
 */

/** What a scenario contributes and costs, measured after the current stage. */
export interface RefineScenario {
  readonly column: string;
  readonly level: EfficientSize;
  /** d_s: number of board cells within ±δ of the user's cell (rank sensitivity). */
  readonly nearbyModels: number;
  /** σ_s: per-instance standard deviation of the user's values. */
  readonly spread: number;
  /** Cost (requests, tokens or dollars — one unit throughout) of raising this scenario to each level, from level 0. */
  readonly costAt: Readonly<Record<EfficientSize, number>>;
}

export interface RefineInput {
  /** Current calibrated rank interval. */
  readonly interval: readonly [number, number];
  /** Stop once hi − lo is at most this. */
  readonly targetWidth: number;
  /** Remaining budget in the scenarios' cost unit; Infinity when unbounded. */
  readonly budget: number;
  readonly scenarios: readonly RefineScenario[];
  /** `all` raises every scenario one level; `most-uncertain` only the top `maxScenarios` by priority. */
  readonly strategy?: 'all' | 'most-uncertain';
  readonly maxScenarios?: number;
  /** "Can it be top k?": stop when the interval's best end is already worse than k. */
  readonly tierOfInterest?: number;
}

export type RefineDecision =
  | { readonly action: 'stop'; readonly reason: 'target-width' | 'tier-unreachable' | 'budget' | 'max-level' }
  | { readonly action: 'raise'; readonly levels: Readonly<Record<string, EfficientSize>>; readonly cost: number };

function nextLevel(level: EfficientSize): EfficientSize | null {
  const index = EFFICIENT_SIZES.indexOf(level);
  return index >= 0 && index + 1 < EFFICIENT_SIZES.length ? (EFFICIENT_SIZES[index + 1] as EfficientSize) : null;
}

/** Neyman-like priority d_s·σ_s/√c_s of raising a scenario one level (higher first). */
export function priority(scenario: RefineScenario): number {
  const next = nextLevel(scenario.level);
  if (next === null) return Number.NEGATIVE_INFINITY;
  const extraCost = Math.max(scenario.costAt[next] - scenario.costAt[scenario.level], 1e-12);
  return (scenario.nearbyModels * scenario.spread) / Math.sqrt(extraCost);
}

/** Decides the next stage. */
export function nextStep(input: RefineInput): RefineDecision {
  const [lo, hi] = input.interval;
  if (hi - lo <= input.targetWidth) return { action: 'stop', reason: 'target-width' };
  if (input.tierOfInterest !== undefined && lo > input.tierOfInterest)
    return { action: 'stop', reason: 'tier-unreachable' };
  const raisable = input.scenarios.filter((scenario) => nextLevel(scenario.level) !== null);
  if (raisable.length === 0) return { action: 'stop', reason: 'max-level' };
  const ordered = [...raisable].sort((a, b) => priority(b) - priority(a) || a.column.localeCompare(b.column));
  const chosen = (input.strategy ?? 'all') === 'all' ? ordered : ordered.slice(0, Math.max(1, input.maxScenarios ?? 3));
  const levels: Record<string, EfficientSize> = {};
  let cost = 0;
  for (const scenario of chosen) {
    const next = nextLevel(scenario.level) as EfficientSize; // raisable
    const extra = scenario.costAt[next] - scenario.costAt[scenario.level];
    // Drop the least useful scenarios first when the whole step does not fit the budget.
    if (cost + extra > input.budget) continue;
    levels[scenario.column] = next;
    cost += extra;
  }
  if (Object.keys(levels).length === 0) return { action: 'stop', reason: 'budget' };
  return { action: 'raise', levels, cost };
}
