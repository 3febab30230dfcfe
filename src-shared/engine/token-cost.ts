/**
 * The dollar cost of tokens at the user's prices: the plan's estimate, the tracker's running cost, and the UI's
 * re-costing of a dry run when only a price changes (one formula for all three).
 */

/** USD per million prompt / completion tokens; null = not set. */
export interface TokenPrices {
  readonly pricePerMillionPrompt: number | null;
  readonly pricePerMillionCompletion: number | null;
}

/** Dollar cost of tokens at the price setting; null when neither price is set. */
export function tokenCostUsd(prices: TokenPrices, promptTokens: number, completionTokens: number): number | null {
  const { pricePerMillionPrompt: prompt, pricePerMillionCompletion: completion } = prices;
  if (prompt === null && completion === null) return null;
  return (promptTokens * (prompt ?? 0) + completionTokens * (completion ?? 0)) / 1e6;
}
