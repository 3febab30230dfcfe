/**
 * The dry run's and the connection test's findings on the Model step: what cannot run and why, the phase of a dry
 * run under way, a mistyped base URL's fix.
 */
import type { RunPlanView } from '../../src-shared/api/runs';
import type { AppErrorData } from '../../src-shared/errors';
import { scenarioDisplayName } from '../../src-shared/helm/scenario-names';
import { errorAdvice } from '../errors/error-words';
import { useAppStore } from '../store/hooks';
import { phaseLine } from '../steps/run-view';
import { ProgressBar } from './ProgressBar';

/** Whether a dry run found nothing that can run (every chosen scenario's data is missing): Start is then off. */
export function planCannotRun(plan: RunPlanView | null): boolean {
  return plan !== null && plan.totals.requests === 0 && (plan.unavailable ?? []).length > 0;
}

/**
 * What the dry run found missing: each chosen scenario whose data cannot be had, with the URL tried (the mirror's)
 * and its answer, what fixes it, and whether anything can run at all.
 */
export function DryRunProblems({ plan }: { plan: RunPlanView }) {
  const unavailable = plan.unavailable ?? [];
  if (unavailable.length === 0) return null;
  const nothing = planCannotRun(plan);
  const first = unavailable[0];
  const advice = first
    ? errorAdvice({
        code: first.code,
        message: first.message,
        details: { status: first.status, mirrored: first.triedUrl !== first.sourceUrl },
      })
    : undefined;
  return (
    <div className={nothing ? 'card bad' : 'card warn'} data-testid="unreachable-sources" role="alert">
      <p>
        <strong>
          {nothing
            ? 'The data of the chosen scenarios cannot be downloaded:'
            : `The data of ${unavailable.length === 1 ? 'one chosen scenario' : `${unavailable.length} chosen scenarios`} cannot be downloaded; the others will run:`}
        </strong>
      </p>
      <ul>
        {unavailable.map((problem) => (
          <li key={problem.scenario}>
            {scenarioDisplayName(problem.scenario)} ({problem.runs} HELM run{problem.runs === 1 ? '' : 's'}):{' '}
            {problem.message.replace(/^Scenario [^:]+: /, '')}
          </li>
        ))}
      </ul>
      {advice && <p>{advice}</p>}
      {nothing && <p data-testid="start-blocked">None of the chosen scenarios can run, so “Start run” is off.</p>}
    </div>
  );
}

/** What the dry run under way is doing, with a bar when its total is known. */
export function DryRunPhase() {
  const progress = useAppStore((state) => state.planPhase);
  const examplesPerScenario = useAppStore((state) => state.examplesPerScenario);
  const line = progress && progress.examplesPerScenario === examplesPerScenario ? phaseLine(progress.phase) : null;
  return (
    <div data-testid="dry-run-phase">
      <p className="muted">Dry run: {line ? line.text : 'preparing the scenarios’ data and counting requests…'}</p>
      {line?.meter && <ProgressBar value={line.meter.value} max={line.meter.max} label={line.meter.label} />}
    </div>
  );
}

/** "Use http://…": the base URL a test found mistyped (no scheme, `htp://`), one click away. */
export function UrlSuggestion({ error, onUse }: { error: AppErrorData | null; onUse: (baseUrl: string) => void }) {
  const suggestion = error?.code === 'model.bad-url' ? error.details?.suggestion : undefined;
  if (typeof suggestion !== 'string') return null;
  return (
    <button type="button" onClick={() => onUse(suggestion)} data-testid="use-suggested-url">
      Use {suggestion}
    </button>
  );
}
