/** What History shows and searches of a run: the scenarios it covered, in one line, and whether it matches a query. */
import type { HistoryEntry } from '../../src-shared/api/history';
import { formatRankRange } from '../../src-shared/rank/rank-range';

/**
 * The scenarios a run covered. A run that chose none (`scenarios` null or empty) covered every core scenario: the
 * columns of its board (`boardColumns`, when that board is imported), so a search for one of them finds it.
 */
export function runScenarios(entry: HistoryEntry, boardColumns: readonly string[]): readonly string[] {
  return entry.scenarios && entry.scenarios.length > 0 ? entry.scenarios : boardColumns;
}

/** "all 16" or "2 of 16: BoolQ, TruthfulQA". */
export function scenarioSummary(entry: HistoryEntry, of: number, name: (id: string) => string): string {
  if (!entry.scenarios || entry.scenarios.length === 0) return `all ${of}`;
  return `${entry.scenarios.length} of ${of}: ${entry.scenarios.map(name).join(', ')}`;
}

/** Every word of the query is in the run's model, board, status, id, examples or scenarios (ids or names). */
export function matchesSearch(
  entry: HistoryEntry,
  query: string,
  scenarios: readonly string[],
  name: (id: string) => string,
): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const text = [
    entry.model,
    entry.leaderboard,
    entry.status,
    entry.runId,
    String(entry.examplesPerScenario),
    ...scenarios,
    ...scenarios.map(name),
  ]
    .join(' ')
    .toLowerCase();
  return words.every((word) => text.includes(word));
}

/** "#12 (#10–#13)"; "#13" when the interval is that one rank; "—" when not ranked. */
export function rankWithInterval(rank: number | null, interval: readonly [number, number] | null): string {
  if (rank === null) return '—';
  if (!interval || (interval[0] === rank && interval[1] === rank)) return `#${rank}`;
  return `#${rank} (${formatRankRange(interval[0], interval[1])})`;
}
