import type { RankResult } from '../../../src-shared/api/rank';

/** One-line explanations of the results page's symbols (hover titles and the help panel say the same). */
export const HELP = {
  factor:
    'ĉ, the calibration factor: how much the raw bootstrap interval is widened so that it covered 95 % of the leaderboard’s own models when each played a new model (leave-one-out). 1 = no widening.',
  probRank:
    'P(rank ≤ k): the probability that your model’s rank with every example is k or better, e.g. ≤ 3 = in the top three; widened by ĉ like the interval when calibrated.',
  tied: 'Tied: the order between that model and yours is unresolved — in the bootstrap, yours comes out above it in more than 2.5 % and fewer than 97.5 % of the resamples.',
  method: {
    bootstrap: 'Stratified bootstrap of your scored examples (per run and sub-split), the leaderboard’s cells fixed.',
    paired:
      'Paired estimate: your examples compared with the leaderboard models’ results on the same examples, which narrows the interval.',
  },
  meanWinRate:
    'Mean win rate: per scenario, the share of other models a model beats; averaged over scenarios. Recomputed for every row with your model in the table.',
} as const;

/** What the 95 % rank interval is for this result: exact, calibrated (and on what), or the raw bootstrap interval. */
export function intervalHelp(result: Pick<RankResult, 'certain' | 'calibrated' | 'calibrationBasis'>): string {
  if (result.certain)
    return 'The ranks your model could hold: here one rank, because every example of every scenario was scored (nothing is estimated).';
  if (!result.calibrated)
    return 'The ranks your model could hold, from the bootstrap of your scored examples alone. This result is not calibrated: the interval was not checked on the leaderboard’s own models, so how often it holds the rank you would get with every example is unknown (it may be too narrow).';
  const basis =
    result.calibrationBasis === 'simulated'
      ? ', on data simulated from their published scores'
      : result.calibrationBasis === 'per-instance'
        ? ', on their per-instance results'
        : '';
  return `The ranks your model could hold, at 95 %: the rank you would get with every example of every scenario lies in it for 95 % of models like yours (checked on the leaderboard’s own models${basis}).`;
}

/** What ĉ is, and whether it applies to this result. */
export function factorHelp(result: Pick<RankResult, 'certain' | 'calibrated'>): string {
  if (result.certain) return `${HELP.factor} Not needed here: the rank is exact.`;
  return result.calibrated ? HELP.factor : `${HELP.factor} Not applied here: this result is not calibrated.`;
}
