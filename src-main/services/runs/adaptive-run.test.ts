import { describe, expect, it } from 'vitest';
import type { PlanSummary } from '../../../src-shared/engine/job';
import type { RankReport } from '../rank/rank-service';
import { runScenario } from '../../../src-shared/helm/run-name';
import { newRequestEstimate, runAdaptive } from './adaptive-run';
import type { ScenarioSignal } from './adaptive-run';
import type { RunRecord } from './run-store';

const SCENARIOS = ['boolq', 'mmlu'];
/** Requests per item: mmlu is dearer. */
const PER_ITEM: Readonly<Record<string, number>> = { boolq: 1, mmlu: 3 };

const runName = (scenario: string, n: number) => `${scenario}:model=o_m,max_eval_instances=${n}`;

function planAt(n: number, only: readonly string[] = SCENARIOS): PlanSummary {
  const runs = only.map((scenario) => {
    const requests = (PER_ITEM[scenario] ?? 1) * Math.min(n, 300);
    return {
      name: runName(scenario, n),
      scenario,
      groups: [scenario],
      evalInstanceIds: [],
      requests,
      estimatedPromptTokens: 10 * requests,
    };
  });
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  return { runs, totals: { requests, estimatedPromptTokens: 10 * requests, estimatedCostUsd: requests / 1000 } };
}

/** A fake engine: remembers each scenario's level to count cache hits as the real cache would. */
function harness(
  options: { status?: (n: number) => RunRecord['status']; halfWidth?: (levels: Record<string, number>) => number } = {},
) {
  const ran: { n: number; scenarios: readonly string[] | null }[] = [];
  const done: Record<string, number> = {};
  const levelOf: Record<string, number> = {};
  const ranked: string[][] = [];
  return {
    ran,
    ranked,
    plan: async (n: number) => planAt(n),
    run: async (n: number, scenarios: readonly string[] | null): Promise<RunRecord> => {
      ran.push({ n, scenarios });
      const which = scenarios ?? SCENARIOS;
      const plan = planAt(n, which);
      let cachedHits = 0;
      for (const scenario of which) {
        cachedHits += (PER_ITEM[scenario] ?? 1) * Math.min(done[scenario] ?? 0, 300);
        done[scenario] = n;
        levelOf[scenario] = n;
      }
      const runId = `r${ran.length}`;
      const overall = {
        requestsDone: plan.totals.requests,
        requestsTotal: plan.totals.requests,
        cachedHits,
        promptTokens: 0,
        completionTokens: 0,
        costUsd: plan.totals.requests / 1000,
        elapsedSeconds: 1,
        etaSeconds: null,
        requestsPerSecond: 0,
        isPaused: false,
      };
      const finishedRuns = which.map((scenario) => ({
        runName: runName(scenario, n),
        outputDir: `/out/${runId}/${scenario}`,
      }));
      return {
        runId,
        status: options.status?.(n) ?? 'done',
        suite: 'v1',
        overall,
        finishedRuns,
        error: null,
      } as unknown as RunRecord; // cast: only these fields are read
    },
    rank: async (directories: readonly string[]): Promise<RankReport> => {
      ranked.push([...directories]);
      // Width narrows as the levels rise: 40/√(mean level/10) by default.
      const mean = Object.values(levelOf).reduce((sum, n) => sum + n, 0) / Math.max(1, Object.keys(levelOf).length);
      const half = options.halfWidth?.(levelOf) ?? Math.round(20 / Math.sqrt(mean / 10));
      return { rank: 30, rankInterval: [30 - half, 30 + half], calibrated: true } as unknown as RankReport; // cast: only these fields are read
    },
  };
}

describe('adaptive refinement', () => {
  it('estimates only the new requests of the next nested level, per scenario when asked', () => {
    expect(newRequestEstimate(planAt(50), planAt(20))).toEqual({ requests: 120, usd: expect.closeTo(0.12, 10) });
    expect(newRequestEstimate(planAt(20), null)).toEqual({ requests: 80, usd: expect.closeTo(0.08, 10) });
    expect(newRequestEstimate(planAt(50), planAt(20), new Set(['mmlu']))).toEqual({
      requests: 90,
      usd: expect.closeTo(0.09, 10),
    });
    expect(runScenario('msmarco:track=regular,valid_topk=30,model=o_m')).toBe('msmarco');
  });

  it('escalates every scenario level by level until the width target is met', async () => {
    const h = harness();
    const result = await runAdaptive({ ...h, targetWidth: 9 });
    // Widths: N=20 → 28, 50 → 18, 100 → 12, 1000 → 4.
    expect(h.ran.map((stage) => stage.n)).toEqual([20, 50, 100, 1000]);
    expect(h.ran.every((stage) => stage.scenarios === null)).toBe(true);
    expect(result.stopReason).toBe('target-width');
    expect(result.stages.map((stage) => stage.newRequests)).toEqual([80, 120, 200, 800]);
    expect(result.stages.at(-1)?.requestsSoFar).toBe(1200);
    expect(h.ranked.at(-1)).toEqual(['/out/r4/boolq', '/out/r4/mmlu']);
  });

  it('stops at N = 1000, on a dollar budget, and when a stage does not finish', async () => {
    const top = harness();
    expect((await runAdaptive({ ...top, start: 100, targetWidth: 0 })).stopReason).toBe('max-level');
    const usd = harness();
    // $0.08 at N=20, +$0.12 at 50 = $0.20; N=100 would add $0.20.
    const spent = await runAdaptive({ ...usd, targetWidth: 0, budget: { unit: 'usd', limit: 0.3 } });
    expect(spent.stopReason).toBe('budget');
    expect(usd.ran.map((stage) => stage.n)).toEqual([20, 50]);
    expect(spent.stages.at(-1)?.costSoFarUsd).toBeCloseTo(0.2, 10);
    const failing = harness({ status: (n) => (n === 50 ? 'failed' : 'done') });
    const failed = await runAdaptive({ ...failing, targetWidth: 0 });
    expect(failed).toMatchObject({ stopReason: 'run-failed', lastRecord: { runId: 'r2' } });
    expect(failed.stages).toHaveLength(1);
  });

  it('stops at max-level once every pool is exhausted, and never raises an exhausted scenario', async () => {
    // Pools of 40 items: levels above 50 add nothing.
    const small = (n: number) => planAt(Math.min(n, 40));
    const all = harness();
    const result = await runAdaptive({ ...all, plan: async (n) => small(n), targetWidth: 0 });
    expect(all.ran.map((stage) => stage.n)).toEqual([20, 50]);
    expect(result.stopReason).toBe('max-level');
    const picky = harness();
    const signals = async (): Promise<Record<string, ScenarioSignal>> => ({
      boolq: { nearbyModels: 8, spread: 0.5 },
      mmlu: { nearbyModels: 1, spread: 0.5 },
    });
    await runAdaptive({
      ...picky,
      plan: async (n) => small(n),
      targetWidth: 0,
      strategy: 'most-uncertain',
      maxScenarios: 1,
      signals,
    });
    expect(picky.ran).toEqual([
      { n: 20, scenarios: null },
      { n: 50, scenarios: ['boolq'] },
      { n: 50, scenarios: ['mmlu'] },
    ]);
  });

  it("most-uncertain raises only the top-priority scenario and ranks it with the other scenario's latest runs", async () => {
    const h = harness();
    // boolq is rank-sensitive and cheap; mmlu has no rival nearby.
    const signals = async (): Promise<Record<string, ScenarioSignal>> => ({
      boolq: { nearbyModels: 8, spread: 0.5 },
      mmlu: { nearbyModels: 0, spread: 0.5 },
    });
    const result = await runAdaptive({
      ...h,
      targetWidth: 0,
      strategy: 'most-uncertain',
      maxScenarios: 1,
      signals,
      budget: { unit: 'requests', limit: 80 + 30 + 50 },
    });
    expect(h.ran).toEqual([
      { n: 20, scenarios: null },
      { n: 50, scenarios: ['boolq'] },
      { n: 100, scenarios: ['boolq'] },
    ]);
    expect(result.stages.map((stage) => stage.newRequests)).toEqual([80, 30, 50]);
    expect(result.stages[1]?.raised).toEqual(['boolq']);
    expect(result.stages[1]?.levels).toEqual({ boolq: 50, mmlu: 20 });
    expect(h.ranked[1]).toEqual(['/out/r1/mmlu', '/out/r2/boolq']);
    // Next: boolq 100 → 1000 costs 200 more requests, over the remaining budget of 0.
    expect(result.stopReason).toBe('budget');
  });
});
