import { useEffect } from 'react';
import { isEndpointChosen } from '../../src-shared/api/models';
import { BUDGETS } from '../../src-shared/api/runs';
import type { Budget } from '../../src-shared/api/runs';
import { useAppStore } from '../store/hooks';
import { formatCost, formatDuration, formatNumber } from '../format';
import { FamilyNeeds, useBoardFamily } from './board-family';

/** Step 2: examples per scenario, with the expected rank interval, requests, tokens, cost, time and compute saved. */
export function BudgetStep() {
  const budget = useAppStore((state) => state.budget);
  const tradeoff = useAppStore((state) => state.tradeoff);
  const plans = useAppStore((state) => state.plans);
  const leaderboardName = useAppStore((state) => state.leaderboardName);
  const endpoint = useAppStore((state) => state.endpoint);
  const scenarios = useAppStore((state) => state.scenarios);
  const table = useAppStore((state) => state.table);
  const { toggleScenario, chooseBudget, loadTradeoff, loadPlans, goTo } = useAppStore((state) => state);
  const family = useBoardFamily();

  useEffect(() => {
    void loadTradeoff();
  }, [loadTradeoff, leaderboardName]);
  const hasEndpoint = isEndpointChosen(endpoint);

  if (!leaderboardName) return <NeedsLeaderboard />;
  return (
    <section aria-labelledby="budget-title" data-testid="step-budget">
      <h2 id="budget-title">2. Budget</h2>
      <p className="muted">
        Examples per scenario, as in HELM&apos;s <code>run_entries_core_scenarios_N.conf</code>. Fewer examples cost
        less and give a wider rank interval.
      </p>
      <p className="muted small">
        {hasEndpoint ? (
          <button type="button" onClick={() => void loadPlans()} data-testid="dry-run-all">
            Dry-run every budget for {endpoint.model}
          </button>
        ) : (
          'Tokens, cost and time appear once a model is chosen (step 3): they come from a dry run for that model.'
        )}
      </p>
      <p className="muted" data-testid="tradeoff-source">
        {tradeoff
          ? `Rank error (95 % of models within): ${tradeoff.source}`
          : 'Computing the trade-off table for this leaderboard…'}
      </p>
      <div className="table-scroll">
        <table className="wrap-headers" data-testid="budget-table" aria-describedby="budget-title">
          <thead>
            <tr>
              <th scope="col">Examples</th>
              <th scope="col">Median rank error</th>
              <th scope="col">95 % rank error</th>
              <th scope="col">HELM&apos;s table</th>
              <th scope="col">Requests</th>
              <th scope="col">Tokens (board est.)</th>
              <th scope="col">Prompt tokens (dry run)</th>
              <th scope="col">Cost (est.)</th>
              <th scope="col">Time (est.)</th>
              <th scope="col">Compute saved</th>
            </tr>
          </thead>
          <tbody>
            {BUDGETS.map((option) => {
              const row = tradeoff?.rows.find((entry) => entry.budget === option) ?? null;
              const published = tradeoff?.published.find((entry) => entry.budget === option) ?? null;
              const plan = plans[String(option)] ?? null;
              const saved =
                plan?.fullRunRequests && plan.totals.requests > 0
                  ? plan.fullRunRequests / plan.totals.requests
                  : (row?.computeSaved ?? null);
              return (
                <tr key={String(option)} className={option === budget ? 'selected' : undefined}>
                  <th scope="row">
                    <label>
                      <input
                        type="radio"
                        name="budget"
                        value={String(option)}
                        checked={option === budget}
                        onChange={() => chooseBudget(option)}
                        data-testid={`budget-${option}`}
                      />{' '}
                      {budgetLabel(option)}
                    </label>
                  </th>
                  <td>{formatPlusMinus(row?.medianRankError ?? null)}</td>
                  <td>{formatPlusMinus(row?.p95RankError ?? null)}</td>
                  <td>{published ? `±${published.plusMinus}` : '—'}</td>
                  <td>{formatNumber(plan?.totals.requests ?? row?.requests ?? null)}</td>
                  <td data-testid={`tokens-${option}`}>{formatNumber(row?.tokens ?? null)}</td>
                  <td>{formatNumber(plan?.totals.estimatedPromptTokens ?? null)}</td>
                  <td>{formatCost(plan?.totals.estimatedCostUsd ?? null)}</td>
                  <td>{formatDuration(plan?.totals.estimatedSeconds ?? null)}</td>
                  <td>{saved !== null ? `×${saved >= 10 ? Math.round(saved) : saved.toFixed(1)}` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FamilyNeeds family={family} />
      <details className="card" data-testid="scenario-filter">
        <summary>
          Scenarios:{' '}
          {scenarios.length === 0
            ? `all ${table?.columns.length ?? 16} ${family === 'lite' ? 'Lite' : 'core'} scenarios (recommended)`
            : `${scenarios.length} chosen — the rank then uses only those columns`}
        </summary>
        <p className="muted small">
          HELM&apos;s rank is over all core scenarios; running a subset is quicker for a first look but the rank
          interval widens and missing columns are left out.
        </p>
        <div className="rival-list">
          {(table?.columns ?? []).map((column, index) => (
            <label key={column}>
              <input
                type="checkbox"
                checked={scenarios.includes(column)}
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
          {tradeoff.tokensBasis} Board estimates use the leaderboard models&apos; tokenizers; the dry run counts for
          your model.
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

/** Rank errors are ranks: one decimal at most (medians of integers can be halves). */
function formatPlusMinus(value: number | null): string {
  return value === null ? '—' : `±${Math.round(value * 10) / 10}`;
}

export function budgetLabel(budget: Budget): string {
  return budget === 'all' ? 'all (full run)' : String(budget);
}

export function NeedsLeaderboard() {
  const goTo = useAppStore((state) => state.goTo);
  return (
    <section>
      <p>Choose and download a leaderboard first.</p>
      <button type="button" onClick={() => goTo('leaderboard')}>
        Go to Leaderboard
      </button>
    </section>
  );
}
