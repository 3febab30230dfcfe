import type { RankResult } from '../../../src-shared/api/rank';
import { factorHelp, HELP, intervalHelp } from './help-text';

/** "How to read these numbers": every symbol of the results page in a sentence, true for this result. */
export function ResultsHelp({ result }: { result: RankResult }) {
  return (
    <details className="card help" data-testid="results-help">
      <summary>How to read these numbers</summary>
      <dl>
        <dt>95 % rank interval</dt>
        <dd>{intervalHelp(result)}</dd>
        <dt>ĉ (calibration factor)</dt>
        <dd>{factorHelp(result)}</dd>
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
