import { describe, expect, it } from 'vitest';
import { columnsFor, schemaFor } from '../../../src-shared/leaderboard/schema';
import { DEFAULT_TOKENS_PER_REQUEST } from '../../../src-shared/rank/tokens';
import type { IndexedRun, LeaderboardIndex } from '../leaderboards/leaderboard-index';
import { boardTokenRates } from './tradeoff-service';

const columns = columnsFor(schemaFor('classic'), 'accuracy');

function run(group: string, model: string, tokensPerRequest?: IndexedRun['tokensPerRequest']): IndexedRun {
  return {
    name: `${group}:model=${model}`,
    model,
    modelDeployment: '',
    groups: [group],
    suite: 'v0.3.0',
    numInstances: {},
    ...(tokensPerRequest ? { tokensPerRequest } : {}),
  };
}

function index(runs: IndexedRun[]): LeaderboardIndex {
  return {
    formatVersion: 1,
    name: 'b',
    catalogueId: null,
    title: 'b',
    project: 'classic',
    release: 'r',
    kind: runs.length > 0 ? 'run-archive' : 'release-files',
    winRateRule: 'legacy',
    importedAt: '',
    models: [],
    displayNames: [],
    runs,
    tables: {},
    warnings: [],
  };
}

describe('boardTokenRates', () => {
  it("takes the median over the column's runs on its main split", () => {
    const boolqSplit = columns.find((column) => column.group === 'boolq')?.split as string;
    const rates = boardTokenRates(
      index([
        run('boolq', 'a', { [boolqSplit]: { prompt: 100, output: 1 } }),
        run('boolq', 'b', { [boolqSplit]: { prompt: 900, output: 1 } }),
        run('boolq', 'c', { [boolqSplit]: { prompt: 300, output: 1 }, other: { prompt: 5000, output: 0 } }),
        run('boolq', 'd', { other: { prompt: 5000, output: 0 } }),
        run('boolq', 'e'),
      ]),
      columns,
    );
    expect(rates.perRequest.boolq).toBe(301);
    expect(rates.fromBoard).toEqual(['boolq']);
    expect(rates.perRequest.mmlu).toBe(DEFAULT_TOKENS_PER_REQUEST.mmlu);
  });

  it('falls back to the stated defaults on a release-file board, and says so', () => {
    const rates = boardTokenRates(index([]), columns);
    expect(rates.fromBoard).toEqual([]);
    expect(rates.basis).toMatch(/^Tokens: stated defaults for every scenario/);
  });
});
