/**
 * Cost in the app's words, one home for every place that shows one (the Budget and Model steps' dry runs, the Run
 * step, the results page): dollars when a price is set, else why there are none and what to do — never a bare dash,
 * never a CLI flag.
 */
import type { TokenPrices } from '../src-shared/engine/token-cost';
import { tokenCostUsd } from '../src-shared/engine/token-cost';
import { formatCost } from './format';

/** What to say where a cost would be, when no price is set. */
export const NO_PRICE = 'No price set — enter prices on the Model step to see cost';
/** The same on the Model step, below its price fields. */
export const NO_PRICE_ABOVE = 'No price set — enter prices above to see the cost';

export interface CostWords {
  readonly text: string;
  /** False when no price is set: the place showing it offers a way to the price fields. */
  readonly isPriced: boolean;
}

/** A dry run's cost (src-renderer/store/plan-cost.ts): dollars, or why there are none (`above`: on the Model step). */
export function planCostWords(usd: number | null, where: 'elsewhere' | 'above' = 'elsewhere'): CostWords {
  if (usd !== null) return { text: formatCost(usd), isPriced: true };
  return { text: where === 'above' ? NO_PRICE_ABOVE : NO_PRICE, isPriced: false };
}

/**
 * A run's cost: the engine's, at the prices the run started with; when it started without any, its counted tokens
 * at the prices now on the Model step (and it says so); else why there is none.
 */
export function runCostWords(
  run: { readonly costUsd: number | null; readonly promptTokens: number; readonly completionTokens: number },
  modelStepPrices: TokenPrices,
): CostWords {
  if (run.costUsd !== null) return { text: formatCost(run.costUsd), isPriced: true };
  const atModelStep = tokenCostUsd(modelStepPrices, run.promptTokens, run.completionTokens);
  return atModelStep === null
    ? { text: NO_PRICE, isPriced: false }
    : {
        text: `${formatCost(atModelStep)} at the Model step’s prices (none was set when the run started)`,
        isPriced: true,
      };
}
