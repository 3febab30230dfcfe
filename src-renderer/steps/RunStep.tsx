import type { RunProgressView, RunWarning } from '../../src-shared/api/runs';
import { runCostWords } from '../cost-words';
import { errorAdvice } from '../errors/error-words';
import { useAppStore, useProgress } from '../store/hooks';
import { EnterPrices } from '../components/EnterPrices';
import { ProgressBar } from '../components/ProgressBar';
import { countsText, phaseView, retryText, stoppedText } from './run-view';

/**
 * Step 4: what the engine is doing (phases with counts or bytes), live progress per scenario, an ETA only when
 * measured, retries as one line, warnings; pause / resume / cancel. A run that stopped says so in one line with
 * its Resume button; a failed one says why and what fixes it.
 */
export function RunStep() {
  const progress = useProgress();
  const runId = useAppStore((state) => state.runId);
  const endpoint = useAppStore((state) => state.endpoint);
  const { pauseRun, resumeRun, cancelRun, goTo } = useAppStore((state) => state);
  // While the server is away the controls cannot work: they wait for it (the connection banner says so).
  const isOffline = useAppStore((state) => state.bridge === 'lost');
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
  const phase = phaseView(progress);
  const retry = retryText(progress);
  const stopped = stoppedText(progress);
  const isFinished = progress.status === 'done';
  const cost = runCostWords(progress, endpoint);
  return (
    <section aria-labelledby="run-title" data-testid="step-run" data-status={progress.status}>
      <h2 id="run-title" tabIndex={-1}>
        4. Run{' '}
        <span className="badge" data-testid="run-status">
          {progress.status}
        </span>
      </h2>
      {phase && (
        <div className="run-phase">
          <p data-testid="run-phase" aria-live="polite">
            {phase.text}
          </p>
          {phase.meter && (
            <ProgressBar
              value={phase.meter.value}
              max={phase.meter.max}
              label={phase.meter.label}
              testId="run-phase-progress"
            />
          )}
        </div>
      )}
      {!(progress.status === 'failed' && progress.requestsTotal === 0) && (
        <ProgressBar
          value={isFinished ? Math.max(1, progress.requestsTotal) : progress.requestsDone}
          max={progress.requestsTotal > 0 || isFinished ? Math.max(1, progress.requestsTotal) : null}
          label="Overall progress"
          testId="overall-progress"
        />
      )}
      <p data-testid="run-counts" data-priced={cost.isPriced}>
        {countsText(progress, cost.text)}
        {!cost.isPriced && <EnterPrices />}
      </p>
      {retry && (
        <p className="card warn" data-testid="run-retrying" role="status">
          {retry}
        </p>
      )}
      {stopped && (
        <div className="card warn" data-testid={`run-${progress.status}`}>
          <p>
            <strong>{stopped}</strong>{' '}
            <button
              type="button"
              className="primary"
              onClick={() => void resumeRun()}
              disabled={isOffline}
              data-testid="resume-run"
            >
              Resume
            </button>
          </p>
          <p className="muted">{stoppedDetail(progress.status)}</p>
        </div>
      )}
      {progress.status === 'failed' && (
        <RunFailure progress={progress} onResume={() => void resumeRun()} isOffline={isOffline} />
      )}
      <div className="row">
        {isActive && (
          <button type="button" onClick={() => void pauseRun()} disabled={isOffline} data-testid="pause-run">
            Pause
          </button>
        )}
        {(isActive || progress.status === 'paused') && (
          <button type="button" onClick={() => void cancelRun()} disabled={isOffline} data-testid="cancel-run">
            Cancel
          </button>
        )}
        {isFinished && (
          <button type="button" className="primary" onClick={() => goTo('results')} data-testid="to-results">
            See results
          </button>
        )}
      </div>
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
        {progress.warningsDropped ? (
          <li className="muted" data-testid="warnings-dropped">
            {progress.warningsDropped === 1
              ? '1 earlier warning was not kept'
              : `${progress.warningsDropped.toLocaleString('en-US')} earlier warnings were not kept`}
            ; these are the newest.
          </li>
        ) : null}
        {progress.warnings.length === 0 ? (
          <li className="muted">None.</li>
        ) : (
          progress.warnings.map((warning, index) => (
            <li key={index}>
              {warning.item !== progress.runId && `${warning.item}: `}
              {warning.message}
              {warningAdvice(warning)}
            </li>
          ))
        )}
      </ul>
    </section>
  );
}

/** Why a run failed, in one sentence, what fixes it, and that nothing answered is lost. */
function RunFailure({
  progress,
  onResume,
  isOffline,
}: {
  progress: RunProgressView;
  onResume: () => void;
  isOffline: boolean;
}) {
  const error = progress.error;
  const advice = error ? errorAdvice(error) : undefined;
  return (
    <div className="card bad" data-testid="run-failed" data-code={error?.code} role="alert">
      <p>
        <strong>{error?.message ?? 'The run failed.'}</strong>
      </p>
      {advice && <p>{advice}</p>}
      <p className="muted">
        Nothing is lost: “Resume” continues from the request cache, and requests already answered are not paid for
        again.{' '}
        <button type="button" onClick={onResume} disabled={isOffline} data-testid="resume-run">
          Resume
        </button>
      </p>
    </div>
  );
}

function stoppedDetail(status: RunProgressView['status']): string {
  if (status === 'interrupted')
    return 'The app or its server stopped while this run was under way. Everything answered so far is kept; “Resume” continues from the request cache.';
  if (status === 'paused') return 'Requests already sent were answered and kept; “Resume” sends the rest.';
  return 'Everything answered so far is kept; “Resume” continues from the request cache.';
}

/** A warning's advice in the app's words, when its code has one. */
function warningAdvice(warning: RunWarning): string {
  const advice = errorAdvice({ code: warning.code, message: warning.message });
  return advice ? ` ${advice}` : '';
}

/** Why a scenario was skipped, beside its row (the reason comes as its `run.skipped` warning). */
function skipReason(warnings: readonly RunWarning[], scenario: string): string {
  const reason = warnings.find((warning) => warning.code === 'run.skipped' && warning.item === scenario)?.message;
  return reason ? (reason.startsWith('skipped') ? reason : `skipped: ${reason}`) : 'skipped';
}

/**
 * A HELM run name with line-break opportunities after its separators (`,` `:` `=`), so it wraps between arguments,
 * or between an argument's name and its value, not mid-word.
 */
function RunName({ name }: { name: string }) {
  const parts = name.split(/(?<=[,:=])/);
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
