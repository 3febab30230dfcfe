import type { RankedTable, RankResult } from '../../../src-shared/api/rank';
import { HELP } from './help-text';
import { formatRankRange } from '../../../src-shared/rank/rank-range';

/** "Tied with 48 models, #20–#68": one collapsible line with its definition, the names inside. */
export function TiedSummary({ result, table }: { result: RankResult; table: RankedTable }) {
  const rows = table.rows.filter((row) => row.isTied);
  const names = (models: readonly string[]) =>
    models.map((model) => {
      const row = table.rows.find((candidate) => candidate.model === model);
      return row?.displayName ?? model;
    });
  const span = (ranks: readonly number[]) =>
    ranks.length === 0 ? '' : `, ${formatRankRange(Math.min(...ranks), Math.max(...ranks))}`;
  const rankOf = (model: string) => table.rows.find((row) => row.model === model)?.rank ?? null;
  const noise = result.tiedWithIncludingBoardNoise;
  const noiseRanks = (noise ?? []).map(rankOf).filter((rank) => rank !== null);
  const added = (noise ?? []).filter((model) => !result.tiedWith.includes(model));
  const count = (n: number) => `${n} model${n === 1 ? '' : 's'}`;
  return (
    <details className="tied" data-testid="tied-with">
      <summary data-testid="tied-summary">
        {rows.length === 0
          ? 'Tied with no model'
          : `Tied with ${count(rows.length)}${span(rows.map((row) => row.rank))}`}
      </summary>
      <p className="muted small">
        {HELP.tied} It is a pairwise statement, so the tied models need not fill your 95 % rank interval (
        {formatRankRange(...result.rankInterval)}), which is about your position among all of them.
      </p>
      {rows.length > 0 && (
        <ul className="model-list">
          {rows.map((row) => (
            <li key={row.model} title={row.model}>
              #{row.rank} {row.displayName ?? row.model}
            </li>
          ))}
        </ul>
      )}
      {noise !== null && (
        <p className="muted small" data-testid="tied-with-board-noise" title={result.boardNoiseNote ?? undefined}>
          Counting the leaderboard models&apos; own sampling noise too: tied with {count(noise.length)}
          {span(noiseRanks)}
          {added.length > 0 ? `; that adds ${names(added).join(', ')}` : ''}.
        </p>
      )}
    </details>
  );
}
