/**
 * Pure data for the results chart: every leaderboard model's mean win rate as a ranked bar, with the new
 * model inserted at its estimated place and its interval. Recomputing mean win rates with the new model is
 * the rank service's job; here the leaderboard's published values are drawn as they are and the new model's
 * bar is placed by its own mean win rate.
 */
import type { LeaderboardRow } from '../../src-shared/api/leaderboards';
import type { RankResult } from '../../src-shared/api/rank';

/** One bar. */
export interface RankChartRow {
  readonly model: string;
  readonly label: string;
  readonly meanWinRate: number;
  readonly isNew: boolean;
  /** Error bar as [below, above] the value, for the new model only (recharts' ErrorBar takes offsets). */
  readonly interval: readonly [number, number] | null;
  readonly isTied: boolean;
}

export function toRankChartData(rows: readonly LeaderboardRow[], result: RankResult | null): RankChartRow[] {
  const tied = new Set(result?.tiedWith ?? []);
  const bars: RankChartRow[] = rows
    .filter((row) => row.meanWinRate !== null)
    .map((row) => ({
      model: row.model,
      label: row.displayName ?? row.model,
      meanWinRate: row.meanWinRate ?? 0,
      isNew: false,
      interval: null,
      isTied: tied.has(row.model),
    }));
  if (result) {
    const [low, high] = result.meanWinRateInterval;
    bars.push({
      model: result.model,
      label: `${result.model} (yours)`,
      meanWinRate: result.meanWinRate,
      isNew: true,
      interval: [Math.max(0, result.meanWinRate - low), Math.max(0, high - result.meanWinRate)],
      isTied: false,
    });
  }
  // Stable sort, best first; on equal values the new model goes after the leaderboard's own rows.
  return bars.sort((a, b) => b.meanWinRate - a.meanWinRate || Number(a.isNew) - Number(b.isNew));
}
