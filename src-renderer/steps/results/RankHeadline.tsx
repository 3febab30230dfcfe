import type { ReactNode } from 'react';
import type { RankedTable, RankResult } from '../../../src-shared/api/rank';
import { examplesPhrase } from '../../format';
import { HELP, intervalHelp } from './help-text';
import { TiedSummary } from './TiedSummary';

/** The result in one sentence, its 95 % rank interval, how it was computed, P(rank ≤ k), and the tied summary. */
export function RankHeadline({
  result,
  table,
  scenarios,
}: {
  result: RankResult;
  table: RankedTable;
  scenarios: { chosen: number; of: number };
}) {
  const [low, high] = result.rankInterval;
  return (
    <div className="card headline" data-testid="rank-headline">
      <p className="big">
        <strong>{result.model}</strong> ranks <strong data-testid="rank-value">#{result.rank}</strong> of{' '}
        {table.rows.length} on {result.leaderboard}
      </p>
      <p>
        <abbr title={intervalHelp(result)}>95 % rank interval</abbr>:{' '}
        <strong data-testid="rank-interval">
          #{low} – #{high}
        </strong>{' '}
        <span className="muted">(the shaded band on the chart)</span>
      </p>
      <p className="muted small">
        {examplesPhrase(result.examplesPerScenario)} ·{' '}
        {scenarios.chosen >= scenarios.of
          ? `all ${scenarios.of} scenarios`
          : `${scenarios.chosen} of ${scenarios.of} scenarios`}{' '}
        · <abbr title={HELP.method[result.method]}>{result.method}</abbr> · mean win rate{' '}
        {result.meanWinRate.toFixed(3)} · <span data-testid="calibration-basis">{calibrationWords(result)}</span>
        {result.calibrated && result.calibrationNote && !result.certain ? (
          <> · {withHatC(result.calibrationNote)}</>
        ) : null}
      </p>
      <p data-testid="prob-rank">
        <abbr title={HELP.probRank}>P(rank ≤ k)</abbr>
        {result.certain
          ? ' (exact)'
          : result.probRankAtMostCalibrated
            ? ` (calibrated like the interval${result.calibrationBasis === 'simulated' ? ', on simulated data' : ''})`
            : ' (uncalibrated bootstrap shares)'}
        :{' '}
        {Object.entries(result.probRankAtMost)
          .map(([k, p]) => `≤ ${k}: ${(p * 100).toFixed(0)} %`)
          .join(' · ')}
      </p>
      <TiedSummary result={result} table={table} />
    </div>
  );
}

/**
 * What the interval rests on, wherever "calibrated" is shown (docs/calibration.md §7): exact, calibrated on the
 * leaderboard's per-instance data or on data simulated from its published cells, or not calibrated.
 */
function calibrationWords(result: RankResult): string {
  if (result.certain) return 'exact (every item observed)';
  // The note says why ("not calibrated: 12 models are too few …"): said once, with its reason.
  if (!result.calibrated)
    return result.calibrationNote?.startsWith('not calibrated') ? result.calibrationNote : 'not calibrated';
  if (result.calibrationBasis === 'simulated') return 'calibrated (on simulated per-instance data)';
  if (result.calibrationBasis === 'per-instance') return 'calibrated (on per-instance data)';
  return 'calibrated';
}

/** The calibration note with its ĉ explained on hover. */
function withHatC(note: string): ReactNode {
  const parts = note.split('ĉ');
  return parts.map((part, index) => (
    <span key={index}>
      {index > 0 && <abbr title={HELP.factor}>ĉ</abbr>}
      {part}
    </span>
  ));
}
