import { describe, expect, it } from 'vitest';
import { NO_PRICE, NO_PRICE_ABOVE, planCostWords, runCostWords } from './cost-words';

const NONE = { pricePerMillionPrompt: null, pricePerMillionCompletion: null };

describe('cost words', () => {
  it('says why there is no cost and where to enter prices, never a bare dash or a CLI flag', () => {
    // Was: "—" wherever no price was entered.
    expect(planCostWords(null)).toEqual({ text: NO_PRICE, isPriced: false });
    expect(NO_PRICE).toBe('No price set — enter prices on the Model step to see cost');
    expect(NO_PRICE).not.toMatch(/--|^—$/);
    expect(planCostWords(null, 'above')).toEqual({ text: NO_PRICE_ABOVE, isPriced: false });
    expect(planCostWords(0.004)).toEqual({ text: '< $0.01', isPriced: true });
    expect(planCostWords(1.5)).toEqual({ text: '$1.50', isPriced: true });
  });

  it("gives a run's own cost, else its tokens at the Model step's prices (saying so), else why none", () => {
    const run = { costUsd: null, promptTokens: 2_000_000, completionTokens: 100_000 };
    expect(runCostWords(run, NONE)).toEqual({ text: NO_PRICE, isPriced: false });
    // Entering prices on the Model step then prices the tokens this run counted (the engine's formula).
    expect(runCostWords(run, { pricePerMillionPrompt: 1.5, pricePerMillionCompletion: 2 })).toEqual({
      text: '$3.20 at the Model step’s prices (none was set when the run started)',
      isPriced: true,
    });
    // A run priced when it started keeps its own cost, whatever the Model step says now.
    expect(
      runCostWords({ ...run, costUsd: 0.25 }, { pricePerMillionPrompt: 99, pricePerMillionCompletion: 99 }),
    ).toEqual({ text: '$0.25', isPriced: true });
  });
});
