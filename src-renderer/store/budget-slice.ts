import { isEndpointChosen } from '../../src-shared/api/models';
import type { TradeoffTableView } from '../../src-shared/api/rank';
import type { RunPlanView } from '../../src-shared/api/runs';
import type { SliceContext } from './types';
import { EXAMPLES_PER_SCENARIO } from '../../src-shared/examples-per-scenario';
import type { ExamplesPerScenario } from '../../src-shared/examples-per-scenario';

export interface BudgetSlice {
  examplesPerScenario: ExamplesPerScenario;
  /** Run groups to run (e.g. `boolq`); empty = every core scenario, the only setting that matches the leaderboard's rank. */
  scenarios: string[];
  tradeoff: TradeoffTableView | null;
  /** Dry-run plans by examples per scenario (string key: `10` … `all`), for the chosen model. */
  plans: Partial<Record<string, RunPlanView>>;
  chooseExamplesPerScenario(choice: ExamplesPerScenario): void;
  toggleScenario(scenario: string): void;
  loadTradeoff(): Promise<void>;
  /** Choices of examples per scenario being dry-run right now. */
  planning: string[];
  /**
   * Dry-runs choices of examples per scenario for the current endpoint, one after another (each is an engine process that prepares
   * the data), keeping earlier plans; a choice that fails is left out. Needs a model endpoint.
   */
  loadPlans(choices?: readonly ExamplesPerScenario[]): Promise<void>;
}

export function createBudgetSlice({ set, get, port }: SliceContext): BudgetSlice {
  return {
    examplesPerScenario: 10,
    scenarios: [],
    tradeoff: null,
    plans: {},
    planning: [],
    chooseExamplesPerScenario: (choice) => set({ examplesPerScenario: choice }),
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
    loadPlans: async (choices = EXAMPLES_PER_SCENARIO) => {
      const leaderboard = get().leaderboardName;
      const { endpoint, scenarios } = get();
      if (!leaderboard || !isEndpointChosen(endpoint)) return;
      const key = JSON.stringify([endpoint, scenarios]);
      let firstError: unknown = null;
      for (const examplesPerScenario of choices) {
        set((state) => ({ planning: [...state.planning, String(examplesPerScenario)] }));
        try {
          const plan = await port.api['runs.plan']({
            config: { leaderboard, examplesPerScenario, endpoint, scenarios },
          });
          // Keep the plan only if the endpoint did not change meanwhile.
          if (JSON.stringify([get().endpoint, get().scenarios]) === key)
            set((state) => ({ plans: { ...state.plans, [String(examplesPerScenario)]: plan } }));
        } catch (error) {
          firstError ??= error;
        } finally {
          set((state) => ({ planning: state.planning.filter((entry) => entry !== String(examplesPerScenario)) }));
        }
      }
      if (firstError !== null && choices.length === 1) get().showError(firstError);
    },
  };
}
