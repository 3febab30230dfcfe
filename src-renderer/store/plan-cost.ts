/**
 * The cost of a dry run at the prices typed now: a price edit re-costs the plan with the engine's own formula
 * (src-shared/engine/token-cost.ts) instead of running the dry run again.
 */
import type { ModelEndpoint } from '../../src-shared/api/models';
import type { RunPlanView } from '../../src-shared/api/runs';
import { tokenCostUsd } from '../../src-shared/engine/token-cost';

export function planCostUsd(
  plan: RunPlanView,
  endpoint: Pick<ModelEndpoint, 'pricePerMillionPrompt' | 'pricePerMillionCompletion'>,
): number | null {
  // Plans from engines that did not report completion tokens keep the cost they were made with.
  if (plan.totals.estimatedCompletionTokens === null) return plan.totals.estimatedCostUsd;
  return tokenCostUsd(
    {
      pricePerMillionPrompt: endpoint.pricePerMillionPrompt,
      pricePerMillionCompletion: endpoint.pricePerMillionCompletion,
    },
    plan.totals.estimatedPromptTokens,
    plan.totals.estimatedCompletionTokens,
  );
}
