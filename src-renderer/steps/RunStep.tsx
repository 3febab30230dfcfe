import type { RunWarning } from '../../src-shared/api/runs';
import { useAppStore, useProgress } from '../store/hooks';
import { ProgressBar } from '../components/ProgressBar';
import { formatCost, formatDuration, formatNumber } from '../format';

/** Step 4: live progress per scenario, ETA, tokens and cost so far, warnings; pause / resume / cancel. */
export function RunStep() {
  const progress = useProgress();
  const runId = useAppStore((state) => state.runId);
  const { pauseRun, resumeRun, cancelRun, goTo } = useAppStore((state) => state);
  if (!runId || !progress) {
    return (
      <section data-testid="step-run">
        <h2 id="run-title" tabIndex={-1}>
          4. Run
        </h2>
        <p>No run yet. Configure a model and press “Start run”.</p>
        <button type="button" onClick={() => goTo('model')}>
          Go to Model
        </button>
      </section>
    );
  }
  const isActive = progress.status === 'running' || progress.status === 'planning';
  const canResume = progress.status === 'paused' || progress.status === 'cancelled' || progress.status === 'failed';
  return (
    <section aria-labelledby="run-title" data-testid="step-run" data-status={progress.status}>
      <h2 id="run-title" tabIndex={-1}>
        4. Run{' '}
        <span className="badge" data-testid="run-status">
          {progress.status}
        </span>
      </h2>
      <ProgressBar
        value={progress.requestsDone}
        max={progress.requestsTotal}
        label="Overall progress"
        testId="overall-progress"
      />
      <p>
        {formatNumber(progress.requestsDone)} / {formatNumber(progress.requestsTotal)} requests · ETA{' '}
        {formatDuration(progress.etaSeconds)} · {formatNumber(progress.promptTokens + progress.completionTokens)} tokens
        · {formatCost(progress.costUsd)}
      </p>
      <div className="row">
        {isActive && (
          <button type="button" onClick={() => void pauseRun()} data-testid="pause-run">
            Pause
          </button>
        )}
        {canResume && (
          <button type="button" onClick={() => void resumeRun()} data-testid="resume-run">
            Resume
          </button>
        )}
        {(isActive || progress.status === 'paused') && (
          <button type="button" onClick={() => void cancelRun()} data-testid="cancel-run">
            Cancel
          </button>
        )}
        {progress.status === 'done' && (
          <button type="button" className="primary" onClick={() => goTo('results')} data-testid="to-results">
            See results
          </button>
        )}
      </div>
      {progress.status === 'failed' && progress.error && (
        <p className="card bad" data-testid="run-failed" data-code={progress.error.code}>
          Nothing is lost: “Resume” continues from the request cache, and requests already answered are not paid for
          again.
        </p>
      )}
      <table className="scenario-progress" data-testid="scenario-progress" data-rows={progress.scenarios.length}>
        <tbody>
          {progress.scenarios.map((scenario) => (
            <tr key={scenario.scenario}>
              <th scope="row">
                <RunName name={scenario.scenario} />
              </th>
              <td className="grow">
                {scenario.skipped ? (
                  <span className="muted" data-testid="skip-reason">
                    {skipReason(progress.warnings, scenario.scenario)}
                  </span>
                ) : (
                  <ProgressBar value={scenario.done} max={scenario.total} label={`${scenario.scenario} progress`} />
                )}
              </td>
              <td>
                {scenario.done} / {scenario.total}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Warnings</h3>
      <ul className="log" aria-live="polite" data-testid="run-warnings">
        {progress.warnings.length === 0 ? (
          <li className="muted">None.</li>
        ) : (
          progress.warnings.map((warning, index) => (
            <li key={index}>
              {warning.item}: {warning.message}
            </li>
          ))
        )}
      </ul>
    </section>
  );
}

/** Why a scenario was skipped, beside its row (the reason comes as its `run.skipped` warning). */
function skipReason(warnings: readonly RunWarning[], scenario: string): string {
  const reason = warnings.find((warning) => warning.code === 'run.skipped' && warning.item === scenario)?.message;
  return reason ? (reason.startsWith('skipped') ? reason : `skipped: ${reason}`) : 'skipped';
}

/** A HELM run name with line-break opportunities after its separators, so it wraps between arguments, not mid-word. */
function RunName({ name }: { name: string }) {
  const parts = name.split(/(?<=[,:])/);
  return (
    <>
      {parts.map((part, index) => (
        <span key={index}>
          {part}
          {index < parts.length - 1 && <wbr />}
        </span>
      ))}
    </>
  );
}
