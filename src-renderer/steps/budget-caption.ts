/**
 * The Budget step's caption over its table, pure: which scenarios every column describes, and how the expected
 * intervals were calibrated — with what that rests on (the leaderboard's per-instance data, or data simulated from
 * its published cells, hence approximate) said once; on a board too small to calibrate, that the intervals are the raw,
 * uncalibrated ones a result reports, and why.
 */
import type { TradeoffTableView } from '../../src-shared/api/rank';

/** "all 16 scenarios" or "2 of 16 scenarios". */
export function formatScenarioCount(count: number, of: number): string {
  return count >= of ? `all ${of} scenarios` : `${count} of ${of} scenario${of === 1 ? '' : 's'}`;
}

/** What the calibration rests on, in one phrase. */
function basisWords(basis: TradeoffTableView['calibrationBasis']): string {
  return basis === 'simulated'
    ? 'on per-instance data simulated from its published cells, so approximate (conservative for graded metrics)'
    : 'on its own per-instance data';
}

/**
 * The caption: while a new scenario choice is being calibrated, that the rows shown are still the previous
 * choice's; before any table, that it is being computed.
 */
export function tradeoffCaption(
  tradeoff: TradeoffTableView | null,
  scenarios: { readonly chosen: number; readonly of: number },
  isLoading: boolean,
): string {
  if (scenarios.chosen === 0 && scenarios.of > 0)
    return 'No scenario is ticked: tick at least one under “Scenarios” below, and every column describes those.';
  if (!tradeoff) return 'Computing the expected intervals for this leaderboard (the first time takes a while)…';
  const shown = formatScenarioCount(tradeoff.scenarios.length, scenarios.of);
  if (isLoading)
    return `Recomputing every column for ${formatScenarioCount(scenarios.chosen, scenarios.of)} (a new calibration: it can take a minute); the rows below are still for ${shown}.`;
  if (tradeoff.notCalibrated !== null)
    return `Expected interval for ${shown}. Computed on this leaderboard, not calibrated: ${tradeoff.notCalibrated}. These are the raw bootstrap intervals your result will report (marked "not calibrated" there too); the coverage is how often such raw intervals held the full-run rank, ${tradeoff.source}, ${basisWords(tradeoff.calibrationBasis)}.`;
  return `Expected interval for ${shown}. Computed on this leaderboard, calibrated as your result will be: ${tradeoff.source}, ${basisWords(tradeoff.calibrationBasis)}.`;
}
