/**
 * N, the examples per scenario: HELM's Efficient-HELM confs `run_entries_core_scenarios_<N>.conf` (there is no
 * `_200`), or `all` (every instance, no subsampling). The one list of allowed values, used by every layer (the CLI
 * flag `--examples`, the app's choices, the engine's run entries, the rank statistics' layout).
 */
import { z } from 'zod';

/** The N values HELM publishes confs for. */
export const EFFICIENT_SIZES = [10, 20, 50, 100, 1000] as const;
export type EfficientSize = (typeof EFFICIENT_SIZES)[number];

/** Every choice of examples per scenario, smallest first. */
export const EXAMPLES_PER_SCENARIO = [...EFFICIENT_SIZES, 'all'] as const;
export type ExamplesPerScenario = (typeof EXAMPLES_PER_SCENARIO)[number];

export const examplesPerScenarioSchema = z.literal(EXAMPLES_PER_SCENARIO);

export function isEfficientSize(value: unknown): value is EfficientSize {
  return (EFFICIENT_SIZES as readonly unknown[]).includes(value);
}

export function isExamplesPerScenario(value: unknown): value is ExamplesPerScenario {
  return (EXAMPLES_PER_SCENARIO as readonly unknown[]).includes(value);
}

/** The choice a text names (`10`, `all`), e.g. a CLI flag's value; undefined when it names none. */
export function parseExamplesPerScenario(text: string): ExamplesPerScenario | undefined {
  return EXAMPLES_PER_SCENARIO.find((choice) => String(choice) === text.trim());
}
