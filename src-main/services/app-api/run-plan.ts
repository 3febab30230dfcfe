/** The app API's dry-run plan, from the engine's plan summary: per-run skip reasons, unavailable data by scenario, time. */
import type { RunConfig, RunPlanView } from '../../../src-shared/api/runs';
import type { DataProblem, PlanSummary } from '../../../src-shared/engine/job';

export interface PlanTiming {
  /** How long the dry run took (the run prepares the data again, from the cache). */
  readonly preparationSeconds: number;
  /**
   * Seconds per request at the last measured latency (one short test request) and the concurrency: the fastest a
   * request can go, so the plan's time is a lower bound; null before a connection test.
   */
  readonly requestSeconds: number | null;
}

export function toRunPlan(config: RunConfig, plan: PlanSummary, timing: PlanTiming): RunPlanView {
  const unavailable = new Map<string, DataProblem & { runs: number }>();
  for (const run of plan.runs) {
    const problem = run.dataProblem;
    if (!problem) continue;
    const known = unavailable.get(problem.scenario);
    unavailable.set(problem.scenario, { ...problem, runs: (known?.runs ?? 0) + 1 });
  }
  return {
    examplesPerScenario: config.examplesPerScenario,
    runs: plan.runs.map((run) => ({
      name: run.name,
      scenario: run.scenario,
      groups: run.groups,
      requests: run.requests,
      estimatedPromptTokens: run.estimatedPromptTokens,
      ...(run.skipReason ? { skipReason: run.skipReason } : {}),
    })),
    totals: {
      requests: plan.totals.requests,
      estimatedPromptTokens: plan.totals.estimatedPromptTokens,
      estimatedCompletionTokens: plan.totals.estimatedCompletionTokens ?? null,
      estimatedCostUsd: plan.totals.estimatedCostUsd,
      estimatedSeconds:
        timing.requestSeconds === null
          ? null
          : timing.preparationSeconds + plan.totals.requests * timing.requestSeconds,
    },
    fullRunRequests: null,
    unavailable: [...unavailable.values()],
    preparationSeconds: timing.preparationSeconds,
  };
}

/** Dry runs of the same settings plan the same runs: the key of a run config for {@link DryRunMemory}. */
export function planKey(config: RunConfig): string {
  const { endpoint } = config;
  return JSON.stringify([
    config.examplesPerScenario,
    [...config.scenarios].sort(),
    endpoint.baseUrl.trim(),
    endpoint.model.trim(),
    endpoint.mode,
    endpoint.pricePerMillionPrompt,
    endpoint.pricePerMillionCompletion,
  ]);
}

/** The last few dry-run plans, by {@link planKey}. */
export class DryRunMemory {
  private readonly plans = new Map<string, PlanSummary>();

  constructor(private readonly limit = 8) {}

  get(key: string): PlanSummary | undefined {
    return this.plans.get(key);
  }

  set(key: string, plan: PlanSummary): void {
    this.plans.delete(key);
    this.plans.set(key, plan);
    for (const oldest of this.plans.keys()) {
      if (this.plans.size <= this.limit) break;
      this.plans.delete(oldest);
    }
  }
}
