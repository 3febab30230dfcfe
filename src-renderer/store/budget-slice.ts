import { isEndpointChosen } from '../../src-shared/api/models';
import type { TradeoffTable } from '../../src-shared/api/rank';
import type { Budget, RunPlan } from '../../src-shared/api/runs';
import { BUDGETS } from '../../src-shared/api/runs';
import type { SliceContext } from './types';

export interface BudgetSlice {
  budget: Budget;
  /** Run groups to run (e.g. `boolq`); empty = every core scenario, the only setting that matches the leaderboard's rank. */
  scenarios: string[];
  tradeoff: TradeoffTable | null;
  /** Dry-run plans by budget (string key: `10` … `all`), for the chosen model. */
  plans: Partial<Record<string, RunPlan>>;
  chooseBudget(budget: Budget): void;
  toggleScenario(scenario: string): void;
  loadTradeoff(): Promise<void>;
  /** Budgets being dry-run right now. */
  planning: string[];
  /**
   * Dry-runs budgets for the current endpoint, one after another (each is an engine process that prepares
   * the data), keeping earlier plans; a budget that fails is left out. Needs a model endpoint.
   */
  loadPlans(budgets?: readonly Budget[]): Promise<void>;
}

export function createBudgetSlice({ set, get, port }: SliceContext): BudgetSlice {
  return {
    budget: 10,
    scenarios: [],
    tradeoff: null,
    plans: {},
    planning: [],
    chooseBudget: (budget) => set({ budget }),
    toggleScenario: (scenario) =>
      set((state) => ({
        scenarios: state.scenarios.includes(scenario)
          ? state.scenarios.filter((entry) => entry !== scenario)
          : [...state.scenarios, scenario],
        plans: {},
      })),
    loadTradeoff: async () => {
      const leaderboard = get().leaderboardName;
      if (!leaderboard) return;
      try {
        set({ tradeoff: await port.api['rank.tradeoff']({ leaderboard }) });
      } catch (error) {
        get().showError(error);
      }
    },
    loadPlans: async (budgets = BUDGETS) => {
      const leaderboard = get().leaderboardName;
      const { endpoint, scenarios } = get();
      if (!leaderboard || !isEndpointChosen(endpoint)) return;
      const key = JSON.stringify([endpoint, scenarios]);
      let firstError: unknown = null;
      for (const budget of budgets) {
        set((state) => ({ planning: [...state.planning, String(budget)], planPhase: null }));
        try {
          const plan = await port.api['runs.plan']({ config: { leaderboard, budget, endpoint, scenarios } });
          // Keep the plan only if the endpoint did not change meanwhile.
          if (JSON.stringify([get().endpoint, get().scenarios]) === key)
            set((state) => ({ plans: { ...state.plans, [String(budget)]: plan } }));
        } catch (error) {
          firstError ??= error;
        } finally {
          set((state) => ({ planning: state.planning.filter((entry) => entry !== String(budget)) }));
        }
      }
      if (firstError !== null && budgets.length === 1) get().showError(firstError);
    },
  };
}
