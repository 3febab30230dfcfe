import { describe, expect, it } from 'vitest';
import type { RefineScenario } from './refine';
import { nextStep, priority } from './refine';

const cost = (perItem: number) => ({
  10: 10 * perItem,
  20: 20 * perItem,
  50: 50 * perItem,
  100: 100 * perItem,
  1000: 1000 * perItem,
});
const scenarios: RefineScenario[] = [
  { column: 'boolq', level: 20, nearbyModels: 10, spread: 0.5, costAt: cost(1) },
  { column: 'msmarco_trec', level: 20, nearbyModels: 10, spread: 0.5, costAt: cost(215) },
  { column: 'mmlu', level: 20, nearbyModels: 2, spread: 0.5, costAt: cost(1) },
  { column: 'imdb', level: 1000, nearbyModels: 30, spread: 0.5, costAt: cost(1) },
];

describe('refinement policy', () => {
  it('stops at the target width, an unreachable tier, or the top level', () => {
    expect(nextStep({ interval: [4, 8], targetWidth: 4, budget: 1e9, scenarios })).toEqual({
      action: 'stop',
      reason: 'target-width',
    });
    expect(nextStep({ interval: [14, 30], targetWidth: 4, budget: 1e9, scenarios, tierOfInterest: 10 })).toEqual({
      action: 'stop',
      reason: 'tier-unreachable',
    });
    expect(
      nextStep({ interval: [1, 30], targetWidth: 4, budget: 1e9, scenarios: [scenarios[3] as RefineScenario] }),
    ).toEqual({ action: 'stop', reason: 'max-level' });
  });

  it('raises every raisable scenario one nested level when the budget allows', () => {
    const decision = nextStep({ interval: [3, 20], targetWidth: 4, budget: 1e9, scenarios });
    expect(decision).toEqual({
      action: 'raise',
      levels: { boolq: 50, mmlu: 50, msmarco_trec: 50 },
      cost: 30 + 30 + 30 * 215,
    });
  });

  it('prefers cheap, rank-sensitive scenarios and respects the budget', () => {
    expect(priority(scenarios[0] as RefineScenario)).toBeGreaterThan(priority(scenarios[1] as RefineScenario));
    expect(priority(scenarios[0] as RefineScenario)).toBeGreaterThan(priority(scenarios[2] as RefineScenario));
    const decision = nextStep({
      interval: [3, 20],
      targetWidth: 4,
      budget: 100,
      scenarios,
      strategy: 'most-uncertain',
      maxScenarios: 2,
    });
    expect(decision).toEqual({ action: 'raise', levels: { boolq: 50, mmlu: 50 }, cost: 60 });
    expect(nextStep({ interval: [3, 20], targetWidth: 4, budget: 5, scenarios })).toEqual({
      action: 'stop',
      reason: 'budget',
    });
  });
});
