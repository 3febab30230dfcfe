/** Checks on the real published tables and per-instance stats in ../shared/data (skipped when absent). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData, sharedPath } from '../../dev/testing/shared-data';
import type { Board } from './board';
import { rowCells, withoutModel } from './board';
import { bootstrapRank } from './bootstrap';
import { placeModel } from './placement';
import { DEFAULT_SPREAD_RATIO, fitSpreadRatio } from './simulate';

/** Lite Aug 2024, wide: `model,helm_lite,<10 scenarios>`. */
function liteBoard(): { board: Board; published: number[] } {
  const [header = '', ...lines] = readFileSync(sharedPath('leaderboards', 'helm_lite_240829.csv'), 'utf8')
    .trim()
    .split('\n');
  const columns = header.split(',').slice(2);
  const rows = lines.map((line) => line.split(','));
  return {
    board: {
      models: rows.map((row) => row[0] ?? ''),
      columns: columns.map((name) => ({ name, lowerIsBetter: false })),
      values: rows.map((row) => row.slice(2).map((v) => (v === '' ? null : Number(v)))),
      rule: 'current',
      aggregation: 'win_rate',
    },
    published: rows.map((row) => Number(row[1])),
  };
}

describe.skipIf(!sharedData)('published Lite board (helm_lite_240829.csv)', () => {
  it("placing each model's cells back reproduces its published mean win rate and rank", () => {
    const { board, published } = liteBoard();
    expect(board.models).toHaveLength(72);
    const publishedRank = (j: number) => 1 + published.filter((m, i) => i !== j && m > (published[j] as number)).length;
    let maxError = 0;
    let rankMismatches = 0;
    board.models.forEach((_, j) => {
      const placement = placeModel(withoutModel(board, j), rowCells(board, j), { userRowIndex: j });
      maxError = Math.max(maxError, Math.abs((placement.score as number) - (published[j] as number)));
      if (Math.abs(placement.rank - publishedRank(j)) > 1) rankMismatches++;
    });
    // Published cells are rounded to 3 decimals; docs/helm-fidelity.md §7.2 reports max error 0.0049 for this table.
    expect(maxError).toBeLessThan(0.0055);
    expect(rankMismatches).toBe(0);
  });

  it("gives a zero-width interval when a model's full data is placed back (n = N)", () => {
    const { board } = liteBoard();
    const j = 10;
    const strata = Object.entries(rowCells(board, j)).map(([column, value]) => ({
      id: column,
      column,
      values: Array.from({ length: 1000 }, (_, i) => (i < Math.round(value * 1000) ? 1 : 0)),
      populationSize: 1000,
      binary: true,
    }));
    const rest = withoutModel(board, j);
    const result = bootstrapRank(rest, strata, { resamples: 200, userRowIndex: j });
    const truth = placeModel(rest, rowCells(board, j), { userRowIndex: j });
    expect(result.rankInterval).toEqual([truth.rank, truth.rank]);
    expect(result.rank).toBe(truth.rank);
  });
});

describe.skipIf(!sharedData)('spread of graded per-instance metrics', () => {
  it('keeps the default spread ratio at or above the fit on real NarrativeQA F1 (conservative)', () => {
    const path = sharedPath(
      'every_eval_ever',
      'tests_data_helm',
      'narrative_qa-model=openai_gpt2',
      'per_instance_stats.json',
    );
    const entries = JSON.parse(readFileSync(path, 'utf8')) as {
      stats: { name: { name: string }; sum: number; count: number }[];
    }[];
    const f1 = entries.flatMap((entry) =>
      entry.stats.filter((s) => s.name.name === 'f1_score').map((s) => s.sum / s.count),
    );
    const fitted = fitSpreadRatio(f1);
    expect(fitted).toBeGreaterThan(0);
    expect(fitted).toBeLessThan(1);
    expect(DEFAULT_SPREAD_RATIO).toBeGreaterThanOrEqual(fitted);
  });
});
