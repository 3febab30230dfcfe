import { HELP } from './help-text';

/** "How to read these numbers": every symbol of the results page in a sentence. */
export function ResultsHelp() {
  return (
    <details className="card help" data-testid="results-help">
      <summary>How to read these numbers</summary>
      <dl>
        <dt>95 % rank interval</dt>
        <dd>{HELP.interval}</dd>
        <dt>ĉ (calibration factor)</dt>
        <dd>{HELP.factor}</dd>
        <dt>P(rank ≤ k)</dt>
        <dd>{HELP.probRank}</dd>
        <dt>Tied with</dt>
        <dd>{HELP.tied}</dd>
        <dt>Mean win rate</dt>
        <dd>{HELP.meanWinRate}</dd>
        <dt>bootstrap / paired</dt>
        <dd>
          {HELP.method.bootstrap} {HELP.method.paired}
        </dd>
      </dl>
    </details>
  );
}
