/**
 * "Compute saved" of a Budget row, from the same counts as the row's Requests: the full run's requests ÷ this row's.
 * - Both from dry runs for the user's model (this N and `all`): the dry-run ratio, marked as counted.
 * - Neither dry-run: the leaderboard's estimate (the `rank.tradeoff` row).
 * - This row dry-run but not the full run: no figure — dividing the board's full run by a dry-run count mixes two
 *   plans (on a small fixture board it read ×109 where the dry runs give ×2).
 */
import type { RunPlanView } from '../../src-shared/api/runs';

export type ComputeSaved =
  | { readonly kind: 'dry-run'; readonly ratio: number }
  | { readonly kind: 'board'; readonly ratio: number }
  | { readonly kind: 'none'; readonly why: string };

export function computeSaved(
  boardEstimate: number | null,
  plan: Pick<RunPlanView, 'totals'> | null,
  fullPlan: Pick<RunPlanView, 'totals'> | null,
): ComputeSaved {
  if (plan) {
    if (!fullPlan) return { kind: 'none', why: 'Dry-run the full run too to compare counts for your model' };
    if (plan.totals.requests <= 0) return { kind: 'none', why: 'The dry run counted no request' };
    return { kind: 'dry-run', ratio: fullPlan.totals.requests / plan.totals.requests };
  }
  if (boardEstimate === null || !Number.isFinite(boardEstimate))
    return { kind: 'none', why: "No estimate from the leaderboard's runs" };
  return { kind: 'board', ratio: boardEstimate };
}

/** ×109, ×2.1. */
export function formatSaved(ratio: number): string {
  return `×${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}`;
}
