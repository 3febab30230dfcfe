/**
 * The cost of a dry run at the prices typed now: a price edit re-costs the plan with the engine's own formula
 * (src-shared/engine/token-cost.ts) instead of running the dry run again.
 */
import type { ModelEndpoint } from '../../src-shared/api/models';
import type { RunPlan } from '../../src-shared/api/runs';
import { tokenCostUsd } from '../../src-shared/engine/token-cost';

export function planCostUsd(
  plan: RunPlan,
  endpoint: Pick<ModelEndpoint, 'pricePerMillionPrompt' | 'pricePerMillionCompletion'>,
): number | null {
  // Plans from engines that did not report completion tokens keep the cost they were made with.
  if (plan.totals.estimatedCompletionTokens === null) return plan.totals.estimatedCostUsd;
  return tokenCostUsd(
    {
      pricePromptPerMillion: endpoint.pricePerMillionPrompt,
      priceCompletionPerMillion: endpoint.pricePerMillionCompletion,
    },
    plan.totals.estimatedPromptTokens,
    plan.totals.estimatedCompletionTokens,
  );
}
