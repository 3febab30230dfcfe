import { useEffect } from 'react';
import { isEndpointChosen } from '../../src-shared/api/models';
import { expectedIntervals } from '../store/expected-interval';
import { useAppStore } from '../store/hooks';
import { planCostUsd } from '../store/plan-cost';
import { computeSaved, formatSaved } from '../store/compute-saved';
import { chosenCount, isChosen } from '../store/scenario-choice';
import { formatNumber, formatRunTimeAtLeast, RUN_TIME_BASIS } from '../format';
import { NO_PRICE, planCostWords } from '../cost-words';
import { EnterPrices } from '../components/EnterPrices';
import { EXAMPLES_PER_SCENARIO } from '../../src-shared/examples-per-scenario';
import type { ExamplesPerScenario } from '../../src-shared/examples-per-scenario';
import { FamilyNeeds, useBoardFamily } from './board-family';
import { tradeoffCaption } from './budget-caption';

/**
 * Step 2: examples per scenario. Each row predicts what a run will give — the expected 95 % rank interval with its
 * coverage, from the calibration the results page uses — and what it costs, for the scenarios chosen below.
 */
export function BudgetStep() {
  const examplesPerScenario = useAppStore((state) => state.examplesPerScenario);
  const storedTradeoff = useAppStore((state) => state.tradeoff);
  const isLoading = useAppStore((state) => state.isTradeoffLoading);
  const storedPlans = useAppStore((state) => state.plans);
  const leaderboardName = useAppStore((state) => state.leaderboardName);
  const endpoint = useAppStore((state) => state.endpoint);
  const choice = useAppStore((state) => state.scenarioChoice);
  const table = useAppStore((state) => state.table);
  const { toggleScenario, chooseAllScenarios, chooseExamplesPerScenario, loadTradeoff, loadPlans, goTo } = useAppStore(
    (state) => state,
  );
  const family = useBoardFamily();

  useEffect(() => {
    if (leaderboardName) void loadTradeoff();
  }, [loadTradeoff, leaderboardName]);
  const hasEndpoint = isEndpointChosen(endpoint);

  if (!leaderboardName) return <NeedsLeaderboard />;
  const columns = table?.columns ?? [];
  const chosen = chosenCount(choice, columns);
  // With no scenario ticked there is no plan: no row shows figures of an earlier choice.
  const noneChosen = choice !== 'all' && columns.length > 0 && chosen === 0;
  const tradeoff = noneChosen ? null : storedTradeoff;
  const plans = noneChosen ? {} : storedPlans;
  const intervals = tradeoff ? expectedIntervals(tradeoff) : [];
  return (
    <section aria-labelledby="budget-title" data-testid="step-budget">
      <h2 id="budget-title" tabIndex={-1}>
        2. Budget
      </h2>
      <p className="muted">
        Examples per scenario, as in HELM&apos;s <code>run_entries_core_scenarios_N.conf</code>. Fewer examples cost
        less and give a wider rank interval. Every column describes the plan for{' '}
        <strong data-testid="budget-scenarios">
          {choice === 'all'
            ? `all ${columns.length} scenarios`
            : chosen === 0
              ? 'no scenario yet'
              : `${chosen} of ${columns.length} scenarios`}
        </strong>
        .
      </p>
      <p className="muted" data-testid="tradeoff-source" aria-busy={isLoading}>
        {tradeoffCaption(tradeoff, { chosen, of: columns.length }, isLoading)}
      </p>
      <div className="table-wide">
        <table className="wrap-headers" data-testid="budget-table" aria-describedby="budget-title">
          <thead>
            <tr>
              <th scope="col">Examples per scenario</th>
              <th scope="col">Expected 95 % rank interval</th>
              <th scope="col">Coverage</th>
              <th scope="col">HELM&apos;s table</th>
              <th scope="col">Requests</th>
              <th scope="col">Tokens (est.)</th>
              <th scope="col">Cost (dry run)</th>
              <th scope="col">Time (dry run)</th>
              <th scope="col">Compute saved</th>
            </tr>
          </thead>
          <tbody>
            {EXAMPLES_PER_SCENARIO.map((option) => {
              const row = tradeoff?.rows.find((entry) => entry.examplesPerScenario === option) ?? null;
              const interval = intervals.find((entry) => entry.examplesPerScenario === option) ?? null;
              const published = tradeoff?.published.find((entry) => entry.examplesPerScenario === option) ?? null;
              const plan = plans[String(option)] ?? null;
              const tokens = plan
                ? plan.totals.estimatedPromptTokens + (plan.totals.estimatedCompletionTokens ?? 0)
                : (row?.tokens ?? null);
              const saved = computeSaved(row?.computeSaved ?? null, plan, plans.all ?? null);
              return (
                <tr
                  key={String(option)}
                  className={option === examplesPerScenario ? 'selected' : undefined}
                  data-testid={`budget-row-${option}`}
                >
                  <th scope="row">
                    <label>
                      <input
                        type="radio"
                        name="budget"
                        value={String(option)}
                        checked={option === examplesPerScenario}
                        onChange={() => chooseExamplesPerScenario(option)}
                        data-testid={`budget-${option}`}
                      />{' '}
                      {examplesLabel(option)}
                    </label>
                  </th>
                  {isLoading && option !== 'all' ? (
                    // The full run needs no calibration; every other row waits for this scenario set's.
                    <td data-testid={`interval-${option}`} data-scenarios="" aria-busy="true" colSpan={2}>
                      <span className="calibrating" data-testid={`calibrating-${option}`}>
                        Calibrating… <span className="muted small">(first time for this scenario set)</span>
                      </span>
                    </td>
                  ) : (
                    <>
                      <td data-testid={`interval-${option}`} data-scenarios={interval?.scenarios.length ?? ''}>
                        {formatHalfWidth(interval?.medianHalfWidth ?? null)}
                        {interval?.q95HalfWidth ? (
                          <span className="muted small"> (1 in 20: {formatHalfWidth(interval.q95HalfWidth)})</span>
                        ) : null}
                        {interval && !interval.calibrated ? (
                          <div className="muted small" data-testid={`not-calibrated-${option}`}>
                            not calibrated
                          </div>
                        ) : null}
                      </td>
                      <td data-testid={`coverage-${option}`}>
                        {interval?.coverage === null || interval === null
                          ? '—'
                          : `${Math.round(interval.coverage * 100)} %${interval.calibrated ? '' : ' (raw)'}`}
                      </td>
                    </>
                  )}
                  <td>{published ? `±${published.plusMinus}` : '—'}</td>
                  <td data-testid={`requests-${option}`}>
                    <Counted isDryRun={plan !== null} value={plan?.totals.requests ?? row?.requests ?? null} />
                  </td>
                  <td data-testid={`tokens-${option}`}>
                    <Counted isDryRun={plan !== null} value={tokens} />
                  </td>
                  <td data-testid={`cost-${option}`}>{plan ? <PlanCost usd={planCostUsd(plan, endpoint)} /> : '—'}</td>
                  <td data-testid={`time-${option}`} title={plan ? `At least: ${RUN_TIME_BASIS}` : undefined}>
                    {formatRunTimeAtLeast(plan?.totals.estimatedSeconds ?? null)}
                  </td>
                  <td data-testid={`saved-${option}`}>
                    {saved.kind === 'dry-run' ? (
                      <span className="dry-run" title="Full-run requests ÷ these requests, both counted by dry runs">
                        {formatSaved(saved.ratio)}
                      </span>
                    ) : saved.kind === 'board' ? (
                      formatSaved(saved.ratio)
                    ) : (
                      <span title={saved.why}>—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Requests, tokens and compute saved <span className="dry-run">underlined</span> are counted by dry runs for your
        model (compute saved: the full run&apos;s dry-run requests ÷ the row&apos;s); the others are estimated from the
        leaderboard&apos;s runs. Times are {RUN_TIME_BASIS}.{' '}
        {hasEndpoint ? (
          <button type="button" onClick={() => void loadPlans()} data-testid="dry-run-all" disabled={chosen === 0}>
            Dry-run every budget for {endpoint.model}
          </button>
        ) : (
          'Cost and time appear once a model is chosen (step 3): they come from a dry run for that model.'
        )}
      </p>
      {Object.values(plans).some((plan) => plan && planCostUsd(plan, endpoint) === null) && (
        <p className="muted small" data-testid="budget-no-price">
          {NO_PRICE}.
          <EnterPrices />
        </p>
      )}
      <FamilyNeeds family={family} />
      <details className="card" data-testid="scenario-filter">
        <summary>
          Scenarios:{' '}
          {choice === 'all'
            ? `all ${columns.length} ${family === 'lite' ? 'Lite' : 'core'} scenarios (recommended)`
            : chosen === 0
              ? 'none chosen yet'
              : `${chosen} of ${columns.length} scenarios — the rank then uses only those columns`}
        </summary>
        <p className="muted small">
          HELM&apos;s rank is over all core scenarios; running a subset is quicker for a first look but the rank
          interval widens and missing columns are left out.
        </p>
        <div className="row">
          <button type="button" onClick={() => chooseAllScenarios(true)} data-testid="scenarios-all">
            All (recommended)
          </button>
          <button type="button" onClick={() => chooseAllScenarios(false)} data-testid="scenarios-none">
            None
          </button>
          {chosen === 0 && <span className="warn-text small">Tick at least one scenario.</span>}
        </div>
        <div className="rival-list">
          {columns.map((column, index) => (
            <label key={column}>
              <input
                type="checkbox"
                checked={isChosen(choice, column)}
                onChange={() => toggleScenario(column)}
                data-testid={`scenario-${column}`}
              />{' '}
              {table?.headers[index] ?? column}
            </label>
          ))}
        </div>
      </details>
      {tradeoff && (
        <p className="muted small" data-testid="tokens-basis">
          {tradeoff.tokensBasis} Board estimates use the leaderboard models&apos; tokenizers; after a dry run, tokens
          are counted for your model (prompts, plus completions at their maximum length).
        </p>
      )}
      {tradeoff && tradeoff.published.length > 0 && (
        <p className="muted small" data-testid="published-source">
          HELM&apos;s table: {tradeoff.publishedSource}. It understates the error when only your model is subsampled.
        </p>
      )}
      <div className="row">
        <button type="button" onClick={() => goTo('leaderboard')}>
          Back
        </button>
        <button type="button" className="primary" onClick={() => goTo('model')} data-testid="to-model">
          Next: model
        </button>
      </div>
    </section>
  );
}

/** A count from the dry run (underlined, with a title) or from the board's estimate. */
function Counted({ value, isDryRun }: { value: number | null; isDryRun: boolean }) {
  return isDryRun ? (
    <span className="dry-run" title="Counted by the dry run for your model">
      {formatNumber(value)}
    </span>
  ) : (
    <>{formatNumber(value)}</>
  );
}

/** A dry run's cost; without a price, a short "no price" whose title says where to enter one (below the table too). */
function PlanCost({ usd }: { usd: number | null }) {
  const cost = planCostWords(usd);
  return cost.isPriced ? (
    <>{cost.text}</>
  ) : (
    <span className="muted" title={cost.text}>
      no price
    </span>
  );
}

/** Half-widths are ranks: one decimal at most (medians of integers can be halves). */
function formatHalfWidth(value: number | null): string {
  if (value === null) return '—';
  const rounded = Math.round(value * 10) / 10;
  return `±${rounded} rank${rounded === 1 ? '' : 's'}`;
}

export function examplesLabel(examplesPerScenario: ExamplesPerScenario): string {
  return examplesPerScenario === 'all' ? 'all (full run)' : formatNumber(examplesPerScenario);
}

export function NeedsLeaderboard() {
  const goTo = useAppStore((state) => state.goTo);
  const imported = useAppStore((state) => state.imported);
  return (
    <section data-testid="step-budget" aria-labelledby="budget-title">
      <h2 id="budget-title" tabIndex={-1}>
        2. Budget
      </h2>
      <p>
        {imported.length > 0
          ? 'Choose one of the downloaded leaderboards first.'
          : 'Choose and download a leaderboard first.'}
      </p>
      <button type="button" onClick={() => goTo('leaderboard')}>
        Go to Leaderboard
      </button>
    </section>
  );
}
