/**
 * Adaptive refinement (issue #6, scope 7; docs/rank-interval.md §12): run the Efficient-HELM entries at N = 20
 * (or the chosen start), rank against the leaderboard with the calibrated interval, and escalate through
 * HELM's nested conf levels (`_20 → _50 → _100 → _1000`) until the interval is narrow enough, the next stage
 * would overspend the budget, or N = 1000 is reached. Decisions are the pure policy's (src-shared/rank/refine.ts).
 *
 * Why a higher stage is cheap: HELM's eval samples nest (the first n of one fixed order), so a run at the next
 * level repeats every request of the current one word for word and the shared request cache answers them;
 * only the new instances reach the model. A stage's cost is therefore estimated as the dry-run difference
 * between the two levels, and the budget is checked against that before the stage starts.
 *
 * Strategies: `all` raises every scenario together and stops when that whole stage does not fit the budget.
 * `most-uncertain` raises only the scenarios with the highest d_s·σ_s/√c_s (the policy's Neyman-like
 * priority), dropping those the budget cannot pay for; a scenario is a run-entry function (`mmlu`, `msmarco`,
 * …), the unit the engine's `scenarios` filter selects. Ranking then combines each scenario's latest runs.
 *
 * Budgets: `requests` counts requests actually sent to the model (cache hits are free). `usd` counts the dollar
 * cost of the answers each scenario's latest run used, cached ones included (the progress tracker prices them
 * as paid once): an upper bound on what this refinement spent.
 */
import type { PlanSummary } from '../../../src-shared/engine/job';
import { nextStep } from '../../../src-shared/rank/refine';
import type { RefineDecision, RefineScenario } from '../../../src-shared/rank/refine';
import type { RankReport } from '../rank/rank-service';
import type { RunRecord } from './run-store';
import { EFFICIENT_SIZES } from '../../../src-shared/examples-per-scenario';
import type { EfficientSize } from '../../../src-shared/examples-per-scenario';
import { runKey, runScenario } from '../../../src-shared/helm/run-name';

/** A spending limit in one unit. */
export interface AdaptiveBudget {
  readonly unit: 'usd' | 'requests';
  readonly limit: number;
}

/** One finished stage, as printed after it and listed by `--json`. */
export interface AdaptiveStage {
  /** The highest level run in this stage (every scenario's with `all`). */
  readonly examplesPerScenario: EfficientSize;
  /** Scenario → level after this stage; the raised ones are in `raised`. */
  readonly levels: Readonly<Record<string, EfficientSize>>;
  /** Scenarios run in this stage; null = all. */
  readonly raised: readonly string[] | null;
  readonly runIds: readonly string[];
  /** The dry run's estimate of the requests new in this stage. */
  readonly estimatedNewRequests: number;
  /** Requests sent to the model in this stage; the rest came from the cache. */
  readonly newRequests: number;
  readonly cachedHits: number;
  /** Requests sent to the model over all stages. */
  readonly requestsSoFar: number;
  /** Cost of the answers in use so far at the price setting; null without prices. */
  readonly costSoFarUsd: number | null;
  readonly rank: number;
  readonly rankInterval: readonly [number, number];
  readonly calibrated: boolean;
}

/** Why refinement ended: the policy's reasons, or a stage's run not finishing. */
export type AdaptiveStopReason = Extract<RefineDecision, { action: 'stop' }>['reason'] | 'run-failed' | 'cancelled';

export interface AdaptiveResult {
  readonly stages: readonly AdaptiveStage[];
  readonly stopReason: AdaptiveStopReason;
  /** The last ranking; null when no stage finished. */
  readonly rank: RankReport | null;
  /** The last run record (a failed or cancelled one included); null when nothing ran. */
  readonly lastRecord: RunRecord | null;
}

/** What the policy needs about one scenario after a stage (most-uncertain only). */
export interface ScenarioSignal {
  /** d_s: board cells near the user's cell. */
  readonly nearbyModels: number;
  /** σ_s: per-instance standard deviation of the user's values. */
  readonly spread: number;
}

export interface AdaptiveOptions {
  /** First level (default 20). */
  readonly start?: EfficientSize;
  /** Stop once the calibrated interval's hi − lo is at most this. */
  readonly targetWidth: number;
  readonly budget?: AdaptiveBudget | null;
  readonly strategy?: 'all' | 'most-uncertain';
  /** With `most-uncertain`: scenarios raised per stage (default 3). */
  readonly maxScenarios?: number;
  /** Dry run of every scenario at a level (sends nothing). */
  readonly plan: (examples: EfficientSize) => Promise<PlanSummary>;
  /** Runs a level, for the given scenarios or all (null), to the end; returns the final record. */
  readonly run: (examples: EfficientSize, scenarios: readonly string[] | null) => Promise<RunRecord>;
  /** Ranks the union of each scenario's latest runs (`outputDir`s of finished runs). */
  readonly rank: (runDirectories: readonly string[]) => Promise<RankReport>;
  /** d_s and σ_s per scenario of the same runs; required by `most-uncertain`. */
  readonly signals?: (
    runDirectories: readonly string[],
    report: RankReport,
  ) => Promise<Readonly<Record<string, ScenarioSignal>>>;
  readonly onStage?: (stage: AdaptiveStage) => void;
  /** Told before each stage, with the estimate the budget was checked against. */
  readonly onStageStart?: (levels: Readonly<Record<string, EfficientSize>>, estimated: StageEstimate) => void;
}

/** The estimated cost of a stage's new requests. */
export interface StageEstimate {
  readonly requests: number;
  readonly usd: number | null;
}

/**
 * New requests of `next` over `current` (null: nothing ran yet), run by run, for the scenarios in `only`
 * (all when absent). Dollars are the plan's total split by prompt tokens: per-run costs are not planned.
 */
export function newRequestEstimate(
  next: PlanSummary,
  current: PlanSummary | null,
  only?: ReadonlySet<string>,
): StageEstimate {
  const wanted = (scenario: string) => !only || only.has(scenario);
  const usdOf = (plan: PlanSummary | null): number | null => {
    if (!plan) return 0;
    const total = plan.totals.estimatedCostUsd;
    if (total === null) return null;
    const tokens = plan.runs.filter((run) => !run.skipReason).reduce((sum, run) => sum + run.estimatedPromptTokens, 0);
    const part = plan.runs
      .filter((run) => !run.skipReason && wanted(run.scenario))
      .reduce((sum, run) => sum + run.estimatedPromptTokens, 0);
    return tokens === 0 ? 0 : (total * part) / tokens;
  };
  const before = new Map(
    (current?.runs ?? []).filter((run) => !run.skipReason).map((run) => [runKey(run.name), run.requests]),
  );
  let requests = 0;
  for (const run of next.runs)
    if (!run.skipReason && wanted(run.scenario))
      requests += Math.max(0, run.requests - (before.get(runKey(run.name)) ?? 0));
  const nextUsd = usdOf(next);
  const currentUsd = usdOf(current);
  return { requests, usd: nextUsd === null || currentUsd === null ? null : Math.max(0, nextUsd - currentUsd) };
}

/** A finished run's scenario, as its record's plan gives it. */
function scenarioOfRun(record: RunRecord, runName: string): string {
  return record.plan?.runs.find((run) => run.name === runName)?.scenario ?? runScenario(runName);
}

function levelAfter(level: EfficientSize): EfficientSize | null {
  const index = EFFICIENT_SIZES.indexOf(level);
  return index >= 0 && index + 1 < EFFICIENT_SIZES.length ? (EFFICIENT_SIZES[index + 1] as EfficientSize) : null;
}

function inUnit(budget: AdaptiveBudget | null, estimate: StageEstimate): number {
  return budget?.unit === 'usd' ? (estimate.usd ?? 0) : estimate.requests;
}

/** Runs stages until the policy stops; see the file comment. */
export async function runAdaptive(options: AdaptiveOptions): Promise<AdaptiveResult> {
  const budget = options.budget ?? null;
  const strategy = options.strategy ?? 'all';
  if (strategy === 'most-uncertain' && !options.signals) throw new Error('runAdaptive: most-uncertain needs signals');
  const plans = new Map<EfficientSize, PlanSummary>();
  const planAt = async (level: EfficientSize): Promise<PlanSummary> => {
    const known = plans.get(level);
    if (known) return known;
    const fresh = await options.plan(level);
    plans.set(level, fresh);
    return fresh;
  };
  const start: EfficientSize = options.start ?? 20;
  const first = await planAt(start);
  const levels: Record<string, EfficientSize> = Object.fromEntries(
    first.runs.filter((run) => !run.skipReason).map((run) => [run.scenario, start]),
  );
  const latest = new Map<string, RunRecord>();
  const stages: AdaptiveStage[] = [];
  let rank: RankReport | null = null;
  let lastRecord: RunRecord | null = null;
  let requestsSoFar = 0;
  const spent = () => (budget?.unit === 'usd' ? (costInUse() ?? 0) : requestsSoFar);
  const costInUse = (): number | null => {
    const records = new Set(latest.values());
    if (records.size === 0) return null;
    let total: number | null = null;
    for (const record of records) if (record.overall?.costUsd != null) total = (total ?? 0) + record.overall.costUsd;
    return total;
  };

  // The stage to run next: scenario → level, or every scenario at one level (null raised list = all).
  let raise: Record<string, EfficientSize> = { ...levels };
  let raisedAll = true;
  let estimate = newRequestEstimate(first, null);
  if (budget && inUnit(budget, estimate) > budget.limit) return { stages, stopReason: 'budget', rank, lastRecord };

  for (;;) {
    options.onStageStart?.(raise, estimate);
    const byLevel = new Map<EfficientSize, string[]>();
    for (const [scenario, level] of Object.entries(raise))
      byLevel.set(level, [...(byLevel.get(level) ?? []), scenario]);
    const runIds: string[] = [];
    let newRequests = 0;
    let cachedHits = 0;
    for (const [level, scenarios] of [...byLevel].sort((a, b) => a[0] - b[0])) {
      const record = await options.run(level, raisedAll ? null : scenarios);
      lastRecord = record;
      if (record.status !== 'done')
        return { stages, stopReason: record.status === 'cancelled' ? 'cancelled' : 'run-failed', rank, lastRecord };
      runIds.push(record.runId);
      newRequests += record.overall ? record.overall.requestsDone - record.overall.cachedHits : 0;
      cachedHits += record.overall?.cachedHits ?? 0;
      // With `all`, a scenario the first plan skipped but the run finished still counts.
      const covered = raisedAll
        ? new Set([...scenarios, ...record.finishedRuns.map((run) => scenarioOfRun(record, run.runName))])
        : scenarios;
      for (const scenario of covered) {
        latest.set(scenario, record);
        levels[scenario] = level;
      }
    }
    requestsSoFar += newRequests;
    const directories = [...new Set(latest.values())]
      .flatMap((record) =>
        record.finishedRuns
          .filter((run) => latest.get(scenarioOfRun(record, run.runName)) === record)
          .map((run) => run.outputDir),
      )
      .sort();
    rank = await options.rank(directories);
    const stage: AdaptiveStage = {
      examplesPerScenario: Math.max(...Object.values(raise)) as EfficientSize, // cast: the max of conf levels is one
      levels: { ...levels },
      raised: raisedAll ? null : Object.keys(raise).sort(),
      runIds,
      estimatedNewRequests: estimate.requests,
      newRequests,
      cachedHits,
      requestsSoFar,
      costSoFarUsd: costInUse(),
      rank: rank.rank,
      rankInterval: rank.rankInterval,
      calibrated: rank.calibrated,
    };
    stages.push(stage);
    options.onStage?.(stage);

    const decision =
      strategy === 'all'
        ? await decideAll(rank, levels, planAt, options.targetWidth, budget, spent())
        : await decideMostUncertain(rank, levels, planAt, options, budget, spent(), directories);
    if (decision.action === 'stop') return { stages, stopReason: decision.reason, rank, lastRecord };
    raise = decision.levels;
    raisedAll = strategy === 'all';
    estimate = decision.estimate;
  }
}

type Decision =
  | { readonly action: 'stop'; readonly reason: AdaptiveStopReason }
  | { readonly action: 'raise'; readonly levels: Record<string, EfficientSize>; readonly estimate: StageEstimate };

/** `all`: the whole suite is the policy's one scenario; the stage either fits the budget whole or not at all. */
async function decideAll(
  rank: RankReport,
  levels: Record<string, EfficientSize>,
  planAt: (level: EfficientSize) => Promise<PlanSummary>,
  targetWidth: number,
  budget: AdaptiveBudget | null,
  spent: number,
): Promise<Decision> {
  const level = Object.values(levels)[0] ?? 1000;
  const suite = (extra: number): RefineScenario => {
    const next = levelAfter(level);
    const costAt = Object.fromEntries(EFFICIENT_SIZES.map((l) => [l, l === next ? extra : 0])) as Record<
      EfficientSize,
      number
    >; // cast: keys are EFFICIENT_SIZES
    return { column: 'all', level, nearbyModels: 1, spread: 1, costAt };
  };
  // Width and the top level first: neither needs the next level's dry run.
  const free = nextStep({
    interval: rank.rankInterval,
    targetWidth,
    budget: Number.POSITIVE_INFINITY,
    scenarios: [suite(0)],
  });
  if (free.action === 'stop') return free;
  const next = levelAfter(level) as EfficientSize; // the policy raised, so there is a next level
  const estimate = newRequestEstimate(await planAt(next), await planAt(level));
  // Every pool is already exhausted (e.g. RAFT's 40 items per subset): a higher level adds no item.
  if (estimate.requests === 0) return { action: 'stop', reason: 'max-level' };
  if (budget) {
    const paid = nextStep({
      interval: rank.rankInterval,
      targetWidth,
      budget: budget.limit - spent,
      scenarios: [suite(inUnit(budget, estimate))],
    });
    if (paid.action === 'stop') return paid;
  }
  return {
    action: 'raise',
    levels: Object.fromEntries(Object.keys(levels).map((scenario) => [scenario, next])),
    estimate,
  };
}

/** `most-uncertain`: one policy scenario per run-entry function, priced from the dry runs of the levels involved. */
async function decideMostUncertain(
  rank: RankReport,
  levels: Record<string, EfficientSize>,
  planAt: (level: EfficientSize) => Promise<PlanSummary>,
  options: AdaptiveOptions,
  budget: AdaptiveBudget | null,
  spent: number,
  directories: readonly string[],
): Promise<Decision> {
  if (rank.rankInterval[1] - rank.rankInterval[0] <= options.targetWidth)
    return { action: 'stop', reason: 'target-width' };
  const signals = await (options.signals as NonNullable<AdaptiveOptions['signals']>)(directories, rank); // checked on entry
  const states: RefineScenario[] = [];
  const estimates = new Map<string, StageEstimate>();
  for (const [scenario, level] of Object.entries(levels)) {
    const next = levelAfter(level);
    const costAt = Object.fromEntries(EFFICIENT_SIZES.map((l) => [l, 0])) as Record<EfficientSize, number>; // cast: keys are EFFICIENT_SIZES
    if (next !== null) {
      const estimate = newRequestEstimate(await planAt(next), await planAt(level), new Set([scenario]));
      // A pool already exhausted at this level adds no item at the next: nothing to raise.
      if (estimate.requests === 0) continue;
      estimates.set(scenario, estimate);
      // In the budget's unit (what the policy checks against the budget); requests when there is none.
      costAt[next] = budget ? inUnit(budget, estimate) : estimate.requests;
    }
    const signal = signals[scenario] ?? { nearbyModels: 0, spread: 0 };
    states.push({ column: scenario, level, nearbyModels: signal.nearbyModels, spread: signal.spread, costAt });
  }
  if (states.length === 0) return { action: 'stop', reason: 'max-level' };
  const decision = nextStep({
    interval: rank.rankInterval,
    targetWidth: options.targetWidth,
    budget: budget ? budget.limit - spent : Number.POSITIVE_INFINITY,
    scenarios: states,
    strategy: 'most-uncertain',
    maxScenarios: options.maxScenarios ?? 3,
  });
  if (decision.action === 'stop') return decision;
  const chosen = Object.keys(decision.levels);
  const sum = (pick: (estimate: StageEstimate) => number | null): number | null =>
    chosen.reduce<number | null>((total, scenario) => {
      const value = pick(estimates.get(scenario) ?? { requests: 0, usd: 0 });
      return total === null || value === null ? null : total + value;
    }, 0);
  return {
    action: 'raise',
    levels: { ...decision.levels },
    estimate: { requests: sum((e) => e.requests) ?? 0, usd: sum((e) => e.usd) },
  };
}
