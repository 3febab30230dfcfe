import { useState } from 'react';
import { helmModelName, isEndpointChosen, MODEL_PRESETS } from '../../src-shared/api/models';
import type { PresetId } from '../../src-shared/api/models';
import { errorAdvice } from '../errors/error-words';
import { useAppStore } from '../store/hooks';
import { planCostUsd } from '../store/plan-cost';
import type { ScenarioChoice } from '../store/scenario-choice';
import type { AppState } from '../store/types';
import { formatNumber, formatRunTimeAtLeast, RUN_TIME_BASIS } from '../format';
import { planCostWords } from '../cost-words';
import { boardFamilyInfo } from '../../src-shared/leaderboard/board-families';
import { FamilyNeeds, useBoardFamily } from './board-family';
import { DryRunPhase, DryRunProblems, planCannotRun, UrlSuggestion } from '../components/DryRunDetails';
import { KeyStatus } from '../components/KeyStatus';

/** Step 3: endpoint preset, model name, mode, API key (write-only) and "Test connection". */
export function ModelStep() {
  const endpoint = useAppStore((state) => state.endpoint);
  const keyStatus = useAppStore((state) => state.keyStatus);
  const connection = useAppStore((state) => state.connection);
  const isTesting = useAppStore((state) => state.isTestingConnection);
  const examplesPerScenario = useAppStore((state) => state.examplesPerScenario);
  const plan = useAppStore((state) => state.plans[String(state.examplesPerScenario)] ?? null);
  const isPlanning = useAppStore((state) => state.planning.includes(String(state.examplesPerScenario)));
  const choice = useAppStore((state) => state.scenarioChoice);
  const state = useAppStore((current) => current);
  const blockers = startBlockers(state);
  const { choosePreset, editEndpoint, saveKey, forgetKey, testConnection, startRun, goTo } = state;
  // The key lives only in this input until saved; then it is cleared and never read back.
  const [keyDraft, setKeyDraft] = useState('');

  const family = boardFamilyInfo(useBoardFamily());
  const preset = MODEL_PRESETS.find((entry) => entry.id === endpoint.preset);
  const canTest = isEndpointChosen(endpoint);
  return (
    <section aria-labelledby="model-title" data-testid="step-model">
      <h2 id="model-title" tabIndex={-1}>
        3. Model
      </h2>
      {family && <FamilyNeeds family={family.id} />}
      <div className="form-grid">
        <label htmlFor="preset">Service</label>
        <select
          id="preset"
          value={endpoint.preset}
          onChange={(event) => choosePreset(event.target.value as PresetId)}
          data-testid="preset-select"
        >
          {MODEL_PRESETS.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.label}
            </option>
          ))}
        </select>
        <label htmlFor="base-url">Base URL</label>
        <input
          id="base-url"
          type="url"
          value={endpoint.baseUrl}
          placeholder="http://127.0.0.1:8000/v1"
          onChange={(event) => editEndpoint({ baseUrl: event.target.value })}
          data-testid="base-url"
          aria-describedby={hasCredentials(endpoint.baseUrl) ? 'base-url-credentials' : undefined}
        />
        {hasCredentials(endpoint.baseUrl) && (
          <>
            <span />
            <p className="warn-text small" id="base-url-credentials" data-testid="base-url-credentials">
              A user name or password in the Base URL is never saved or sent: remove it, and enter the key under API
              key.
            </p>
          </>
        )}
        <label htmlFor="model-name">Model name</label>
        <input
          id="model-name"
          value={endpoint.model}
          placeholder="e.g. meta-llama/Llama-3-8B"
          onChange={(event) => editEndpoint({ model: event.target.value })}
          data-testid="model-name"
          aria-describedby={endpoint.model.trim() !== '' ? 'helm-model-name' : undefined}
        />
        {endpoint.model.trim() !== '' && (
          <>
            <span />
            <p className="muted small" id="helm-model-name" data-testid="helm-model-name">
              {helmModelName(endpoint.model) === endpoint.model.trim()
                ? `Filed in HELM as ${helmModelName(endpoint.model)}.`
                : `Filed in HELM as ${helmModelName(endpoint.model)} (HELM names models organisation/name); the server still gets “${endpoint.model.trim()}”.`}
            </p>
          </>
        )}
        <span id="mode-label">Mode</span>
        <div role="radiogroup" aria-labelledby="mode-label" className="row">
          {(['completions', 'chat'] as const).map((mode) => (
            <label key={mode}>
              <input
                type="radio"
                name="mode"
                checked={endpoint.mode === mode}
                onChange={() => editEndpoint({ mode })}
                data-testid={`mode-${mode}`}
              />{' '}
              {mode}
            </label>
          ))}
        </div>
        {family && (
          <>
            <span />
            <p className="muted small" data-testid="mode-advice">
              {family.title} suits {family.suggestedMode} mode.{' '}
              {family.suggestedMode === 'chat'
                ? 'In chat mode the model counts as instruction-following and gets HELM’s format instructions.'
                : 'Some scenarios score choices by prompt logprobs, which only completions mode gives.'}
            </p>
          </>
        )}
        <label htmlFor="api-key">API key</label>
        <div className="row">
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            value={keyDraft}
            placeholder={
              keyStatus?.present
                ? 'stored (hidden)'
                : preset?.keyEnvVar
                  ? `or set ${preset.keyEnvVar}`
                  : 'not needed for local servers'
            }
            onChange={(event) => setKeyDraft(event.target.value)}
            data-testid="api-key"
          />
          <button
            type="button"
            disabled={keyDraft === ''}
            onClick={() => void saveKey(keyDraft, () => setKeyDraft(''))}
            data-testid="save-key"
          >
            Save key
          </button>
          {keyStatus?.present && (
            <button type="button" onClick={() => void forgetKey()}>
              Forget key
            </button>
          )}
          <KeyStatus status={keyStatus} baseUrl={endpoint.baseUrl} />
        </div>
        <label htmlFor="price-prompt">Price, $ / M prompt tokens</label>
        <PriceInput
          id="price-prompt"
          value={endpoint.pricePerMillionPrompt}
          onChange={(price) => editEndpoint({ pricePerMillionPrompt: price })}
        />
        <label htmlFor="price-completion">Price, $ / M completion tokens</label>
        <PriceInput
          id="price-completion"
          value={endpoint.pricePerMillionCompletion}
          onChange={(price) => editEndpoint({ pricePerMillionCompletion: price })}
        />
      </div>
      <div className="row">
        <button
          type="button"
          onClick={() => void testConnection()}
          disabled={!canTest || isTesting}
          data-testid="test-connection"
        >
          {isTesting ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      {connection && (
        <div
          className={connection.ok ? 'card ok' : 'card bad'}
          data-testid="connection-report"
          data-ok={String(connection.ok)}
          role="status"
        >
          {connection.ok ? (
            <p>
              <strong>Connected</strong> in {connection.latencyMs ?? '—'} ms.
            </p>
          ) : (
            <p>
              <strong>{connection.error?.message ?? 'Connection failed.'}</strong>{' '}
              {connection.error ? errorAdvice(connection.error) : null}{' '}
              <UrlSuggestion error={connection.error} onUse={(baseUrl) => editEndpoint({ baseUrl })} />
            </p>
          )}
          <ul>
            <li>Completions mode: {yesNo(connection.completions)}</li>
            <li>Chat mode: {yesNo(connection.chat)}</li>
            <li data-testid="echo-support">
              Prompt logprobs (echo): {yesNo(connection.logprobs)}
              {connection.logprobs === false &&
                (chosenOf(connection.scenariosNeedingLogprobs, choice).length > 0
                  ? ` — unsupported: ${scenarioList(chosenOf(connection.scenariosNeedingLogprobs, choice))} score each answer by them and will be skipped (use completions mode on a server that echoes logprobs, e.g. vLLM or llama.cpp server, to run them).`
                  : ' — none of the chosen scenarios needs them.')}
            </li>
            <li data-testid="token-logprobs-support">
              Token logprobs: {yesNo(connection.tokenLogprobs)}
              {connection.tokenLogprobs === false &&
                (chosenOf(connection.scenariosRankedByLogprobs, choice).length > 0
                  ? ` — unsupported: ${scenarioList(chosenOf(connection.scenariosRankedByLogprobs, choice))} rank by the answer’s logprob, so they will run but score less precisely.`
                  : ' — none of the chosen scenarios needs them.')}
            </li>
          </ul>
        </div>
      )}
      {connection?.ok && (
        <div className="card" data-testid="dry-run" data-ready={plan ? 'true' : 'false'} aria-busy={isPlanning}>
          {plan ? (
            <p>
              Dry run at {examplesPerScenario} examples per scenario:{' '}
              <strong>{formatNumber(plan.totals.requests)}</strong> requests in {plan.runs.length} HELM runs, about{' '}
              {formatNumber(plan.totals.estimatedPromptTokens)} prompt tokens, time{' '}
              <span data-testid="dry-run-time">
                {formatRunTimeAtLeast(plan.totals.estimatedSeconds)}
                {plan.totals.estimatedSeconds !== null && ` (${RUN_TIME_BASIS})`}
              </span>
              . <span data-testid="dry-run-cost">{dryRunCost(planCostUsd(plan, endpoint))}</span>
            </p>
          ) : isPlanning ? (
            <DryRunPhase />
          ) : (
            <p className="muted">No dry run yet.</p>
          )}
          {plan && <DryRunProblems plan={plan} />}
        </div>
      )}
      <div className="row">
        <button type="button" onClick={() => goTo('budget')}>
          Back
        </button>
        <button
          type="button"
          className="primary"
          disabled={blockers.length > 0}
          aria-describedby={blockers.length > 0 ? 'start-reason' : undefined}
          onClick={() => void startRun()}
          data-testid="start-run"
        >
          Start run
        </button>
        <span className="muted small" data-testid="draft-status" data-state={state.draftState}>
          {state.draftState === 'saved' ? 'Entries saved (never the key).' : ''}
        </span>
        {blockers.length > 0 && (
          <span id="start-reason" className="muted" data-testid="start-reason">
            {blockers.join(' ')}
          </span>
        )}
      </div>
    </section>
  );
}

/** What keeps "Start run" disabled, in the order to fix it: each a sentence naming the field or button. */
export function startBlockers(state: AppState): string[] {
  const reasons: string[] = [];
  if (!state.leaderboardName) reasons.push('Choose a leaderboard (step 1).');
  if (state.scenarioChoice.length === 0) reasons.push('Tick at least one scenario (step 2).');
  if (!isEndpointChosen(state.endpoint)) reasons.push('Enter the base URL and the model name.');
  else if (state.isTestingConnection) reasons.push('Testing the connection…');
  else if (!state.connection) reasons.push('Test the connection first.');
  else if (!state.connection.ok) reasons.push('The connection test failed: fix what it says, then test again.');
  if (planCannotRun(state.plans[String(state.examplesPerScenario)] ?? null))
    reasons.push('None of the chosen scenarios can run: their data cannot be downloaded (see the dry run).');
  return reasons;
}

/** The dry run's cost at the prices above, or why there is none. */
function dryRunCost(usd: number | null): string {
  const cost = planCostWords(usd, 'above');
  return cost.isPriced ? `Cost ${cost.text} (completions at their maximum length: an upper bound).` : `${cost.text}.`;
}

/** A price field: empty = unknown; keeps what is typed (e.g. "1.") while it is not yet a number. */
function PriceInput({
  id,
  value,
  onChange,
}: {
  id: string;
  value: number | null;
  onChange: (price: number | null) => void;
}) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (value === null ? '' : String(value));
  return (
    <input
      id={id}
      type="number"
      min="0"
      step="0.01"
      inputMode="decimal"
      value={shown}
      onChange={(event) => {
        setText(event.target.value);
        const parsed = Number(event.target.value);
        onChange(event.target.value === '' || !Number.isFinite(parsed) || parsed < 0 ? null : parsed);
      }}
      onBlur={() => setText(null)}
      data-testid={id}
    />
  );
}

/** The scenario ids a report names that are among the chosen run groups (`msmarco` covers `msmarco_trec`, …). */
function chosenOf(ids: readonly string[], choice: ScenarioChoice): string[] {
  if (choice === 'all') return [...ids];
  return ids.filter((id) => choice.some((group) => group === id || group.startsWith(`${id}_`)));
}

/** Display names of the scenarios the connection report can name (ids as the engine knows them). */
const SCENARIO_NAMES: Readonly<Record<string, string>> = {
  hellaswag: 'HellaSwag',
  openbookqa: 'OpenbookQA',
  msmarco: 'MS MARCO',
};

function scenarioList(ids: readonly string[]): string {
  return ids.map((id) => SCENARIO_NAMES[id] ?? id).join(', ');
}

function yesNo(value: boolean | null): string {
  return value === null ? 'not checked' : value ? 'yes' : 'no';
}

/** Whether a typed base URL carries `user:password@` (kept out of settings, refused by Test connection and runs). */
function hasCredentials(baseUrl: string): boolean {
  try {
    const url = new URL(baseUrl);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}
