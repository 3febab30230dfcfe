import { isEndpointChosen } from '../../src-shared/api/models';
import type { TradeoffTableView } from '../../src-shared/api/rank';
import type { RunPlanView } from '../../src-shared/api/runs';
import { EXAMPLES_PER_SCENARIO } from '../../src-shared/examples-per-scenario';
import type { ExamplesPerScenario } from '../../src-shared/examples-per-scenario';
import type { ScenarioChoice } from './scenario-choice';
import { configScenarios, toggleColumn } from './scenario-choice';
import type { AppState, SliceContext } from './types';

export interface BudgetSlice {
  examplesPerScenario: ExamplesPerScenario;
  /** Scenarios to run: `all` (the only setting that matches the leaderboard's rank) or the run groups ticked. */
  scenarioChoice: ScenarioChoice;
  /** The trade-off table for the current board and scenario choice. */
  tradeoff: TradeoffTableView | null;
  /** A trade-off table is being computed (the first one of a board takes a while). */
  isTradeoffLoading: boolean;
  /** Dry-run plans by examples per scenario (string key: `10` … `all`), for the chosen model and scenarios. */
  plans: Partial<Record<string, RunPlanView>>;
  chooseExamplesPerScenario(examplesPerScenario: ExamplesPerScenario): void;
  toggleScenario(scenario: string): void;
  /** Every scenario (`all`) or none (to tick a few). */
  chooseAllScenarios(all: boolean): void;
  loadTradeoff(): Promise<void>;
  /** Choices of examples per scenario being dry-run right now. */
  planning: string[];
  /**
   * Dry-runs choices of examples per scenario for the current endpoint, one after another (each is an engine process that prepares
   * the data), keeping earlier plans; a choice that fails is left out. Needs a model endpoint.
   */
  loadPlans(choices?: readonly ExamplesPerScenario[]): Promise<void>;
}

/** What a dry run depends on: the endpoint without its prices (a price edit only re-costs), and the scenarios. */
export function planKey(state: Pick<AppState, 'endpoint' | 'scenarioChoice'>): string {
  const { pricePerMillionPrompt: _prompt, pricePerMillionCompletion: _completion, ...endpoint } = state.endpoint;
  return JSON.stringify([endpoint, configScenarios(state.scenarioChoice)]);
}

/** How long the scenario ticks must rest before the Budget rows are recomputed for them. */
export const SCENARIO_SETTLE_MS = 400;

export function createBudgetSlice({ set, get, port, saveDraft }: SliceContext): BudgetSlice {
  let tradeoffRequest = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;
  // Each scenario set is a new calibration in the main process (seconds to minutes): ticks in quick succession
  // ask once, for the set they end on.
  const chooseScenarios = (scenarioChoice: ScenarioChoice) => {
    set({ scenarioChoice, plans: {} });
    saveDraft();
    if (pending) clearTimeout(pending);
    if (scenarioChoice.length === 0) return;
    set({ isTradeoffLoading: true });
    pending = setTimeout(() => {
      pending = null;
      void get().loadTradeoff();
    }, SCENARIO_SETTLE_MS);
  };
  return {
    examplesPerScenario: 10,
    scenarioChoice: 'all',
    tradeoff: null,
    isTradeoffLoading: false,
    plans: {},
    planning: [],
    chooseExamplesPerScenario: (examplesPerScenario) => {
      set({ examplesPerScenario });
      saveDraft();
    },
    toggleScenario: (scenario) =>
      chooseScenarios(toggleColumn(get().scenarioChoice, scenario, get().table?.columns ?? [])),
    chooseAllScenarios: (all) => chooseScenarios(all ? 'all' : []),
    loadTradeoff: async () => {
      const leaderboard = get().leaderboardName;
      const scenarios = configScenarios(get().scenarioChoice);
      // Nothing ticked yet: keep showing the last table until there is a plan to describe.
      if (!leaderboard || get().scenarioChoice.length === 0) return;
      const request = ++tradeoffRequest;
      set({ isTradeoffLoading: true });
      try {
        const tradeoff = await port.api['rank.tradeoff']({ leaderboard, scenarios });
        // The new rows and the end of the loading state in one update: never new rows still marked as calibrating.
        if (request === tradeoffRequest && get().leaderboardName === leaderboard)
          set({ tradeoff, isTradeoffLoading: false });
      } catch (error) {
        get().showError(error);
      } finally {
        if (request === tradeoffRequest) set({ isTradeoffLoading: false });
      }
    },
    loadPlans: async (choices = EXAMPLES_PER_SCENARIO) => {
      const leaderboard = get().leaderboardName;
      const { endpoint, scenarioChoice } = get();
      if (!leaderboard || !isEndpointChosen(endpoint) || scenarioChoice.length === 0) return;
      const key = planKey(get());
      let firstError: unknown = null;
      for (const examplesPerScenario of choices) {
        set((state) => ({ planning: [...state.planning, String(examplesPerScenario)], planPhase: null }));
        try {
          const plan = await port.api['runs.plan']({
            config: { leaderboard, examplesPerScenario, endpoint, scenarios: configScenarios(scenarioChoice) },
          });
          // Keep the plan only if nothing it depends on changed meanwhile.
          if (planKey(get()) === key)
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
